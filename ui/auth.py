"""Who may load reports. Viewers are read-only; the upload page is for a signed-in administrator only.

How an administrator signs in is decided by the operator, in this order:

1. `[auth]` in .streamlit/secrets.toml (an OpenID Connect identity provider): Streamlit's own `st.login`.
   Optionally `admin_emails = ["a@example.gov.cn", …]` in the secrets limits who counts as administrator;
   without it every signed-in user does.
2. A password: env `DASHBOARD_ADMIN_PASSWORD`, else secrets `admin_password`. Compared with
   `hmac.compare_digest`; failed attempts are rate-limited per session and per client address.
3. Neither: there is no administrator. The upload page is not in the navigation and its URL says
   "not available". There is no default password anywhere.

A password sign-in lasts across a reload for SESSION_SECONDS: the browser keeps a cookie
"<expires>.<who>.<HMAC-SHA256>" signed with the server secret (env `DASHBOARD_SESSION_SECRET`, else secrets
`session_secret`, else derived from the password, so changing the password ends every such sign-in). Signing
out clears it. Viewers see no administration: the upload page is in the menu only for a signed-in
administrator; others reach it by its URL or the small sign-in link at the foot of the sidebar.

The decisions are pure functions of (environment, secrets) so they are unit-tested without a server.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from etl.config import ADMIN_PASSWORD_ENV, SESSION_SECRET_ENV

PASSWORD_ENV = ADMIN_PASSWORD_ENV
PASSWORD_SECRET = "admin_password"
ADMIN_EMAILS_SECRET = "admin_emails"
MAX_FAILURES = 5  # failed attempts allowed before a lock-out …
LOCK_SECONDS = 60.0  # … which doubles with every further failure, up to
MAX_LOCK_SECONDS = 15 * 60.0
FAILURE_WINDOW_SECONDS = 15 * 60.0  # failures older than this are forgotten

SESSION_SECRET = "session_secret"
COOKIE_NAME = "fazhi_admin"
SESSION_SECONDS = 8 * 3600  # how long a password sign-in survives reloads

MODE_OIDC = "oidc"
MODE_PASSWORD = "password"


@dataclass(frozen=True)
class AuthConfig:
    mode: str | None  # "oidc" | "password" | None (no administrator: uploads are off)
    password: str = field(default="", repr=False)
    admin_emails: tuple[str, ...] = ()
    session_secret: bytes = field(default=b"", repr=False)  # signs the sign-in cookie

    @property
    def uploads_enabled(self) -> bool:
        return self.mode is not None


def _has_oidc(secrets: Mapping[str, Any]) -> bool:
    section = secrets.get("auth")
    if not isinstance(section, Mapping):
        return False
    # A usable section names a provider: client_id at the top level or in a named provider sub-section.
    if section.get("client_id") and section.get("server_metadata_url"):
        return True
    return any(isinstance(v, Mapping) and v.get("client_id") and v.get("server_metadata_url") for v in section.values())


def auth_config(env: Mapping[str, str], secrets: Mapping[str, Any]) -> AuthConfig:
    """What the operator configured (see the module docstring for the order)."""
    section = secrets.get("auth")
    emails = secrets.get(ADMIN_EMAILS_SECRET) or (section.get(ADMIN_EMAILS_SECRET) if isinstance(section, Mapping)
                                                   else None) or ()
    if isinstance(emails, str):
        emails = (emails,)
    admin_emails = tuple(str(e).strip().lower() for e in emails if str(e).strip())
    if _has_oidc(secrets):
        return AuthConfig(MODE_OIDC, admin_emails=admin_emails)
    password = env.get(PASSWORD_ENV) or ""
    if not password.strip():
        secret = secrets.get(PASSWORD_SECRET)
        password = secret if isinstance(secret, str) else ""
    if password.strip():
        configured = env.get(SESSION_SECRET_ENV) or secrets.get(SESSION_SECRET) or ""
        secret = (str(configured) if str(configured).strip() else f"derived:{password}").encode("utf-8")
        # The password is part of every key, so a new password ends the sign-ins made with the old one.
        key = hmac.new(secret, b"fazhi-admin-cookie|" + _digest(password).encode(), hashlib.sha256).digest()
        return AuthConfig(MODE_PASSWORD, password=password, session_secret=key)
    return AuthConfig(None)


def sign_cookie(who: str, expires: int, key: bytes) -> str:
    """The cookie value for `who` signed in until `expires` (Unix seconds)."""
    name = base64.urlsafe_b64encode(who.encode("utf-8")).decode("ascii").rstrip("=")
    payload = f"{expires}.{name}"
    mac = hmac.new(key, payload.encode("ascii"), hashlib.sha256).hexdigest()
    return f"{payload}.{mac}"


def verify_cookie(value: str | None, key: bytes, now: float) -> str | None:
    """Who the cookie names, when its signature is right and it has not expired; else None."""
    if not value or not key:
        return None
    parts = value.split(".")
    if len(parts) != 3 or not parts[0].isdigit():
        return None
    expires, name, mac = parts
    expected = hmac.new(key, f"{expires}.{name}".encode("ascii", "replace"), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac.encode("ascii", "replace"), expected.encode("ascii")):
        return None
    if int(expires) <= now or int(expires) > now + SESSION_SECONDS + 60:
        return None
    try:
        return base64.urlsafe_b64decode(name + "=" * (-len(name) % 4)).decode("utf-8")
    except (ValueError, UnicodeDecodeError):
        return None


def password_matches(given: str, expected: str) -> bool:
    """Constant-time comparison; an empty expected password never matches."""
    if not expected:
        return False
    return hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8"))


def email_allowed(email: str | None, config: AuthConfig) -> bool:
    """A signed-in OIDC user is an administrator when no list is configured, or when listed."""
    if config.mode != MODE_OIDC:
        return False
    if not config.admin_emails:
        return True
    return bool(email) and str(email).strip().lower() in config.admin_emails


@dataclass
class Throttle:
    """Failed sign-in attempts: after MAX_FAILURES within the window, a lock that doubles each further failure."""

    failures: list[float] = field(default_factory=list)
    locked_until: float = 0.0

    def _forget_old(self, now: float) -> None:
        self.failures = [f for f in self.failures if now - f < FAILURE_WINDOW_SECONDS]

    def wait_seconds(self, now: float) -> float:
        """0 when an attempt is allowed now, else how long to wait."""
        return max(0.0, self.locked_until - now)

    def record_failure(self, now: float) -> None:
        self._forget_old(now)
        self.failures.append(now)
        over = len(self.failures) - MAX_FAILURES
        if over >= 0:
            self.locked_until = now + min(LOCK_SECONDS * (2**over), MAX_LOCK_SECONDS)

    def record_success(self) -> None:
        self.failures.clear()
        self.locked_until = 0.0


@dataclass(frozen=True)
class Attempt:
    allowed: bool  # the password was right and the attempt was not throttled
    wait_seconds: float = 0.0  # > 0: refused without looking at the password


class AddressThrottles:
    """Throttles per client address, shared by all sessions of the process (a new session is no way around)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_address: dict[str, Throttle] = {}

    def get(self, address: str) -> Throttle:
        with self._lock:
            if len(self._by_address) > 10_000:
                self._by_address.clear()
            return self._by_address.setdefault(address, Throttle())


def try_password(given: str, config: AuthConfig, throttles: list[Throttle], now: float | None = None) -> Attempt:
    """Check a password against the configuration, honouring (and updating) every throttle given."""
    now = time.monotonic() if now is None else now
    wait = max((th.wait_seconds(now) for th in throttles), default=0.0)
    if wait > 0:
        return Attempt(False, wait)
    if config.mode == MODE_PASSWORD and password_matches(given, config.password):
        for throttle in throttles:
            throttle.record_success()
        return Attempt(True)
    for throttle in throttles:
        throttle.record_failure(now)
    return Attempt(False, 0.0)


# ------------------------------------------------------------------------------------- streamlit glue


def _secrets() -> Mapping[str, Any]:
    import streamlit as st

    try:
        return st.secrets.to_dict()
    except Exception:  # no secrets.toml, or an unreadable one: same as no secrets
        return {}


def current_config() -> AuthConfig:
    return auth_config(os.environ, _secrets())


def uploads_enabled() -> bool:
    """Whether the upload page exists at all (ui/nav.py shows it only then)."""
    return current_config().uploads_enabled


_SESSION_ADMIN_KEY = "_admin_password_digest"  # digest of the password this session signed in with
_SESSION_THROTTLE_KEY = "_admin_throttle"
_SIGNED_OUT_KEY = "_admin_signed_out"  # this session signed out: its (cleared) cookie no longer counts
_COOKIE_WRITE_KEY = "_admin_cookie_write"  # a cookie value to hand to the browser on the next run ("" = clear)


def _digest(password: str) -> str:
    return hashlib.sha256(password.encode("utf-8")).hexdigest()


def _address_throttles() -> AddressThrottles:
    import streamlit as st

    @st.cache_resource(show_spinner=False)
    def shared() -> AddressThrottles:
        return AddressThrottles()

    return shared()


# Constant markup (no value is ever formatted into HTML): the script reads the cookie the server made from a
# hidden text element drawn just before it, checks its characters, and writes it.
_COOKIE_BOX = "fazhi_admin_cookie"
_COOKIE_SCRIPT = """<style>.st-key-fazhi_admin_cookie{display:none}</style>
<script>
(function write(tries) {
  const box = document.querySelector('.st-key-fazhi_admin_cookie');
  const text = box ? box.textContent.trim() : '';
  if (!text) { if (tries < 60) { setTimeout(() => write(tries + 1), 50); } return; }
  const parts = text.split('|');
  if (parts.length !== 2 || !/^[0-9A-Za-z._-]*$/.test(parts[0]) || !/^[0-9]+$/.test(parts[1])) { return; }
  document.cookie = 'fazhi_admin=' + parts[0] + '; path=/; max-age=' + parts[1] + '; SameSite=Strict'
    + (location.protocol === 'https:' ? '; Secure' : '');
})(0);
</script>"""


def flush_cookie() -> None:
    """Hand the browser the cookie a sign-in or sign-out asked for ("" clears it), once."""
    import streamlit as st

    value = st.session_state.pop(_COOKIE_WRITE_KEY, None)
    if value is None:
        return
    with st.container(key=_COOKIE_BOX):
        st.text(f"{value}|{SESSION_SECONDS if value else 0}")
    st.html(_COOKIE_SCRIPT, unsafe_allow_javascript=True)


def is_admin() -> bool:
    """Whether this session is a signed-in administrator (password: this session, or a valid cookie)."""
    import streamlit as st

    config = current_config()
    if config.mode == MODE_OIDC:
        email = st.user.get("email") if st.user.is_logged_in else None
        return bool(st.user.is_logged_in) and email_allowed(email if isinstance(email, str) else None, config)
    if config.mode != MODE_PASSWORD:
        return False
    if st.session_state.get(_SESSION_ADMIN_KEY) == _digest(config.password):
        return True
    if st.session_state.get(_SIGNED_OUT_KEY):
        return False
    if verify_cookie(st.context.cookies.get(COOKIE_NAME), config.session_secret, time.time()) is not None:
        st.session_state[_SESSION_ADMIN_KEY] = _digest(config.password)
        return True
    return False


def require_admin(lang: str) -> str:
    """Stop the page unless an administrator is signed in; returns who (e-mail, or "admin" for the password).

    Draws the sign-in (or "not available") itself. Call it first on a page that changes data.
    """
    import streamlit as st

    from ui.i18n import t

    config = current_config()
    flush_cookie()
    if config.mode is None:
        st.title(t("admin.title", lang), anchor=False)
        st.info(t("admin.not_available", lang), icon=":material/block:")
        st.stop()
    if config.mode == MODE_OIDC:
        if not st.user.is_logged_in:
            st.title(t("admin.title", lang), anchor=False)
            st.caption(t("admin.oidc_hint", lang))
            if st.button(t("admin.login", lang), type="primary", icon=":material/login:"):
                st.login()
            st.stop()
        email = st.user.get("email")
        if not email_allowed(email if isinstance(email, str) else None, config):
            st.title(t("admin.title", lang), anchor=False)
            st.error(t("admin.not_admin", lang))
            st.button(t("admin.logout", lang), on_click=st.logout)
            st.stop()
        return str(email or "admin")
    if is_admin():
        return "admin"
    st.title(t("admin.title", lang), anchor=False)
    with st.form("admin_sign_in", enter_to_submit=True):
        given = st.text_input(t("admin.password", lang), type="password", key="admin_password_input")
        submitted = st.form_submit_button(t("admin.sign_in", lang), type="primary", icon=":material/key:")
    if submitted:
        session_throttle = st.session_state.setdefault(_SESSION_THROTTLE_KEY, Throttle())
        address = st.context.ip_address or "unknown"
        attempt = try_password(given or "", config, [session_throttle, _address_throttles().get(address)])
        if attempt.allowed:
            st.session_state[_SESSION_ADMIN_KEY] = _digest(config.password)
            st.session_state.pop(_SIGNED_OUT_KEY, None)
            expires = int(time.time()) + SESSION_SECONDS
            st.session_state[_COOKIE_WRITE_KEY] = sign_cookie("admin", expires, config.session_secret)
            st.session_state.pop("admin_password_input", None)
            st.rerun()
        elif attempt.wait_seconds > 0:
            st.error(t("admin.locked", lang, seconds=int(attempt.wait_seconds) + 1), icon=":material/timer:")
        else:
            st.error(t("admin.wrong", lang), icon=":material/lock:")
    st.stop()
    raise AssertionError("unreachable")  # st.stop raises


def sign_out() -> None:
    import streamlit as st

    st.session_state.pop(_SESSION_ADMIN_KEY, None)
    st.session_state[_SIGNED_OUT_KEY] = True
    st.session_state[_COOKIE_WRITE_KEY] = ""  # clear the browser's cookie on the next run
    if current_config().mode == MODE_OIDC:
        st.logout()
