"""The app's own stylesheets and scripts, kept as files under ui/static/ (css/, js/) and read once per process.

They are inlined where they are used (st.html for presentation mode, the downloaded HTML briefing), never
linked: the briefing must open from disk, and the page then needs no extra request. ui/static is also what
Streamlit serves at /app/static (the CJK font, the favicon), so nothing here comes from the internet.
No streamlit here.
"""

from __future__ import annotations

import functools
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"


@functools.cache
def static_text(relative_path: str) -> str:
    """The text of ui/static/<relative_path> (e.g. "css/present.css"), read once per process."""
    return (STATIC_DIR / relative_path).read_text(encoding="utf-8")


def style_element(relative_path: str) -> str:
    """A stylesheet as an inline <style> element, for st.html."""
    return f"\n<style>\n{static_text(relative_path)}</style>\n"


def script_element(relative_path: str) -> str:
    """A script as an inline <script> element, for st.html(..., unsafe_allow_javascript=True)."""
    return f"\n<script>\n{static_text(relative_path)}</script>\n"
