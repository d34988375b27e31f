"""Every HTTP error as an RFC 7807 ``application/problem+json`` document, made here and only here.

Views raise :class:`ApiError` (the one exception root of the API) or let Werkzeug raise its
HTTP exceptions; validation failures become 400 with ``errors`` keyed by JSON path
(``goods[0].hs_code``); anything unexpected becomes a 500 that names no internals.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from flask import Flask, Response, g, json
from werkzeug.exceptions import HTTPException

from service.screening.errors import ListRefused
from service.screening.transaction import TransactionError

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("service.api")


class ApiError(Exception):
    """The root of every error the API answers on purpose; carries its HTTP status."""

    status = 500
    title = "Internal Server Error"

    def __init__(
        self,
        detail: str | None = None,
        *,
        status: int | None = None,
        title: str | None = None,
        errors: Mapping[str, str] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__(detail or title or self.title)
        self.detail = detail
        if status is not None:
            self.status = status
        if title is not None:
            self.title = title
        self.errors = dict(errors or {})
        self.extra = dict(extra or {})


class BadRequest(ApiError):
    status, title = 400, "Invalid request"


class Unauthorized(ApiError):
    status, title = 401, "Authentication required"


class Forbidden(ApiError):
    status, title = 403, "Forbidden"


class NotFound(ApiError):
    status, title = 404, "Not found"


class UnsupportedMediaType(ApiError):
    status, title = 415, "Unsupported media type"


class Unprocessable(ApiError):
    status, title = 422, "Unprocessable content"


class NotReady(ApiError):
    status, title = 503, "Not ready"


def problem(
    status: int,
    title: str,
    detail: str | None = None,
    errors: Mapping[str, str] | None = None,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    if errors:
        body["errors"] = dict(errors)
    body.update(extra or {})
    request_id = g.get("request_id")
    if request_id:
        body["request_id"] = request_id
    response = Response(json.dumps(body), status=status, mimetype=PROBLEM_JSON)
    for name, value in (headers or {}).items():
        response.headers[name] = value
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Bearer realm="sanctions"'
    return response


def flatten(messages: Any, path: str = "") -> dict[str, str]:
    """Marshmallow's nested messages → ``{"goods[0].hs_code": "message"}``.

    >>> flatten({"goods": {0: {"hs_code": ["Not a valid HS code."]}}, "_schema": ["x"]})
    {'goods[0].hs_code': 'Not a valid HS code.', '': 'x'}
    """
    if isinstance(messages, list):
        if all(isinstance(m, str) for m in messages):
            return {path: " ".join(messages)}
        out: dict[str, str] = {}
        for m in messages:
            out.update(flatten(m, path))
        return out
    if isinstance(messages, dict):
        out = {}
        for key, value in messages.items():
            if isinstance(key, int):
                sub = f"{path}[{key}]"
            elif key == "_schema":
                sub = path
            else:
                sub = f"{path}.{key}" if path else str(key)
            out.update(flatten(value, sub))
        return out
    return {path: str(messages)}


def _http(exc: HTTPException) -> Response:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    if status in (400, 422) and "messages" in data:
        # webargs/flask-smorest validation: one location (json/query) → paths inside it
        messages = data["messages"]
        inner = next(iter(messages.values())) if len(messages) == 1 else messages
        return problem(
            400, "Invalid request", "the request does not match the schema", flatten(inner)
        )
    headers = {}
    valid = getattr(exc, "valid_methods", None)
    if status == 405 and valid:
        headers["Allow"] = ", ".join(valid)
    retry_after = getattr(exc, "retry_after", None)
    if status == 429 and retry_after is not None:
        headers["Retry-After"] = str(retry_after)
    detail = exc.description if status < 500 else None
    return problem(status, exc.name, detail, headers=headers)


def _api_error(exc: ApiError) -> Response:
    return problem(exc.status, exc.title, exc.detail, exc.errors, exc.extra)


def _transaction_error(exc: TransactionError) -> Response:
    return problem(400, "Invalid transaction", "the transaction cannot be screened", exc.errors)


def _unexpected(exc: Exception) -> Response:
    if isinstance(exc, HTTPException):
        return _http(exc)
    log.exception("unhandled error", extra={"request_id": g.get("request_id")})
    return problem(500, "Internal Server Error", "the request failed; quote the request id")


def _list_error(exc: Exception) -> Response:
    return problem(422, "Invalid sanctions list", str(exc)[:500])


# The cases use case's refusals, by kind (service.cases.errors).
CASE_STATUS = {"invalid": (400, "Invalid action"), "not_found": (404, "Not found"),
               "forbidden": (403, "Forbidden"), "conflict": (409, "Conflict"),
               "unavailable": (422, "Cannot replay")}  # fmt: skip


def _case_error(exc: Exception) -> Response:
    status, title = CASE_STATUS.get(getattr(exc, "kind", ""), (400, "Invalid action"))
    return problem(status, title, str(exc), getattr(exc, "errors", None))


def _list_refused(exc: ListRefused) -> Response:
    return problem(
        409, "List version refused",
        "the previous version stays current; an admin may force this one with "
        "?force=true&reason=…",
        extra={"reasons": exc.reasons},
    )  # fmt: skip


# The jobs use case's refusals, by kind (service.jobs.errors).
JOB_STATUS = {"invalid": (400, "Invalid job"), "not_found": (404, "Not found"),
              "conflict": (409, "Conflict"), "too_large": (413, "Job too large"),
              "unavailable": (503, "Job queue unavailable")}  # fmt: skip


def _job_error(exc: Exception) -> Response:
    from flask import current_app

    status, title = JOB_STATUS.get(getattr(exc, "kind", ""), (400, "Invalid job"))
    headers = {}
    if status == 503:
        settings = current_app.extensions["sanctions"].settings
        headers["Retry-After"] = str(settings.job_retry_after)
    return problem(status, title, str(exc), getattr(exc, "errors", None), headers=headers)


def register(app: Flask) -> None:
    """Install the handlers (after flask-smorest's, so these win)."""
    from service.cases.errors import CaseError  # the cases use case's one exception root
    from service.jobs.errors import JobError  # the jobs use case's one exception root
    from service.parties.errors import PartiesError  # the list parser's one exception root

    app.register_error_handler(CaseError, _case_error)
    app.register_error_handler(JobError, _job_error)
    app.register_error_handler(PartiesError, _list_error)
    app.register_error_handler(ListRefused, _list_refused)
    app.register_error_handler(HTTPException, _http)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(TransactionError, _transaction_error)
    app.register_error_handler(Exception, _unexpected)
