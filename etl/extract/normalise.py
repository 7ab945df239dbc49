"""Normalisation and script folding: the one agreed text every offset indexes, and its simplified copy.

A reader's raw text goes through `normalise_text` (full-width ASCII, odd spaces, invisible characters,
pinyin glosses, whitespace) and then `fold_script` (traditional → simplified, one character for one), so
that a match found in the folded copy is at the same offset in the text.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

import opencc

from etl.extract.patterns import CN_ORDINAL, HAN

_ZERO_WIDTH = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"
_SPACE_LIKE = "\u3000\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"


def _build_translation() -> dict[int, str | None]:
    table: dict[int, str | None] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
    table.update({ord(char): " " for char in _SPACE_LIKE})
    table.update({ord(char): None for char in _ZERO_WIDTH})
    table.update({ord(char): "\n" for char in "\f\v\u2028\u2029"})
    # Other C0/C1 controls are scraping debris; \t and \n carry layout and stay.
    table.update({code: None for code in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]})
    # Lone surrogates are not characters; they cannot even be written out as UTF-8.
    table.update({code: None for code in range(0xD800, 0xE000)})
    # Enclosed numerals: ⑴ and ⒈ are nothing but "(1)" and "1." set in one glyph, and ㈠ is "(一)", so
    # they are unfolded for the heading parser. ①..⑳ are kept: they mark list items, and turning them into
    # bare digits would make the figure extractor read list markers as quantities.
    table.update({0x2474 + i: f"({i + 1})" for i in range(20)})  # ⑴..⒇
    table.update({0x2488 + i: f"{i + 1}." for i in range(20)})  # ⒈..⒛
    table.update({0x3220 + i: f"({CN_ORDINAL[i]})" for i in range(10)})  # ㈠..㈩
    return table


_TRANSLATION = _build_translation()


def _char_class(codes: Iterable[int]) -> str:
    """A regex character class of `codes`, written as ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and code == ranges[-1][1] + 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "[" + "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges) + "]"


# Most characters of a report map to themselves: finding the few that do not in C and mapping only those
# costs a third of str.translate, which looks every character up in the table.
_TRANSLATED_RE = re.compile(_char_class(_TRANSLATION))


def _translate(match: re.Match[str]) -> str:
    return _TRANSLATION[ord(match.group())] or ""


_TONE_MARKS = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_PINYIN_LETTERS = "a-zü" + _TONE_MARKS
# A pinyin syllable in brackets right after a Han character ("領(lǐng)會"): left by transcoding tools
# that annotate polyphones. Requiring a tone mark keeps real bracketed Latin text ("(app)", "(a)").
_PINYIN_GLOSS = rf"\((?=[{_PINYIN_LETTERS}]*[{_TONE_MARKS}])[{_PINYIN_LETTERS}]{{1,7}}\)"
# The pattern opens with its literal "(" and looks back past it, so the engine only stops at brackets.
_PINYIN_RE = re.compile(rf"\((?<=[{HAN}]\()" + _PINYIN_GLOSS[2:] + rf"(?:{_PINYIN_GLOSS})*")
# A tab separates table cells (readers render rows that way): a run holding one stays one tab. Single spaces,
# by far the most common run, are not matched at all.
# These patterns open with a literal or one character class, so the engine skips to where a match can start
# instead of trying every offset. Their plain forms: `[ \t]*\t[ \t]*` (the look back tells whether the class took
# a tab), ` {2,}` and `\n{3,}`.
_TABBED_SPACE_RE = re.compile(r"[ \t](?:[ \t]*\t|(?<=\t))[ \t]*")
_SPACE_RUN_RE = re.compile(r"  +")
_BLANK_LINES_RE = re.compile(r"\n\n\n+")


def _strip_line_edges(text: str) -> str:
    """Spaces and tabs next to a line break dropped (what `re.sub(r"[ \t]+\n[ \t]*|\n[ \t]+", "\n", text)` does,
    in a quarter of its time: that pattern is tried at every offset). The text's own start and end are kept."""
    lines = text.split("\n")
    if len(lines) == 1:
        return text
    inner = [line.strip(" \t") for line in lines[1:-1]]
    return "\n".join([lines[0].rstrip(" \t"), *inner, lines[-1].lstrip(" \t")])


def normalise_text(text: str) -> str:
    """Fold full-width ASCII and odd spaces, drop invisible characters and pinyin glosses, tidy whitespace.

    Not NFKC: that would also turn ① into 1 and ㎡ into m2. Chinese punctuation (、。“”《》) and dashes are
    kept. Lines keep their content but lose leading and trailing spaces; runs of blank lines become one
    blank line. Idempotent, so normalising twice is harmless.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _TRANSLATED_RE.sub(_translate, text)
    text = _PINYIN_RE.sub("", text)
    if "\t" in text:  # most texts have none: one scan in C settles it
        text = _TABBED_SPACE_RE.sub("\t", text)
    text = _SPACE_RUN_RE.sub(" ", text)
    text = _strip_line_edges(text)
    text = _BLANK_LINES_RE.sub("\n\n", text)
    return split_glued_markers(join_wrapped_numbers(text.strip()))


# A list whose markers lost their brackets to a scrape runs each marker into the figure that opens its item
# (「(3)13个市州…」 → 「313个市州…」, 「(4)103个县级政府…」 → 「4103个…」): the figure step would read 313 and 4103.
# Only a run of paragraphs that open with 1, 2, 3… in turn, each marker followed at once by more digits and then
# words, is read as such a list; one paragraph alone could be either.
_GLUED_OPENING_RE = re.compile(r"(\d{2,})(?=[\u4e00-\u9fff])")
GLUED_MIN_RUN = 3  # paragraphs in turn before markers are split off
GLUED_MIN_CHARS = 10  # an item is a sentence, not a table cell


def split_glued_markers(text: str) -> str:
    """「12020年,…」「22020年,…」「313个…」「4103个…」 → 「1、2020年,…」「2、2020年,…」「3、13个…」「4、103个…」."""
    if "\n1" not in text and not text.startswith("1"):  # no paragraph opens with 1: most texts, one scan in C
        return text
    lines = text.split("\n")
    runs: list[list[int]] = []
    run: list[int] = []
    for index, line in enumerate(lines):
        if not line:
            continue  # blank lines stand between paragraphs
        opening = _GLUED_OPENING_RE.match(line)
        digits = opening.group(1) if opening is not None and len(line) >= GLUED_MIN_CHARS else ""
        marker = str(len(run) + 1)
        if digits.startswith(marker) and len(digits) > len(marker):
            run.append(index)
        else:
            runs.append(run)
            run = [index] if digits.startswith("1") else []
    runs.append(run)
    for found in runs:
        if len(found) < GLUED_MIN_RUN:
            continue
        for number, index in enumerate(found, start=1):
            lines[index] = f"{number}、{lines[index][len(str(number)):]}"
    return "\n".join(lines)


# A line break between two digits: the only place a wrap can cut a number in two (「受理案件35\n6件」).
# It opens with the line break and looks back for the digit: the engine then stops only at line breaks.
_DIGIT_BREAK_RE = re.compile(r"\n(?<=\d\n)(?=\d)")
# The line before ends in a number run into words (no space or tab before it: not a table cell or a list of
# numbers); the line after goes on with digits and then words, not a list marker (6、 6. 6)) or a cell.
_CUT_NUMBER_END_RE = re.compile(r"[^\s\d.,]\d+$")
_CUT_NUMBER_START_RE = re.compile(r"\d+(?:\.\d+)?(?:余|多)?[\u4e00-\u9fff%]")
_LIST_MARKER_RE = re.compile(r"\d{1,2}[、.．)）]")
WRAPPED_MIN_WIDTH = 16  # display columns: shorter lines are headings, captions, signatures
WRAPPED_MIN_LINES = 3  # full lines of one width needed before a text counts as hard-wrapped
WRAPPED_WIDTH_SLACK = 2  # a half-width digit leaves a line one or two columns short of the margin


def _display_width(line: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def _wrap_width(lines: list[str]) -> int | None:
    """The margin of a hard-wrapped text (a PDF or page copied line by line), or None when lines are paragraphs.

    Wrapped text stops at the same width line after line; paragraphs one per line almost never share one.
    """
    widths = Counter(width for width in map(_display_width, lines) if width >= WRAPPED_MIN_WIDTH)
    if not widths:
        return None
    width, count = widths.most_common(1)[0]
    near = sum(n for w, n in widths.items() if abs(w - width) <= WRAPPED_WIDTH_SLACK)
    return width if count >= WRAPPED_MIN_LINES and near * 2 >= sum(widths.values()) else None


def join_wrapped_numbers(text: str) -> str:
    """Rejoin a number that a hard wrap cut in two (「受理案件35\n6件」 → 「受理案件356件」).

    Conservative: only in a text whose lines stop at one margin, only where the line before reaches that
    margin and ends in digits run into words, and the line after carries on with digits and words. Any other
    break between digits stays (the figure step then reads neither half as a figure of its own).
    """
    if _DIGIT_BREAK_RE.search(text) is None:
        return text
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    joined = [lines[0]]
    for previous, line in itertools.pairwise(lines):
        if (
            _display_width(previous) >= width - WRAPPED_WIDTH_SLACK
            and _CUT_NUMBER_END_RE.search(previous)
            and _CUT_NUMBER_START_RE.match(line)
            and not _LIST_MARKER_RE.match(line)
        ):
            joined[-1] += line
        else:
            joined.append(line)
    return "\n".join(joined)


@lru_cache(maxsize=4)
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


@lru_cache(maxsize=65536)
def _fold_char(char: str) -> str:
    if 0xD800 <= ord(char) <= 0xDFFF:
        return char  # OpenCC takes UTF-8 and a lone surrogate has no UTF-8 form
    folded = _opencc("t2s").convert(char)
    return folded if len(folded) == 1 else char


def fold_script(text: str) -> str:
    """Traditional → simplified script, with exactly one output character per input character.

    Offsets found in the folded copy must index the original text, so a phrase conversion that changes
    the length is undone and the text is folded one character at a time instead.
    """
    try:
        folded = _opencc("t2s").convert(text)
    except UnicodeEncodeError:
        folded = ""  # lone surrogates: only the character-by-character path can step around them
    if len(folded) == len(text):
        return folded
    return "".join(_fold_char(char) for char in text)
