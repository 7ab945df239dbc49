"""Related documents: a government body's report on a rule-of-law subject is loaded with its kind; a story is not."""

from __future__ import annotations

import pytest

from etl.extract.pipeline import NotAReportError, extract_text
from etl.extract.read import normalise_text

DISPUTE_CENTRE = (
    "铜梁区矛盾纠纷多元化解中心关于2023年工作情况的报告\n\n"
    "区人大常委会:\n2023年,区矛盾纠纷多元化解中心在区委、区政府领导下,坚持和发展新时代“枫桥经验”,"
    "统筹人民调解、行政调解、司法调解,全年共受理矛盾纠纷4210件,调解成功4105件,调解成功率97.5%。"
    "中心整合信访、人民调解、律师调解等力量,入驻调解组织12个,排查化解重点矛盾纠纷136件,"
    "调处涉企纠纷220件,化解信访积案18件。现将有关情况报告如下。\n"
)
ADMIN_REVIEW = (
    "2022年度行政复议工作情况报告\n\n"
    "2022年,区政府行政复议机构坚持依法办案,全年共收到行政复议申请135件,依法受理128件,"
    "审结行政复议案件120件,其中维持86件,撤销或确认违法12件,通过调解和解方式结案14件。\n"
)
NOVEL = (
    "第一章 小镇的春天\n\n那年春天,张家和李家因为一堵墙吵了起来,村里的老人出面调解,"
    "大家坐在槐树下喝茶,说起往年的收成,说起远方的亲戚,天色渐渐暗了下来,孩子们在田埂上奔跑。"
    "后来两家人又成了好邻居,逢年过节还互相送去自家做的点心,日子就这样一天天过去了。\n"
)


def _extract(text: str):
    return extract_text(normalise_text(text), "doc.txt", "txt", None, None, None)


@pytest.mark.parametrize(
    ("text", "kind"),
    [(DISPUTE_CENTRE, "dispute_resolution_report"), (ADMIN_REVIEW, "admin_review_report")],
    ids=["dispute-centre", "admin-review"],
)
def test_related_document_is_loaded_with_its_kind_and_figures(text: str, kind: str) -> None:
    extraction = _extract(text)
    assert extraction.meta.document_kind == kind
    assert len(extraction.figures) >= 3


def test_dispute_centre_keeps_its_mediation_figures() -> None:
    extraction = _extract(DISPUTE_CENTRE)
    by_text = dict(zip((f.text for f in extraction.figures), extraction.indicator_ids, strict=True))
    assert by_text["4105件"] == "mediation_success"
    assert by_text["97.5%"] == "mediation_success_rate"


def test_a_story_that_mentions_mediation_is_still_refused() -> None:
    with pytest.raises(NotAReportError, match="does not look like"):
        _extract(NOVEL)


def test_the_default_report_stays_a_rule_of_law_report() -> None:
    from tests.conftest import QIJIANG_TEXT

    assert _extract(QIJIANG_TEXT).meta.document_kind == "rule_of_law_report"
