"""Figure extraction: real values from the Qijiang 2021 report, the corpus cases and the non-figures."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.figures import SIGNED_UNITS, extract_figures
from etl.extract.structure import find_sections, split_sentences
from etl.models import Extraction

QIJIANG = Path(__file__).resolve().parent.parent / "data" / "reports" / "chongqing-qijiang-2021.txt"

# Every figure in the Qijiang 2021 report, in text order, checked by hand: the 57 written with digits and
# 四项 (“一件事一次办”四项改革), the one count spelled with a Chinese digit.
QIJIANG_FIGURES = [
    ("7场次", 7.0, "场次", None),
    ("15个", 15.0, "个", None),
    ("13项", 13.0, "项", None),
    ("312项", 312.0, "项", None),
    ("14个", 14.0, "个", None),
    ("3个", 3.0, "个", None),
    ("587家", 587.0, "家", None),
    ("40家", 40.0, "家", None),
    ("800余项", 800.0, "项", "余"),
    ("26", 26.0, "项", None),
    ("10792户", 10792.0, "户", None),
    ("四项", 4.0, "项", None),
    ("78万余件", 780000.0, "件", "余"),
    ("210项", 210.0, "项", None),
    ("128.58万条", 1285800.0, "条", None),
    ("385个", 385.0, "个", "累计"),
    ("15个", 15.0, "个", None),
    ("53件", 53.0, "件", None),
    ("111条", 111.0, "条", None),
    ("98件", 98.0, "件", None),
    ("272条", 272.0, "条", None),
    ("8件", 8.0, "件", None),
    ("16件", 16.0, "件", None),
    ("5次", 5.0, "次", None),
    ("165件", 165.0, "件", None),
    ("63件", 63.0, "件", None),
    ("26件", 26.0, "件", None),
    ("25条", 25.0, "条", None),
    ("304项", 304.0, "项", None),
    ("15个", 15.0, "个", None),
    ("22名", 22.0, "名", None),
    ("321名", 321.0, "名", None),
    ("1425名", 1425.0, "名", None),
    ("55个", 55.0, "个", None),
    ("1256台", 1256.0, "台", None),
    ("115人", 115.0, "人", None),
    ("34个", 34.0, "个", None),
    ("8个", 8.0, "个", None),
    ("3次", 3.0, "次", None),
    ("322件", 322.0, "件", None),
    ("99%", 99.0, "%", None),
    ("336件", 336.0, "件", None),
    ("97.6%", 97.6, "%", None),
    ("41个", 41.0, "个", None),
    ("76篇", 76.0, "篇", None),
    ("8461.36万元", 84613600.0, "元", None),
    ("14400余条", 14400.0, "条", "余"),
    ("68件", 68.0, "件", None),
    ("5169件", 5169.0, "件", None),
    ("5089件", 5089.0, "件", None),
    ("98.45%", 98.45, "%", None),
    ("7690万余元", 76900000.0, "元", "余"),
    ("29个", 29.0, "个", None),
    ("21个", 21.0, "个", None),
    ("381个", 381.0, "个", None),
    ("61件", 61.0, "件", None),
    ("57件", 57.0, "件", None),
    ("47件", 47.0, "件", None),
]


def figures_of(text: str, folded: str | None = None) -> list[tuple[str, float, str, str | None]]:
    sentences = split_sentences(text, find_sections(text))
    return [(f.text, f.value, f.unit, f.qualifier) for f in extract_figures(text, folded or text, sentences)]


def test_qijiang_every_figure_in_order() -> None:
    assert figures_of(QIJIANG.read_text(encoding="utf-8")) == QIJIANG_FIGURES


def test_qijiang_offsets_point_at_the_text() -> None:
    text = QIJIANG.read_text(encoding="utf-8")
    sentences = split_sentences(text, find_sections(text))
    for figure in extract_figures(text, text, sentences):
        assert text[figure.start : figure.end] == figure.text
        assert figure.sentence_start <= figure.start < figure.end <= figure.sentence_end


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("全年累计办理各类事项78万余件。", [("78万余件", 780000.0, "件", "余")]),
        ("节约政府投资8461.36万元。", [("8461.36万元", 84613600.0, "元", None)]),
        ("涉及金额30余万元。", [("30余万元", 300000.0, "元", "余")]),
        ("新增市场主体10,792户。", [("10,792户", 10792.0, "户", None)]),
        ("下放三百零四项区级事权。", [("三百零四项", 304.0, "项", None)]),
        ("主动公开信息一千四百余条。", [("一千四百余条", 1400.0, "条", "余")]),
        ("满意率为百分之九十七点六。", [("百分之九十七点六", 97.6, "%", None)]),
        ("结案率提高2.5个百分点。", [("2.5个百分点", 2.5, "个百分点", None)]),
        ("调解成功率为98.45%。", [("98.45%", 98.45, "%", None)]),
        ("进驻率达90%以上。", [("90%以上", 90.0, "%", "以上")]),
        ("接待群众近3000人次。", [("3000人次", 3000.0, "人次", "近")]),
        ("约120家企业参与。", [("120家", 120.0, "家", "约")]),
        ("建成综合体2.3万平方米。", [("2.3万平方米", 23000.0, "平方米", None)]),
        ("审批时限压缩至2—4个月。", [("2—4个月", 4.0, "个月", "区间")]),
        ("累计评定信用村385个。", [("385个", 385.0, "个", "累计")]),
        ("设立十余个服务站。", [("十余个", 10.0, "个", "余")]),
        ("圆满完成248例确诊病例救治任务。", [("248例", 248.0, "例", None)]),
        ("服务36.43萬人次。", [("36.43萬人次", 364300.0, "人次", None)]),
        # Scores, places counted and 百分之百.
        ("评估总分为720.72分,占有4分权重。", [("720.72分", 720.72, "分", None), ("4分", 4.0, "分", None)]),
        ("在3市8县深化试点,组织十六区政府开展。", [("3市", 3.0, "市", None), ("8县", 8.0, "县", None),
                                            ("十六区", 16.0, "区", None)]),
        ("出庭应诉率百分之百。", [("百分之百", 100.0, "%", None)]),
        ("办理答复、沟通见面两个百分之百。", [("百分之百", 100.0, "%", None)]),
        # A signed change in a table keeps its sign; a range's or a date's dash is no sign.
        ("区应急局 | 1 | 0 | 0.0% | -100.0%", [("0.0%", 0.0, "%", None), ("-100.0%", -100.0, "%", None)]),
        ("同比变化:-30.0%。", [("-30.0%", -30.0, "%", None)]),
        ("由原来的1-2天压缩至0.5天。", [("1-2天", 2.0, "天", "区间"), ("0.5天", 0.5, "天", None)]),
        # 千 after Arabic digits and before a unit; calls, letters and transactions; 四通八达 is a word.
        ("受理仲裁案件3千余件。", [("3千余件", 3000.0, "件", "余")]),
        ("热线接听来电72.2万通,四通八达。", [("72.2万通", 722000.0, "通", None)]),
        ("群众来信6封,质押融资共14笔。", [("6封", 6.0, "封", None), ("14笔", 14.0, "笔", None)]),
    ],
)  # fmt: skip
def test_figure_forms(sentence: str, expected: list) -> None:
    import opencc

    folded = opencc.OpenCC("t2s").convert(sentence)
    assert figures_of(sentence, folded) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "low", "high"),
    [
        ("审批时间平均缩短3—5个月。", "3—5个月", 3.0, 5.0),
        ("办理时限压缩至1-2个工作日。", "1-2个工作日", 1.0, 2.0),
        ("覆盖群众2~3万人次。", "2~3万人次", 20000.0, 30000.0),
    ],
)
def test_range_keeps_low_and_high(sentence: str, text: str, low: float, high: float) -> None:
    sentences = split_sentences(sentence, find_sections(sentence))
    (figure,) = extract_figures(sentence, sentence, sentences)
    assert (figure.text, figure.value_low, figure.value, figure.qualifier) == (text, low, high, "区间")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # A count spelled with one digit is a figure: 六项措施, 三个区, 两个率先 (labelled so in the dev set).
        ("设立三个公共法律服务中心,建成两个示范点。", [("三个", 3.0, "个", None), ("两个", 2.0, "个", None)]),
        ("一、六项措施推进法治建设。", [("六项", 6.0, "项", None)]),
        ("从五方面明确了工作目标。", [("五方面", 5.0, "方面", None)]),
        # 一 after an event verb with an event's unit is the number one.
        ("每季度召开一次工作例会。", [("一次", 1.0, "次", None)]),
        # 年 for a duration the text marks as one.
        ("连续5年获评先进单位,近三年办结案件增长。", [("5年", 5.0, "年", None), ("三年", 3.0, "年", None)]),
    ],
)
def test_spelled_counts_and_durations(sentence: str, expected: list) -> None:
    assert figures_of(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("调解纠纷三万五件。", [("三万五件", 35000.0, "件", None)]),
        ("受理一百二件。", [("一百二件", 120.0, "件", None)]),
        ("办理两千六件。", [("两千六件", 2600.0, "件", None)]),
        ("结案一千零十件。", [("一千零十件", 1010.0, "件", None)]),
        ("补助壹仟贰佰叁拾肆元伍角。", [("壹仟贰佰叁拾肆元伍角", 1234.5, "元", None)]),
        ("發放廿五份資料。", [("廿五份", 25.0, "份", None)]),
        ("調處糾紛兩萬件。", [("兩萬件", 20000.0, "件", None)]),
        ("行政复议纠错0件。", [("0件", 0.0, "件", None)]),
        # 千 scales money only; "0千元" once raised KeyError (found by hypothesis).
        ("补助资金3千元。", [("3千元", 3000.0, "元", None)]),
        ("补助资金0千元。", [("0千元", 0.0, "元", None)]),
    ],
)
def test_every_numeral_form(sentence: str, expected: list) -> None:
    import opencc

    folded = opencc.OpenCC("t2s").convert(sentence)
    assert figures_of(sentence, folded) == expected


def test_unit_lost_by_the_scrape_is_inferred_and_flagged() -> None:
    text = "推行证明事项告知承诺制,落实区级告知承诺制办理事项26。推进改革。"
    sentences = split_sentences(text)
    (figure,) = extract_figures(text, text, sentences)
    assert (figure.value, figure.unit, figure.is_unit_inferred) == (26.0, "项", True)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # Joined numbers say their unit once, after the last.
        ("败诉率分别下降4.5和1.8个百分点。", [("4.5", 4.5, "个百分点"), ("1.8个百分点", 1.8, "个百分点")]),
        ("复议和诉讼案件分别为12、8件。", [("12", 12.0, "件"), ("8件", 8.0, "件")]),
        ("分别有2、3、4人参加。", [("2", 2.0, "人"), ("3", 3.0, "人"), ("4人", 4.0, "人")]),
        # Not years, months, ordinals or a list's numbers.
        ("2019、2020年分别为3件。", [("3件", 3.0, "件")]),
        ("1、2月份受理5件。", [("5件", 5.0, "件")]),
        ("一、收案情况\n3、13个市州新收申请40件。", [("13个", 13.0, "个"), ("40件", 40.0, "件")]),
    ],
)
def test_joined_numbers_share_the_last_ones_unit(sentence: str, expected: list) -> None:
    assert [(text, value, unit) for text, value, unit, _ in figures_of(sentence)] == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "2021年,綦江区坚持以习近平新时代中国特色社会主义思想为指导。",
        "日期:2022-03-22 11:33:28",
        "重庆市綦江区人民政府 2022211日",
        "研究制发《法治中国建设规划(20202025)》实施方案。",
        "《法治政府建设实施纲要(2021—2025年)》印发实施。",
        "学习党的十九届六中全会精神,落实“十四五”规划。",
        "深入推进12348热线、12345政务服务便民热线建设。",
        "印发《关于加强执法的通知》(渝府办发〔2024〕3号)。",
        "上线2.0版办案系统。",
        "完善“1+5+N”社会治理队伍,推行“3+X”模式。",
        "深入推行行政执法“三项制度”,推行“一件事一次办”,实行“三个一律”。",
        "一是优化营商环境。第一责任人。",
        "1.持续完善行政权力运作机制。",
        "进入全省考评前30名。",
        "打造江北嘴“金10条”品牌。",
        "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
        # Named sets without their quotation marks, session ordinals, plan periods, 一 as an article.
        "全面推行行政执法三项制度,严格落实八项规定精神。",
        "增强四个意识、坚定四个自信、做到两个维护。",
        "深入学习贯彻党的十九届四中全会精神和市委五届九次全会精神。",
        "认真落实市委六届二次、三次、四次全会部署。",
        "编制法治政府建设五年规划,实施三年行动计划。",
        "开展一批专项行动,建立一支队伍,形成一套机制,实现一窗受理。",
        "2021年至2023年,用两年时间完成改革。",
        # 分 after a Chinese numeral or a time, 市 县 区 starting a word.
        "十分重要,占三分之一。发布时间:2020年03月31日 09时46分",
        "研究法治议题70区委常委会会议,12345市民热线,2区域协同,3县级部门。",
    ],
)
def test_not_figures(sentence: str) -> None:
    assert figures_of(sentence) == []


@settings(deadline=None, max_examples=200)
@given(st.text(max_size=300))
def test_never_raises_and_offsets_quote_the_text(text: str) -> None:
    sentences = split_sentences(text, find_sections(text))
    for figure in extract_figures(text, text, sentences):
        assert text[figure.start : figure.end] == figure.text


@settings(deadline=None, max_examples=100)
@given(st.text(alphabet="0123456789,.万亿余多件项个人%元年月日第一二三十百千是、。:—-“”()", max_size=80))
def test_never_raises_on_number_heavy_text(text: str) -> None:
    sentences = split_sentences(text, find_sections(text))
    for figure in extract_figures(text, text, sentences):
        assert text[figure.start : figure.end] == figure.text
        assert figure.value >= 0 or (figure.unit in SIGNED_UNITS and figure.text[0] in "-−－")


def document_figures(raw: str) -> list[tuple[str, float, str, str | None]]:
    """Figures of a raw text as the pipeline sees it: normalised (odd spaces folded), then extracted."""
    from etl.extract.pipeline import build_document

    document = build_document(raw)
    sentences = split_sentences(document.text, find_sections(document.text))
    figures = extract_figures(document.text, document.folded, sentences)
    for figure in figures:
        assert document.text[figure.start : figure.end] == figure.text
    return [(f.text, f.value, f.unit, f.qualifier) for f in figures]


# Reports typeset with a space between words, number and unit: ASCII, ideographic (U+3000), no-break (U+00A0),
# thin (U+2009) and narrow no-break (U+202F) spaces all read as one space.
@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("受理人民调解案件 356 件。", [("356 件", 356.0, "件", None)]),
        ("召开专题会议\u30003\u3000次。", [("3 次", 3.0, "次", None)]),
        ("办结率 98.5 %。", [("98.5 %", 98.5, "%", None)]),
        (
            "调解成功\u00a05089\u00a0件,成功率\u00a098.45%。",
            [("5089 件", 5089.0, "件", None), ("98.45%", 98.45, "%", None)],
        ),
        ("培训执法人员\u2009320\u2009人次。", [("320 人次", 320.0, "人次", None)]),
        ("主动公开信息\u202f1.44\u202f万余条。", [("1.44 万余条", 14400.0, "条", "余")]),
        ("办理事项 800 余项。", [("800 余项", 800.0, "项", "余")]),
        # Thousands set apart by a space (older typesetting) are one number where a unit follows.
        ("全年共调解各类民间纠纷29 757件,调委会3\u2009457个。",
         [("29 757件", 29757.0, "件", None), ("3 457个", 3457.0, "个", None)]),
        ("接待群众近 3000 人次。", [("3000 人次", 3000.0, "人次", "近")]),
        ("节约资金 8461.36 万元。", [("8461.36 万元", 84613600.0, "元", None)]),
        ("结案率提高 2.5 个百分点。", [("2.5 个百分点", 2.5, "个百分点", None)]),
        ("连续 3 年获评先进。", [("3 年", 3.0, "年", None)]),
        ("每半年召开 一 次专题会议。", [("一 次", 1.0, "次", None)]),
        ("落实告知承诺制办理事项 26。", [("26", 26.0, "项", None)]),
    ],
)
def test_spaced_typesetting(sentence: str, expected: list) -> None:
    assert document_figures(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "受理案件 1 2 3 件。",  # digits set apart: one number or three, neither is safe
        "共有 12 345 件。",
        "2022 年 3 月 5 日召开会议。",
        "印发《通知》(渝府办发〔2022〕 3 号)。",
        "深入推进 12345 政务服务便民热线建设。",
        "开展第 3 次专项检查。",
        "进入全省考评前 30 名。",
        "实施《规划(2021 — 2025 年)》。",
        "编制法治政府建设 五年规划,实施 三年行动计划。",
        "调处 3 人民调解委员会纠纷。",
    ],
)
def test_spaced_non_figures(sentence: str) -> None:
    assert document_figures(sentence) == []


def test_the_default_report_typeset_with_spaces_keeps_every_figure_and_indicator() -> None:
    import re

    from etl.extract.pipeline import extract_text

    raw = QIJIANG.read_text(encoding="utf-8")
    spaced = re.sub(r"(?<=[\u4e00-\u9fff])(?=\d)", "\u3000", raw)
    spaced = re.sub(r"(?<=\d)(?=[\u4e00-\u9fff%])", "\u00a0", spaced)
    plain, typeset = extract_text(raw, "plain.txt"), extract_text(spaced, "spaced.txt")
    assert len(typeset.figures) == len(plain.figures) == 58

    def rows(extraction: Extraction) -> tuple[list, list]:
        return [(f.value, f.unit, f.qualifier) for f in extraction.figures], list(extraction.indicator_ids)

    assert rows(typeset) == rows(plain)
    assert typeset.assignment_statuses == plain.assignment_statuses


# A hard-wrapped text (a page copied line by line) that cuts a number at the margin: rejoined only there.
WRAPPED = (
    "2022年,全区各级人民调解组织坚持和发展新时代枫桥经\n"
    "验,深入开展矛盾纠纷排查化解工作,全年共受理案件35\n"
    "6件,调解成功350件,调解成功率达到98.3%,其中涉及婚\n"
    "姻家庭纠纷120件,邻里纠纷86件,合同纠纷42件,其他纠\n"
    "纷108件。"
)


def test_a_number_cut_by_a_hard_wrap_is_rejoined() -> None:
    found = document_figures(WRAPPED)
    assert found[:3] == [("356件", 356.0, "件", None), ("350件", 350.0, "件", None), ("98.3%", 98.3, "%", None)]
    assert len(found) == 7


@pytest.mark.parametrize(
    "raw",
    [
        # Paragraphs one per line: no margin, so the break may be meant; neither half becomes a figure.
        "受理案件35\n6件,调解成功350件。",
        # The line before stops short of the margin of a wrapped text.
        WRAPPED.replace("全年共受理案件35\n", "受理35\n"),
        # A list item after a number, and a table cell: not a wrap.
        WRAPPED.replace("35\n6件,", "35\n6、调解"),
        "项目\t数量\n受理\t35\n6件为复议。",
    ],
    ids=["paragraph-lines", "short-line", "list-item", "table-cell"],
)
def test_other_breaks_between_digits_stay_and_give_no_half_figure(raw: str) -> None:
    values = [value for _, value, _, _ in document_figures(raw)]
    assert 356.0 not in values
    assert 6.0 not in values
