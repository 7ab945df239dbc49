"""Parts and kinds among a sentence's figures: when a scope marker (其中) before a figure makes it a part of the total
stated earlier, and when it does not (etl/extract/grammar.py asks)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from etl.catalogue.needles import may_occur
from etl.models import Figure


def clause_narrows(markers: Sequence[re.Pattern[str]], clause: str, is_own_name: Callable[[str], bool]) -> bool:
    """A scope marker in the clause before a figure (含…, 通过…方式, a quoted programme, 新建…) makes it a part,
    unless the marker's words name the indicator itself."""
    # Markers none of whose words the clause holds are not searched (`may_occur`): most clauses hold none.
    return any(
        not is_own_name(found.group())
        for marker in markers
        if may_occur(marker, clause, 0, len(clause))
        for found in marker.finditer(clause)
    )


def is_frame(frame: tuple[re.Pattern[str], re.Pattern[str]] | None, text: str, start: int, figure: Figure) -> bool:
    """在受理的24件案件中: a total restated to frame what follows (grammar.yaml `frame`: before and after it)."""
    if frame is None:
        return False
    before, after = frame
    if not after.match(text[figure.end : figure.sentence_end]):  # a slice: its pattern opens with ^
        return False
    if before.search(text, start, figure.start):
        return True
    # A count opening its clause restates a total only where the text stated it before.
    return not text[start : figure.start].strip() and text.find(figure.text, 0, figure.start) >= 0


_COUNT_BEFORE_BRACKET_RE = re.compile(r"\d[^\d(（)）,;。、]{0,3}$")


def _open_bracket(text: str, start: int, end: int) -> int:
    """Where the bracket still open at `end` opened (searched back to `start`), or -1 when none is open there."""
    opened = max(text.rfind("(", start, end), text.rfind("（", start, end))
    if opened < 0 or max(text.rfind(")", opened, end), text.rfind("）", opened, end)) >= 0:
        return -1
    return opened


def in_count_brackets(text: str, figure: Figure) -> bool:
    """建议提案办理10件(代表建议6件,委员提案4件): a figure inside the brackets right after a count is that count's
    breakdown, a part of whatever the count is."""
    opened = _open_bracket(text, figure.sentence_start, figure.start)
    if opened < 0:
        return False
    return _COUNT_BEFORE_BRACKET_RE.search(text, max(figure.sentence_start, opened - 6), opened) is not None


def is_bracketed(text: str, marker: re.Match[str], figure: Figure) -> bool:
    """人大建议18件(其中主办13件,协办5件),政协提案20件: a marker inside brackets closed before the figure scopes
    only what the brackets hold."""
    opened = _open_bracket(text, figure.sentence_start, marker.start())
    if opened < 0:
        return False  # not inside an open bracket
    return text.find(")", marker.end(), figure.start) >= 0 or text.find("）", marker.end(), figure.start) >= 0


def is_past_its_list(text: str, marker: re.Match[str], figure: Figure) -> bool:
    """其中欠薪类法律援助案件9000余件;全省设立调解组织5917个: a marker's parts run across ; while they count the same
    things. A figure in a later ;-clause whose unit its first clause never writes is the next subject's."""
    semicolon = text.find(";", marker.end(), figure.start)
    if semicolon < 0 or not figure.unit_as_written:
        return False
    return figure.unit_as_written not in text[marker.end() : semicolon]


ENUMERATED_FILLER_CHARS = 2  # 对, 共…: what may stand between a part's clause start and its own label
ENUMERATED_SHARED_CHARS = 3  # the part's label and the total's words share at least this run (规范性文件)


def is_enumerated_kind(text: str, clause_from: int, marker: re.Match[str], own_label: tuple[int, int] | None) -> bool:
    """对重大行政决策、规范性文件…开展审查1090件,其中行政规范性文件审查2件: the part is one of the kinds the total
    named, and the catalogue counts that kind on its own. Holds when the words naming the part's indicator stand
    after 其中 at the very start of its clause (no 武汉市, no 公共资源交易领域 before them: a qualifier makes a
    part), no earlier figure of the sentence has that indicator (`own_label` is None then), and the total's
    words — the sentence before 其中, or the one before it when 其中 opens the sentence — name the same kind."""
    if own_label is None or own_label[0] < marker.end():
        return False
    start = max(clause_from, marker.end())
    if len(text[start : own_label[0]].strip(",:;、 ")) > ENUMERATED_FILLER_CHARS:
        return False
    before_end = marker.start()
    # The total's words stand in the same ;-clause (其中人大建议3件,政协提案3件;…B类共11件,其中…政协提案8件: the
    # earlier clause's breakdown names no total of the later one).
    floor = max(0, before_end - 200)  # bounds the scans: rfind to 0 is O(text)
    before_start = max(text.rfind("。", floor, max(0, before_end - 1)) + 1,
                       text.rfind(";", floor, max(0, before_end - 1)) + 1, floor)
    before = text[before_start:before_end]
    label = text[own_label[0] : own_label[1]]
    return any(
        label[i : i + ENUMERATED_SHARED_CHARS] in before for i in range(len(label) - ENUMERATED_SHARED_CHARS + 1)
    )


def beside_own_total(
    figures: Sequence[Figure], proposed: Sequence[str | None], kinds_of: Mapping[str, frozenset[str]]
) -> list[bool]:
    """Per figure: an earlier figure of its sentence is proposed for a total the figure's indicator is a kind of,
    and none for the figure's own indicator."""
    result = [False] * len(figures)
    if not kinds_of:
        return result
    seen: dict[int, set[str]] = {}
    for index in sorted(range(len(figures)), key=lambda i: figures[i].start):
        earlier = seen.setdefault(figures[index].sentence_start, set())
        indicator_id = proposed[index]
        if indicator_id is not None:
            # …and the first of its own indicator: 废止6838件,其中省政府…废止1983件 is a part of 6838.
            result[index] = indicator_id not in earlier and bool(kinds_of.get(indicator_id, frozenset()) & earlier)
            earlier.add(indicator_id)
    return result
