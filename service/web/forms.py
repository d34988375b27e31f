"""The submit-a-case and action forms: rows of fields in, a transaction or an action out.

Blank rows are skipped; numbers that do not read as numbers are passed on as text so the
transaction parser reports them with their path (``goods[1].quantity``), like the API does.
"""

from __future__ import annotations

from typing import Any

from werkzeug.datastructures import MultiDict

from service.cases import ActionRequest, MatchRef

MAX_PARTY_ROWS = 50
MAX_GOODS_ROWS = 200
PARTY_FIELDS = ("role", "name", "type", "country", "category", "date_of_birth", "imo", "document")
GOODS_FIELDS = ("description", "hs_code", "quantity", "unit", "amount", "currency")


def rows(
    form: MultiDict[str, str], prefix: str, fields: tuple[str, ...], limit: int
) -> list[dict[str, str]]:
    """The filled rows ``prefix-N-field`` of a form, in order."""
    out = []
    for i in range(limit):
        row = {f: form.get(f"{prefix}-{i}-{f}", "").strip() for f in fields}
        if any(row.values()):
            out.append(row)
    return out


def _number(text: str) -> Any:
    try:
        value = float(text.replace(",", "").replace(" ", ""))
    except ValueError:
        return text
    return int(value) if value.is_integer() else value


def transaction(form: MultiDict[str, str]) -> dict[str, Any]:
    """The transaction a submitted form describes (ARCHITECTURE §3.1)."""
    tx: dict[str, Any] = {}
    for key in ("reference", "date", "type", "description"):
        if value := form.get(key, "").strip():
            tx[key] = value
    parties = []
    for row in rows(form, "party", PARTY_FIELDS, MAX_PARTY_ROWS):
        parties.append({k: v for k, v in row.items() if v})
    goods = []
    for row in rows(form, "goods", GOODS_FIELDS, MAX_GOODS_ROWS):
        line: dict[str, Any] = {
            k: v for k, v in row.items() if v and k not in ("amount", "currency")
        }
        if "quantity" in line:
            line["quantity"] = _number(line["quantity"])
        if row["amount"]:
            line["value"] = {"amount": _number(row["amount"]), "currency": row["currency"] or "USD"}
        goods.append(line)
    if parties:
        tx["parties"] = parties
    if goods:
        tx["goods"] = goods
    route: dict[str, Any] = {}
    for key in ("origin", "destination"):
        if value := form.get(f"route-{key}", "").strip():
            route[key] = value
    transit = [t.strip() for t in form.get("route-transit", "").split(",") if t.strip()]
    if transit:
        route["transit"] = transit
    vessel = {k: v for k in ("name", "imo", "flag") if (v := form.get(f"vessel-{k}", "").strip())}
    if vessel:
        route["vessel"] = vessel
    if form.get("route-ship_to_ship"):
        route["ship_to_ship"] = True
    if route:
        tx["route"] = route
    if purposes := form.getlist("purposes"):
        tx["purposes"] = purposes
    auth = {
        k: v for k in ("type", "regime", "reference") if (v := form.get(f"auth-{k}", "").strip())
    }
    if auth:
        tx["authorizations"] = [auth]
    return tx


def action(form: MultiDict[str, str]) -> ActionRequest:
    """The action of the case page's form; the match to dismiss reads ``party|list|reference``."""
    match = None
    if picked := form.get("match", "").strip():
        party, _, rest = picked.partition("|")
        source, _, reference = rest.partition("|")
        match = MatchRef(int(party) if party.isdigit() else party, source, reference)
    decision_id = form.get("decision_id", "").strip()

    def text(name: str) -> str | None:
        return form.get(name, "").strip() or None

    return ActionRequest(
        action=form.get("action", ""), reason_code=form.get("reason_code", ""),
        reason=form.get("reason", ""), assignee=text("assignee"), match=match,
        decision_id=int(decision_id) if decision_id.isdigit() else None,
        decision_sha256=text("decision_sha256"), evidence=text("evidence"),
        reference=text("reference"), expires=text("expires"),
    )  # fmt: skip
