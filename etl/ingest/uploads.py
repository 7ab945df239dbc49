"""Uploaded report files: checked, read and reviewed in memory, then loaded in one atomic swap.

Nothing an uploader sends chooses a path. A file name is only ever *shown* (after `display_name` strips
folders, control characters and NULs) and its suffix, checked against `etl.read.SUPPORTED_SUFFIXES`, decides
the reader. The bytes are read in memory (`etl.pipeline.extract_bytes`); nothing touches the disk until the
administrator commits, and then only `etl.store.load_extractions` (copy, write, `os.replace`) and, when an
archive folder is configured, `archive_dir/<report_id><suffix>` — a name made of the content hash.

Flow: `stage_files` (every file → a `StagedFile`: accepted with its Extraction, or rejected with a one-line
reason) → the administrator reviews → `commit` loads the accepted ones. A rejected file changes nothing.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from etl.catalogue import Catalogue
from etl.config import upload_archive_dir
from etl.extract.pipeline import default_catalogue, extract_bytes
from etl.extract.read import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, ReadError
from etl.models import Correction, Extraction
from etl.store import LoadOutcome, load_extractions
from etl.store.replacement import IncomingReport, StoredReport, decide

MAX_UPLOAD_BYTES = MAX_FILE_BYTES  # per file; .streamlit/config.toml server.maxUploadSize says the same in MB
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
MAX_FILES_PER_BATCH = 50
MAX_NAME_CHARS = 120
UPLOAD_TYPES = tuple(s.lstrip(".") for s in SUPPORTED_SUFFIXES)  # for st.file_uploader(type=…)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_ARCHIVE_NAME = re.compile(r"^[0-9a-f]{8,64}\.(txt|html|htm|docx|pdf)$")

Progress = Callable[[int, int, str], None]


class UploadRejected(ReadError):
    """An upload refused before reading: bad name, wrong type, empty, too large, too many."""


@dataclass(frozen=True)
class StagedFile:
    name: str  # display name: no folders, no control characters
    size: int
    sha256: str
    suffix: str  # ".docx" …, "" when the type was refused
    extraction: Extraction | None = None
    reason: str = ""  # why it was rejected (one line, names the file)

    @property
    def accepted(self) -> bool:
        return self.extraction is not None


def display_name(file_name: str) -> str:
    """The last path component of what the browser sent, without control characters, NFC, at most 120 chars.

    "../../etc/passwd.txt" → "passwd.txt"; "C:\\\\Users\\\\x\\\\报告 2023.docx" → "报告 2023.docx".
    """
    name = unicodedata.normalize("NFC", str(file_name))
    name = _CONTROL.sub("", name)
    name = re.split(r"[\\/]", name)[-1].strip()
    name = name.lstrip(".").strip() if set(name) <= {"."} else name.strip()
    if len(name) > MAX_NAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        keep = MAX_NAME_CHARS - len(suffix) - 2
        name = f"{stem[:keep]}…{dot}{suffix}" if dot and len(suffix) <= 8 else name[: MAX_NAME_CHARS - 1] + "…"
    return name or "upload"


def check_upload(file_name: str, data: bytes, max_bytes: int = MAX_UPLOAD_BYTES) -> tuple[str, str]:
    """(display name, suffix) of an acceptable upload; raises UploadRejected with a one-line reason otherwise."""
    name = display_name(file_name)
    if "\x00" in str(file_name):
        raise UploadRejected(f"{name}: file name contains a NUL byte")
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "no extension"
        raise UploadRejected(
            f"{name}: unsupported file type ({shown}; expected one of {', '.join(SUPPORTED_SUFFIXES)})"
        )
    if len(data) == 0:
        raise UploadRejected(f"{name}: the file is empty")
    if len(data) > max_bytes:
        raise UploadRejected(f"{name}: file is too large ({len(data):,} bytes; the limit is {max_bytes:,} bytes)")
    return name, suffix


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:300]


def stage_file(file_name: str, data: bytes, catalogue: Catalogue | None = None,
               max_bytes: int = MAX_UPLOAD_BYTES) -> StagedFile:
    """Check and read one upload in memory. Never raises for a bad file: the reason is in `reason`."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        name, suffix = check_upload(file_name, data, max_bytes)
    except UploadRejected as error:
        return StagedFile(display_name(file_name), len(data), digest, "", reason=_one_line(error))
    try:
        extraction = extract_bytes(data, name, catalogue=catalogue or default_catalogue())
    except ReadError as error:
        return StagedFile(name, len(data), digest, suffix, reason=_one_line(error))
    except Exception as error:  # a reader bug on a strange file must not take the page down
        return StagedFile(name, len(data), digest, suffix,
                          reason=f"{name}: could not be read ({type(error).__name__}: {_one_line(error)})")
    return StagedFile(name, len(data), digest, suffix, extraction=extraction)


def stage_files(files: Sequence[tuple[str, bytes]], catalogue: Catalogue | None = None,
                progress: Progress | None = None, max_bytes: int = MAX_UPLOAD_BYTES) -> list[StagedFile]:
    """Stage a batch; the same content twice in one batch is staged once (the later copy is rejected)."""
    catalogue = catalogue or default_catalogue()
    staged: list[StagedFile] = []
    seen: dict[str, str] = {}
    for index, (file_name, data) in enumerate(files, start=1):
        shown = display_name(file_name)
        if progress:
            progress(index, len(files), shown)
        if index > MAX_FILES_PER_BATCH:
            staged.append(StagedFile(shown, len(data), "", "", reason=(
                f"{shown}: too many files in one upload (at most {MAX_FILES_PER_BATCH}); upload it again")))
            continue
        item = stage_file(file_name, data, catalogue, max_bytes)
        if item.extraction is not None:
            report_id = item.extraction.report_id
            first = seen.get(report_id)
            if first is not None:
                item = StagedFile(item.name, item.size, item.sha256, item.suffix,
                                  reason=f"{item.name}: same report as {first} in this upload")
            else:
                seen[report_id] = item.name
        staged.append(item)
    return staged


@dataclass(frozen=True)
class PlannedAction:
    action: str  # new | unchanged | replaces | loses (would replace, losing most of a report: needs confirming)
    detail: str = ""  # report ids replaced; for "loses", what would be lost


# The load's actions as the upload review names them.
_PLANNED = {"loaded": "new", "unchanged": "unchanged", "replaced": "replaces", "refused": "loses"}
# (report_id, region, year, year_span), optionally followed by (source_file, parser_version).
LoadedRow = tuple[str, str | None, int | None, str | None] | tuple[str, str | None, int | None, str | None, str, str]


def plan(staged: Iterable[StagedFile], loaded: Iterable[LoadedRow | StoredReport],
         replace: bool | Collection[str] = False) -> dict[str, PlannedAction]:
    """What a commit will do to each accepted file, given the reports already loaded.

    The load's own rule (etl.store.replacement.decide) applied to the accepted files in order, so the review
    predicts what the load then does: same content → unchanged; same text stored by another parser
    version, or same region, year and span (stored or earlier in this upload) → replaces, or "loses" when
    that would lose most of a report and `replace` (the report ids the administrator confirmed) does not allow
    it; else new. A row without its parser version counts as stored by this one.
    """
    stored = [row if isinstance(row, StoredReport) else StoredReport(*row) for row in loaded]
    extractions = [item.extraction for item in staged if item.extraction is not None]
    decisions = decide(stored, [IncomingReport.of(ex) for ex in extractions], replace=replace).decisions
    return {
        ex.report_id: PlannedAction(_PLANNED[d.action], d.detail if d.action == "refused" else ", ".join(d.replaces))
        for ex, d in zip(extractions, decisions, strict=True)
    }


def archive_dir() -> Path | None:
    """Where committed uploads are kept (env DASHBOARD_UPLOAD_ARCHIVE); None = not kept."""
    return upload_archive_dir()


def archive_path(directory: Path, report_id: str, suffix: str) -> Path:
    """`directory/<report_id><suffix>`: a name the server makes from the content hash, never from the upload."""
    name = f"{report_id}{suffix}"
    if not _ARCHIVE_NAME.match(name):
        raise ValueError(f"refusing archive name {name!r}")
    path = directory / name
    if path.resolve().parent != directory.resolve():
        raise ValueError(f"refusing archive path {path}")
    return path


def _archive(directory: Path, item: StagedFile, data: bytes) -> None:
    assert item.extraction is not None
    directory.mkdir(parents=True, exist_ok=True)
    target = archive_path(directory, item.extraction.report_id, item.suffix)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def commit(staged: Sequence[StagedFile], db_path: Path, catalogue: Catalogue | None = None,
           originals: dict[str, bytes] | None = None, archive: Path | None = None,
           replace: bool | Collection[str] = False, corrections: Sequence[Correction] = ()) -> list[LoadOutcome]:
    """Load every accepted file in one swap (etl.store.load_extractions); rejected files are not touched.

    `originals` (sha256 → bytes) with `archive` keeps a copy of each loaded file under a content-hash name.
    `replace`: the report ids whose lossy replacement the administrator confirmed; `corrections`: those made
    in the review, stored and applied in the same swap.
    """
    accepted = [s for s in staged if s.extraction is not None]
    if not accepted:
        return []
    extractions = [s.extraction for s in accepted if s.extraction is not None]
    outcomes = load_extractions(Path(db_path), extractions, catalogue or default_catalogue(), allow_loss=replace,
                                corrections=corrections, corrections_origin="upload review")
    if archive is not None and originals:
        loaded_ids = {o.report_id for o in outcomes if o.action in ("loaded", "replaced")}
        for item in accepted:
            if item.extraction is not None and item.extraction.report_id in loaded_ids and item.sha256 in originals:
                _archive(archive, item, originals[item.sha256])
    return outcomes
