"""The government a report speaks for: gazetteer names found in its text, resolved to a division, town or department.

Names are matched on the folded (simplified) text, as the gazetteer is in simplified script.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import compress

import numpy as np

from etl.catalogue.gazetteer import Division, Gazetteer, aliases, bmp_pairs, head_slots, pair_codes
from etl.extract.metadata.lines import YEAR_TOKEN, Line, opening_subject

MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
# Two-character county names (城区, 和县, 西区) are ordinary words too: trusted only inside a title or opening subject.
MIN_FREE_TEXT_NAME = 3
# The subject of an opening sentence comes first ("2021年,綦江区坚持…"): a name further in is something else.
MAX_SUBJECT_OFFSET = 2

ISSUER_LINE_RE = re.compile(r"^\s*(?:中共)?(?P<name>[\u4e00-\u9fff]{2,20}?)(?:人民政府|政府)\s*$")
ISSUER_LABEL_RE = re.compile(
    r"(?:发布机构|信息来源|来源)\s*[\]】]?\s*[:：]?\s*(?P<name>[\u4e00-\u9fff]{2,20}?)(?:人民政府|政府)"
)
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
# "区政府坚持…": the kind of government speaking, when the text never says 全区/我区.
GOVERNMENT_HINT_RE = re.compile(r"(省|市|区|县|旗|镇|乡)(?:人民)?政府")
# Without a 全区/我区, a name must be named this often before the counts name the government.
MIN_COUNTED_MENTIONS = 2


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    adcodes: tuple[str, ...]  # empty for a town
    town_counties: tuple[str, ...]  # counties holding a town of this name; empty for a division


# Below this length the arrays' dozen calls cost more than testing each pair (a title's subject: 25 against 7 µs).
_ARRAY_MIN_CHARS = 200


def _name_starts(text: str, gazetteer: Gazetteer) -> list[int]:
    """Offsets where a gazetteer name may start: its first two characters are those of some name.

    A few percent of a report's offsets pass. Slicing a two-character string at every offset cost more than the
    rest of the metadata detection together. A text all in the Basic Multilingual Plane (nearly every report) is
    tested as arrays: its pairs' codes through the heads' hashed filter, the few that pass looked up exactly in the
    sorted heads (0.37 → 0.05 ms a generated report, against a set lookup for every pair); any other, and a short
    one, as integer pairs made and tested in C (`pair_codes`, `map`, `compress`).
    """
    pairs = bmp_pairs(text) if len(text) >= _ARRAY_MIN_CHARS else None
    if pairs is not None:
        maybe = np.flatnonzero(gazetteer.bmp_head_filter[head_slots(pairs)])
        found = pairs[maybe]
        heads = gazetteer.bmp_heads
        at = np.searchsorted(heads, found)
        at[at == len(heads)] = 0  # beyond the last head: compared with the first, which it is not
        return maybe[heads[at] == found].tolist()
    even, odd = pair_codes(text)
    heads_codes = gazetteer.head_codes
    starts = [
        *compress(range(0, len(text), 2), map(heads_codes.__contains__, even)),
        *compress(range(1, len(text), 2), map(heads_codes.__contains__, odd)),
    ]
    starts.sort()  # two ascending runs: one merge
    return starts


def find_mentions(text: str, gazetteer: Gazetteer, *, free_text: bool) -> list[Mention]:
    """Greedy longest-first scan for division and town names."""
    found: list[Mention] = []
    # Looked up once: the loop below runs for every length of every start, the hottest code of the metadata.
    heads, names, town_names, size = gazetteer.lengths_by_head, gazetteer.names, gazetteer.towns, len(text)
    covered = 0  # text before this offset lies inside the last mention found
    for i in _name_starts(text, gazetteer):
        if i < covered:
            continue
        # Only lengths some name with these two leading characters has can match.
        for length in heads[text[i : i + 2]]:
            if i + length > size:
                continue
            word = text[i : i + length]
            codes = names.get(word)
            towns = town_names.get(word) if not free_text or length >= MIN_FREE_TEXT_NAME else None
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
            score += sum(context[alias] for alias in {ancestor.name, *aliases(ancestor)})
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


def resolve_place(subject: str, folded: str, context: Counter[str], gazetteer: Gazetteer) -> Place | None:
    """Turn a subject string ("绍兴市柯桥区", "古镛镇", "司法部") into a place, expanding it with the gazetteer."""
    subject = subject.strip()
    if not subject:
        return None
    mentions = find_mentions(subject, gazetteer, free_text=False)
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



def place_from_opening(line: Line, folded: str, context: Counter[str], gazetteer: Gazetteer) -> Place | None:
    words = opening_subject(line)
    department = OPENING_DEPARTMENT_RE.match(words)
    if department and not NOT_DEPARTMENT_RE.search(department.group("dept")):
        place = resolve_place(department.group("dept"), folded, context, gazetteer)
        if place is not None:
            return place
    mentions = find_mentions(words[:24], gazetteer, free_text=False)
    if mentions and mentions[0].start <= MAX_SUBJECT_OFFSET:
        return resolve_place(words[mentions[0].start : mentions[0].start + 24], folded, context, gazetteer)
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


def place_from_counts(
    folded: str, mentions: list[Mention], context: Counter[str], gazetteer: Gazetteer
) -> Place | None:
    """Last resort: the most-named government of the kind the text speaks as ("全省" -> a province)."""
    hints = Counter(LEVEL_HINT_RE.findall(folded))
    min_mentions = 1
    if not hints:
        # A text with no title that names 铜梁区 twice and says 区政府 speaks for 铜梁区.
        hints = Counter(GOVERNMENT_HINT_RE.findall(folded))
        min_mentions = MIN_COUNTED_MENTIONS
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
        town, count = town_counts.most_common(1)[0]
        if count < min_mentions:
            return None
        return _town_place(town, gazetteer.towns[town], None, folded, context, gazetteer)
    if not scores:
        return None
    name, count = scores.most_common(1)[0]
    if count < min_mentions:
        return None
    return Place(_pick(gazetteer.names[name], context, gazetteer))


def issuer_subjects(lines: list[Line], body_index: int) -> Iterable[str]:
    for line in lines[: body_index + 1]:
        match = ISSUER_LINE_RE.match(line.text) or ISSUER_LABEL_RE.search(line.text)
        if match:
            yield match.group("name")

