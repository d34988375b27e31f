"""``GET /v1/lists`` and ``POST /v1/lists``: versions of the sanctions lists, one current
version per source (``un``, ``un-vessels``, ``ofac-sdn``, ``ofac-cons``, ``eu-fsf``, ``uk``, …).

A new version is parsed before anything is stored, so a malformed file is refused (422) and the
previous version of its source stays current.
"""

from __future__ import annotations

import logging
from typing import Any

from flask import g, request, url_for
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from service.api.auth import requires
from service.api.jobs import owner
from service.api.problems import BadRequest, UnsupportedMediaType
from service.api.schemas import ListLoadSchema, ListsSchema, ListVersionSchema
from service.api.state import state
from service.jobs import JobError, Owner
from service.screening import Screener
from service.screening.lists import current_lists, formats, store_version

log = logging.getLogger("service.api")
blp = Blueprint("lists", __name__, url_prefix="/v1/lists", description="Sanctions lists")

LIST_TYPES = (
    "application/xml", "text/xml", "application/gzip", "application/octet-stream",
    "application/json", "application/x-ndjson", "application/zip", "text/csv",
)  # fmt: skip
_BODY = {
    "required": True,
    "description": "A sanctions list file in one of the formats of `sanctions lists formats` "
    "(gzip accepted): " + "; ".join(f"`{name}` {text}" for name, text in formats().items()),
    "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in LIST_TYPES},
}


@blp.route("")
class Lists(MethodView):
    @requires("screener")
    @blp.response(200, ListsSchema)
    def get(self) -> dict[str, Any]:
        """Every stored version, newest first (`current`: the newest of any source), and each
        source's current version (`sources`: the ones screened)."""
        lists = state().store.lists
        versions = [v.to_dict() for v in lists.versions()]
        return {
            "current": versions[0] if versions else None,
            "versions": versions,
            "sources": {s: info.to_dict() for s, info in lists.current_all().items()},
        }

    @requires("admin")
    @blp.arguments(ListLoadSchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.doc(requestBody=_BODY)
    @blp.response(201, ListVersionSchema)
    @blp.alt_response(409, description="The version is refused: older than the current one of "
                      "its source, an unreadable date, or too many entries lost (`reasons`); an "
                      "admin may force it with `?force=true&reason=…`")  # fmt: skip
    def post(self, force: dict[str, Any]) -> dict[str, Any]:
        """Load a new version of a list (admin; `?format=` names its format, else it is told
        from the content where certain); a malformed file, or one whose format cannot be
        told, gives 422, a version that is older than its source's current one, undated or
        loses more than SANCTIONS_LIST_MAX_LOSS of the entries 409."""
        app = state()
        reason = (force.get("reason") or "").strip()
        fmt = force.get("format")
        if fmt is not None and fmt not in formats():
            raise BadRequest(
                f"unknown list format '{fmt}'",
                errors={"format": f"use one of {', '.join(formats())}"},
            )
        if force.get("force") and not reason:
            raise BadRequest(
                "forcing a list version needs a reason",
                errors={"reason": "is required with force=true"},
            )
        if request.mimetype not in LIST_TYPES:
            raise UnsupportedMediaType(f"send the list as one of {', '.join(LIST_TYPES)}")
        request.max_content_length = app.settings.list_max_body
        data = request.get_data(cache=False)
        if not data:
            raise BadRequest("the request body is empty; send the list file")
        key = g.get("api_key")
        before = app.store.lists.current_all()
        info, _ = store_version(
            app.store, data, fmt, app.tree,
            force_reason=reason if force.get("force") else None,
            actor=key.name if key else None, max_loss=app.settings.list_max_loss,
            source=force.get("source"), published=force.get("published"),
        )  # fmt: skip
        app.live.use(current_lists(app.store, app.tree))  # this process at once, others soon
        out = info.to_dict()
        if before.get(info.source) is None or before[info.source].id != info.id:
            try:
                started = rescreen(app.live.screener, owner())
            except Exception:  # the version is stored and in use; say the re-screening is not
                log.exception("re-screening not started", extra={"list": info.version})
                started = {"error": "the re-screening could not be started; run "
                           "`sanctions rescreens run`"}  # fmt: skip
            if started is not None:
                out["rescreen"] = started
        return out


def rescreen(screener: Screener, who: Owner) -> dict[str, Any] | None:
    """Re-screen what the new version can change: a job the workers run (left to the
    reconciler when the broker is down); None when nothing is kept to re-screen."""
    found = state().rescreens
    assert found is not None, "create_app sets the re-screening use case"
    plan = found.plan(screener)
    if not plan.examined:
        return None
    try:
        record = found.start(plan, "list", who)
    except JobError:  # the broker is down: the chunks wait for the reconciler
        record = found.start(plan, "list", who, enqueue=False)
    return {"id": record.id, "status_url": url_for("rescreens.Rescreen", rescreen_id=record.id),
            "examined": record.examined, "selected": record.selected}  # fmt: skip
