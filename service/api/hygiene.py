"""HTTP hygiene: security headers, the docs pages' assets from the package, a JSON nesting bound.

- Every response: ``X-Content-Type-Options: nosniff`` and ``Referrer-Policy: no-referrer``;
  API answers (decisions, problems, catalogues) ``Cache-Control: no-store``.
- ``/docs`` (Swagger UI) and ``/redoc`` load their scripts from ``/docs-assets/`` (the PyPI
  package ``swagger-ui-bundle`` and the vendored ReDoc bundle, see static/redoc/PROVENANCE.md),
  so they work without internet, under a Content-Security-Policy that allows this origin only
  (the page's own inline script by its hash).
- A JSON body nested deeper than :data:`MAX_DEPTH` is refused (400) from its bytes, before any
  parser recurses into it: 100,000 nested arrays would otherwise end in a RecursionError.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import swagger_ui_bundle
from flask import Blueprint, Flask, Response, request, send_from_directory

from service.api.problems import BadRequest

MAX_DEPTH = 16  # a transaction nests 4 deep; anything far deeper is a mistake or an attack
MAX_DIGITS = 1000  # digits of a JSON number (Python refuses to read integers over 4,300 digits)
SWAGGER_DIR = Path(str(swagger_ui_bundle.swagger_ui_path))
REDOC_DIR = Path(__file__).resolve().parent / "static" / "redoc"
SWAGGER_URL = "/docs-assets/swagger/"
REDOC_URL = "/docs-assets/redoc/redoc.standalone.js"
DOCS_PAGES = frozenset({"api-docs.openapi_swagger_ui", "api-docs.openapi_redoc"})
_INLINE_SCRIPT = re.compile(rb"<script>(.*?)</script>", re.S)
_STRINGS = re.compile(rb'"(?:[^"\\]++|\\.)*+"')
_INNERMOST = re.compile(rb"\[\]|\{\}")
_LONG_NUMBER = re.compile(rb"[0-9]{%d}" % (MAX_DIGITS + 1))
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")

assets = Blueprint("docs-assets", __name__, url_prefix="/docs-assets")


@assets.get("/swagger/<path:name>")
def swagger(name: str) -> Response:
    return send_from_directory(SWAGGER_DIR, name, max_age=86400)


@assets.get("/redoc/<path:name>")
def redoc(name: str) -> Response:
    return send_from_directory(REDOC_DIR, name, max_age=86400)


def too_deep(data: bytes, limit: int = MAX_DEPTH, *, stripped: bytes | None = None) -> bool:
    """True when the JSON text nests arrays/objects more than ``limit`` deep.

    Strings are removed first (their brackets do not count), then each pass removes the
    innermost empty pairs; text still bracketed after ``limit`` passes is deeper. Unbalanced
    text is left to the JSON parser to refuse.

    >>> too_deep(b'{"a": [[1, "]]]]"]]}', 3), too_deep(b'[[[[]]]]', 3)
    (False, True)
    """
    stripped = _STRINGS.sub(b"", data) if stripped is None else stripped
    brackets = stripped.translate(None, _NOT_BRACKETS)
    if len(brackets) // 2 <= limit:
        return False
    for _ in range(limit):
        shorter = _INNERMOST.sub(b"", brackets)
        if not shorter or shorter == brackets:
            return False
        brackets = shorter
    return bool(_INNERMOST.search(brackets))


def check_body(data: bytes) -> None:
    """400 problem naming the limit when a JSON body nests deeper than MAX_DEPTH or holds a
    number longer than MAX_DIGITS digits (both would otherwise be a 500 inside the parser)."""
    stripped = _STRINGS.sub(b"", data)
    if _LONG_NUMBER.search(stripped):
        raise BadRequest(
            f"the JSON body holds a number of more than {MAX_DIGITS} digits (limit max_digits)",
            title="Number too long",
        )
    if too_deep(data, stripped=stripped):
        raise BadRequest(
            f"the JSON body nests deeper than {MAX_DEPTH} levels (limit max_depth)",
            title="Request too deeply nested",
        )


def _csp(body: bytes) -> str:
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(body)
    )
    return (
        f"default-src 'none'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )


def _headers(response: Response) -> Response:
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    if request.endpoint in DOCS_PAGES and response.status_code == 200:
        response.headers["Content-Security-Policy"] = _csp(response.get_data())
        response.headers["Cache-Control"] = "no-cache"
    elif request.blueprint != "docs-assets":
        response.headers["Cache-Control"] = "no-store"
    return response


def install(app: Flask) -> None:
    app.register_blueprint(assets)
    app.after_request(_headers)
