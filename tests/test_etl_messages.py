"""The ETL's English messages as the Chinese upload page shows them; unknown ones stay as written."""

from __future__ import annotations

import pytest

from ui.etl_messages import action_name, localise, localise_problem


@pytest.mark.parametrize(
    ("message", "zh"),
    [
        ("menu.txt: file is empty", "menu.txt:文件是空的"),
        ("scan.pdf: PDF has no text layer (scanned?)", "scan.pdf:PDF 没有文字层(可能是扫描件)"),
        ("big.pdf: file is too large (30000000 bytes; the limit is 20971520 bytes)",
         "big.pdf:文件太大(30000000 字节,上限 20971520 字节)"),
        ("novel.txt: does not look like a rule-of-law government report (0 mentions …)",
         "novel.txt:看起来既不是法治政府建设年度报告,也不是政府部门关于法治工作的报告"),
        ("a.txt: no figures found; loaded for its text only", "a.txt:未找到数字,仅载入正文"),
        ("a.txt: something new", "a.txt: something new"),  # unknown: as written, never dropped
    ],
)
def test_messages_in_chinese(message: str, zh: str) -> None:
    assert localise(message, "zh") == zh
    assert localise(message, "en") == message


@pytest.mark.parametrize(
    ("detail", "zh"),
    [
        ("3 figures", "3 个数字"),
        ("already loaded (same content)", "已载入(内容相同)"),
        ("re-extracted with parser 1.2.0 (was 1.0.1)", "已用解析程序 1.2.0 重新提取(原为 1.0.1)"),
        ("replaced earlier version a.txt (ab12) of 重庆市綦江区 2021", "已替换重庆市綦江区2021年的旧版本:a.txt (ab12)"),
    ],
)
def test_load_details_in_chinese(detail: str, zh: str) -> None:
    assert localise_problem(detail, "zh") == zh


def test_actions() -> None:
    assert [action_name(a, "zh") for a in ("loaded", "replaced", "rejected")] == ["已载入", "已替换", "已拒绝"]
    assert action_name("loaded", "en") == "loaded"
