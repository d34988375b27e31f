"""What the extractor understood: transactions whose every field points back to the characters
it was read from, and the parts of the text it could not read.

All of it is immutable and turns into plain JSON (``to_dict``) for the decision's
``interpretation`` block and ``POST /v1/extract``; ``to_transaction`` gives the §3.1 transaction
that the screening reads.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]

STATUSES = ("asserted", "hedged", "denied")


@dataclass(frozen=True, slots=True)
class Evidence:
    """One piece of text read as something: a country, a role, a cue."""

    text: str
    span: Span
    how: str  # in words: "country name", "port (UN/LOCODE, World Port Index)", "demonym" …

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "how": self.how}


@dataclass(frozen=True, slots=True)
class CountryRef:
    """A country as the text gave it (a name, a city, a port, a demonym, a capital…)."""

    code: str
    evidence: Evidence
    alternatives: tuple[str, ...] = ()  # other readings of an ambiguous name ("Korea")


@dataclass(frozen=True, slots=True)
class GoodsItem:
    text: str
    span: Span
    description: str  # what the classifier reads (the text, plus glosses of named systems)
    quantity_text: str | None = None
    quantity: float | None = None
    unit: str | None = None
    hs_code: str | None = None
    value: tuple[float, str] | None = None
    notes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()  # what the classifier read, for the interpretation


@dataclass(frozen=True, slots=True)
class PartyItem:
    role: str | None
    name: str
    span: Span
    type: str | None = None
    category: str | None = None
    country: CountryRef | None = None
    known: bool = False  # a name the extractor knows (an armed group, a UN agency): always named


@dataclass(frozen=True, slots=True)
class ExtractedTransaction:
    """One transaction described in the text."""

    span: Span
    text: str
    status: str = "asserted"  # asserted, hedged or denied
    status_cue: Evidence | None = None
    origin: CountryRef | None = None
    destination: CountryRef | None = None
    transit: tuple[CountryRef, ...] = ()
    goods: tuple[GoodsItem, ...] = ()
    parties: tuple[PartyItem, ...] = ()
    date: Evidence | None = None
    date_value: str | None = None  # YYYY-MM-DD or YYYY-MM
    vessel: Evidence | None = None
    vessel_flag: CountryRef | None = None
    unresolved: tuple[CountryRef, ...] = ()  # countries whose role the text does not give
    ship_to_ship: Evidence | None = None  # "STS transfer", "transbordement en mer"
    # the destination's ISO 3166-2 subdivision, when the text names it ("El Fasher"): the
    # code is the evidence's `how`
    destination_region: Evidence | None = None
    # flags of the other vessels of a ship-to-ship transfer ("a DPRK-flagged tanker")
    vessel_flags: tuple[CountryRef, ...] = ()
    ambiguities: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def countries(self) -> set[str]:
        out = {c.code for c in (self.origin, self.destination) if c is not None}
        out |= {c.code for c in self.transit} | {c.code for c in self.unresolved}
        out |= {p.country.code for p in self.parties if p.country is not None}
        return out

    def to_transaction(self, default_date: dt.date | None = None) -> dict[str, Any]:
        """The §3.1 transaction this stands for (a dict, parsed and screened like any other)."""
        tx: dict[str, Any] = {"type": "goods", "description": self.text[:2000]}
        when = _screening_date(self.date_value) or default_date
        if when is not None:
            tx["date"] = when.isoformat()
        route: dict[str, Any] = {}
        if self.origin:
            route["origin"] = self.origin.code
        if self.destination:
            route["destination"] = self.destination.code
        if self.transit:
            route["transit"] = list(dict.fromkeys(c.code for c in self.transit))
        if self.vessel:
            route["vessel"] = {"name": self.vessel.text}
            if self.vessel_flag:
                route["vessel"]["flag"] = self.vessel_flag.code
        if self.ship_to_ship:
            route["ship_to_ship"] = True
        if self.destination_region and self.destination:
            route["destination_region"] = self.destination_region.how
        if route:
            tx["route"] = route
        tx["goods"] = [_goods_line(g) for g in self.goods]
        parties = [_party(p) for p in self.parties]
        parties += [
            {"role": "carrier", "type": "vessel", "country": f.code} for f in self.vessel_flags
        ]
        if parties:
            tx["parties"] = parties
        return tx

    def fields(self) -> list[dict[str, Any]]:
        """Each field of the structured transaction with the text and span it came from."""
        out: list[dict[str, Any]] = []

        def add(path: str, value: Any, evidence: Evidence | None) -> None:
            item: dict[str, Any] = {"field": path, "value": value}
            if evidence is not None:
                item.update(evidence.to_dict())
            out.append(item)

        if self.origin:
            add("route.origin", self.origin.code, self.origin.evidence)
        if self.destination:
            add("route.destination", self.destination.code, self.destination.evidence)
        for i, c in enumerate(self.transit):
            add(f"route.transit[{i}]", c.code, c.evidence)
        if self.vessel:
            add("route.vessel.name", self.vessel.text, self.vessel)
        if self.vessel_flag:
            add("route.vessel.flag", self.vessel_flag.code, self.vessel_flag.evidence)
        if self.ship_to_ship:
            add("route.ship_to_ship", True, self.ship_to_ship)
        if self.destination_region and self.destination:
            region = self.destination_region
            add("route.destination_region", region.how,
                Evidence(region.text, region.span, f"region of the destination ({region.how})"))  # fmt: skip
        for i, g in enumerate(self.goods):
            add(f"goods[{i}].description", g.description, Evidence(g.text, g.span, "goods"))
            if g.quantity is not None and g.unit:
                add(f"goods[{i}].quantity", g.quantity, None)
                add(f"goods[{i}].unit", g.unit, None)
            if g.hs_code:
                add(f"goods[{i}].hs_code", g.hs_code, None)
        for i, p in enumerate(self.parties):
            add(f"parties[{i}].name", p.name, Evidence(p.name, p.span, f"party ({p.role})"))
            if p.country:
                add(f"parties[{i}].country", p.country.code, p.country.evidence)
            if p.category:
                add(f"parties[{i}].category", p.category, None)
        for i, f in enumerate(self.vessel_flags, start=len(self.parties)):
            add(f"parties[{i}].country", f.code, f.evidence)
        if self.date is not None:
            add("date", self.date_value, self.date)
        for c in self.unresolved:
            add("unresolved", c.code, c.evidence)
        return out

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "span": list(self.span),
            "text": self.text,
            "status": self.status,
        }
        if self.status_cue is not None:
            out["status_cue"] = self.status_cue.to_dict()
        out["fields"] = self.fields()
        out["goods"] = [
            {
                "text": g.text,
                "span": list(g.span),
                "description": g.description,
                "categories": list(g.categories),
                **({"quantity": g.quantity_text} if g.quantity_text else {}),
                **({"notes": list(g.notes)} if g.notes else {}),
            }
            for g in self.goods
        ]
        if self.ambiguities:
            out["ambiguities"] = list(self.ambiguities)
        if self.notes:
            out["notes"] = list(self.notes)
        return out


def _screening_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    if len(value) == 7:  # a month alone: screened on its 15th
        return dt.date.fromisoformat(value + "-15")
    return dt.date.fromisoformat(value)


def _goods_line(g: GoodsItem) -> dict[str, Any]:
    line: dict[str, Any] = {"description": g.description[:2000]}
    if g.hs_code:
        line["hs_code"] = g.hs_code
    if g.quantity is not None and g.unit:
        line["quantity"] = g.quantity
        line["unit"] = g.unit
    if g.value is not None:
        line["value"] = {"amount": g.value[0], "currency": g.value[1]}
    return line


def _party(p: PartyItem) -> dict[str, Any]:
    # an unnamed party ("une milice", "a private security company") has a role and a category
    # but no name to match against the lists
    named = p.known or any(ch.isupper() for ch in p.name)
    out: dict[str, Any] = {"name": p.name[:500]} if named else {}
    if p.role:
        out["role"] = p.role
    if p.type:
        out["type"] = p.type
    if p.category:
        out["category"] = p.category
    if p.country is not None:
        out["country"] = p.country.code
    return out


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read in one text."""

    text: str
    language: str | None
    transactions: tuple[ExtractedTransaction, ...] = ()
    not_understood: tuple[Evidence, ...] = ()
    notes: tuple[str, ...] = field(default=())
    # when no transaction was read and every part of the text was understood: each clause
    # with what says it describes no transaction (a verb of no trade, a general statement…)
    no_trade: tuple[Evidence, ...] = ()
    # every place the text names, as (country code, the words): the screening checks that a
    # sanctioned country named anywhere was given a role in some transaction
    places: tuple[tuple[str, str], ...] = ()
    # the words saying that what a measure requires is missing ("without UN approval",
    # "sans dérogation du Comité 1718", "annual cap already exceeded"), when the text has them
    unauthorized: Evidence | None = None

    def to_dict(self, transactions: bool = True) -> dict[str, Any]:
        """As JSON; ``transactions=False`` leaves them as an empty list, for a caller that
        writes them itself (the decision's interpretation adds each one's screening)."""
        return {
            "language": self.language,
            "transactions": [t.to_dict() for t in self.transactions] if transactions else [],
            "not_understood": [e.to_dict() for e in self.not_understood],
            "notes": list(self.notes),
        }
