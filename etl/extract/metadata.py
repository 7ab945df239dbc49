"""Title, reporting government, year and publication date of a report, read from its (scraped) text.

All matching runs on `folded` (simplified script, same length as `text`); the title is sliced from `text` so it keeps
the report's own script, while region names come from the gazetteer in simplified script.

Region names are expanded with the gazetteer in `regions.csv` (provinces, prefectures and county-level divisions,
current and recently abolished) and `towns.csv` (towns under each county); see `etl/make_regions.py`.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from etl.catalogue.derived_cache import load_or_build
from etl.config import REGIONS_CSV, TOWNS_CSV
from etl.models import ReportMeta

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# Written as one string to stay readable; the names of China's 56 ethnic groups, as they appear in 自治州/自治县 names.
ETHNIC_GROUPS = tuple(
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "  # noqa: SIM905
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 "
    "塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺".split()
)
ETHNIC_TAIL_RE = re.compile("(?:" + "|".join(sorted(ETHNIC_GROUPS, key=len, reverse=True)) + ")族$")
PROVINCE_SUFFIX_RE = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
CITY_SUFFIX_RE = re.compile(r"(?:市|地区|盟|自治州)$")
COUNTY_SUFFIX_RE = re.compile(r"(?:自治县|自治旗|县|区|市|旗|特区|林区)$")
# Two-character county names (城区, 和县, 西区) are ordinary words too: trusted only inside a title or opening subject.
MIN_FREE_TEXT_NAME = 3
MAX_NAME = 20

CN_DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5}
CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
YEAR_TOKEN = r"(?:(?:19|20)\d{2}|[二][〇零○O][一二三四五六七八九〇零○O]{2})"
SPAN_SEP = r"\s*[—\-–－~～至到]+\s*"
SPAN_RE = re.compile(rf"({YEAR_TOKEN})(?:\s*年)?{SPAN_SEP}({YEAR_TOKEN})\s*年")
# Scraping drops the dash of "2021—2025年": the two years fuse into eight digits.
FUSED_SPAN_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})((?:19|20)\d{2})\s*年")
YEAR_RE = re.compile(rf"(?<![\d〇零○一二三四五六七八九])({YEAR_TOKEN})\s*年(?!\s*\d{{1,2}}\s*月)(?!\s*\d{{3,4}}\s*日)")
OPENING_YEAR_RE = re.compile(rf"^[\s•·]*({YEAR_TOKEN})\s*年(?:度)?(?:以来|来|,|,|、|\s)")
REPORT_PHRASE_YEAR_RE = re.compile(rf"(?:现将|下面|报告)[^。\n]{{0,40}}?({YEAR_TOKEN})\s*年")

TITLE_TOPIC_RE = re.compile(r"法治政府建设|依法行政|法治建设|法治政府")
TITLE_KIND_RE = re.compile(r"报告|情况|总结")
HEADING_START_RE = re.compile(
    r"^[\s•·]*(?:[一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、])"
)
CHROME_RE = re.compile(r"[>»]|首页|位置|索引号|发布机构|来源|浏览|字号|打印|分享|附件|下载|Copyright|版权|ICP|备案")
SENTENCE_PUNCT_RE = re.compile(r"[。,，;；!！?？]")
SPEECH_NOTE_RE = re.compile(r"[(（—-]*[^()（）]{0,6}\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日在[^()（）]*[)）]?")
SPLIT_TITLE_HEAD_RE = re.compile(r"(?:人民政府|政府|办公室|委员会|部|厅|局|镇|乡|街道|区|县|市|省|旗)$")
BODY_MIN_CHARS = 60
SHORT_OPENING_CHARS = 20
TITLE_LINES_AFTER_BODY = 4
OPENING_WORDS = ("今年以来", "近年来", "一年来", "根据", "现将")
# The subject of an opening sentence comes first ("2021年,綦江区坚持…"): a name further in is something else.
MAX_SUBJECT_OFFSET = 2
FREE_TEXT_SCAN = 20000

ISSUER_LINE_RE = re.compile(r"^\s*(?:中共)?(?P<name>[\u4e00-\u9fff]{2,20}?)(?:人民政府|政府)\s*$")
ISSUER_LABEL_RE = re.compile(
    r"(?:发布机构|信息来源|来源)\s*[\]】]?\s*[:：]?\s*(?P<name>[\u4e00-\u9fff]{2,20}?)(?:人民政府|政府)"
)
SUBJECT_CUT_RE = re.compile(rf"人民政府|政府|办事处|关于|党委|党工委|{YEAR_TOKEN}|法治|依法行政|工作|年度|\s")
LEAD_CLAUSE_RE = re.compile(r"在[^,，。]{0,60}?(?:领导|指导|支持|监督|关心|帮助|部署)[^,，。]{0,20}?下\s*[,，]?")
REPORT_PHRASE_SUBJECT_RE = re.compile(
    rf"现将(?:我[省市区县镇乡])?(?P<subj>[\u4e00-\u9fff]{{2,16}}?)(?:{YEAR_TOKEN}|近年|有关|法治)"
)
DEPARTMENT_RE = re.compile(r"^(?:中华人民共和国)?[\u4e00-\u9fff]{1,16}?(?:部|厅|总局|局|委员会|署|办公室)$")
OPENING_DEPARTMENT_RE = re.compile(
    r"^(?P<dept>(?:中华人民共和国)?[\u4e00-\u9fff]{1,16}?(?:部|厅|总局|局|委员会|署))(?:党组|党委)?"
    r"(?:坚持|深入|全面|认真|以|紧紧|围绕|聚焦|始终|着力|持续|高度|严格|扎实|积极|切实|不断|紧扣|按照|根据|把|在)"
)
NOT_DEPARTMENT_RE = re.compile(r"(?:党委|市委|区委|县委|省委|全局|本局|我局|全部|各部)$")
TOWN_NAME_RE = re.compile(r"[\u4e00-\u9fff]{1,8}?(?:镇|乡|街道|苏木)(?=办事处|$)")

# "全区"/"我县" say what kind of government is speaking; "区委" says what a town answers to.
LEVEL_HINT_RE = re.compile(r"(?:全|我)(省|市|区|县|镇|乡|旗)")
PARENT_HINT_RE = re.compile(r"(区|县|市|旗)(?:委|政府)")

DATE_PART = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
LABELLED_DATE_RE = re.compile(
    r"(?P<label>公文生成日期|生成日期|发布日期|发布时间|发稿时间|公开日期|更新时间|更新日期|发文日期|成文日期|印发日期|日期|时间)"
    rf"\s*[\]】]?\s*[:：]?\s*[\]】\[【]?\s*{DATE_PART}"
)
# Lower is better: a page's own publication label beats a bare "日期", which beats update and drafting dates.
LABEL_RANK = {"发布日期": 0, "发布时间": 0, "发稿时间": 0, "公开日期": 0, "日期": 1, "时间": 1}
LABEL_RANK |= {"更新时间": 2, "更新日期": 2, "发文日期": 3, "成文日期": 3, "印发日期": 3}
LABEL_RANK |= {"公文生成日期": 4, "生成日期": 4}
BARE_DATE_LINE_RE = re.compile(
    rf"^[\s•·\-*|]*{DATE_PART}\s*日?(?:\s+\d{{1,2}}\s*[:时]\s*\d{{1,2}}(?:\s*[:分]\s*\d{{1,2}})?\s*(?:秒|分)?)?[\s|]*$"
)
SIGNATURE_DATE_RE = re.compile(rf"^\s*(?:[\u4e00-\u9fff()（）]{{2,40}}?\s*)?{DATE_PART}\s*日\s*$")
DAMAGED_SIGNATURE_DATE_RE = re.compile(r"^\s*(?:[\u4e00-\u9fff()（）]{2,40}?\s*)?(\d{4})年?(\d{2,4})日\s*$")
SIGNATURE_LOOKBACK_LINES = 25
MAX_CHROME_LINE = 200
MIN_YEAR, MAX_YEAR = 1990, 2100


@dataclass(frozen=True)
class Division:
    adcode: str
    province: str
    city: str
    county: str
    is_current: bool

    @property
    def name(self) -> str:
        return self.county or self.city or self.province

    @property
    def full_name(self) -> str:
        return self.province + self.city + self.county

    @property
    def level(self) -> str:
        if self.county:
            return "district" if self.county.endswith("区") and not self.county.endswith("林区") else "county"
        return "city" if self.city else "province"


@dataclass(frozen=True)
class Gazetteer:
    divisions: dict[str, Division]  # by adcode
    names: dict[str, tuple[str, ...]]  # full names and short forms -> adcodes
    towns: dict[str, tuple[str, ...]]  # town name -> adcodes of the counties holding one so named
    max_name: int
    # First two characters of a division or town name -> lengths of the names starting with them, longest first.
    # Most positions of a text start no name at all; this lets the scan skip them with one lookup.
    lengths_by_head: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # The same heads as sorted character-pair codes (see `_pair_codes`), for a vectorised search of a whole text.
    head_codes: np.ndarray = field(default_factory=lambda: np.empty(0, np.uint64), compare=False, repr=False)
    # A bitmap of the heads' hashed codes (see `_head_slots`): one gather rules out almost every pair of a text.
    head_filter: np.ndarray = field(default_factory=lambda: np.zeros(0, bool), compare=False, repr=False)


def _short_province(name: str) -> str:
    return PROVINCE_SUFFIX_RE.sub("", name)


def _short_city(name: str) -> str:
    stem = CITY_SUFFIX_RE.sub("", name)
    if name.endswith("自治州"):
        while ETHNIC_TAIL_RE.search(stem):
            stem = ETHNIC_TAIL_RE.sub("", stem)
    return stem


def _county_stem(name: str) -> str:
    stem = COUNTY_SUFFIX_RE.sub("", name)
    while ETHNIC_TAIL_RE.search(stem):
        stem = ETHNIC_TAIL_RE.sub("", stem)
    return stem


def _aliases(division: Division) -> Iterable[str]:
    """Every way a report may write this division: full name, and the short forms used in running text."""
    yield division.name
    if division.level == "province":
        yield _short_province(division.province)
    elif division.level == "city":
        short = _short_city(division.city)
        if len(short) >= 2:
            yield short
            if division.city.endswith("自治州"):
                yield short + "州"
    else:
        stem = _county_stem(division.county)
        # A county turned district or city keeps being written with its old suffix in older reports.
        if len(stem) >= 2:
            yield from (stem + suffix for suffix in ("县", "区", "市", "旗") if not division.county.endswith(suffix))
            if "自治" in division.county:
                yield stem + division.county[-1]


@cache
def load_gazetteer() -> Gazetteer:
    divisions_rows, names, town_names, max_name, heads = load_or_build(
        "gazetteer", (REGIONS_CSV, TOWNS_CSV), _gazetteer_tables
    )
    divisions = {row[0]: Division(*row) for row in divisions_rows}
    head_codes = np.unique(_pair_codes("".join(heads))[::2])  # the heads joined: every other pair is a head
    head_filter = np.zeros(1 << _HEAD_FILTER_BITS, bool)
    head_filter[_head_slots(head_codes)] = True
    return Gazetteer(divisions, names, town_names, max_name, heads, head_codes, head_filter)


def _gazetteer_tables() -> tuple[tuple[tuple, ...], dict, dict, int, dict]:
    """The gazetteer as plain values (what `etl.derived_cache` can keep): divisions as rows, then the indexes."""
    divisions: dict[str, Division] = {}
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            divisions[row["adcode"]] = Division(
                row["adcode"], row["province"], row["city"], row["county"], row["current"] == "1"
            )
    exact: dict[str, list[str]] = {}
    variant: dict[str, list[str]] = {}
    for code, division in divisions.items():
        exact.setdefault(division.name, []).append(code)
        for alias in _aliases(division):
            if alias != division.name:
                variant.setdefault(alias, []).append(code)
    # A variant spelling never shadows a division that really has that name (兴仁县 is not 兴仁市 when both exist).
    names = {alias: tuple(codes) for alias, codes in variant.items() if alias not in exact}
    names |= {name: tuple(codes) for name, codes in exact.items()}
    towns: dict[str, list[str]] = {}
    with TOWNS_CSV.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        kinds = next(reader)[1:]
        for code, *groups in reader:
            for kind, group in zip(kinds, groups, strict=True):
                for stem in group.split():
                    towns.setdefault(stem + kind, []).append(code)
    town_names = {name: tuple(codes) for name, codes in towns.items()}
    longest = max(len(name) for name in [*names, *town_names])
    max_name = min(longest, MAX_NAME)
    heads = _lengths_by_head([*names, *town_names], max_name)
    rows = tuple((d.adcode, d.province, d.city, d.county, d.is_current) for d in divisions.values())
    return rows, names, town_names, max_name, heads


def _lengths_by_head(names: Iterable[str], max_name: int) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, list[int]] = {}
    # Distinct (head, length) pairs, longest first within each head.
    for head, length in sorted({(name[:2], len(name)) for name in names if 2 <= len(name) <= max_name}, reverse=True):
        lengths.setdefault(head, []).append(length)
    return {head: tuple(found) for head, found in lengths.items()}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    adcodes: tuple[str, ...]  # empty for a town
    town_counties: tuple[str, ...]  # counties holding a town of this name; empty for a division


def _pair_codes(text: str) -> np.ndarray:
    """One integer per pair of adjacent characters: (code point of the first << 21) | code point of the second."""
    points = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    return (points[:-1] << np.uint64(21)) | points[1:]


# 2^22 slots for ~24,000 heads: about 0.6% of the pairs that are no head pass the filter.
_HEAD_FILTER_BITS = 22
_GOLDEN_RATIO_64 = np.uint64(0x9E3779B97F4A7C15)


def _head_slots(codes: np.ndarray) -> np.ndarray:
    """Multiplicative hashing of pair codes into the filter (the product wraps around, as intended)."""
    return (codes * _GOLDEN_RATIO_64) >> np.uint64(64 - _HEAD_FILTER_BITS)


def _name_starts(text: str, gazetteer: Gazetteer) -> list[int]:
    """Offsets where a gazetteer name may start: its first two characters are those of some name.

    A few percent of a report's offsets pass. Testing every offset in Python cost more than the rest of the
    metadata detection together, so the pairs are tested vectorised: a bitmap gather rules out nearly all,
    and a binary search settles the few left.
    """
    heads = gazetteer.head_codes
    if len(text) < 2 or not len(heads):
        return []
    pairs = _pair_codes(text)
    maybe = np.flatnonzero(gazetteer.head_filter[_head_slots(pairs)])
    candidates = pairs[maybe]
    slots = np.searchsorted(heads, candidates).clip(max=len(heads) - 1)
    return maybe[heads[slots] == candidates].tolist()


def _mentions(text: str, gazetteer: Gazetteer, *, free_text: bool) -> list[Mention]:
    """Greedy longest-first scan for division and town names."""
    found: list[Mention] = []
    heads = gazetteer.lengths_by_head
    covered = 0  # text before this offset lies inside the last mention found
    for i in _name_starts(text, gazetteer):
        if i < covered:
            continue
        # Only lengths some name with these two leading characters has can match.
        for length in heads[text[i : i + 2]]:
            if i + length > len(text):
                continue
            word = text[i : i + length]
            codes = gazetteer.names.get(word)
            towns = gazetteer.towns.get(word) if not free_text or length >= MIN_FREE_TEXT_NAME else None
            if codes and free_text and length < MIN_FREE_TEXT_NAME:
                codes = tuple(c for c in codes if not gazetteer.divisions[c].county)
            if codes or towns:
                found.append(Mention(i, i + length, word, codes or (), () if codes else towns or ()))
                covered = i + length
                break
    return found


@dataclass(frozen=True)
class Place:
    division: Division | None
    town: str | None = None
    department: str | None = None
    written_county: str | None = None  # county name as the text writes it when only the stem matched

    @property
    def name(self) -> str:
        parts = []
        if self.division:
            parts.append(self.division.full_name)
        if self.town:
            parts.append(self.town)
        if self.department:
            parts.append(self.department)
        return "".join(parts)

    @property
    def level(self) -> str | None:
        if self.department:
            return "department"
        if self.town:
            return "town"
        return self.division.level if self.division else None


def _consistent(division: Division, parent: Division) -> bool:
    if parent.level == "province":
        return division.adcode[:2] == parent.adcode[:2]
    if parent.level == "city":
        return division.adcode[:4] == parent.adcode[:4]
    return division.adcode == parent.adcode


def _context_score(division: Division, context: Counter[str], gazetteer: Gazetteer) -> int:
    """How often the text names this division's province or prefecture (or the division itself)."""
    score = 0
    for code in {division.adcode[:2] + "0000", division.adcode[:4] + "00", division.adcode}:
        ancestor = gazetteer.divisions.get(code)
        if ancestor is not None:
            score += sum(context[alias] for alias in {ancestor.name, *_aliases(ancestor)})
    return score


def _pick(codes: Iterable[str], context: Counter[str], gazetteer: Gazetteer) -> Division | None:
    candidates = [gazetteer.divisions[code] for code in codes]
    if not candidates:
        return None
    # Context first; then current names over abolished ones; then the lower adcode, so the choice is stable.
    return max(candidates, key=lambda d: (_context_score(d, context, gazetteer), d.is_current, -int(d.adcode)))


def _town_place(town: str, counties: Iterable[str], parent: Division | None, folded: str, context: Counter[str],
                gazetteer: Gazetteer) -> Place:
    if parent is not None and parent.county:
        return Place(parent, town=town)  # the text named the county: trust it over a town list from 2015
    candidates = [gazetteer.divisions[c] for c in counties if c in gazetteer.divisions]
    if parent is not None:
        candidates = [c for c in candidates if _consistent(c, parent)]
    if not candidates:
        return Place(parent, town=town)
    # A town answers to its county by name ("区委" for a district, "县委" for a county): a strong tie-breaker.
    parents = Counter(PARENT_HINT_RE.findall(folded))

    def score(division: Division) -> tuple[int, int, bool]:
        return (_context_score(division, context, gazetteer), parents[division.county[-1]], division.is_current)

    ranked = sorted(candidates, key=score, reverse=True)
    if len(ranked) > 1 and score(ranked[0]) == score(ranked[1]):
        return Place(parent, town=town)
    return Place(ranked[0], town=town)


def _resolve(subject: str, folded: str, context: Counter[str], gazetteer: Gazetteer) -> Place | None:
    """Turn a subject string ("绍兴市柯桥区", "古镛镇", "司法部") into a place, expanding it with the gazetteer."""
    subject = subject.strip()
    if not subject:
        return None
    mentions = _mentions(subject, gazetteer, free_text=False)
    chain: Division | None = None
    town: str | None = None
    town_counties: tuple[str, ...] = ()
    end = 0
    for mention in mentions:
        if mention.start != end and chain is not None:
            break  # only a contiguous run of names describes one government
        end = mention.end
        if mention.adcodes:
            options = [gazetteer.divisions[c] for c in mention.adcodes]
            if chain is not None:
                options = [d for d in options if _consistent(d, chain) and d.adcode != chain.adcode]
            if options:
                chain = _pick([d.adcode for d in options], context, gazetteer)
                continue
            if mention.town_counties == ():
                break
        town, town_counties = mention.name, mention.town_counties
        break
    rest = subject[end:]
    if town is None:
        loose_town = TOWN_NAME_RE.match(rest)
        if loose_town and (chain is not None or not mentions):
            town = loose_town.group(0)
            rest = rest[loose_town.end() :]
    if town is not None:
        return _town_place(town, town_counties, chain, folded, context, gazetteer)
    if DEPARTMENT_RE.match(rest) and not NOT_DEPARTMENT_RE.search(rest):
        return Place(chain, department=rest)
    if chain is not None:
        return Place(chain)
    return None


def _year_value(token: str) -> int | None:
    if token.isdigit():
        year = int(token)
    else:
        digits = [CN_DIGITS.get(ch) for ch in token]
        if any(d is None for d in digits):
            return None
        year = int("".join(str(d) for d in digits))
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _years_in(line: str) -> tuple[int | None, str | None]:
    """Report year and span named by a title or an opening line."""
    line = SPEECH_NOTE_RE.sub("", line)
    for regex in (SPAN_RE, FUSED_SPAN_RE):
        match = regex.search(line)
        if match:
            first, last = _year_value(match.group(1)), _year_value(match.group(2))
            if first and last and 0 < last - first <= 10:
                return last, f"{first}-{last}"
    match = YEAR_RE.search(line)
    if match:
        return _year_value(match.group(1)), None
    return None, None


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str  # stripped, from folded


def _lines(folded: str) -> list[Line]:
    lines = []
    pos = 0
    for raw in folded.split("\n"):
        stripped = raw.strip()
        if stripped:
            offset = pos + raw.index(stripped[0])
            lines.append(Line(offset, offset + len(stripped), stripped))
        pos += len(raw) + 1
    return lines


def _is_body(line: Line) -> bool:
    """A paragraph of running text; a short one counts when it opens like a report ("2021年,…")."""
    long_enough = len(line.text) >= BODY_MIN_CHARS or (
        len(line.text) >= SHORT_OPENING_CHARS and bool(OPENING_YEAR_RE.match(line.text))
    )
    return long_enough and bool(SENTENCE_PUNCT_RE.search(line.text)) and not CHROME_RE.search(line.text[:20])


def _is_title(line: str) -> bool:
    return (
        8 <= len(line) <= 90
        and bool(TITLE_TOPIC_RE.search(line))
        and bool(TITLE_KIND_RE.search(line))
        and not HEADING_START_RE.match(line)
        and not CHROME_RE.search(line)
        and not SENTENCE_PUNCT_RE.search(line)
        and not line.endswith(("如下", ":", "："))
        and not line.startswith(("《", "“", "\"", "根据", "按照"))
    )


def _is_opening(line: Line) -> bool:
    return _is_body(line) and (
        bool(OPENING_YEAR_RE.match(line.text)) or line.text.startswith(OPENING_WORDS) or "报告如下" in line.text
    )


def _find_title(lines: list[Line], body_index: int, gazetteer: Gazetteer) -> tuple[int, int] | None:
    """Span (in the text) of the title: a title-like line before the opening paragraph, joined with its first half.

    A bare column name ("法治政府建设年度报告") also looks like a title, so a line naming a year, a place or a
    government wins over it.
    """
    candidates: list[tuple[int, int, bool]] = []
    for index, line in enumerate(lines[: body_index + TITLE_LINES_AFTER_BODY]):
        if _is_opening(line):
            break
        if not _is_title(line.text):
            continue
        start = line.start
        if index > 0 and (line.text.startswith("关于") or re.match(YEAR_TOKEN, line.text)):
            previous = lines[index - 1]
            if (
                len(previous.text) <= 30
                and SPLIT_TITLE_HEAD_RE.search(previous.text)
                and not CHROME_RE.search(previous.text)
                and not SENTENCE_PUNCT_RE.search(previous.text)
            ):
                start = previous.start
        whole = " ".join(other.text for other in lines[index - 1 : index + 1]) if start != line.start else line.text
        specific = bool(
            re.search(YEAR_TOKEN, whole) or "人民政府" in whole[:24] or _mentions(whole[:20], gazetteer, free_text=True)
        )
        candidates.append((start, line.end, specific))
    best = next((c for c in candidates if c[2]), candidates[0] if candidates else None)
    return (best[0], best[1]) if best else None


def _title_subject(title: str) -> str:
    """The government named at the head of a title: what precedes its year, 关于 or topic ("关于X县…" too)."""
    title = SPEECH_NOTE_RE.sub("", title).replace("\n", "")
    title = re.sub(rf"^\s*(?:中共)?\s*(?:{YEAR_TOKEN}(?:{SPAN_SEP}{YEAR_TOKEN})?\s*年度?)?", "", title)
    return next((part for part in SUBJECT_CUT_RE.split(title, maxsplit=3)[:3] if part), "")


def _opening(lines: list[Line], body_index: int) -> Line | None:
    for line in lines[body_index : body_index + 4]:
        if OPENING_YEAR_RE.match(line.text) or line.text.startswith(OPENING_WORDS[:3]):
            return line
    return lines[body_index] if body_index < len(lines) and _is_body(lines[body_index]) else None


def _opening_subject(line: Line) -> str:
    words = re.sub(rf"^[\s•·]*(?:{YEAR_TOKEN}\s*年度?(?:以来|来)?|今年以来|近年来|一年来)\s*[,,、]?\s*", "", line.text)
    return LEAD_CLAUSE_RE.sub("", words)[:40]


def _place_from_opening(line: Line, folded: str, context: Counter[str], gazetteer: Gazetteer) -> Place | None:
    words = _opening_subject(line)
    department = OPENING_DEPARTMENT_RE.match(words)
    if department and not NOT_DEPARTMENT_RE.search(department.group("dept")):
        place = _resolve(department.group("dept"), folded, context, gazetteer)
        if place is not None:
            return place
    mentions = _mentions(words[:24], gazetteer, free_text=False)
    if mentions and mentions[0].start <= MAX_SUBJECT_OFFSET:
        return _resolve(words[mentions[0].start : mentions[0].start + 24], folded, context, gazetteer)
    return None


def _fits_speaker(division: Division, speaker: str) -> bool:
    """Whether a government that calls itself "全<speaker>" can be this division."""
    if speaker == "省":
        return division.level == "province" and division.province not in MUNICIPALITIES
    if speaker == "市":
        if division.level == "province":
            return division.province in MUNICIPALITIES
        return division.level == "city" or division.name.endswith("市")
    if speaker == "区":
        return division.level == "district"
    return division.level == "county" and division.name.endswith(speaker)


def _place_from_counts(
    folded: str, mentions: list[Mention], context: Counter[str], gazetteer: Gazetteer
) -> Place | None:
    """Last resort: the most-named government of the kind the text speaks as ("全省" -> a province)."""
    hints = Counter(LEVEL_HINT_RE.findall(folded))
    if not hints:
        return None
    speaker = hints.most_common(1)[0][0]
    scores: Counter[str] = Counter()
    town_counts: Counter[str] = Counter()
    for mention in mentions:
        if speaker in "镇乡":
            if mention.town_counties and mention.name.endswith(speaker):
                town_counts[mention.name] += 1
            continue
        for code in mention.adcodes:
            division = gazetteer.divisions[code]
            if _fits_speaker(division, speaker):
                scores[division.name] += 1
    if town_counts:
        town = town_counts.most_common(1)[0][0]
        return _town_place(town, gazetteer.towns[town], None, folded, context, gazetteer)
    if not scores:
        return None
    name = scores.most_common(1)[0][0]
    return Place(_pick(gazetteer.names[name], context, gazetteer))


def _issuer_subjects(lines: list[Line], body_index: int) -> Iterable[str]:
    for line in lines[: body_index + 1]:
        match = ISSUER_LINE_RE.match(line.text) or ISSUER_LABEL_RE.search(line.text)
        if match:
            yield match.group("name")


def _report_year(title: str | None, lines: list[Line], body_index: int, folded: str) -> tuple[int | None, str | None]:
    if title:
        year, span = _years_in(title)
        if year:
            return year, span
    opening = _opening(lines, body_index)
    if opening is not None:
        match = OPENING_YEAR_RE.match(opening.text)
        if match:
            span_year, span = _years_in(opening.text[: match.end() + 12])
            if span:
                return span_year, span
            return _year_value(match.group(1)), None
    body = folded[lines[body_index].start :] if body_index < len(lines) else ""
    match = REPORT_PHRASE_YEAR_RE.search(body[:3000])
    if match:
        return _year_value(match.group(1)), None
    # The first year the body speaks of that is not inside a cited plan (《纲要(2015-2020年)》) or a date.
    cleaned = re.sub(r"《[^》\n]{0,80}》|[(（][^()（）\n]{0,30}[)）]", lambda m: " " * len(m.group(0)), body[:3000])
    match = YEAR_RE.search(cleaned)
    return (_year_value(match.group(1)), None) if match else (None, None)


def _valid_date(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _damaged_date(year: str, digits: str) -> str | None:
    """"2022211日" lost its 年 and 月: accept it only when one split into month and day makes a date."""
    options = {
        _valid_date(int(year), int(digits[:cut]), int(digits[cut:]))
        for cut in range(1, len(digits))
        if len(digits[:cut]) <= 2 and len(digits[cut:]) <= 2
    }
    options.discard(None)
    return options.pop() if len(options) == 1 else None


def _plausible(iso: str | None, report_year: int | None) -> bool:
    if iso is None:
        return False
    year = int(iso[:4])
    if report_year is None:
        return MIN_YEAR <= year <= MAX_YEAR
    return report_year <= year <= report_year + 3


def _date_published(
    lines: list[Line], body_index: int, report_year: int | None, container_date: str | None
) -> str | None:
    labelled: list[tuple[int, int, str]] = []
    for line in lines:
        if len(line.text) > MAX_CHROME_LINE:
            continue
        for match in LABELLED_DATE_RE.finditer(line.text):
            iso = _valid_date(int(match.group(2)), int(match.group(3)), int(match.group(4)))
            if _plausible(iso, report_year):
                labelled.append((LABEL_RANK[match.group("label")], line.start + match.start(), iso or ""))
    header = [line for line in lines[:body_index] if len(line.text) <= MAX_CHROME_LINE]
    for line in header:
        match = BARE_DATE_LINE_RE.match(line.text)
        if match:
            iso = _valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            if _plausible(iso, report_year):
                labelled.append((2, line.start, iso or ""))
    if labelled:
        return min(labelled)[2]
    for line in reversed(lines[body_index + 1 :][-SIGNATURE_LOOKBACK_LINES:]):
        match = SIGNATURE_DATE_RE.match(line.text)
        iso = _valid_date(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else None
        if match is None:
            damaged = DAMAGED_SIGNATURE_DATE_RE.match(line.text)
            iso = _damaged_date(damaged.group(1), damaged.group(2)) if damaged else None
        if _plausible(iso, report_year):
            return iso
    if container_date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", container_date[:10]):
        return container_date[:10]
    return None


def _container_parts(container_title: str | None) -> list[str]:
    """A page title split at its site-name separators, the part that looks like the report's title first."""
    if not container_title:
        return []
    parts = [part.strip() for part in re.split(r"[_|｜]|\s[-—]\s|--|-(?=[^-]*$)", container_title) if part.strip()]
    return sorted(parts, key=lambda part: not (TITLE_TOPIC_RE.search(part) and TITLE_KIND_RE.search(part)))


def _container_title(container_title: str | None) -> str | None:
    parts = _container_parts(container_title)
    return parts[0] if parts and TITLE_TOPIC_RE.search(parts[0]) and TITLE_KIND_RE.search(parts[0]) else None


def detect_metadata(
    text: str, folded: str, container_title: str | None = None, container_date: str | None = None
) -> ReportMeta:
    """Title, region, level, year and publication date of one report; fields it cannot find are None."""
    if len(folded) != len(text):
        folded = text  # a caller bug must not move slices off the title: match on the text as it is
    gazetteer = load_gazetteer()
    lines = _lines(folded)
    body_index = next((i for i, line in enumerate(lines) if _is_body(line)), len(lines))
    title_span = _find_title(lines, body_index, gazetteer)
    title = text[title_span[0] : title_span[1]].replace("\n", "").strip() if title_span else None
    folded_title = folded[title_span[0] : title_span[1]].replace("\n", "") if title_span else None
    if folded_title is None:
        folded_title = _container_title(container_title)
        title = title or folded_title

    if not TITLE_TOPIC_RE.search(folded[:FREE_TEXT_SCAN]) and not _container_title(container_title):
        return ReportMeta(None, None, None, None, None, None)  # not a rule-of-law report: claim nothing
    mentions = _mentions(folded[:FREE_TEXT_SCAN], gazetteer, free_text=True)
    context = Counter(m.name for m in mentions)
    place: Place | None = None
    # The text's own title, then the container's (a page title often names the government the text leaves out).
    for candidate in [folded_title or "", *_container_parts(container_title)]:
        place = _resolve(_title_subject(candidate), folded, context, gazetteer)
        if place is not None:
            break
    opening = _opening(lines, body_index)
    if place is None and opening is not None:
        place = _place_from_opening(opening, folded, context, gazetteer)
    if place is None:
        body = folded[lines[body_index].start :] if body_index < len(lines) else ""
        phrase = REPORT_PHRASE_SUBJECT_RE.search(body[:3000])
        if phrase:
            place = _resolve(phrase.group("subj"), folded, context, gazetteer)
    if place is None:
        for subject in _issuer_subjects(lines, body_index):
            place = _resolve(subject, folded, context, gazetteer)
            if place is not None:
                break
    if place is None:
        place = _place_from_counts(folded, mentions, context, gazetteer)

    report_year, year_span = _report_year(folded_title, lines, body_index, folded)
    return ReportMeta(
        title=title,
        region_name=place.name if place and place.name else None,
        admin_level=place.level if place and place.name else None,
        report_year=report_year,
        year_span=year_span,
        date_published=_date_published(lines, body_index, report_year, container_date),
    )
