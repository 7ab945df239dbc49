"""English region names: pinyin plus division type, most specific first, parents from the gazetteer."""

from __future__ import annotations

import pytest

from ui.place_names import english_labels, english_place, place_name, report_title, romanise, split_parts

CASES = [
    ("重庆市綦江区", "Qijiang District, Chongqing"),
    ("天津市静海区", "Jinghai District, Tianjin"),
    ("贵州省黔西南州兴仁县", "Xingren County, Qianxinan, Guizhou"),
    ("兴仁县", "Xingren County, Qianxinan, Guizhou"),  # parents from the gazetteer
    ("綦江区", "Qijiang District, Chongqing"),
    ("重庆市", "Chongqing"),
    ("北京市朝阳区", "Chaoyang District, Beijing"),  # a place reading, not zhaoyang
    ("上海市浦东新区", "Pudong New Area, Shanghai"),
    ("四川省", "Sichuan Province"),
    ("广东省广州市", "Guangzhou City, Guangdong"),
    ("陕西省西安市", "Xi'an City, Shaanxi"),
    ("福建省三明市永安市小陶镇", "Xiaotao Town, Yong'an, Sanming, Fujian"),
    ("河南省焦作市孟州市化工镇", "Huagong Town, Mengzhou, Jiaozuo, Henan"),
    ("重庆市綦江区关坝镇(万盛经开区)", "Guanba Town, Qijiang, Chongqing (Wansheng Economic Development Zone)"),
    ("黔西南布依族苗族自治州", "Qianxinan Autonomous Prefecture, Guizhou"),
    ("内蒙古自治区", "Inner Mongolia Autonomous Region"),
    ("全国", "National"),
    ("国家", "National"),
    ("国务院部门:司法部", "Ministry of Justice (State Council department)"),
    ("report-without-region.txt", "report-without-region.txt"),
]


@pytest.mark.parametrize(("chinese", "english"), CASES)
def test_english_place(chinese: str, english: str) -> None:
    assert english_place(chinese) == english


def test_parts_follow_the_gazetteer_not_every_suffix() -> None:
    # 州 inside 贵州 is not a prefecture suffix: the gazetteer knows 贵州省 as one name.
    assert split_parts("贵州省黔西南州兴仁县") == ["贵州省", "黔西南州", "兴仁县"]
    assert split_parts("重庆市綦江区关坝镇") == ["重庆市", "綦江区", "关坝镇"]


def test_romanise_marks_syllable_boundaries() -> None:
    assert romanise("西安") == "Xi'an"
    assert romanise("綦江") == "Qijiang"


def test_place_name_keeps_chinese_for_chinese_readers() -> None:
    assert place_name("重庆市綦江区", "zh") == "重庆市綦江区"
    assert place_name("重庆市綦江区", "en") == "Qijiang District, Chongqing"
    assert place_name(None, "en") == ""


def test_picker_labels_are_unique() -> None:
    labels = english_labels(["重庆市綦江区", "天津市静海区"])
    assert labels == {"重庆市綦江区": "Qijiang District, Chongqing", "天津市静海区": "Jinghai District, Tianjin"}
    assert len(set(english_labels(["北京市朝阳区", "北京市朝阳区 "]).values())) == 2


@pytest.mark.parametrize(
    ("kind", "lang", "title"),
    [
        ("rule_of_law_report", "zh", "重庆市綦江区 2024 法治政府建设年度报告"),
        ("suggestions_proposals_report", "zh", "重庆市綦江区 2024 人大代表建议和政协提案办理情况报告"),
        ("rule_of_law_figures", "zh", "重庆市綦江区 2024 其他政府工作材料(按指标识别)"),
        ("rule_of_law_figures", "en",
         "Other government text (recognised by its figures), Qijiang District, Chongqing, 2024"),
    ],
)
def test_an_untitled_report_is_named_by_its_kind(kind: str, lang: str, title: str) -> None:
    report = {"title": None, "region_name": "重庆市綦江区", "year_label": "2024", "document_kind": kind}
    assert report_title(report, lang) == title
