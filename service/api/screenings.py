"""``POST /v1/screenings``: screen one transaction synchronously."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.examples import SEED_TRANSACTION
from service.api.schemas import DecisionSchema, TransactionSchema
from service.api.state import state

blp = Blueprint(
    "screenings", __name__, url_prefix="/v1/screenings", description="Screen transactions"
)


@blp.route("")
class Screenings(MethodView):
    @requires("screener")
    @blp.arguments(TransactionSchema, example=SEED_TRANSACTION, error_status_code=400)
    @blp.response(200, DecisionSchema)
    def post(self, transaction: dict[str, Any]) -> dict[str, Any]:
        """Screen one transaction as of its date and return the decision with its legal basis."""
        return state().screen(transaction).to_dict()
