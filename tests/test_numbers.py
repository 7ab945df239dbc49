import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.numbers import parse_arabic, parse_chinese_integer, parse_chinese_number, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10,792", 10792.0),
        ("8461.36", 8461.36),
        ("0", 0.0),
        ("1,234,567.5", 1234567.5),
    ],
)
def test_parse_arabic(text: str, expected: float) -> None:
    assert parse_arabic(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三百零四", 304),
        ("一千四百", 1400),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("两千", 2000),
        ("十二万", 120_000),
        ("一亿零五百万", 105_000_000),
        ("三千零五十万零六", 30_500_006),
        ("二〇二一", 2021),
        ("一万零一", 10_001),
    ],
)
def test_parse_chinese_integer(text: str, expected: int) -> None:
    assert parse_chinese_integer(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("78万", 780_000.0),
        ("8461.36万", 84_613_600.0),
        ("128.58万", 1_285_800.0),
        ("1.2亿", 120_000_000.0),
        ("百分之九十七点六", 97.6),
        ("九十七点六", 97.6),
        ("三百零四", 304.0),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "十x", "点"])
def test_parse_number_rejects_non_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_chinese_numerals_round_trip(value: int) -> None:
    import cn2an

    assert parse_chinese_integer(cn2an.an2cn(value)) == value


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=99))
def test_chinese_decimals_round_trip(whole: int, hundredths: int) -> None:
    import cn2an

    value = float(f"{whole}.{hundredths:02d}")
    text = cn2an.an2cn(f"{whole}.{hundredths:02d}")
    assert parse_chinese_number(text) == pytest.approx(value)


@given(st.integers(min_value=0, max_value=10**9))
def test_separators_and_multipliers_agree(value: int) -> None:
    assert parse_number(f"{value:,}") == value
    assert parse_number(str(value)) == value
    if value % 10_000 == 0:
        assert parse_number(f"{value // 10_000}万") == value


@settings(deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_full_width_digits_parse_after_normalisation(value: int) -> None:
    from etl.extract.read import normalise_text

    full_width = "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() or ch == "," else ch for ch in f"{value:,}")
    assert parse_number(normalise_text(full_width)) == value


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=99_999), st.sampled_from([("万", 10_000), ("亿", 100_000_000)]))
def test_decimal_multipliers(hundredths: int, multiplier: tuple[str, int]) -> None:
    word, factor = multiplier
    text = f"{hundredths / 100:.2f}{word}"
    assert parse_number(text) == pytest.approx(hundredths / 100 * factor)


# Colloquial forms drop the last unit: 三万五 is 3万5千, 一百二 is 1百2十, 两千六 is 2千6百.
_UNIT_CHARS = {2: "百", 3: "千", 4: "万"}
_DIGIT_CHARS = "一二三四五六七八九"


@given(st.integers(1, 9), st.integers(1, 9), st.sampled_from([2, 3, 4]), st.booleans())
def test_colloquial_numerals(high: int, low: int, power: int, use_liang: bool) -> None:
    lead = "两" if use_liang and high == 2 else _DIGIT_CHARS[high - 1]
    text = f"{lead}{_UNIT_CHARS[power]}{_DIGIT_CHARS[low - 1]}"
    assert parse_chinese_integer(text) == high * 10**power + low * 10 ** (power - 1)


_CAPITALS = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")


@settings(deadline=None)
@given(st.integers(min_value=1, max_value=10**8))
def test_financial_capitals_read_as_plain_numerals(value: int) -> None:
    import cn2an

    assert parse_chinese_integer(cn2an.an2cn(value).translate(_CAPITALS)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三万五", 35_000),
        ("一百二", 120),
        ("两千六", 2_600),
        ("一千零十", 1_010),
        ("壹仟贰佰叁拾肆", 1_234),
        ("廿五", 25),
        ("卅", 30),
        ("兩萬", 20_000),
        ("三億", 300_000_000),
    ],
)
def test_forms_reports_use(text: str, expected: int) -> None:
    assert parse_chinese_integer(text) == expected


@pytest.mark.parametrize("text", ["一亿二", "一百零", "万", "十十", "一万万"])
def test_unreadable_forms_give_no_value(text: str) -> None:
    # Never a wrong value: a form the parser cannot be sure of is refused, so the extractor emits no figure.
    with pytest.raises(ValueError):
        parse_chinese_integer(text)
