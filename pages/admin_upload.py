"""上传报告 Upload (administrator only): drop files, see what was extracted, then commit the load.

Sign-in and "not available" come from ui/auth.py; checking and reading the bytes, and the load, from
etl/uploads.py. Viewers keep browsing during a load: the store swaps a finished file into place and
ui/data.py keys its caches on the database stamp, so their next rerun shows the new report.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl import config
from etl.ingest import uploads
from ui import auth, components, data, shell
from ui.format import notice_value
from ui.i18n import DEFAULT_LANG, LANGS, t

_STAGED_KEY = "_upload_staged"  # list[StagedFile] awaiting review
_ORIGINALS_KEY = "_upload_originals"  # sha256 → bytes of the staged files (for the optional archive)
_RESULT_KEY = "_upload_result"  # outcomes of the last commit
_UPLOADER_KEY = "_upload_widget_generation"

lang = st.query_params.get("lang")
lang = lang if lang in LANGS else DEFAULT_LANG
who = auth.require_admin(lang)  # stops here for anyone else
view = shell.current_view(need_report=False)


def _t(key: str, **values: object) -> str:
    return t(key, view.lang, **values)


def _reset() -> None:
    st.session_state.pop(_STAGED_KEY, None)
    st.session_state.pop(_ORIGINALS_KEY, None)
    st.session_state[_UPLOADER_KEY] = st.session_state.get(_UPLOADER_KEY, 0) + 1


def _review(item: uploads.StagedFile, planned: uploads.PlannedAction | None) -> None:
    ex = item.extraction
    if ex is None:
        st.error(notice_value(item.reason, 400), icon=":material/block:")
        return
    meta = ex.meta
    labels = {
        "new": _t("admin.action_new"),
        "unchanged": _t("admin.action_unchanged"),
        "replaces": _t("admin.action_replaces", ids=planned.detail if planned else ""),
    }
    failed = [c for c in ex.checks if not c.is_ok]
    with st.container(border=True):
        st.markdown(f"**{components.md_escape(item.name)}** · {item.size:,} B")
        row = st.container(horizontal=True)
        row.badge(labels.get(planned.action if planned else "new", ""), color="blue", icon=":material/database:")
        row.badge(_t("admin.figures", n=len(ex.figures)), color="gray")
        row.badge(_t("admin.indicators", n=sum(i is not None for i in ex.indicator_ids)), color="gray")
        row.badge(_t("admin.failed_checks", n=len(failed)), color="orange" if failed else "green")
        fields = {
            _t("col.title"): meta.title,
            _t("common.region"): meta.region_name,
            _t("admin.level"): meta.admin_level,
            _t("common.year"): meta.year_span or (str(meta.report_year) if meta.report_year else None),
            _t("col.published"): meta.date_published,
            _t("col.url"): meta.source_url,
            _t("col.excerpt"): _t("common.yes") if meta.is_excerpt else _t("common.no"),
            _t("admin.format"): ex.source_format,
            _t("admin.chars"): f"{len(ex.document.text):,}",
        }
        # A plain HTML table (readable, searchable); st.table renders markdown, so every value is escaped.
        st.table(
            pd.DataFrame(
                {
                    _t("admin.field"): list(fields),
                    _t("common.value"): [components.md_escape(v) if v else "—" for v in fields.values()],
                }
            ),
            hide_index=True,
        )
        for warning in ex.warnings:
            st.warning(notice_value(warning, 400), icon=":material/warning:")
        for check in failed:
            st.warning(notice_value(f"{check.rule}: {check.detail}", 400), icon=":material/rule:")
        text = ex.document.text
        figures = pd.DataFrame(
            {
                _t("common.figure_text"): [f.text for f in ex.figures],
                _t("common.value"): [float(f.value) for f in ex.figures],
                _t("common.unit"): [f.unit for f in ex.figures],
                _t("common.indicator"): [i or "" for i in ex.indicator_ids],
                _t("common.sentence"): [text[f.sentence_start : f.sentence_end].strip() for f in ex.figures],
            }
        )
        with st.expander(_t("admin.figures_table", n=len(ex.figures)), expanded=bool(len(ex.figures))):
            st.dataframe(figures, hide_index=True, width="stretch")


components.page_header(view, "admin.title")
head = st.container(horizontal=True, vertical_alignment="center")
head.caption(_t("admin.signed_in", who=components.md_escape(who)))
head.button(_t("admin.logout"), on_click=auth.sign_out, type="tertiary", icon=":material/logout:")

result = st.session_state.pop(_RESULT_KEY, None)
if result:
    for outcome in result:
        st.success(
            notice_value(f"{outcome.source_file}: {outcome.action} — {outcome.detail}", 400),
            icon=":material/check_circle:",
        )

generation = st.session_state.get(_UPLOADER_KEY, 0)
files = st.file_uploader(
    _t("admin.drop", mb=uploads.MAX_UPLOAD_MB),
    type=list(uploads.UPLOAD_TYPES),
    accept_multiple_files=True,
    max_upload_size=uploads.MAX_UPLOAD_MB,
    key=f"admin_files_{generation}",
)
if files and st.button(_t("admin.read", n=len(files)), icon=":material/search:", key="admin_read"):
    bar = st.progress(0.0, text=_t("admin.reading"))

    def _progress(index: int, total: int, name: str) -> None:
        bar.progress((index - 1) / total, text=_t("admin.reading_file", i=index, n=total, name=name))

    pairs = [(f.name, f.getvalue()) for f in files]
    read = uploads.stage_files(pairs, progress=_progress)
    bar.progress(1.0, text=_t("admin.read_done", n=len(read)))
    st.session_state[_STAGED_KEY] = read
    st.session_state[_ORIGINALS_KEY] = {s.sha256: d for s, (_, d) in zip(read, pairs, strict=True) if s.accepted}

staged: list[uploads.StagedFile] = st.session_state.get(_STAGED_KEY) or []
if staged:
    st.subheader(_t("admin.review"))
    reports = data.reports_frame()
    loaded = [
        (r["report_id"], r["region_name"], None if pd.isna(r["report_year"]) else int(r["report_year"]),
         None if pd.isna(r["year_span"]) else r["year_span"])
        for r in reports.to_dict("records")
    ]
    planned = uploads.plan(staged, loaded)
    accepted = [s for s in staged if s.accepted]
    rejected = [s for s in staged if not s.accepted]
    st.caption(_t("admin.summary", ok=len(accepted), bad=len(rejected)))
    for item in staged:
        _review(item, planned.get(item.extraction.report_id) if item.extraction else None)
    actions = st.container(horizontal=True)
    commit = actions.button(
        _t("admin.commit", n=len(accepted)),
        type="primary",
        disabled=not accepted,
        icon=":material/upload:",
        key="admin_commit",
    )
    actions.button(_t("admin.discard"), on_click=_reset, icon=":material/delete:", key="admin_discard")
    if commit:
        with st.spinner(_t("admin.committing")):
            outcomes = uploads.commit(
                staged,
                config.db_path(),
                originals=st.session_state.get(_ORIGINALS_KEY),
                archive=uploads.archive_dir(),
            )
        _reset()
        st.session_state[_RESULT_KEY] = outcomes
        st.rerun()
else:
    st.caption(_t("admin.nothing_staged"))
