"""Error pages for the officers' pages (the API answers problem documents instead)."""

from __future__ import annotations

import logging

from flask import Response, g, render_template
from werkzeug.exceptions import HTTPException

from service.cases import CaseError
from service.cases.errors import CaseNotFound

log = logging.getLogger("service.web")
CASE_STATUS = {"invalid": 400, "not_found": 404, "forbidden": 403, "conflict": 409,
               "unavailable": 422}  # fmt: skip


def error_page(exc: Exception) -> Response:
    """The page of an error: its status, a title and what to do; a 500 names no internals."""
    if isinstance(exc, HTTPException):
        status, title, detail = (
            exc.code or 500,
            exc.name,
            exc.description if (exc.code or 500) < 500 else None,
        )
    elif isinstance(exc, CaseError):
        status = CASE_STATUS.get(exc.kind, 400)
        title = "Not found" if isinstance(exc, CaseNotFound) else "Not possible"
        detail = exc.message
    else:
        log.exception("unhandled error on a page", extra={"request_id": g.get("request_id")})
        status, title, detail = 500, "Something went wrong", None
    html = render_template("web/error.html", status=status, title=title, detail=detail,
                           request_id=g.get("request_id"))  # fmt: skip
    return Response(html, status=status, mimetype="text/html")
