"""``GET /v1/regimes``: the sanctions regimes the rule set covers."""

from __future__ import annotations

from collections import Counter
from typing import Any

from flask.views import MethodView
from flask_smorest import Blueprint

from service.api.auth import requires
from service.api.schemas import RegimeSchema
from service.api.state import state
from service.engine.model import Mandate

blp = Blueprint("regimes", __name__, url_prefix="/v1/regimes", description="Sanctions regimes")


@blp.route("")
class Regimes(MethodView):
    @requires("screener")
    @blp.response(200, RegimeSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """Every regime with its committee, targets and number of rules."""
        ruleset = state().screener.ruleset
        counts = Counter(r.regime for r in ruleset.rules)
        return [
            {
                "code": g.code,
                "name": g.name,
                "committee": g.committee,
                "targets": list(g.targets),
                "list_types": list(g.list_types),
                "rules": counts.get(g.code, 0),
                "mandate": _mandate(g.mandate),
            }
            for g in ruleset.regimes.values()
        ]


def _mandate(mandate: Mandate | None) -> dict[str, Any] | None:
    """The renewal chain of a regime's time-limited measures (None: open-ended)."""
    if mandate is None:
        return None
    return {
        "expires": mandate.expires.isoformat() if mandate.expires else None,
        "after_expiry": mandate.after_expiry,
        "measures": list(mandate.measures),
        "chain": [
            {"resolution": t.resolution, "adopted": t.adopted.isoformat(),
             "expires": t.expires.isoformat() if t.expires else None, "paragraph": t.paragraph,
             "url": t.url, "verified": t.verified}
            for t in mandate.terms
        ],
    }  # fmt: skip
