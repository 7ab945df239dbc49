"""Headings, sections and sentences of a normalised report text."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from etl.extract.patterns import CN_ORDINAL
from etl.models import Section, Sentence

# Level 1 "一、", level 2 "(一)", level 3 "1." / "1、" / "(1)", level 4 "一是" (inline, anywhere in a paragraph).
LINE_HEADING_RES: tuple[tuple[int, re.Pattern[str]], ...] = (
    (1, re.compile(rf"^[ \t]*(?:第[{CN_ORDINAL}]+部分|[{CN_ORDINAL}]{{1,3}}、)")),
    (2, re.compile(rf"^[ \t]*[(（][{CN_ORDINAL}]{{1,3}}[)）]")),
    (3, re.compile(r"^[ \t]*(?:\d{1,2}[.、．](?!\d)|[(（]\d{1,2}[)）])")),
)
# The three as one multi-line pattern, tried in the same order: one scan of the text instead of three matches
# per line. `^` there follows "\n" only, so text holding another line break str.splitlines knows takes the loop.
LINE_HEADING_RE = re.compile(
    "|".join(f"(?P<level{level}>{pattern.pattern})" for level, pattern in LINE_HEADING_RES), re.MULTILINE
)
# The same after a line break, the break included: a pattern opening with a literal lets the engine skip from
# break to break, where `^` is tried at every offset (a tenth of the time). The first line is LINE_HEADING_RE's.
BROKEN_LINE_HEADING_RE = re.compile(
    "\n(?:" + "|".join(f"(?P<level{level}>{p.pattern.removeprefix('^')})" for level, p in LINE_HEADING_RES) + ")"
)
# The line breaks str.splitlines knows besides "\n", each looked for with `in` (a fifth of the time of a class).
_OTHER_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# An inline heading follows a stop, a space or the start of the text. That is tested on the match, not in the
# pattern: a pattern opening with the ordinal lets the engine skip straight to one.
# `[X][X]?`, not `[X]{1,2}`: opening with a bare character class lets the engine skip to an ordinal (3x faster).
INLINE_HEADING_RE = re.compile(rf"([{CN_ORDINAL}][{CN_ORDINAL}]?是)(?=[\u4e00-\u9fff“\"《])")
INLINE_HEADING_AFTER = frozenset("。；;!！?？")
HEADING_END_RE = re.compile(r"[。;；:：!！?？\n]")
# A heading fused with its body ("(一)深入学习提高站位通过区委…") has no punctuation of its own: cut it at
# this many characters, which fits the 4+4-character headings these reports favour.
FUSED_HEADING_CHARS = 8
MAX_HEADING_CHARS = 40
# `[。!！?？;；]+|\n+`, written to open with one character class (a look back tells which it took): the engine
# then skips to a stop; the bare alternation is tried at every offset, 4x slower.
SENTENCE_END_RE = re.compile(r"[。!！?？;；\n](?:(?<=\n)\n*|[。!！?？;；]*)")


def _heading_text(text: str, body_start: int) -> str:
    """The heading words after a marker: up to the first stop, or the fused-heading cut."""
    match = HEADING_END_RE.search(text, body_start)
    stop = match.start() if match else len(text)
    first_comma = text.find(",", body_start, stop)
    candidate = text[body_start:stop].strip()
    if len(candidate) <= MAX_HEADING_CHARS and first_comma == -1:
        return candidate
    clause_end = first_comma if first_comma != -1 else stop
    clause = text[body_start:clause_end].strip()
    if len(clause) <= 16:
        return clause
    return text[body_start : body_start + FUSED_HEADING_CHARS].strip()


def find_sections(text: str) -> tuple[Section, ...]:
    """Every heading with its level, parent and the span its section covers."""
    found: list[tuple[int, int, int, str]] = []  # (start, level, body_start, heading)
    for level, start, end in _line_headings(text):
        marker = text[start:end].strip()
        heading = _heading_text(text, end)
        found.append((start + (end - start) - len(text[start:end].lstrip()), level, end, f"{marker}{heading}"))
    for match in INLINE_HEADING_RE.finditer(text):
        before = text[match.start() - 1] if match.start() else ""
        if before and before not in INLINE_HEADING_AFTER and not before.isspace():
            continue
        heading = _heading_text(text, match.end(1))
        found.append((match.start(1), 4, match.end(1), f"{match.group(1)}{heading}"))
    found.sort()
    sections: list[Section] = []
    stack: list[Section] = []
    ends = _section_ends(found, len(text))
    for index, (start, level, _body, heading) in enumerate(found):
        while stack and stack[-1].level >= level:
            stack.pop()
        end = ends[index]
        section = Section(
            section_num=index + 1,
            parent_num=stack[-1].section_num if stack else None,
            level=level,
            heading=heading,
            start=start,
            end=end,
        )
        sections.append(section)
        stack.append(section)
    return tuple(sections)


def _line_headings(text: str) -> list[tuple[int, int, int]]:
    """(level, start, end) of each line's heading marker, leading spaces included."""
    if any(char in text for char in _OTHER_LINE_BREAKS):
        headings = []
        offset = 0
        for line in text.splitlines(keepends=True):
            for level, pattern in LINE_HEADING_RES:
                match = pattern.match(line)
                if match:
                    headings.append((level, offset + match.start(), offset + match.end()))
                    break
            offset += len(line)
        return headings
    first = LINE_HEADING_RE.match(text)
    headings = [(_heading_level(first), first.start(), first.end())] if first else []
    # No heading marker holds a line break, so each match ends before the break the next one opens with.
    headings += [(_heading_level(m), m.start() + 1, m.end()) for m in BROKEN_LINE_HEADING_RE.finditer(text)]
    return headings


def _heading_level(match: re.Match[str]) -> int:
    """The N of the `levelN` group a LINE_HEADING_RE match went through (every alternative is such a group)."""
    group = match.lastgroup
    if group is None:
        raise ValueError(f"heading match without a level group: {match.group()!r}")
    return int(group[-1])


def _section_ends(found: Sequence[tuple[int, int, int, str]], text_end: int) -> list[int]:
    """Where each section ends: at the next heading of the same or a higher level (a smaller number).

    One pass with a stack of open sections, whose levels increase from bottom to top; a heading closes every
    open section of its level or deeper.
    """
    ends = [text_end] * len(found)
    open_sections: list[int] = []
    for index, (start, level, _body, _heading) in enumerate(found):
        while open_sections and found[open_sections[-1]][1] >= level:
            ends[open_sections.pop()] = start
        open_sections.append(index)
    return ends


def innermost_section(sections: Sequence[Section], offset: int, starts: Sequence[int] | None = None) -> int | None:
    """The deepest section containing `offset`, or None before the first heading.

    Sections from `find_sections` nest (a heading ends every open section of its level or deeper), so the
    deepest one containing `offset` is the last to start at or before it that has not ended: a binary search
    and, almost always, one step back. `starts` (the sections' start offsets) saves rebuilding it per call.
    """
    if starts is None:
        starts = [s.start for s in sections]
    for index in range(bisect_right(starts, offset) - 1, -1, -1):
        if offset < sections[index].end:
            return sections[index].section_num
    return None


def split_sentences(text: str, sections: Sequence[Section] = ()) -> tuple[Sentence, ...]:
    """Sentences end at 。！？； and line breaks; each knows the section it sits in."""
    sentences: list[Sentence] = []
    starts = [s.start for s in sections]
    start = 0
    for match in SENTENCE_END_RE.finditer(text):
        stop, after = match.span()
        end = after if text[stop] != "\n" else stop
        if text[start:end].strip():
            # `innermost_section`, inline: it runs for every sentence
            index = bisect_right(starts, start) - 1
            while index >= 0 and start >= sections[index].end:
                index -= 1
            sentences.append(Sentence(start, end, sections[index].section_num if index >= 0 else None))
        start = after
    if text[start:].strip():
        sentences.append(Sentence(start, len(text), innermost_section(sections, start, starts)))
    return tuple(sentences)
