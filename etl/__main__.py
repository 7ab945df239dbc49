"""Command line: `python -m etl load|extract|indicators|corrections|review` (see README)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from etl import config
from etl.extract.pipeline import default_catalogue, extract_file
from etl.extract.read import ReadError
from etl.ingest.corrections import read_corrections, write_corrections
from etl.ingest.load import load_paths
from etl.review import command as review_command
from etl.store import connect_readonly
from etl.store import corrections as stored_corrections
from etl.store.connection import missing_tables
from etl.store.corrections import CorrectionError
from etl.store.writes import LoadOutcome, apply_corrections


def _progress(index: int, total: int, name: str) -> None:
    width = 30
    done = int(width * index / total) if total else width
    sys.stderr.write(f"\r[{'#' * done}{'.' * (width - done)}] {index}/{total} {Path(name).name[:40]:<40}")
    if index == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _refused(error: CorrectionError) -> int:
    for line in error.problems:
        print(f"ERROR {line}", file=sys.stderr)
    print("nothing changed: fix the rows named above and run again", file=sys.stderr)
    return 1


def _print_corrections(outcomes: list[LoadOutcome]) -> None:
    for outcome in outcomes:
        if outcome.action == "corrected":
            print(f"CORRECTED {outcome.detail}")
        elif outcome.action == "unmatched":
            print(f"UNMATCHED correction {outcome.detail}", file=sys.stderr)


def cmd_load(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else config.db_path()
    try:
        report = load_paths([Path(p) for p in args.paths], db_path, progress=None if args.quiet else _progress,
                            replace=args.replace)
    except CorrectionError as error:
        return _refused(error)
    for outcome in report.outcomes:
        if outcome.action == "rejected":
            print(f"REJECTED {outcome.detail}", file=sys.stderr)
        elif outcome.action == "refused":
            print(f"REFUSED {outcome.source_file}: {outcome.detail}", file=sys.stderr)
        elif outcome.action == "replaced":
            print(f"REPLACED {outcome.source_file}: {outcome.detail}")
    _print_corrections(report.outcomes)
    for warning in report.warnings:
        print(f"WARNING {warning}", file=sys.stderr)
    loaded = [
        e
        for e in report.extractions
        if any(o.report_id == e.report_id and o.action in ("loaded", "replaced") for o in report.outcomes)
    ]
    figures = sum(len(e.figures) for e in loaded)
    observations = sum(len({i for i in e.indicator_ids if i}) for e in loaded)
    failed = sum(not c.is_ok for e in loaded for c in e.checks)
    print(
        f"{report.count('loaded')} reports loaded, {report.count('replaced')} replaced, "
        f"{report.count('unchanged')} unchanged, {report.count('refused')} refused, {len(report.rejected)} rejected; "
        f"{figures} figures, {observations} indicator values, {failed} failed checks → {db_path}"
    )
    return 1 if report.rejected or report.count("refused") else 0


def cmd_corrections_import(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else config.db_path()
    path = Path(args.file)
    try:
        corrections = read_corrections(path)
        outcomes = apply_corrections(db_path, corrections, default_catalogue(), path.name)
    except CorrectionError as error:
        return _refused(error)
    except OSError as error:
        print(f"ERROR {error}", file=sys.stderr)
        return 1
    _print_corrections(outcomes)
    print(f"{len(corrections)} corrections applied → {db_path}")
    return 0


def cmd_corrections_export(args: argparse.Namespace) -> int:
    db_path = Path(args.db) if args.db else config.db_path()
    try:
        with connect_readonly(db_path) as con:
            rows = [] if "corrections" in missing_tables(con) else stored_corrections.stored(con)
    except FileNotFoundError as error:
        print(f"ERROR {error}", file=sys.stderr)
        return 1
    write_corrections(rows, sys.stdout)
    return 0


def cmd_extract(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            ex = extract_file(path)
        except (ReadError, OSError) as error:
            print(f"REJECTED {error}", file=sys.stderr)
            status = 1
            continue
        text = ex.document.text
        sections = {s.section_num: s.heading for s in ex.sections}
        figures = [
            {
                "value": f.value,
                "value_low": f.value_low,
                "unit": f.unit,
                "qualifier": f.qualifier,
                "text": f.text,
                "is_unit_inferred": f.is_unit_inferred,
                "sentence": text[f.sentence_start : f.sentence_end].strip(),
                "section": sections.get(f.section_num) if f.section_num else None,
                "start": f.start,
                "end": f.end,
                "indicator_id": ind,
                "assignment_status": ex.status_of(i) if ind else None,
                "review_reason": ex.review_reasons[i] if ex.review_reasons else None,
                "assignment_rule": ex.assignment_rules[i] if ex.assignment_rules else None,
                "change_of": ex.change_of[i] if ex.change_of else None,
                "breakdown_of": ex.breakdown_of[i] if ex.breakdown_of else None,
                "breakdown_label": ex.breakdown_labels[i] if ex.breakdown_labels else None,
            }
            for i, (f, ind) in enumerate(zip(ex.figures, ex.indicator_ids, strict=True))
        ]
        record = {
            "file": str(path),
            "report_id": ex.report_id,
            "report": {
                "title": ex.meta.title,
                "region": ex.meta.region_name,
                "admin_level": ex.meta.admin_level,
                "report_year": ex.meta.report_year,
                "year_span": ex.meta.year_span,
                "date_published": ex.meta.date_published,
            },
            "figures": figures,
            "checks": [{"rule": c.rule, "is_ok": c.is_ok, "detail": c.detail} for c in ex.checks],
            "warnings": list(ex.warnings),
        }
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        else:
            print(f"{path}: {record['report']} — {len(ex.figures)} figures")
            for fig in figures:
                print(f"  {fig['text']:<14} {fig['value']:>14,.2f} {fig['unit']:<4} {fig['indicator_id'] or ''}")
    return status


def cmd_indicators(args: argparse.Namespace) -> int:
    catalogue = default_catalogue()
    if args.json:
        for ind in catalogue.indicators:
            print(
                json.dumps(
                    {
                        "indicator_id": ind.indicator_id,
                        "name_zh": ind.name_zh,
                        "name_en": ind.name_en,
                        "unit": ind.unit,
                        "domain": ind.domain,
                    },
                    ensure_ascii=False,
                )
            )
        return 0
    print(f"{'indicator_id':<36} {'domain':<12} {'unit':<6} name_zh / name_en")
    for ind in catalogue.indicators:
        print(f"{ind.indicator_id:<36} {ind.domain:<12} {ind.unit:<6} {ind.name_zh} / {ind.name_en}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description="Rule-of-law report ETL")
    sub = parser.add_subparsers(dest="command", required=True)
    load = sub.add_parser("load", help="extract files or folders and load them into DuckDB")
    load.add_argument("paths", nargs="+", metavar="PATH")
    load.add_argument("--db", help="database file (default: $DASHBOARD_DB or data/dashboard.duckdb)")
    load.add_argument("--quiet", action="store_true", help="no progress bar")
    load.add_argument("--replace", action="store_true",
                      help="replace a stored report even when the new version loses most of its figures")
    load.set_defaults(func=cmd_load)
    extract = sub.add_parser("extract", help="print what the ETL finds in files, without a database")
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("--json", action="store_true", help="one JSON object per file, one per line")
    extract.set_defaults(func=cmd_extract)
    indicators = sub.add_parser("indicators", help="the indicator catalogue as a table")
    indicators.add_argument("--json", action="store_true")
    indicators.set_defaults(func=cmd_indicators)
    corrections = sub.add_parser("corrections", help="manual indicator corrections as CSV")
    actions = corrections.add_subparsers(dest="action", required=True)
    imports = actions.add_parser("import", help="check and apply a corrections CSV (all rows or none)")
    imports.add_argument("file", metavar="FILE.csv")
    imports.add_argument("--db", help="database file (default: $DASHBOARD_DB or data/dashboard.duckdb)")
    imports.set_defaults(func=cmd_corrections_import)
    exports = actions.add_parser("export", help="the stored corrections as CSV on standard output")
    exports.add_argument("--db", help="database file (default: $DASHBOARD_DB or data/dashboard.duckdb)")
    exports.set_defaults(func=cmd_corrections_export)
    review_command.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
