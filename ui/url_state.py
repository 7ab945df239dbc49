"""View state in the URL: notices about parameters that named nothing, and multi-choices kept as ids.

Streamlit 1.67 widgets take `bind="query-params"`: the widget's value lives in the URL under its key, is
seeded from the URL on load, and (for widgets of the entry script) survives page switches. A bound widget
drops an invalid URL value silently, so `check_param` looks at the raw value first and tells the reader.

Page-level multi-choices whose URL form should be ids rather than display names (a bound multiselect writes
its *formatted* labels into the URL) go through `url_multiselect`, which syncs `st.query_params` by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence

import streamlit as st

from ui.format import notice_value
from ui.i18n import t
from ui.view import is_bad_param

_NOTICES_KEY = "_notices"


def add_notice(message: str) -> None:
    notices = st.session_state.setdefault(_NOTICES_KEY, [])
    if message not in notices:
        notices.append(message)


def take_notices() -> list[str]:
    return st.session_state.pop(_NOTICES_KEY, [])


def check_param(param: str, valid: Container[str], lang: str) -> None:
    """A notice when `?param=` is set to something not in `valid` (the bound widget then shows its default)."""
    raw = st.query_params.get(param)
    if is_bad_param(raw, valid):
        add_notice(t("notice.bad_param", lang, param=param, value=notice_value(raw)))


def url_multiselect(
    label: str,
    options: Sequence[str],
    *,
    param: str,
    default: Sequence[str],
    format_func: Callable[[str], str],
    lang: str,
    max_selections: int | None = None,
    placeholder: str | None = None,
) -> list[str]:
    """A multiselect whose choice lives in the URL as ids (?ind=a&ind=b), invalid ids dropped with a notice."""
    key = f"_ms_{param}"
    written_key = f"_ms_{param}_written"
    options = list(options)
    default = [d for d in default if d in options]
    raw = st.query_params.get_all(param)
    if raw and raw != st.session_state.get(written_key):
        valid = list(dict.fromkeys(v for v in raw if v in options))
        invalid = [v for v in raw if v not in options]
        if invalid:
            st.warning(t("notice.bad_param", lang, param=param, value=notice_value(",".join(invalid))))
        st.session_state[key] = (valid or default)[: max_selections or None]
    elif key not in st.session_state:
        st.session_state[key] = default
    else:
        st.session_state[key] = [v for v in st.session_state[key] if v in options]
    chosen = st.multiselect(
        label, options, key=key, format_func=format_func, max_selections=max_selections, placeholder=placeholder
    )
    if chosen == default:
        if param in st.query_params:
            del st.query_params[param]
        st.session_state[written_key] = []
    else:
        st.query_params[param] = chosen
        st.session_state[written_key] = list(chosen)
    return list(chosen)
