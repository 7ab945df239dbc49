"""Report bytes to text: UTF-8, then a declared charset, then GB18030 or Big5 by plausibility."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

import opencc

from etl.extract.patterns import is_han
from etl.extract.read.errors import fail

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# C0 controls other than \t \n \v \f \r, plus DEL: real text has next to none of them.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
_MAX_CONTROL_SHARE = 0.01
_DECLARED_CHARSET_RE = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE)
_DECLARED_SCAN_BYTES = 2048
# Declared names that are trusted, mapped to the codecs tried in order. Pages labelled GB2312 routinely
# contain characters outside it (—, ·, 綦), and GB18030 is a strict superset of GB2312 and GBK; CP950
# adds the Windows extensions (碁銹裏…) to Big5. A declared single-byte charset (latin-1, windows-1252) is
# ignored: it decodes any bytes, so a mislabelled Chinese page would silently become mojibake.
_DECLARED_CODECS: dict[str, tuple[str, ...]] = {
    "gb2312": ("gb18030",),
    "gbk": ("gb18030",),
    "gb18030": ("gb18030",),
    "big5": ("big5", "cp950", "big5hkscs"),
    "big5hkscs": ("big5hkscs", "cp950"),
    "cp950": ("cp950", "big5hkscs"),
}


def decode_text(data: bytes, file_name: str) -> str:
    """Decode report bytes: UTF-8, then a declared charset, then GB18030 or Big5 (by plausibility).

    Never guesses with a statistical detector first: those read short GBK text as Korean or Cyrillic.
    """
    if not data.strip(b" \t\r\n\x0b\x0c"):
        raise fail(file_name, "file is empty")
    if data.startswith(_UTF16_BOMS):
        text = _decode_utf16(data, file_name)
    else:
        _reject_binary(data, file_name)
        text = _decode_8bit(data, file_name)
    if not text.strip():
        raise fail(file_name, "file is empty")
    return text


def _decode_utf16(data: bytes, file_name: str) -> str:
    try:
        text = data.decode("utf-16")  # the BOM picks the byte order and is consumed
    except UnicodeDecodeError as error:
        raise fail(file_name, "cannot decode text (UTF-16 byte order mark, but invalid UTF-16)") from error
    controls = sum(1 for char in text if char == "\x00" or (ord(char) < 0x80 and ord(char) in _CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(text):
        raise fail(file_name, "not a text file (binary content after a UTF-16 byte order mark)")
    return text


def _reject_binary(data: bytes, file_name: str) -> None:
    # Byte-level checks are sound for every codec accepted below: in UTF-8, GB18030 and Big5 all bytes of
    # a multi-byte character are >= 0x30, so control bytes can only be real control characters.
    if b"\x00" in data:
        raise fail(file_name, "not a text file (contains NUL bytes)")
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))  # counted in C: files run to 20 MB
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise fail(file_name, f"not a text file ({controls} control bytes in {len(data)})")


def _decode_8bit(data: bytes, file_name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass  # not UTF-8: fall through to the legacy Chinese encodings
    for codec in _declared_codecs(data):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue  # a wrong declaration is common on old CMS templates; the bytes decide
    text = _decode_gb_or_big5(data)
    if text is None:
        raise fail(file_name, "cannot decode text (not UTF-8, GB18030 or Big5)")
    return text


def _declared_codecs(data: bytes) -> tuple[str, ...]:
    match = _DECLARED_CHARSET_RE.search(data[:_DECLARED_SCAN_BYTES])
    if match is None:
        return ()
    name = match.group(1).decode("ascii").lower()
    try:
        canonical = codecs.lookup(name).name.replace("_", "").replace("-", "")
    except LookupError:
        return ()
    return _DECLARED_CODECS.get(canonical, ())


def _try_decode(data: bytes, codec_names: tuple[str, ...]) -> str | None:
    for codec in codec_names:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _decode_gb_or_big5(data: bytes) -> str | None:
    """Pick GB18030 or Big5 for bytes that are not UTF-8.

    Nearly every Big5 byte string is also valid GB18030 (as nonsense: kana, box drawing, private-use
    characters), and short GBK strings often pass as Big5 (again as nonsense). So when both decode, the
    reading whose characters look like real report prose wins; GB18030 wins ties, being the common case.
    """
    as_gb = _try_decode(data, ("gb18030",))
    as_big5 = _try_decode(data, ("big5", "cp950"))
    if as_gb is None or as_big5 is None:
        return as_gb if as_gb is not None else as_big5
    # The opening of a long file settles it as well as the whole would, at a fraction of the cost.
    big5_sample, gb_sample = as_big5[:_SAMPLE_CHARS], as_gb[:_SAMPLE_CHARS]
    big5_score, gb_score = _plausibility(big5_sample), _plausibility(gb_sample)
    # Big5 read as GB18030 yields private-use characters, kana, Greek or box drawing, which Chinese report
    # text hardly uses: this settles short strings that have too few Han characters to score.
    if _odd_count(gb_sample) > 0 and _odd_count(big5_sample) == 0 and big5_score >= gb_score:
        return as_big5
    if _is_mostly_han(big5_sample) and big5_score > gb_score:
        return as_big5
    return as_gb


_SAMPLE_CHARS = 65536


_ODD_RANGES = (
    (0xE000, 0xF8FF),  # private use area
    (0x3040, 0x312F),  # hiragana, katakana, bopomofo
    (0x2500, 0x257F),  # box drawing
    (0x0370, 0x04FF),  # Greek, Cyrillic
)


def _odd_count(text: str) -> int:
    return sum(1 for char in text if any(low <= ord(char) <= high for low, high in _ODD_RANGES))


# The most frequent characters of general Chinese prose, then of this corpus of rule-of-law reports
# (counted over data/reports after folding to simplified script). Real report text has well over 60 % of
# its Han characters in this set; a wrong-codec reading has under 10 %.
_COMMON_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出也得里后自会家可下而过天去能对小多然于心学么之都好看起"
    "发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分老因很给名法间知"
    "世什两次使身者被高已亲其进此话常与活正感政治府建设区习全实工年市委推平重务党近思主导责部落度深项贯报彻领制入关化"
    "持告坚任展议新二各十强公精镇神理组况依力体提效题定范执社指将督级点规职宣民施决合服等三示改加办传机律专代审署及件"
    "庆单信保省央目研履确义措策干案文管九书查监统讲认特察问革色负门清调届场批举系求记解创完考评首标员织真江划核式内升"
    "究通四共取营环业程步引优权性质纲纳院召明立围紧境切障东率续基量布复号容向整余综应论局息善台筹抓县商济五州并格层造"
    "类众安网态集见绕北浦置先城识放结水列训接供六相述打条村根协培疫街断挥印司乡页严计万据普"
)


@lru_cache(maxsize=1)
def _common_han() -> frozenset[str]:
    traditional = opencc.OpenCC("s2t").convert(_COMMON_SIMPLIFIED)
    return frozenset(_COMMON_SIMPLIFIED) | frozenset(traditional)


def _is_neutral(char: str) -> bool:
    """ASCII and punctuation say nothing about which codec is right."""
    code = ord(char)
    return code < 0x80 or 0x3000 <= code <= 0x303F or 0xFF00 <= code <= 0xFFEF or 0x2010 <= code <= 0x2027


def _is_mostly_han(text: str) -> bool:
    telling = [char for char in text if not _is_neutral(char)]
    return bool(telling) and sum(map(is_han, telling)) >= 0.9 * len(telling)


def _plausibility(text: str) -> float:
    """Share of the non-ASCII, non-punctuation characters that are common Han characters."""
    common = _common_han()
    telling = [char for char in text if not _is_neutral(char)]
    if not telling:
        return 0.0
    return sum(1 for char in telling if char in common) / len(telling)
