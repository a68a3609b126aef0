"""Sign-in for curators: Flask-Login sessions, CSRF on every form (Flask-WTF), cookies that
are HttpOnly, SameSite=Lax and Secure whenever the request came over HTTPS, and failed
logins limited per address and per name (counted in the accounts database, so the limit
holds across gunicorn's web processes)."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user
from flask_wtf.csrf import CSRFProtect

from server.api.sparql import engine
from server.pages import accounts

bp = Blueprint("auth", __name__)
login_manager = LoginManager()
csrf = CSRFProtect()
F = TypeVar("F", bound=Callable[..., Any])
SESSIONLESS = ("sparql", "admin")  # blueprints that never use the session


class User(UserMixin):  # type: ignore[misc]
    """A signed-in account."""

    def __init__(self, account: accounts.Account) -> None:
        self.id = account.name
        self.name = account.name
        self.role = account.role


class _Sessions(SecureCookieSessionInterface):
    """The session cookie is Secure on HTTPS requests even when not configured so."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def save_session(self, app: Flask, session: Any, response: Any) -> None:
        """The protocol endpoints answer the same to everyone: no cookie, no `Vary: Cookie`
        (Flask-Login reads the session after every request)."""
        if request.blueprint in SESSIONLESS and not session.modified:
            return
        super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    """Secret key (generated beside the store if not configured), cookies, CSRF, login."""
    location = engine_location(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = accounts.secret_key(location)
    app.config.update(SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax",
                      WTF_CSRF_CHECK_DEFAULT=False,  # /sparql POST is a protocol, not a form
                      WTF_CSRF_TIME_LIMIT=None)  # the token lives as long as the session
    app.session_interface = _Sessions()
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "strong"
    app.register_blueprint(bp)


def engine_location(app: Flask) -> str:
    return str(app.extensions["alliancegraph.engine"].location)


@login_manager.user_loader  # type: ignore[untyped-decorator]
def _load(name: str) -> User | None:
    account = accounts.get_user(engine().location, name)
    return User(account) if account else None


@login_manager.unauthorized_handler  # type: ignore[untyped-decorator]
def _unauthorized() -> Response:
    """A page asks the reader to sign in; a write without a session is refused (401)."""
    if request.method == "GET":
        return cast(Response, redirect(url_for("auth.login", next=request.full_path)))
    abort(401, "sign in as a curator first")


def role_required(*roles: str) -> Callable[[F], F]:
    """Only signed-in accounts with one of `roles`: readers are sent to sign in."""
    def wrap(view: F) -> F:
        @wraps(view)
        def inner(*args: Any, **kw: Any) -> Any:
            if not current_user.is_authenticated:
                return current_app.login_manager.unauthorized()  # type: ignore[attr-defined]
            if current_user.role not in roles:
                abort(403, f"this needs the role {' or '.join(roles)}")
            return view(*args, **kw)
        return cast(F, inner)
    return wrap


@bp.before_request
def _check_csrf() -> None:
    if request.method == "POST":
        csrf.protect()


def _safe_next(target: str | None) -> str:
    """Only a path on this site (no scheme, no host): never an open redirect."""
    if target:
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//"):
            return target
    return url_for("curate.queue")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """The sign-in form; too many failures from an address or for a name answer 429."""
    if request.method == "GET":
        return render_template("login.html", next=request.args.get("next", ""))
    name = request.form.get("name", "").strip()
    password = request.form.get("password", "")
    keys = ["addr:" + (request.remote_addr or "?"), "name:" + name.lower()]
    cfg = current_app.config
    location = engine().location
    window = float(cfg["LOGIN_WINDOW"])
    if accounts.failures(location, keys, window) >= int(cfg["LOGIN_ATTEMPTS"]):
        page = render_template("login.html", next=request.form.get("next", ""),
                               error="Too many failed sign-ins; try again in a few minutes.")
        return Response(page, status=429, headers={"Retry-After": str(int(window))})
    account = accounts.check_login(location, name, password)
    if account is None:
        accounts.note_failure(location, keys, window)
        page = render_template("login.html", next=request.form.get("next", ""),
                               error="Wrong name or password.")
        return Response(page, status=401)
    login_user(User(account))
    flash(f"Signed in as {account.name} ({account.role}).")
    return redirect(_safe_next(request.form.get("next")))


@bp.route("/logout", methods=["POST"])
def logout() -> Any:
    logout_user()
    flash("Signed out.")
    return redirect(url_for("browse.home"))
