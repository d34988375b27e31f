"""``POST /v1/screenings``: screen one transaction synchronously (and keep it for re-screening
for SANCTIONS_RESCREEN_DAYS)."""

from __future__ import annotations

from flask import Response, g, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.examples import SEED_TRANSACTION
from service.api.schemas import DecisionSchema, TransactionSchema
from service.api.state import state
from service.rescreen import keep
from service.screening.transaction import Transaction

TRANSACTION = TransactionSchema()

blp = Blueprint(
    "screenings", __name__, url_prefix="/v1/screenings", description="Screen transactions"
)


@blp.route("")
class Screenings(MethodView):
    @requires("screener")
    # One schema instance for every request: a class here would be instantiated per request,
    # nested schemas and all (most of the cost of a screening).
    @blp.arguments(TRANSACTION, example=SEED_TRANSACTION, error_status_code=400)
    @blp.response(200, DecisionSchema)
    def post(self, transaction: Transaction) -> Response:
        """Screen one transaction as of its date and return the decision with its legal basis."""
        # The decision is built by the core in the documented shape; returning a response skips
        # a second serialisation through DecisionSchema (tests check the shape against the spec).
        app = state()
        decision = app.screen(transaction).to_dict()
        key = g.get("api_key")
        keep(app.store, app.settings, request.get_json(silent=True) or {}, decision,
             key.id if key else None, app.tree)  # fmt: skip
        return jsonify(decision)
