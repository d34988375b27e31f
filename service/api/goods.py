"""``POST /v1/goods/classify``: map a goods description and/or HS code to control categories."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.schemas import ClassificationSchema, ClassifyRequestSchema
from service.api.state import state

blp = Blueprint("goods", __name__, url_prefix="/v1/goods", description="Goods classification")


@blp.route("/classify")
class Classify(MethodView):
    @requires("screener")
    @blp.arguments(
        ClassifyRequestSchema,
        example={"description": "152 mm artillery shells", "hs_code": "930690"},
    )
    @blp.response(200, ClassificationSchema)
    def post(self, body: dict[str, Any]) -> dict[str, object]:
        """Classify one goods line: categories, HS code and the evidence for them."""
        result = state().screener.classifier.classify(body.get("description"), body.get("hs_code"))
        out = result.to_dict(0)
        out.pop("line")
        return out
