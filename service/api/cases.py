"""``/v1/cases``: open a case from a transaction, list, read, act, audit, replay, report.

Views are thin: the schema in, one call into ``service.cases``, the case out. The actor is the
API key (``key:<name>#<id>``) with the key's role; four eyes are the use case's to enforce.
"""

from __future__ import annotations

from typing import Any

from flask import Response, current_app, g, jsonify, request
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from service.api.auth import requires
from service.api.case_schemas import (
    ActionSchema,
    AuditSchema,
    CaseCreateSchema,
    CaseListSchema,
    CaseQuerySchema,
    CaseSchema,
    ReplayQuerySchema,
    ReplaySchema,
)
from service.api.examples import SEED_TRANSACTION
from service.api.problems import BadRequest
from service.cases import ActionRequest, Actor, Casework, MatchRef, render_report
from service.cases.casework import summary
from service.screening.transaction import TransactionError
from service.store import CaseFilter

blp = Blueprint("cases", __name__, url_prefix="/v1/cases", description="Compliance cases")


def casework() -> Casework:
    found: Casework = current_app.extensions["cases"]
    return found


def key_actor() -> Actor:
    key = g.api_key
    return Actor(f"key:{key.name}#{key.id}", key.role, key.name)


@blp.route("")
class Cases(MethodView):
    @requires("officer")
    @blp.arguments(
        CaseCreateSchema, example={"transaction": SEED_TRANSACTION}, error_status_code=400
    )
    @blp.response(201, CaseSchema)
    def post(self, _body: dict[str, Any]) -> Response:
        """Open a case from a transaction; it is screened at once (status ``open``)."""
        # The schema validated the body; the use case stores the transaction as sent.
        raw: dict[str, Any] = (request.get_json(silent=True) or {}).get("transaction") or {}
        try:
            view = casework().create(raw, key_actor())
        except TransactionError as exc:
            errors = {f"transaction.{k}" if k else "transaction": v for k, v in exc.errors.items()}
            raise BadRequest("the transaction cannot be screened", errors=errors) from exc
        response = jsonify(view)
        response.status_code = 201
        response.headers["Location"] = f"/v1/cases/{view['id']}"
        return response

    @requires("officer")
    @blp.arguments(CaseQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.response(200, CaseListSchema)
    def get(self, query: dict[str, Any]) -> Response:
        """Cases, newest first, filtered by status, outcome, assignee, regime and date."""
        page, per_page = query.pop("page"), query.pop("per_page")
        rows, total = casework().store.cases.find(
            CaseFilter(**query), offset=(page - 1) * per_page, limit=per_page
        )
        return jsonify({"items": [summary(c) for c in rows], "total": total, "page": page,
                        "per_page": per_page, "counts": casework().store.cases.counts()})  # fmt: skip


@blp.route("/<int:case_id>")
class CaseView(MethodView):
    @requires("officer")
    @blp.response(200, CaseSchema)
    def get(self, case_id: int) -> Response:
        """The case: its latest decision, transaction, actions and decisions over time."""
        return jsonify(casework().view(case_id))


@blp.route("/<int:case_id>/actions")
class CaseActions(MethodView):
    @requires("officer")
    @blp.arguments(
        ActionSchema,
        example={
            "action": "clear",
            "reason_code": "authorized",
            "reason": "exemption granted",
            "reference": "1718/EXEMPTION/2023/12",
            "expires": "2030-12-31",
        },  # fmt: skip
        error_status_code=400,
    )
    @blp.response(200, CaseSchema)
    def post(self, body: dict[str, Any], case_id: int) -> Response:
        """Act on a case: ``clear|block|escalate|approve|reject|reopen|comment|assign|dismiss``
        with a reason code and a reason. Clearing a prohibited or conditional decision, or
        dismissing a match at or above the threshold, waits in ``pending_approval`` for a
        second officer with the approver role, who names the decision approved."""
        match = body.pop("match", None)
        request_ = ActionRequest(match=MatchRef(**match) if match else None, **body)
        return jsonify(casework().act(case_id, request_, key_actor()))


@blp.route("/<int:case_id>/audit")
class CaseAudit(MethodView):
    @requires("officer")
    @blp.response(200, AuditSchema)
    def get(self, case_id: int) -> Response:
        """The case's entries of the hash-chained audit log, oldest first."""
        return jsonify({"case_id": case_id, "entries": casework().audit(case_id)})


@blp.route("/<int:case_id>/replay")
class CaseReplay(MethodView):
    @requires("officer")
    @blp.arguments(ReplayQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.response(200, ReplaySchema)
    def post(self, query: dict[str, Any], case_id: int) -> Response:
        """Re-run a stored decision (default: the latest) with its own rule set, list versions
        and parameters, and show any difference."""
        return jsonify(casework().replay(case_id, query.get("decision_id")))


@blp.route("/<int:case_id>/report")
class CaseReport(MethodView):
    @requires("officer")
    @blp.response(200, content_type="text/html", description="A printable report (HTML)")
    def get(self, case_id: int) -> Response:
        """A printable report: decision, findings with their citations, matched entries,
        goods evidence and the full history."""
        work = casework()
        html = render_report(work.view(case_id), work.audit(case_id))
        return Response(html, mimetype="text/html")
