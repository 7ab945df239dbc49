"""The report replacement rule, once: what a load does with each incoming report, given what is stored.

Pure (no connection), so the load (`etl.store.writes`) and the upload review's prediction
(`etl.ingest.uploads.plan`) cannot disagree. In incoming order, each report is

- re-extracted ("replaced") when the same text is stored by another parser version: its figures are
  rebuilt with what the ETL does today;
- "unchanged" when the same text is already stored (or came earlier in the batch);
- "replaced" when it supersedes reports of the same region, year and span, stored or earlier in the batch
  (an earlier one of the batch is then not written at all);
- "refused" when such a new version would keep under half of the figures or of the indicator values of a
  version it supersedes (a 900-character opening uploaded over the full report): the stored report stays,
  unless the operator asked for the replacement (`replace`: True for all, or the incoming report ids);
- else "loaded".

A report without a region or a year replaces nothing: its key would match unrelated reports.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from etl import PARSER_VERSION
from etl.models import Extraction

ReportKey = tuple[str | None, int | None, str | None]  # (region_name, report_year, year_span)


@dataclass(frozen=True)
class StoredReport:
    report_id: str
    region_name: str | None
    report_year: int | None
    year_span: str | None
    source_file: str = ""
    parser_version: str = PARSER_VERSION
    figure_count: int = 0
    observation_count: int = 0

    @property
    def key(self) -> ReportKey:
        return (self.region_name, self.report_year, self.year_span)


@dataclass(frozen=True)
class IncomingReport:
    report_id: str
    region_name: str | None
    report_year: int | None
    year_span: str | None
    source_file: str
    figure_count: int = 0
    observation_count: int = 0

    @property
    def key(self) -> ReportKey:
        return (self.region_name, self.report_year, self.year_span)

    @classmethod
    def of(cls, ex: Extraction) -> IncomingReport:
        m = ex.meta
        observations = len({i for i in ex.indicator_ids if i is not None})
        return cls(ex.report_id, m.region_name, m.report_year, m.year_span, ex.source_file, len(ex.figures),
                   observations)


@dataclass(frozen=True)
class Decision:
    """What happens to one incoming report; `detail` is the line the load records."""

    action: str  # loaded | unchanged | replaced | refused
    detail: str
    replaces: tuple[str, ...] = ()  # report ids it supersedes (its own stored copy when re-extracted)


@dataclass(frozen=True)
class Replacement:
    decisions: tuple[Decision, ...]  # one per incoming report, in incoming order
    deletes: tuple[str, ...]  # stored report ids whose rows the load deletes
    writes: tuple[int, ...]  # positions in the incoming sequence of the reports whose rows are written


def loses_most(old_figures: int, old_values: int, new_figures: int, new_values: int) -> bool:
    """A new version that keeps under half of the old one's figures or of its indicator values."""
    return new_figures * 2 < old_figures or new_values * 2 < old_values


def _loss_detail(report: IncomingReport, old: Sequence[tuple[str, str, int, int]]) -> str:
    figures = max(o[2] for o in old)
    values = max(o[3] for o in old)
    names = ", ".join(f"{source_file} ({rid})" for rid, source_file, _, _ in old)
    return (
        f"not replaced: it would remove {max(figures - report.figure_count, 0)} of {figures} figures and "
        f"{max(values - report.observation_count, 0)} of {values} indicator values of {report.region_name} "
        f"{report.report_year} (stored: {names}); the stored report stays. Load it with --replace (or confirm "
        "the replacement in the upload review) to replace it"
    )


def decide(
    stored: Iterable[StoredReport],
    incoming: Sequence[IncomingReport],
    parser_version: str = PARSER_VERSION,
    replace: bool | Collection[str] = False,
) -> Replacement:
    """The action for each incoming report, the stored reports to delete and the incoming ones to write.

    `replace` allows a replacement that loses most of a report (True: any; else the incoming report ids).
    """
    stored = list(stored)
    # report_id → (figures, indicator values), of what is stored and of this batch so far.
    sizes = {s.report_id: (s.figure_count, s.observation_count) for s in stored}
    sizes.update({r.report_id: (r.figure_count, r.observation_count) for r in incoming})
    # report_id → (key, source_file) for what is stored plus what this batch adds so far.
    existing = {s.report_id: (s.key, s.source_file) for s in stored}
    stale = {s.report_id: s.parser_version for s in stored if s.parser_version != parser_version}
    # The same index by key, so finding the versions a report replaces is one lookup, not a scan of every
    # stored report (which made a large load quadratic). Insertion order matches `existing`.
    by_key: dict[ReportKey, dict[str, str]] = {}
    for rid, (k, source_file) in existing.items():
        by_key.setdefault(k, {})[rid] = source_file
    pending: dict[str, int] = {}  # report_id → position in `incoming`, for the reports to write
    deletes: list[str] = []
    decisions: list[Decision] = []
    for position, report in enumerate(incoming):
        rid = report.report_id
        reextracted: Decision | None = None
        if rid in stale:
            deletes.append(rid)
            detail = f"re-extracted with parser {parser_version} (was {stale.pop(rid)})"
            reextracted = Decision("replaced", detail, (rid,))
            del by_key[existing.pop(rid)[0]][rid]
        elif rid in existing:
            decisions.append(Decision("unchanged", "already loaded (same content)"))
            continue
        key = report.key
        replaced = list(by_key.get(key, {}).items()) if report.region_name and report.report_year else []
        allowed = replace is True or (not isinstance(replace, bool) and rid in replace)
        if replaced and reextracted is None and not allowed:
            old_sizes = [(old, source_file, *sizes.get(old, (0, 0))) for old, source_file in replaced]
            if any(loses_most(f, v, report.figure_count, report.observation_count) for _, _, f, v in old_sizes):
                decisions.append(Decision("refused", _loss_detail(report, old_sizes)))
                continue
        for old, _ in replaced:
            # An earlier version is either stored (delete it) or earlier in this batch (do not write it).
            if pending.pop(old, None) is None:
                deletes.append(old)
                # Deleted now, so the same text arriving later in the batch is new, not a re-extraction.
                stale.pop(old, None)
            del existing[old]
            del by_key[key][old]
        existing[rid] = (key, report.source_file)
        by_key.setdefault(key, {})[rid] = report.source_file
        pending[rid] = position
        replaced_ids = tuple(old for old, _ in replaced)
        if reextracted is not None:
            # The outcome line names the re-extraction only, as the load always has.
            decisions.append(Decision("replaced", reextracted.detail, (*reextracted.replaces, *replaced_ids)))
        elif replaced:
            names = ", ".join(f"{source_file} ({old})" for old, source_file in replaced)
            detail = f"replaced earlier version {names} of {key[0]} {key[1]}"
            decisions.append(Decision("replaced", detail, replaced_ids))
        else:
            decisions.append(Decision("loaded", f"{report.figure_count} figures"))
    return Replacement(tuple(decisions), tuple(deletes), tuple(pending.values()))
