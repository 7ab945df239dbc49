"""The app's own stylesheets and scripts, kept as files under ui/static/ (css/, js/) and read once per process.

They are inlined where they are used (st.html for presentation mode, the downloaded HTML briefing), never
linked: the briefing must open from disk, and the page then needs no extra request. ui/static is also what
Streamlit serves at /app/static (the CJK font, the favicon), so nothing here comes from the internet.
No streamlit here.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import Any

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


PLOTLY_ZH_LOCALE_JS = "js/plotly-locale-zh-cn.js"
_JS_STRING = re.compile(r"'((?:[^'\\]|\\.)*)'")
_JS_KEY = re.compile(r"(?m)^(\s*)([A-Za-z_]\w*)\s*:")
_JS_COMMENT = re.compile(r"(?m)\s+//[^\n]*$")


@functools.cache
def plotly_locale(relative_path: str = PLOTLY_ZH_LOCALE_JS) -> dict[str, Any]:
    """The locale object of a vendored plotly.js locale file ({"name", "dictionary", "format"}), for a chart's
    `config.locales`: Streamlit bundles its own plotly.js, so the dictionary travels with each chart instead of
    being registered on a global Plotly. Read from the same file the HTML briefing inlines."""
    text = static_text(relative_path)
    start = text.index("{", text.index("var plotlyLocale"))
    end = text.index("\n};", start) + 2
    literal = _JS_COMMENT.sub("", text[start:end])
    literal = _JS_STRING.sub(lambda m: json.dumps(m.group(1).replace("\\'", "'"), ensure_ascii=False), literal)
    literal = _JS_KEY.sub(r'\1"\2":', literal)
    locale: dict[str, Any] = json.loads(literal)
    return locale


def chart_locale_config(lang: str) -> dict[str, Any]:
    """What a chart's config needs for its toolbar and dates in `lang` (nothing for English, plotly's own)."""
    if lang == "en":
        return {}
    locale = plotly_locale()
    name = str(locale["name"])
    return {"locale": name, "locales": {name: {"dictionary": locale["dictionary"], "format": locale["format"]}}}
