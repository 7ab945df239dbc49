"""Entry point: `streamlit run dashboard.py`.

Builds the database on first start, draws the shared sidebar (language, region, year — all in the URL),
then hands over to the chosen page. The page list lives in ui/nav.py; the sidebar in ui/shell.py.
After a page's first complete run the long-lived heap is frozen (ui/heap.py): Streamlit's collection after
every run would otherwise walk it on each view.
"""

from __future__ import annotations

from ui import data, nav, shell, slides

if slides.is_presenting():  # ?present=1: the slides alone, no sidebar or menu (ui/slides.py)
    page = slides.presentation_navigation()
    page.run()
    data.settle_heap("present")
else:
    view = shell.render_shell()
    page = nav.build_navigation(view.lang)
    page.run()
    data.settle_heap(page.url_path, view.lang)
