"""Who is signed in, and the CSRF check of every form.

The session cookie carries a random secret (HttpOnly, SameSite=Strict, Secure over HTTPS); the
server keeps its sha256 with the officer and the CSRF token of its forms (``service.cases``).
Before sign-in, the login form is protected by a double-submit token in its own cookie.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar
from urllib.parse import quote

from flask import Response, current_app, g, redirect, request
from werkzeug.exceptions import BadRequest

from service.cases import Actor, Officers, actor

SESSION_COOKIE = "sanctions_session"
LOGIN_COOKIE = "sanctions_login"
F = TypeVar("F", bound=Callable[..., Any])


def officers() -> Officers:
    found: Officers = current_app.extensions["officers"]
    return found


def load() -> None:
    """before_request of the pages: ``g.officer`` and ``g.csrf`` from the session cookie."""
    g.officer, g.csrf = None, None
    secret = request.cookies.get(SESSION_COOKIE, "")
    if secret:
        found = officers().session(secret)
        if found is not None:
            g.officer, g.csrf = found.officer, found.csrf_token


def current_actor() -> Actor:
    return actor(g.officer)


def signed_in(view: F) -> F:
    """Pages for signed-in officers; others are sent to the sign-in page and back."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if g.get("officer") is None:
            target = request.full_path if request.method == "GET" else request.path
            return redirect(f"/ui/login?next={quote(target.rstrip('?'))}", 303)
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def check_csrf() -> None:
    """Refuse a form whose token is not the session's (or, signed out, the login cookie's)."""
    sent = request.form.get("csrf_token", "")
    expected = g.csrf if g.get("officer") is not None else request.cookies.get(LOGIN_COOKIE, "")
    if not expected or not sent or not hmac.compare_digest(sent, expected):
        raise BadRequest("the form has expired or did not come from this site; reload the page")


def login_token(response_token: str | None = None) -> str:
    """The token of the sign-in form (kept in its cookie between showing and sending)."""
    return request.cookies.get(LOGIN_COOKIE) or response_token or secrets.token_urlsafe(32)


def set_cookie(response: Response, name: str, value: str, max_age: int | None = None) -> None:
    response.set_cookie(name, value, max_age=max_age, path="/ui", httponly=True,
                        samesite="Strict", secure=request.is_secure)  # fmt: skip


def safe_next(target: str | None) -> str:
    """Only paths under /ui are followed after sign-in (never another site)."""
    if target and target.startswith("/ui/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/ui/cases"
