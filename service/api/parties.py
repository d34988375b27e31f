"""``POST /v1/parties/match``: names (and identifiers) against every enabled sanctions list.

A lookup, not a screening: no rules run and nothing is stored. The same party on several lists
comes back once, naming every list it is on (``service.parties.merge``).
"""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.problems import BadRequest, NotReady
from service.api.schemas import PartiesMatchRequestSchema, PartiesMatchSchema
from service.api.state import state
from service.screening.parties import ListScreen

blp = Blueprint("parties", __name__, url_prefix="/v1/parties", description="Party matching")

EXAMPLE = {
    "queries": [
        {"name": "Korea Mining Development Trading Corporation", "type": "organization"},
        {"name": "Ri Won Ho", "type": "person", "date_of_birth": "1964-07-17",
         "nationality": "KP"},
    ],
    "threshold": 0.85,
}  # fmt: skip


@blp.route("/match")
class PartiesMatch(MethodView):
    @requires("screener")
    @blp.arguments(PartiesMatchRequestSchema, example=EXAMPLE, error_status_code=400)
    @blp.response(200, PartiesMatchSchema)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Per query, the best list matches with list, reference, programmes, regime, score,
        band and explanation; a party on several lists is one result naming every list."""
        screen = state().screener.parties
        if not isinstance(screen, ListScreen):
            raise NotReady("no sanctions list is loaded")
        enabled = screen.sources()
        wanted = body.get("lists")
        unknown = {f"lists[{i}]": f"'{s}' is no enabled list; enabled: {', '.join(enabled)}"
                   for i, s in enumerate(wanted or ()) if s not in enabled}  # fmt: skip
        threshold = body.get("threshold")
        if threshold is not None and threshold < screen.review_threshold:
            unknown["threshold"] = (
                f"must be at least the review threshold {screen.review_threshold}: no list "
                "reports lower scores"
            )
        if unknown:
            raise BadRequest("the request does not match the schema", errors=unknown)
        results = []
        for i, q in enumerate(body["queries"]):
            found = screen.match(
                q.get("name") or "", q.get("type"), q.get("date_of_birth"), q.get("nationality"),
                q.get("imo"), q.get("document"), threshold=threshold, lists=wanted,
            )  # fmt: skip
            result: dict[str, Any] = {"index": i, "matches": [g.to_dict() for g in found]}
            if not found and q.get("name") and (notes := screen.name_notes(q["name"])):
                result["notes"] = list(notes)  # why the name could meet nothing
            results.append(result)
        return {
            "results": results,
            "threshold": screen.threshold if threshold is None else threshold,
            "lists": {s: v for s, v in enabled.items() if wanted is None or s in wanted},
        }
