"""``POST /v1/extract``: the transactions a text describes, with character spans (no screening)."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.schemas import ExtractionSchema, ExtractRequestSchema
from service.api.state import state
from service.screening.text import interpretation

blp = Blueprint("extract", __name__, url_prefix="/v1/extract", description="Free-text reading")

EXAMPLE = {"description": "La Corée du Nord vend des obus d'artillerie à la Russie"}


@blp.route("")
class Extract(MethodView):
    @requires("screener")
    @blp.arguments(ExtractRequestSchema, example=EXAMPLE)
    @blp.response(200, ExtractionSchema)
    def post(self, body: dict[str, Any]) -> dict[str, Any]:
        """Read a text: each transaction it describes, every field with its span, its status
        (asserted, hedged, denied) and what was not understood."""
        return interpretation(state().screener.interpret(body["description"]))
