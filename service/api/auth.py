"""Bearer API keys and roles, checked before every view (fail closed: unmarked views need admin).

Views declare the least role they accept with :func:`requires`, or :func:`public` for the
anonymous health endpoints. Roles are ordered: screener < officer < approver < admin.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from flask import Flask, current_app, g, request

from service.api.problems import Forbidden, Unauthorized
from service.vocabulary import KEY_ROLES as ROLES

F = TypeVar("F", bound=Callable[..., Any])
RANK = {role: rank for rank, role in enumerate(ROLES)}
ANONYMOUS = ""
# flask-smorest's own blueprint (openapi.json, docs pages) and the docs' assets are public; the
# officers' pages (service.web) sign officers in with their own server-side sessions.
PUBLIC_BLUEPRINTS = frozenset({"api-docs", "docs-assets", "web"})
WRONG_KEYS = "sanctions_wrong_keys"  # app.extensions: the ratelimit.WrongKeys throttle


def requires(role: str) -> Callable[[F], F]:
    """Mark a view method as needing a key of ``role`` or above."""
    if role not in RANK:
        raise ValueError(f"unknown role {role!r}")

    def mark(func: F) -> F:
        func._required_role = role  # type: ignore[attr-defined]
        return func

    return mark


def public(func: F) -> F:
    """Mark a view method as anonymous."""
    func._required_role = ANONYMOUS  # type: ignore[attr-defined]
    return func


def required_role() -> str | None:
    """The role the current request needs; None when no route matched (a 404 follows)."""
    if request.endpoint is None:
        return None
    if request.blueprint in PUBLIC_BLUEPRINTS or request.method == "OPTIONS":
        return ANONYMOUS
    view = current_app.view_functions.get(request.endpoint)
    cls = getattr(view, "view_class", None)
    method = request.method.lower()
    if cls is not None:
        handler = getattr(cls, method, None) or (
            getattr(cls, "get", None) if method == "head" else None
        )
    else:
        handler = view
    if handler is None:
        return None  # 405 follows
    return getattr(handler, "_required_role", "admin")


def authenticate() -> None:
    """before_request: resolve the bearer key into ``g.api_key`` and enforce the role."""
    g.api_key = None
    role = required_role()
    if role is None:
        return
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if role == ANONYMOUS and not header:
        return
    if scheme.lower() != "bearer" or not secret.strip():
        if role == ANONYMOUS:
            return
        raise Unauthorized("send an API key as 'Authorization: Bearer <key>'")
    throttle = current_app.extensions.get(WRONG_KEYS)
    if throttle is not None:
        throttle.check()  # 429 for an address that keeps guessing, before any lookup
    key = current_app.extensions["sanctions"].authenticate(secret.strip())
    if key is None:
        if throttle is not None:
            throttle.failed()
        if role == ANONYMOUS:
            return
        raise Unauthorized("the API key is unknown or revoked")
    g.api_key = key
    if role != ANONYMOUS and RANK[key.role] < RANK[role]:
        raise Forbidden(f"this needs the {role} role; the key has {key.role}")


def install(app: Flask) -> None:
    app.before_request(authenticate)
