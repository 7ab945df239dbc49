"""The gazetteer of China's divisions: provinces, prefectures, county-level divisions and the towns under them.

Declared in `regions.csv` (divisions, current and recently abolished) and `towns.csv` (towns under each county);
see `etl/catalogue/make_regions.py`. Names are in simplified script. Building the indexes takes ~0.35 s, so the
built tables are kept on disk between processes (`etl/catalogue/derived_cache.py`).
"""

from __future__ import annotations

import csv
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from etl.catalogue.derived_cache import load_or_build
from etl.config import REGIONS_CSV, TOWNS_CSV

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
MAX_NAME = 20


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
    # The same heads as character-pair codes (see `pair_codes`): a set of ints is tested faster than one of strings.
    head_codes: frozenset[int] = field(default_factory=frozenset, compare=False, repr=False)
    # And as 32-bit codes (`bmp_pairs`), sorted, for the texts that are all in the Basic Multilingual Plane: with
    # `bmp_head_filter` (see `head_slots`), a whole text's pairs are tested in a few array operations.
    bmp_heads: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint32), compare=False, repr=False)
    bmp_head_filter: np.ndarray = field(default_factory=lambda: np.zeros(0, bool), compare=False, repr=False)


# Native byte order, so the 8 bytes of two characters read back as one unsigned 64-bit integer.
_UTF32 = "utf-32-le" if sys.byteorder == "little" else "utf-32-be"
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"


def pair_codes(text: str) -> tuple[list[int], list[int]]:
    """Every pair of adjacent characters as one integer (both code points in 64 bits): the pairs at even offsets
    (0-1, 2-3, …), then those at odd ones (1-2, 3-4, …).

    The codes are made in C (one encode, two casts) instead of by slicing a two-character string out of the text
    at every offset.
    """
    data = memoryview(text.encode(_UTF32, "surrogatepass"))  # a lone surrogate (damaged scrape) is a code point too
    size = len(text)
    even = data[: 8 * (size // 2)].cast("Q").tolist()
    odd = data[4 : 4 + 8 * ((size - 1) // 2)].cast("Q").tolist()
    return even, odd


def bmp_pairs(text: str) -> np.ndarray | None:
    """Every pair of adjacent characters as one 32-bit code (first | second << 16, both UTF-16 code units), in
    text order, or None when a character lies outside the Basic Multilingual Plane (nearly every report is all
    BMP). One encode and three array operations, where a list of Python integers took one object per pair."""
    units = np.frombuffer(text.encode("utf-16-le", "surrogatepass"), dtype="<u2")
    if len(units) != len(text):
        return None  # a character took two code units
    wide = units.astype(np.uint32)
    return wide[:-1] | (wide[1:] << np.uint32(16))


# The heads' filter: a table of 2^20 flags (1 MB) for ~24,000 heads, so that about 2% of the pairs that start no
# name pass it and are looked up exactly (`np.searchsorted` in the sorted heads).
_HEAD_FILTER_BITS = 20
_HASH_MULTIPLIER = np.uint32(2654435761)  # Knuth's multiplicative hash: spreads similar codes over the table


def head_slots(codes: np.ndarray) -> np.ndarray:
    """Each pair code's slot in the heads' filter (the top bits of its product with the multiplier, mod 2^32)."""
    return (codes * _HASH_MULTIPLIER) >> np.uint32(32 - _HEAD_FILTER_BITS)


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


def aliases(division: Division) -> Iterable[str]:
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
    head_codes = frozenset(pair_codes("".join(heads))[0])  # the heads joined: the even pairs are the heads
    bmp = bmp_pairs("".join(head for head in heads if max(head) <= "\uffff"))
    bmp_heads = np.unique(bmp[::2]) if bmp is not None else np.zeros(0, np.uint32)  # even pairs are the heads
    bmp_head_filter = np.zeros(1 << _HEAD_FILTER_BITS, bool)
    bmp_head_filter[head_slots(bmp_heads)] = True
    return Gazetteer(divisions, names, town_names, max_name, heads, head_codes, bmp_heads, bmp_head_filter)


def _gazetteer_tables() -> tuple[tuple[tuple, ...], dict, dict, int, dict]:
    """The gazetteer as plain values (what `derived_cache` can keep): divisions as rows, then the indexes."""
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
        for alias in aliases(division):
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
