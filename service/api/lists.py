"""``GET /v1/lists`` and ``POST /v1/lists``: versions of the UN Consolidated List.

A new version is parsed before anything is stored, so a malformed file is refused (422) and the
previous version stays current.
"""

from __future__ import annotations

from typing import Any

from flask import g, request
from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.problems import BadRequest, UnsupportedMediaType
from service.api.schemas import ListForceSchema, ListsSchema, ListVersionSchema
from service.api.state import state
from service.screening.lists import current_lists, store_version

blp = Blueprint("lists", __name__, url_prefix="/v1/lists", description="Sanctions lists")

LIST_TYPES = ("application/xml", "text/xml", "application/gzip", "application/octet-stream")
_BODY = {
    "required": True,
    "description": "The UN Security Council Consolidated List as XML (gzip accepted).",
    "content": {t: {"schema": {"type": "string", "format": "binary"}} for t in LIST_TYPES},
}


@blp.route("")
class Lists(MethodView):
    @requires("screener")
    @blp.response(200, ListsSchema)
    def get(self) -> dict[str, Any]:
        """The current list version and every stored one, newest first."""
        versions = [v.to_dict() for v in state().store.lists.versions()]
        return {"current": versions[0] if versions else None, "versions": versions}

    @requires("admin")
    @blp.arguments(ListForceSchema, location="query", error_status_code=400)
    @blp.doc(requestBody=_BODY)
    @blp.response(201, ListVersionSchema)
    @blp.alt_response(409, description="The version is refused: older than the current one, "
                      "an unreadable date, or too many entries lost (`reasons`); an admin may "
                      "force it with `?force=true&reason=…`")  # fmt: skip
    def post(self, force: dict[str, Any]) -> dict[str, Any]:
        """Load a new version of the UN list (admin); a malformed file gives 422, a version
        that is older, undated or loses more than SANCTIONS_LIST_MAX_LOSS of the entries 409."""
        app = state()
        reason = (force.get("reason") or "").strip()
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
            raise BadRequest("the request body is empty; send the list XML")
        key = g.get("api_key")
        info, _ = store_version(
            app.store, data, "un-xml", app.tree,
            force_reason=reason if force.get("force") else None,
            actor=key.name if key else None, max_loss=app.settings.list_max_loss,
        )  # fmt: skip
        app.live.use(current_lists(app.store, app.tree))  # this process at once, others soon
        return info.to_dict()
