"""上传报告 Upload (administrator only): drop files, see what was extracted, then commit the load.

Sign-in and "not available" come from ui/auth.py; checking and reading the bytes, and the load, from
etl/uploads.py. Viewers keep browsing during a load: the store swaps a finished file into place and
ui/data.py keys its caches on the database stamp, so their next rerun shows the new report.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from etl import config
from etl.extract.pipeline import default_catalogue
from etl.ingest import uploads
from etl.models import Correction
from etl.store import queries
from etl.store.corrections import CorrectionError
from etl.store.replacement import StoredReport
from etl.store.writes import apply_corrections
from ui import auth, components, curation, data, shell
from ui.check_text import check_detail, check_name
from ui.etl_messages import action_name, localise, localise_problem
from ui.format import notice_value
from ui.i18n import DEFAULT_LANG, LANGS, level_name, t

_STAGED_KEY = "_upload_staged"  # list[StagedFile] awaiting review
_PENDING_KEY = "_upload_pending"  # report_id → {figure index: indicator id or None}: corrections made in the review
_ORIGINALS_KEY = "_upload_originals"  # sha256 → bytes of the staged files (for the optional archive)
_RESULT_KEY = "_upload_result"  # outcomes of the last commit
_UPLOADER_KEY = "_upload_widget_generation"

lang = st.query_params.get("lang")
lang = lang if lang in LANGS else DEFAULT_LANG
who = auth.require_admin(lang)  # stops here for anyone else
view = shell.current_view(need_report=False)


def _t(key: str, **values: object) -> str:
    return t(key, view.lang, **values)


catalogue = default_catalogue()
names = curation.indicator_names(catalogue, view.lang)


def _reset() -> None:
    st.session_state.pop(_STAGED_KEY, None)
    st.session_state.pop(_PENDING_KEY, None)
    st.session_state.pop(_ORIGINALS_KEY, None)
    st.session_state[_UPLOADER_KEY] = st.session_state.get(_UPLOADER_KEY, 0) + 1


def _pending(report_id: str) -> dict[int, str | None]:
    pending: dict[str, dict[int, str | None]] = st.session_state.setdefault(_PENDING_KEY, {})
    return pending.setdefault(report_id, {})


def _edit_meta(position: int, item: uploads.StagedFile) -> None:
    assert item.extraction is not None
    edited = curation.meta_form(item.extraction.meta, view.lang, f"meta_{item.extraction.report_id}")
    if edited is not None:
        staged_now: list[uploads.StagedFile] = st.session_state[_STAGED_KEY]
        staged_now[position] = replace(item, extraction=replace(item.extraction, meta=edited))
        st.rerun()


def _review(position: int, item: uploads.StagedFile, planned: uploads.PlannedAction | None,
            loss: uploads.PlannedAction | None) -> None:
    ex = item.extraction
    if ex is None:
        st.error(notice_value(localise(item.reason, view.lang), 400), icon=":material/block:")
        return
    meta = ex.meta
    labels = {
        "new": _t("admin.action_new"),
        "unchanged": _t("admin.action_unchanged"),
        "replaces": _t("admin.action_replaces", ids=planned.detail if planned else ""),
        "loses": _t("admin.action_loses_badge"),
    }
    failed = [c for c in ex.checks if not c.is_ok]
    with st.container(border=True):
        st.markdown(f"**{components.md_escape(item.name)}** · {item.size:,} B")
        row = st.container(horizontal=True)
        losing = loss is not None and loss.action == "loses"  # what the commit would lose without confirming
        row.badge(labels.get(planned.action if planned else "new", ""), color="red" if losing else "blue",
                  icon=":material/database:")
        row.badge(_t("admin.figures", n=len(ex.figures)), color="gray")
        row.badge(_t("admin.indicators", n=sum(i is not None for i in ex.indicator_ids)), color="gray")
        row.badge(_t("admin.failed_checks", n=len(failed)), color="orange" if failed else "green")
        fields = {
            _t("col.title"): meta.title,
            _t("common.region"): meta.region_name,
            _t("admin.level"): level_name(meta.admin_level, view.lang) if meta.admin_level else None,
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
        if loss is not None and losing:
            st.error(_t("admin.action_loses", detail=notice_value(loss.detail, 600)), icon=":material/warning:")
            st.checkbox(_t("admin.confirm_loss"), key=f"confirm_loss_{ex.report_id}")
        _edit_meta(position, item)
        for warning in ex.warnings:
            st.warning(notice_value(localise(warning, view.lang), 400), icon=":material/warning:")
        for check in failed:
            check_row = {"rule": check.rule, "indicator_id": check.indicator_id, "detail": check.detail,
                         "params": dict(check.params)}
            worded = f"{check_name(check_row, view.lang)}:{check_detail(check_row, view.lang)}"
            st.warning(notice_value(worded, 400),
                       icon=":material/rule:")
        pending = _pending(ex.report_id)
        rows = curation.staged_rows(ex, pending)
        with st.expander(_t("admin.figures_table", n=len(ex.figures)), expanded=bool(len(ex.figures))):
            curation.show_figures_table(rows, view.lang, names)

        def save(index: int, indicator_id: str | None) -> None:
            pending[index] = indicator_id

        curation.correction_form(rows, catalogue, view.lang, f"fix_{ex.report_id}", save)
        if pending:
            st.caption(_t("admin.pending", n=len(pending)))


def _review_corrections(staged_now: list[uploads.StagedFile], planned_now: dict[str, uploads.PlannedAction]
                        ) -> list[Correction]:
    """The corrections made in the review, for the reports the commit writes or keeps (not a refused one)."""
    made: list[Correction] = []
    for item in staged_now:
        ex = item.extraction
        if ex is None or planned_now.get(ex.report_id, uploads.PlannedAction("new")).action == "loses":
            continue
        rows = curation.staged_rows(ex, {})
        for index, indicator_id in _pending(ex.report_id).items():
            correction = curation.correction_for(ex.meta, rows[index], indicator_id, who)
            if correction is not None:
                made.append(correction)
    return made


def _stored_report_review() -> None:
    """Check the report chosen in the sidebar: corrections are saved at once, in one swap."""
    if view.report is None:
        return
    st.subheader(_t("admin.stored_title"))
    st.caption(view.report_label)
    frame = data.figures_frame([str(view.report_id)])
    rows = curation.stored_rows(frame)
    with st.expander(_t("admin.figures_table", n=len(rows))):
        curation.show_figures_table(rows, view.lang, names)
    region, year = view.report.get("region_name"), view.report.get("report_year")

    def save(index: int, indicator_id: str | None) -> None:
        if not region or year is None or pd.isna(year):
            return
        correction = Correction(str(region), int(year), rows[index].text, rows[index].context, indicator_id, "",
                                who, None, "upload page")
        try:
            outcomes = apply_corrections(config.db_path(), [correction], catalogue, "upload page")
        except CorrectionError as error:
            st.session_state[_RESULT_KEY] = [("error", p) for p in error.problems]
        else:
            st.session_state[_RESULT_KEY] = [("ok", _t("admin.saved", what=o.detail)) for o in outcomes]
        st.rerun()

    curation.correction_form(rows, catalogue, view.lang, f"stored_{view.report_id}", save)


components.page_header(view, "admin.title")
head = st.container(horizontal=True, vertical_alignment="center")
head.caption(_t("admin.signed_in", who=components.md_escape(who)))
head.button(_t("admin.logout"), on_click=auth.sign_out, type="tertiary", icon=":material/logout:")

result = st.session_state.pop(_RESULT_KEY, None)
for kind, line in result or []:
    if kind == "ok":
        st.success(notice_value(line, 400), icon=":material/check_circle:")
    else:
        st.error(notice_value(line, 400), icon=":material/error:")

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
    # Every key of the stored reports, with their parser version and sizes, so the review predicts
    # re-extraction and a lossy replacement exactly as the load decides them.
    loaded = [
        StoredReport(r["report_id"], r["region_name"], None if pd.isna(r["report_year"]) else int(r["report_year"]),
                     None if pd.isna(r["year_span"]) else r["year_span"], str(r["source_file"] or ""),
                     str(r["parser_version"]), int(r["figure_count"]), int(r["observation_count"]))
        for r in reports.to_dict("records")
    ]
    confirmed = {s.extraction.report_id for s in staged if s.extraction is not None
                 and st.session_state.get(f"confirm_loss_{s.extraction.report_id}")}
    planned = uploads.plan(staged, loaded, replace=confirmed)
    unconfirmed = uploads.plan(staged, loaded)
    accepted = [s for s in staged if s.accepted]
    rejected = [s for s in staged if not s.accepted]
    st.caption(_t("admin.summary", ok=len(accepted), bad=len(rejected)))
    for position, item in enumerate(staged):
        rid = item.extraction.report_id if item.extraction else ""
        _review(position, item, planned.get(rid), unconfirmed.get(rid))
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
        try:
            with st.spinner(_t("admin.committing")):
                outcomes = uploads.commit(
                    staged,
                    config.db_path(),
                    originals=st.session_state.get(_ORIGINALS_KEY),
                    archive=uploads.archive_dir(),
                    replace=confirmed,
                    corrections=_review_corrections(staged, planned),
                )
        except CorrectionError as error:
            st.session_state[_RESULT_KEY] = [("error", p) for p in error.problems]
        else:
            _reset()
            st.session_state[_RESULT_KEY] = [
                ("error" if o.action in ("refused", "unmatched") else "ok",
                 f"{action_name(o.action, view.lang)}: {localise_problem(o.detail, view.lang)}"
                 if o.action in ("corrected", "unmatched")
                 else f"{o.source_file}: {action_name(o.action, view.lang)} — {localise(o.detail, view.lang)}")
                for o in outcomes
            ]
        st.rerun()
else:
    st.caption(_t("admin.nothing_staged"))

_stored_report_review()
with st.expander(_t("admin.load_log")):
    st.dataframe(data.query(queries.load_events, 50), hide_index=True, width="stretch")
