"""Entry point: `streamlit run dashboard.py`.

Builds the database on first start, draws the shared sidebar (language, region, year — all in the URL),
then hands over to the chosen page. The page list lives in ui/nav.py; the sidebar in ui/shell.py.
"""

from __future__ import annotations

from ui import nav, shell, slides

if slides.is_presenting():  # ?present=1: the slides alone, no sidebar or menu (ui/slides.py)
    slides.presentation_navigation().run()
else:
    view = shell.render_shell()
    nav.build_navigation(view.lang).run()
