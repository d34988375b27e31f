"""``GET /v1/lists`` and ``POST /v1/lists``: versions of the UN Consolidated List.

A new version is parsed before anything is stored, so a malformed file is refused (422) and the
previous version stays current.
"""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.problems import BadRequest, UnsupportedMediaType
from service.api.schemas import ListsSchema, ListVersionSchema
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
    @blp.doc(requestBody=_BODY)
    @blp.response(201, ListVersionSchema)
    def post(self) -> dict[str, Any]:
        """Load a new version of the UN list (admin); a malformed file gives 422."""
        app = state()
        if request.mimetype not in LIST_TYPES:
            raise UnsupportedMediaType(f"send the list as one of {', '.join(LIST_TYPES)}")
        request.max_content_length = app.settings.list_max_body
        data = request.get_data(cache=False)
        if not data:
            raise BadRequest("the request body is empty; send the list XML")
        info, _ = store_version(app.store, data, "un-xml", app.tree)
        app.live.use(current_lists(app.store, app.tree))  # this process at once, others soon
        return info.to_dict()
