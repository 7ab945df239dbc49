"""The pure parts of administrator sign-in cookies (ui/auth.py) and of the upload review's curation (ui/curation.py)."""

from __future__ import annotations

import pytest

from etl.extract.pipeline import default_catalogue, extract_file
from etl.models import ReportMeta
from tests.conftest import QIJIANG_FILE
from ui import auth, curation

KEY = auth.auth_config({auth.PASSWORD_ENV: "正确的密码"}, {}).session_secret


def test_cookie_round_trip_expiry_and_tampering() -> None:
    now = 1_800_000_000
    value = auth.sign_cookie("admin", now + 3600, KEY)
    assert auth.verify_cookie(value, KEY, now) == "admin"
    assert auth.verify_cookie(value, KEY, now + 3600) is None  # expired
    expires, name, mac = value.split(".")
    assert auth.verify_cookie(f"{int(expires) + 10}.{name}.{mac}", KEY, now) is None  # a longer life is forged
    assert auth.verify_cookie(f"{expires}.{name}.{'0' * len(mac)}", KEY, now) is None
    assert auth.verify_cookie(None, KEY, now) is None and auth.verify_cookie("x.y", KEY, now) is None
    # Too far in the future to have been made by this server's bounded sign-in.
    far = auth.sign_cookie("admin", now + auth.SESSION_SECONDS * 10, KEY)
    assert auth.verify_cookie(far, KEY, now) is None


def test_cookie_key_changes_with_password_and_secret() -> None:
    value = auth.sign_cookie("admin", 2_000_000_000, KEY)
    other_password = auth.auth_config({auth.PASSWORD_ENV: "新密码"}, {}).session_secret
    with_secret = auth.auth_config({auth.PASSWORD_ENV: "正确的密码", auth.SESSION_SECRET_ENV: "s" * 32}, {})
    from_secrets = auth.auth_config({auth.PASSWORD_ENV: "正确的密码"}, {"session_secret": "s" * 32})
    assert auth.verify_cookie(value, other_password, 1_999_999_000) is None
    assert auth.verify_cookie(value, with_secret.session_secret, 1_999_999_000) is None
    assert with_secret.session_secret == from_secrets.session_secret != KEY
    assert "session_secret=" not in repr(with_secret)


def test_only_unit_compatible_indicators_are_offered() -> None:
    catalogue = default_catalogue()
    for_percent = curation.compatible_indicators(catalogue, "%")
    assert "mediation_success_rate" in for_percent and "mediation_cases" not in for_percent
    assert "mediation_committees" in curation.compatible_indicators(catalogue, "个")


def test_review_rows_show_status_and_pending_corrections() -> None:
    ex = extract_file(QIJIANG_FILE)
    index = next(i for i, f in enumerate(ex.figures) if f.text == "5169件")
    rows = curation.staged_rows(ex, {})
    assert (rows[index].indicator_id, rows[index].status) == ("mediation_cases", "automatic")
    assert rows[index].context == "全年共调解各类矛盾纠纷5169件"
    rows = curation.staged_rows(ex, {index: None, index + 1: "mediation_success"})
    assert (rows[index].indicator_id, rows[index].status) == (None, "rejected")
    assert rows[index + 1].status == "confirmed"


def test_edited_meta() -> None:
    meta = ReportMeta("t", "重庆市綦江区", "district", 2021, None, None)
    edited = curation.edited_meta(meta, " 标题 ", "重庆市綦江区", "2016-2020", "https://x.gov.cn/a", "2021-03-01")
    assert (edited.title, edited.report_year, edited.year_span) == ("标题", 2020, "2016-2020")
    assert (edited.source_url, edited.date_published) == ("https://x.gov.cn/a", "2021-03-01")
    with pytest.raises(ValueError, match="year"):
        curation.edited_meta(meta, "", "", "去年", "", "")
    with pytest.raises(ValueError, match="date"):
        curation.edited_meta(meta, "", "", "2021", "", "3月1日")
