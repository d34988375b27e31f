"""The officers' web pages under ``/ui``: server-rendered (Jinja), no front-end build.

Sign-in with accounts made by ``sanctions officers create`` (argon2 hashes, lock-out,
server-side sessions, CSRF tokens on every form), the review queue, the submit-a-case form, the
case page with its action form, and the audit trail. Pages answer errors as HTML pages; the API
keeps its problem documents. This package calls ``service.cases`` and never ``service.api``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, request

from service.web.errors import error_page
from service.web.views import blp

PREFIX = "/ui"


def install_web(app: Flask) -> None:
    """Register the pages, and answer errors under /ui as HTML pages.

    The app's own error handlers (the API's problem documents) are wrapped rather than
    replaced: a path under /ui gets a page, any other path what it got before.
    """
    app.register_blueprint(blp, url_prefix=PREFIX)
    for handlers in app.error_handler_spec[None].values():
        for cls, handler in list(handlers.items()):
            handlers[cls] = _pages_first(handler)


def _pages_first(handler: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def handle(exc: Exception) -> Any:
        if request.path == PREFIX or request.path.startswith(PREFIX + "/"):
            return error_page(exc)
        return handler(exc)

    return handle


__all__ = ["install_web"]
