"""English names of Chinese regions: pinyin of each part (pypinyin) plus its division type, most specific first.

"重庆市綦江区" → "Qijiang District, Chongqing"; "贵州省黔西南州兴仁县" → "Xingren County, Qianxinan, Guizhou";
"全国" → "National". The stored region name stays Chinese (it is the key links and the database use); only what
an English reader sees is translated. Pure, no streamlit.

A name is cut into parts by the longest division or town name the gazetteer (`etl/catalogue/gazetteer.py`) knows
at each position, so 贵州省 is one part even though 州 is itself a type suffix; what the gazetteer does not know is
cut at the type suffixes below. Only the first part carries its type; the parents are named by their stems, as an
English address does.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from pypinyin import Style, lazy_pinyin

from etl.catalogue.gazetteer import ETHNIC_TAIL_RE, load_gazetteer
from etl.extract.kinds import RULE_OF_LAW_REPORT, load_kind_rules
from ui.i18n import t

# Longest first: 自治州 must win over 州, 街道 over nothing.
TYPE_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("特别行政区", "Special Administrative Region"),
    ("经济技术开发区", "Economic and Technological Development Zone"),
    ("经济开发区", "Economic Development Zone"),
    ("自治区", "Autonomous Region"),
    ("自治州", "Autonomous Prefecture"),
    ("自治县", "Autonomous County"),
    ("自治旗", "Autonomous Banner"),
    ("经开区", "Economic Development Zone"),
    ("高新区", "High-tech Zone"),
    ("新区", "New Area"),
    ("林区", "Forestry District"),
    ("特区", "Special District"),
    ("地区", "Prefecture"),
    ("街道", "Subdistrict"),
    ("社区", "Community"),
    ("省", "Province"),
    ("市", "City"),
    ("州", "Prefecture"),
    ("盟", "League"),
    ("县", "County"),
    ("区", "District"),
    ("旗", "Banner"),
    ("镇", "Town"),
    ("乡", "Township"),
    ("村", "Village"),
)
# Province-level municipalities are named without "City", as in English usage.
MUNICIPALITIES = {"北京市": "Beijing", "天津市": "Tianjin", "上海市": "Shanghai", "重庆市": "Chongqing"}
# Whole-country texts.
NATIONAL = frozenset({"全国", "国家", "中国", "全国范围"})
# Names whose English form is not their plain pinyin: conventional spellings (Shaanxi tells 陕西 from 山西,
# Inner Mongolia, Hong Kong, Macao) and place readings that differ from the common word (朝阳 as a place is
# Chaoyang, not zhaoyang "morning sun").
STEM_OVERRIDES = {
    "内蒙古": "Inner Mongolia",
    "陕西": "Shaanxi",
    "西藏": "Xizang",
    "香港": "Hong Kong",
    "澳门": "Macao",
    "朝阳": "Chaoyang",
    "六安": "Lu'an",
    "蚌埠": "Bengbu",
    "乐清": "Yueqing",
}
# Central bodies that publish reports of their own (admin level "department").
BODIES = {
    "国务院部门": "State Council department",
    "国务院": "State Council",
    "司法部": "Ministry of Justice",
    "公安部": "Ministry of Public Security",
    "生态环境部": "Ministry of Ecology and Environment",
    "自然资源部": "Ministry of Natural Resources",
}
_HAN = re.compile(r"[\u3400-\u9fff]")
_BRACKETS = re.compile(r"[((]([^()()]*)[))]")
_SEPARATORS = re.compile(r"[::·・\s]+")
_VOWEL_START = ("a", "o", "e")


def romanise(han: str) -> str:
    """Pinyin of a place stem, capitalised, syllables joined ('Xi'an' keeps its apostrophe)."""
    if han in STEM_OVERRIDES:
        return STEM_OVERRIDES[han]
    syllables = lazy_pinyin(han, style=Style.NORMAL, v_to_u=True, errors="default")
    text = ""
    for syllable in syllables:
        if text and syllable[:1] in _VOWEL_START and text[-1:].isalpha():
            text += "'"
        text += syllable
    return text[:1].upper() + text[1:]


def split_type(part: str) -> tuple[str, str]:
    """A part's stem and English type: "綦江区" → ("綦江", "District"); no known suffix → (part, "")."""
    for suffix, english in TYPE_SUFFIXES:
        if part.endswith(suffix) and len(part) > len(suffix):
            stem = part[: -len(suffix)]
            while ETHNIC_TAIL_RE.search(stem) and len(ETHNIC_TAIL_RE.sub("", stem)) >= 2:
                stem = ETHNIC_TAIL_RE.sub("", stem)  # 黔西南布依族苗族自治州 → 黔西南
            return stem, english
    return part, ""


def split_parts(name: str) -> list[str]:
    """The parts of a region name, largest first: "贵州省黔西南州兴仁县" → ["贵州省", "黔西南州", "兴仁县"]."""
    gazetteer = load_gazetteer()
    known = gazetteer.names.keys() | gazetteer.towns.keys()
    parts: list[str] = []
    start = 0
    while start < len(name):
        for end in range(min(len(name), start + gazetteer.max_name), start + 1, -1):
            if name[start:end] in known:
                parts.append(name[start:end])
                start = end
                break
        else:
            rest = _cut_by_suffix(name[start:])
            parts.append(rest)
            start += len(rest)
    return parts


def _cut_by_suffix(text: str) -> str:
    """The shortest head of `text` (at least two characters) that ends in a type suffix, else all of it."""
    for end in range(2, len(text) + 1):
        head = text[:end]
        if any(head.endswith(suffix) for suffix, _ in TYPE_SUFFIXES) and not _continues_suffix(text, end):
            return head
    return text


def _continues_suffix(text: str, end: int) -> bool:
    """True when the suffix found at `end` is the start of a longer one (经 of 经开区 is not; 自治 + 县 is)."""
    return any(text[:end + n].endswith(suffix) for suffix, _ in TYPE_SUFFIXES for n in (1, 2, 3)
               if len(text) >= end + n and len(suffix) > 1)


def _part_in_english(part: str, leaf: bool) -> str:
    if part in MUNICIPALITIES:
        return MUNICIPALITIES[part]
    if part in BODIES:
        return BODIES[part]
    stem, kind = split_type(part)
    if not _HAN.search(stem):
        return part
    english = romanise(stem)
    return f"{english} {kind}" if leaf and kind else english


def _parents(part: str) -> list[str]:
    """The province and prefecture above a first part the gazetteer knows by one division only."""
    codes = load_gazetteer().names.get(part, ())
    if len(codes) != 1:
        return []
    division = load_gazetteer().divisions[codes[0]]
    chain = [division.province, division.city, division.county]
    own = chain.index(division.name)
    return [name for name in chain[:own] if name]


@cache
def english_place(name: str) -> str:
    """The English name of a Chinese region name; text without Chinese characters comes back unchanged."""
    name = name.strip()
    if not _HAN.search(name):
        return name
    if name in NATIONAL:
        return "National"
    notes = [english_place(inner) for inner in _BRACKETS.findall(name)]
    bare = _BRACKETS.sub("", name)
    pieces = [p for p in _SEPARATORS.split(bare) if p]
    if len(pieces) > 1:  # "国务院部门:司法部" → "Ministry of Justice (State Council department)"
        head = english_place(pieces[-1])
        notes = [*(english_place(p) for p in pieces[:-1]), *notes]
        return f"{head} ({', '.join(notes)})"
    parts = split_parts(bare)
    if len(parts) == 1:
        parts = [*_parents(parts[0]), *parts]
    english = [_part_in_english(part, leaf=index == len(parts) - 1) for index, part in enumerate(parts)]
    text = ", ".join(reversed(english))
    return f"{text} ({', '.join(notes)})" if notes else text


def place_name(name: object, lang: str) -> str:
    """A region as a reader of `lang` names it: the stored Chinese name, or its English name."""
    text = "" if name is None else str(name)
    return english_place(text) if lang == "en" else text


def english_labels(names: list[str]) -> dict[str, str]:
    """Chinese name → English label for a picker, each label unique (a homophone gets its Chinese name added)."""
    labels = {name: english_place(name) for name in names}
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label] = counts.get(label, 0) + 1
    return {name: (f"{label} ({name})" if counts[label] > 1 else label) for name, label in labels.items()}


def report_title(report: Mapping[str, Any], lang: str) -> str:
    """A report's name for `lang`: its title as written; in English an English label beside it
    ("Rule-of-law government report, Qijiang District, Chongqing, 2021 (重庆市綦江区2021年法治政府建设情况报告)")."""
    title = str(report.get("title") or "").strip()
    region = place_name(report.get("region_label") or report.get("region_name") or "", lang)
    kind = str(report.get("document_kind") or RULE_OF_LAW_REPORT)
    if kind == RULE_OF_LAW_REPORT:
        label = t("report.label", lang, region=region, year=report.get("year_label") or "")
    else:  # a related document is named by its kind (document_kinds.yaml), not as an annual report
        label = t("report.label_kind", lang, region=region, year=report.get("year_label") or "",
                  kind=load_kind_rules().name(kind, lang))
    if lang != "en":
        return title or label
    return f"{label} ({title})" if title else label
