"""``GET /v1/rules`` and ``GET /v1/rules/{id}``: the loaded rules with their legal basis."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import RAISE

from service.api.auth import requires
from service.api.problems import NotFound
from service.api.schemas import RuleQuerySchema, RuleSchema
from service.api.state import state
from service.engine.model import Rule

blp = Blueprint("rules", __name__, url_prefix="/v1/rules", description="Rules in force")


def rule_dict(rule: Rule, root: Any) -> dict[str, Any]:
    """A rule as JSON, without its compiled condition."""
    source = str(rule.location)
    if root is not None:
        source = source.replace(str(root).rstrip("/") + "/", "", 1)
    return {
        "id": rule.id,
        "title": rule.title,
        "regime": rule.regime,
        "citations": [c.to_dict() for c in rule.citations],
        "in_force": {
            "from": rule.in_force.start.isoformat(),
            "until": rule.in_force.until.isoformat() if rule.in_force.until else None,
            "after_until": rule.in_force.after_until,
            "note": rule.in_force.note,
            "mandate": rule.in_force.mandate,
        },
        "outcome": rule.outcome,
        "measures": list(rule.measures),
        "implements": sorted(rule.implements),
        "conditions": [{"type": c.type, "description": c.description} for c in rule.conditions],
        "exemptions": [
            {"description": e.description, "citation": e.citation.to_dict() if e.citation else None}
            for e in rule.exemptions
        ],
        "disputed": rule.disputed,
        "dispute_note": rule.dispute_note,
        "note": rule.note,
        "source": source,
    }


@blp.route("")
class Rules(MethodView):
    @requires("screener")
    @blp.arguments(RuleQuerySchema, location="query", error_status_code=400, unknown=RAISE)
    @blp.response(200, RuleSchema(many=True))
    def get(self, query: dict[str, Any]) -> list[dict[str, Any]]:
        """Every loaded rule, optionally of one regime."""
        ruleset = state().screener.ruleset
        regime = query.get("regime")
        return [
            rule_dict(r, ruleset.root)
            for r in ruleset.rules
            if regime is None or r.regime.casefold() == regime.casefold()
        ]


@blp.route("/<string:rule_id>")
class RuleById(MethodView):
    @requires("screener")
    @blp.response(200, RuleSchema)
    def get(self, rule_id: str) -> dict[str, Any]:
        """One rule by its stable id."""
        ruleset = state().screener.ruleset
        rule = ruleset.rule(rule_id)
        if rule is None:
            raise NotFound(f"no rule with id {rule_id!r}")
        return rule_dict(rule, ruleset.root)
