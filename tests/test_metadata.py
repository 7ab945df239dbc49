"""Report metadata read from real page text: every shipped report, plus damaged and partial inputs."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from etl.extract.metadata import detect_metadata, load_gazetteer
from etl.models import ReportMeta

REPORTS = Path(__file__).resolve().parent.parent / "data" / "reports"
SOURCES = yaml.safe_load((REPORTS / "excerpts" / "sources.yml").read_text(encoding="utf-8"))
T2S = opencc.OpenCC("t2s")
BODY = (
    "坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻习近平法治思想,全面推进法治政府建设各项工作,"
    "取得积极成效。现将有关情况报告如下:\n一、主要举措和成效\n(一)加强组织领导。全年召开专题会议5次。\n"
)


def fold(text: str) -> str:
    """Simplified copy of `text` with the same length: character by character where a phrase changes length."""
    folded = T2S.convert(text)
    if len(folded) == len(text):
        return folded
    return "".join(simple if len(simple := T2S.convert(char)) == 1 else char for char in text)


def detect(text: str, container_title: str | None = None, container_date: str | None = None) -> ReportMeta:
    return detect_metadata(text, fold(text), container_title, container_date)


# file -> region, level, year, span, date published (None where the page shows none), title (None where not shown).
# Regions are sources.yml's, in the gazetteer's official spelling: 黔西南州 is written out as 黔西南布依族苗族自治州,
# the "(万盛经开区)" note on 关坝镇 and the "国务院部门:" label on 司法部 are not part of the name.
SHIPPED = [
    ("chongqing-qijiang-2021.txt", "重庆市綦江区", "district", 2021, None, "2022-03-22",
     "重庆市綦江区2021年度法治政府建设情况报告"),
    ("excerpts/001_qijiang_2022.txt", "重庆市綦江区", "district", 2022, None, "2023-02-14",
     "重庆市綦江区2022年法治政府建设情况报告"),
    ("excerpts/003_qijiang_2016-2020.txt", "重庆市綦江区", "district", 2020, "2016-2020", None,
     "重庆市綦江区人民政府关于2016—2020年法治政府建设情况的报告"),
    ("excerpts/005_qijiang_guanbazhen_2025.txt", "重庆市綦江区关坝镇", "town", 2025, None, "2026-02-09",
     "重庆市綦江区关坝镇人民政府关于2025年度法治政府建设情况的报告"),
    ("excerpts/007_jiulongpo_2022.txt", "重庆市九龙坡区", "district", 2022, None, "2023-03-23",
     "重庆市九龙坡区人民政府关于2022年法治政府建设情况的报告"),
    ("excerpts/009_tianjin_jinghai_2020.txt", "天津市静海区", "district", 2020, None, "2021-03-29",
     "2020年静海区法治政府建设情况报告"),
    ("excerpts/011_jiangjin_2020.txt", "重庆市江津区", "district", 2020, None, None, None),
    ("excerpts/013_jiangjin_2021.txt", "重庆市江津区", "district", 2021, None, None, None),
    ("excerpts/015_jiangbei_2023.txt", "重庆市江北区", "district", 2023, None, "2024-02-07",
     "重庆市江北区2023年法治政府建设情况报告"),
    ("excerpts/017_chongqing_city_2022_fuyi.txt", "重庆市", "province", 2022, None, "2023-09-07",
     "重庆市人民政府关于法治政府建设工作情况的报告"),
    ("excerpts/019_yuzhong_2024.txt", "重庆市渝中区", "district", 2024, None, None, None),
    ("excerpts/021_shanghai_pudong_2022.txt", "上海市浦东新区", "district", 2022, None, "2023-03-27",
     "浦东新区人民政府2022年度法治政府建设情况报告"),
    ("excerpts/023_shanghai_pudong_2023.txt", "上海市浦东新区", "district", 2023, None, "2024-02-27",
     "浦东新区人民政府2023年度法治政府建设情况报告"),
    ("excerpts/025_beijing_city_2021.txt", "北京市", "province", 2021, None, None,
     "北京市2021年法治政府建设年度情况报告"),
    ("excerpts/027_guangzhou_2022.txt", "广东省广州市", "city", 2022, None, None,
     "广州市人民政府关于2022年度法治政府建设情况的报告"),
    ("excerpts/029_guangdong_province_2022.txt", "广东省", "province", 2022, None, "2023-03-31",
     "广东省2022年度法治政府建设情况的报告"),
    ("excerpts/031_nanchuan_nanpingzhen_2025.txt", "重庆市南川区南平镇", "town", 2025, None, "2026-01-15",
     "重庆市南川区南平镇人民政府关于2025年法治政府建设情况的报告"),
    ("excerpts/033_sifabu_2021_traditional.txt", "司法部", "department", 2021, None, None, None),
    ("excerpts/035_zhejiang_hangzhou_2020_rendabaogao.txt", "浙江省杭州市", "city", 2020, None, None, None),
    ("excerpts/037_jiangsu_huaian_2017.txt", "江苏省淮安市", "city", 2017, None, "2018-05-03",
     "淮安市人民政府关于2017年度法治政府建设情况的报告"),
    ("excerpts/039_rongchang_2019.txt", "重庆市荣昌区", "district", 2019, None, "2020-02-18",
     "重庆市荣昌区人民政府关于2019年法治政府建设情况的报告"),
    ("excerpts/041_banan_2023.txt", "重庆市巴南区", "district", 2023, None, None,
     "重庆市巴南区人民政府关于2023年法治政府建设工作情况的报告"),
    ("excerpts/043_tongnan_2022_traditional.txt", "重庆市潼南区", "district", 2022, None, None,
     "重慶市潼南區人民政府2022年法治政府建設情況的報告"),
    ("excerpts/045_tongliang_2023.txt", "重庆市铜梁区", "district", 2023, None, None,
     "重庆市铜梁区2023年法治政府建设工作报告"),
    ("excerpts/047_zhejiang_shaoxing_keqiao_2018.txt", "浙江省绍兴市柯桥区", "district", 2018, None, None,
     "绍兴市柯桥区人民政府关于2018年度法治政府建设情况的报告"),
    ("excerpts/049_sichuan_province_2019.txt", "四川省", "province", 2019, None, "2020-03-31",
     "四川省2019年度法治政府建设工作情况"),
    ("excerpts/051_fujian_jiangle_guyongzhen_2024.txt", "福建省三明市将乐县古镛镇", "town", 2024, None,
     "2025-02-07", None),
    ("excerpts/053_fujian_yongan_xiaotaozhen_2024.txt", "福建省三明市永安市小陶镇", "town", 2024, None, None,
     "永安市小陶镇人民政府2024年法治政府建设情况报告"),
    ("excerpts/055_zhejiang_jindong_lipuzhen_2023.txt", "浙江省金华市金东区澧浦镇", "town", 2023, None, "2024-01-31",
     "澧浦镇2023年度法治政府建设工作报告"),
    ("excerpts/057_henan_mengzhou_huagongzhen_2024.txt", "河南省焦作市孟州市化工镇", "town", 2024, None,
     "2025-03-14", "化工镇人民政府2024年度法治政府建设工作总结"),
    ("excerpts/059_tongliang_2024.txt", "重庆市铜梁区", "district", 2024, None, None,
     "重庆市铜梁区2024年法治政府建设工作报告"),
    ("excerpts/061_wanzhou_2020.txt", "重庆市万州区", "district", 2020, None, "2021-02-26",
     "重庆市万州区人民政府关于2020年度法治政府建设情况的报告"),
    ("excerpts/063_changshou_2021.txt", "重庆市长寿区", "district", 2021, None, None,
     "重庆市长寿区人民政府关于2021年法治政府建设情况的报告"),
    ("excerpts/065_guizhou_xingren_2016_traditional.txt", "贵州省黔西南布依族苗族自治州兴仁县", "county", 2016, None,
     None, None),
    ("excerpts/067_beijing_dongcheng_2024_traditional.txt", "北京市东城区", "district", 2024, None, None, None),
    ("excerpts/069_beijing_chaoyang_2022_traditional.txt", "北京市朝阳区", "district", 2022, None, "2023-03-31",
     "北京市朝陽區人民政府2022年法治政府建設年度情況報告"),
    ("excerpts/071_beijing_chaoyang_2020_rendabaogao.txt", "北京市朝阳区", "district", 2020, None, None,
     "朝阳区人民政府关于2020年法治政府建设工作情况的报告"),
    ("excerpts/073_jiangsu_province_2024.txt", "江苏省", "province", 2024, None, None, None),
    ("excerpts/075_kaizhou_tieqiaozhen_2025.txt", "重庆市开州区铁桥镇", "town", 2025, None, "2026-01-27",
     "重庆市开州区铁桥镇人民政府关于2025年法治政府建设情况的报告"),
    ("excerpts/077_rongchang_guanshengzhen_2025.txt", "重庆市荣昌区观胜镇", "town", 2025, None, None, None),
    ("excerpts/079_jiangbei_2024.txt", "重庆市江北区", "district", 2024, None, None, None),
    ("excerpts/081_yongchuan_2022.txt", "重庆市永川区", "district", 2022, None, "2023-03-20",
     "重庆市永川区人民政府2022年法治政府建设情况报告"),
]


@pytest.mark.parametrize(("name", "region", "level", "year", "span", "date", "title"), SHIPPED)
def test_shipped_report(
    name: str, region: str, level: str, year: int, span: str | None, date: str | None, title: str | None
) -> None:
    meta = detect((REPORTS / name).read_text(encoding="utf-8"))
    assert (meta.region_name, meta.admin_level) == (region, level)
    assert (meta.report_year, meta.year_span) == (year, span)
    assert meta.date_published == date
    assert meta.title == title
    assert (meta.is_excerpt, meta.source_url) == (False, None)


def test_table_covers_every_shipped_excerpt_and_agrees_with_sources_yml() -> None:
    rows = {row[0].removeprefix("excerpts/"): row for row in SHIPPED}
    assert set(SOURCES) <= set(rows)
    for name, record in SOURCES.items():
        _, region, _, year, span, _, title = rows[name]
        assert str(record["report_year"]) == (span or str(year))
        if title is not None:  # None where the page does not show it: "[标题未见于摘录]", or 065's "(据URL)"
            assert record["title"].startswith(title)
        official = region.replace("黔西南布依族苗族自治州", "黔西南州")
        assert record["region"].removeprefix("国务院部门:").startswith(official)


@pytest.mark.parametrize(
    ("text", "region", "level", "year", "span", "date", "title"),
    [
        pytest.param(
            "2021年,綦江区" + BODY, "重庆市綦江区", "district", 2021, None, None, None, id="no-title-opening-subject"
        ),
        pytest.param(
            "今天是:2019年10月31日 星期三\n绍兴市柯桥区人民政府\n关于2018年度法治政府建设情况的报告\n2018年,柯桥区"
            + BODY,
            "浙江省绍兴市柯桥区", "district", 2018, None, None,
            "绍兴市柯桥区人民政府关于2018年度法治政府建设情况的报告",
            id="title-split-over-two-lines-and-clock-widget",
        ),
        pytest.param(
            "今天是:2019年10月31日\n2020年静海区法治政府建设情况报告\n文章来源:司法局 更新时间:2021/03/29 11:30:01\n"
            "2020年,静海区" + BODY,
            "天津市静海区", "district", 2020, None, "2021-03-29", "2020年静海区法治政府建设情况报告",
            id="clock-widget-is-not-the-publication-date",
        ),
        pytest.param(
            "日期:2019年10月31日\n恩施州2021年法治政府建设情况报告\n" + BODY,
            "湖北省恩施土家族苗族自治州", "city", 2021, None, None, "恩施州2021年法治政府建设情况报告",
            id="labelled-date-before-the-report-year-is-a-widget",
        ),
        pytest.param(
            "重庆市綦江区人民政府关于20162020年法治政府建设情况的报告\n" + BODY,
            "重庆市綦江区", "district", 2020, "2016-2020", None,
            "重庆市綦江区人民政府关于20162020年法治政府建设情况的报告",
            id="dash-lost-in-year-range",
        ),
        pytest.param(
            "2022年,九龙坡区紧紧围绕《法治政府建设实施纲要(20212025年)》" + BODY,
            "重庆市九龙坡区", "district", 2022, None, None, None, id="fused-plan-years-in-body-are-not-the-year",
        ),
        pytest.param(
            "重慶市潼南區人民政府2022年法治政府建設情況的報告\n2022年,在市委、市政府的堅強領導下,潼南區堅持以習近平"
            "新時代中國特色社會主義思想為指導,深學篤用習近平法治思想,法治政府建設取得重要成效。現將有關情況報告如下:\n",
            "重庆市潼南区", "district", 2022, None, None, "重慶市潼南區人民政府2022年法治政府建設情況的報告",
            id="traditional-script",
        ),
        pytest.param(
            "2021年,司法部堅持以習近平新時代中國特色社會主義思想為指導,紮實推動法治政府建設高質量發展,取得積極成效。\n",
            "司法部", "department", 2021, None, None, None, id="state-council-department",
        ),
        pytest.param(
            "重庆市綦江区司法局2022年法治政府建设情况报告\n发布日期:2023-01-10\n2022年,区司法局" + BODY,
            "重庆市綦江区司法局", "department", 2022, None, "2023-01-10",
            "重庆市綦江区司法局2022年法治政府建设情况报告",
            id="local-department",
        ),
        pytest.param(
            "重庆市开州区铁桥镇人民政府关于2025年法治政府建设情况的报告\n2025年,铁桥镇" + BODY,
            "重庆市开州区铁桥镇", "town", 2025, None, None,
            "重庆市开州区铁桥镇人民政府关于2025年法治政府建设情况的报告",
            id="town-with-its-county",
        ),
        pytest.param(
            "区委、区政府:\n2025年以来,在区委、区政府的坚强领导下,观胜镇"
            + BODY + "观胜镇党委、政府高度重视。全镇干部。\n",
            "重庆市荣昌区观胜镇", "town", 2025, None, None, None, id="town-placed-by-gazetteer-and-district-parent",
        ),
        pytest.param(
            "重庆市渝中区解放碑街道办事处2023年法治政府建设情况报告\n2023年,解放碑街道" + BODY,
            "重庆市渝中区解放碑街道", "town", 2023, None, None,
            "重庆市渝中区解放碑街道办事处2023年法治政府建设情况报告",
            id="street-office",
        ),
        pytest.param(
            "关于二〇二二年度法治政府建设工作情况的报告\n2022年,丰都县" + BODY + "\n丰都县人民政府\n2023年1月5日\n",
            "重庆市丰都县", "county", 2022, None, "2023-01-05", "关于二〇二二年度法治政府建设工作情况的报告",
            id="chinese-numeral-year-and-signature-date",
        ),
        pytest.param(
            "重庆市綦江区人民政府关于2021年法治政府建设情况的报告\n2021年,綦江区"
            + BODY + "\n重庆市綦江区人民政府\n2022211日\n",
            "重庆市綦江区", "district", 2021, None, "2022-02-11",
            "重庆市綦江区人民政府关于2021年法治政府建设情况的报告",
            id="damaged-signature-date-one-reading",
        ),
        pytest.param(
            "重庆市綦江区人民政府关于2021年法治政府建设情况的报告\n2021年,綦江区"
            + BODY + "\n重庆市綦江区人民政府\n2022111日\n",
            "重庆市綦江区", "district", 2021, None, None, "重庆市綦江区人民政府关于2021年法治政府建设情况的报告",
            id="damaged-signature-date-ambiguous",
        ),
        pytest.param(
            "杭州市人民政府关于2020年法治政府建设情况的报告\n"
            "(2021年4月26日在杭州市第十三届人民代表大会常务委员会第三十五次会议上)\n"
            "主任、副主任、秘书长、各位委员:\n2020年,全市各级行政机关" + BODY,
            "浙江省杭州市", "city", 2020, None, None, "杭州市人民政府关于2020年法治政府建设情况的报告",
            id="speech-note-date-is-not-the-publication-date",
        ),
        pytest.param(
            "内蒙古自治区2021年法治政府建设情况报告\n  • 2022年03月31日 09时46分\n" + BODY,
            "内蒙古自治区", "province", 2021, None, "2022-03-31", "内蒙古自治区2021年法治政府建设情况报告",
            id="bare-header-date-with-time",
        ),
        pytest.param(
            "法治政府建设年度报告\n开州区2021年法治政府建设情况报告\n" + BODY,
            "重庆市开州区", "district", 2021, None, None, "开州区2021年法治政府建设情况报告",
            id="column-name-is-not-the-title",
        ),
        pytest.param(
            "武隆县2015年法治政府建设情况报告\n" + BODY,
            "重庆市武隆县", "county", 2015, None, None, "武隆县2015年法治政府建设情况报告", id="abolished-county-name",
        ),
        pytest.param(
            "2022年,在市委市政府的坚强领导下,江北区" + BODY + "为重庆高质量发展提供法治保障。",
            "重庆市江北区", "district", 2022, None, None, None, id="same-name-district-placed-by-context",
        ),
        pytest.param(
            "2022年,在市委市政府的坚强领导下,江北区" + BODY + "为宁波高质量发展提供法治保障。",
            "浙江省宁波市江北区", "district", 2022, None, None, None, id="same-name-district-other-context",
        ),
        pytest.param(
            "2024年,在以习近平同志为核心的党中央坚强领导下,全省各级政府"
            + BODY + "法治日益成为江苏现代化建设的显著优势。",
            "江苏省", "province", 2024, None, None, None, id="province-from-speaker-and-mentions",
        ),
    ],
)
def test_partial_and_damaged_inputs(
    text: str, region: str, level: str, year: int, span: str | None, date: str | None, title: str | None
) -> None:
    meta = detect(text)
    assert (meta.region_name, meta.admin_level, meta.report_year, meta.year_span) == (region, level, year, span)
    assert (meta.date_published, meta.title) == (date, title)


def test_container_metadata_fills_what_the_text_lacks() -> None:
    meta = detect(
        "2021年法治政府建设年度报告\n2021年,全县" + BODY,
        container_title="武隆县人民政府2021年法治政府建设年度报告-重庆市武隆区人民政府",
        container_date="2022-01-20",
    )
    assert (meta.region_name, meta.admin_level, meta.report_year) == ("重庆市武隆县", "county", 2021)
    assert meta.date_published == "2022-01-20"


def test_page_date_beats_container_date() -> None:
    meta = detect("北京市2021年法治政府建设年度情况报告\n发布时间:2022-03-30\n" + BODY, container_date="2022-04-01")
    assert meta.date_published == "2022-03-30"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n   \n",
        "今天天气很好,我们去公园散步。北京市朝阳区有很多公园。2021年天气也很好。",
        "首页 > 新闻中心 > 图片新闻\n今天是:2019年10月31日\n版权所有 重庆市綦江区人民政府",
    ],
)
def test_not_a_report_claims_nothing(text: str) -> None:
    meta = detect(text)
    assert (meta.region_name, meta.admin_level, meta.report_year, meta.title) == (None, None, None, None)


def test_mismatched_folded_text_does_not_raise() -> None:
    meta = detect_metadata("重庆市綦江区2021年度法治政府建设情况报告\n2021年,綦江区" + BODY, "短")
    assert meta.region_name == "重庆市綦江区"


def test_gazetteer_shape() -> None:
    gazetteer = load_gazetteer()
    assert len(gazetteer.divisions) > 3400
    assert gazetteer.divisions["110101"].full_name == "北京市东城区"
    assert gazetteer.divisions["330603"].full_name == "浙江省绍兴市柯桥区"
    assert gazetteer.divisions["500110"].level == "district"
    assert gazetteer.divisions["522300"].level == "city"
    assert sum(len(codes) for codes in gazetteer.towns.values()) > 35000
    assert "500153" in gazetteer.towns["观胜镇"]


ALPHABET = st.sampled_from(list("重庆市綦江区关坝镇人民政府关于法治政府建设情况报告总结日期发布时间今天是年月日以来") +
                           list("0123456789:-—/()()【】[]•> \n,。、《》〇二零") + ["2022", "2021年", "2016—2020年"])


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    detect_metadata(text, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=200).map("".join), st.one_of(st.none(), st.text(max_size=40)))
def test_never_raises_on_report_like_text(text: str, container_title: str | None) -> None:
    meta = detect_metadata(text, text, container_title, None)
    assert meta.report_year is None or 1990 <= meta.report_year <= 2100


BODY_ONLY = (
    "2023年,区政府坚持以习近平法治思想为指导,全面推进法治政府建设,铜梁区依法行政水平不断提升。"
    "区政府常务会议学法12次,铜梁区行政执法案卷评查合格率100%,依法行政、行政执法、法治政府建设取得新进展。"
)
NATIONAL = (
    "2021年全国法治政府建设情况\n\n2021年,全国各地区各部门深入学习贯彻习近平法治思想,扎实推进法治政府建设。"
    "全国共办结行政复议案件30.2万件。12月,全国法治政府建设工作会议在北京召开,依法行政、行政执法取得新进展。"
)


@pytest.mark.parametrize(
    ("text", "region", "level"),
    [
        (BODY_ONLY, "重庆市铜梁区", "district"),  # no title: named twice, and 区政府 speaks
        (BODY_ONLY.replace("铜梁区行政执法", "行政执法"), None, None),  # named once: not enough
        (NATIONAL, "全国", "national"),  # the country, not the city where a meeting was held
    ],
    ids=["body-names-it-twice", "named-once", "national"],
)
def test_region_without_a_title(text: str, region: str | None, level: str | None) -> None:
    meta = detect_metadata(text, text)
    assert (meta.region_name, meta.admin_level) == (region, level)
