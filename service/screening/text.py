"""Screening a transaction described in words: extract, screen what was understood, show it.

A transaction that carries only a ``description`` is read by the extractor
(:mod:`service.extract`); each transaction it finds is screened like a structured one, and the
decision is the most severe of theirs, every finding tagged with the transaction and the span
of text it came from. The decision's ``interpretation`` shows what was understood, field by
field, and what was not. Fail closed:

- a transaction the text *denies* counts as ``review`` (what it would be if true is shown);
- a country whose role the text does not give is screened in every role it could have; when
  the readings disagree the decision is at least ``review``, with the reason;
- goods with no country at all, or a text nothing of which could be read, is ``review``;
- a ``conditional`` transaction is ``prohibited`` when the text says the condition is not met
  ("without UN approval", "le plafond annuel est déjà atteint");
- a country some measure in force targets, named in the text but given a role in no
  transaction read, holds the decision at ``review`` (the reading missed how it is involved);
- a text from which no transaction is read is ``clear`` only when every part of it was
  understood as describing none (a meeting, a missile test, a general statement: the
  extraction's ``no_trade``, shown in the interpretation's notes); otherwise ``review``.

When the transaction also has structured goods, route or parties, those are screened and the
interpretation is attached for information; a description that describes a more severe
transaction touching a country the structured fields do not mention adds a ``review`` finding.

``screen_text(screener, text)`` is the entry point for callers holding only text (the web
form's free-text field, ``sanctions screen --text``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from typing import Any

from service.countries import mentions
from service.engine.evaluate import Finding
from service.extract import Evidence, ExtractedTransaction, Extraction
from service.goods.classifier import Classification
from service.screening.screener import Decision, Screener, SystemFinding
from service.screening.transaction import (
    GoodsLine,
    Transaction,
    TransactionError,
    countries_named,
    parse_transaction,
)
from service.vocabulary import SEVERITY

DENIED = ("screening.text.denied", "A transaction the text denies")
AMBIGUOUS = ("screening.text.ambiguous", "The text can be read in ways that screen differently")
NO_ROUTE = ("screening.text.no_route", "Goods with no country of origin or destination")
NOT_UNDERSTOOD = ("screening.text.not_understood", "The description could not be read")
MISMATCH = ("screening.text.mismatch", "The description describes more than the fields")
UNAUTHORIZED = ("screening.text.unauthorized", "A condition the text says is not met")
UNPLACED = ("screening.text.unplaced", "A sanctioned country named with no role read")
MAX_READINGS = 6


@dataclass(frozen=True, slots=True)
class TaggedFinding:
    """A finding of one of the transactions read in a text, with where it was read."""

    inner: Finding | SystemFinding
    transaction: int | None
    span: tuple[int, int] | None
    goods_offset: int = 0
    parties_offset: int = 0

    @property
    def outcome(self) -> str:
        return self.inner.outcome

    @property
    def rule(self) -> str:
        return _rule_id(self.inner)

    def to_dict(self) -> dict[str, Any]:
        out = self.inner.to_dict()
        ev = out.get("evidence", {})
        ev["goods"] = [g + self.goods_offset for g in ev.get("goods", [])]
        ev["parties"] = [
            p + self.parties_offset for p in ev.get("parties", []) if isinstance(p, int)
        ]
        if self.transaction is not None:
            out["transaction"] = self.transaction
        if self.span is not None:
            out["span"] = list(self.span)
        return out


def _rule_id(f: Finding | SystemFinding) -> str:
    return f.rule.id if isinstance(f, Finding) else f.rule


def _system(kind: tuple[str, str], text: str, outcome: str = "review") -> SystemFinding:
    return SystemFinding(kind[0], outcome, kind[1], text)


def screen_description(
    screener: Screener, tx: Transaction, designated: dict[int, tuple[str, ...]] | None = None
) -> Decision:
    """Screen a parsed transaction that has a description and nothing structured to stand on."""
    extraction = screener.interpret(tx.description or "")
    return _combine(screener, tx, extraction)


def screen_text(
    screener: Screener,
    text: str,
    *,
    date: dt.date | None = None,
    reference: str | None = None,
) -> Decision:
    """Screen plain text (a sentence, a bill of lading, an article) as of ``date`` (default today).

    This is what the web form's free-text field and ``sanctions screen --text`` call.
    """
    value: dict[str, Any] = {"description": text[:10_000]}
    if reference:
        value["reference"] = reference
    return screener.screen(parse_transaction(value, date))


def attach_interpretation(screener: Screener, tx: Transaction, decision: Decision) -> Decision:
    """A structured transaction with a description: show what the description says, and add a
    review finding when it describes something more severe involving other countries."""
    extraction = screener.interpret(tx.description or "")
    if not extraction.transactions:
        named = _sanctioned_places(screener, tx) - countries_named(tx)
        if not named:
            return decision._replace(interpretation=_interpretation(extraction, [], "structured"))
        where = ", ".join(sorted(named))
        finding = _system(
            MISMATCH,
            f"the description names {where}, which the structured fields do not show, and no "
            "transaction could be read from it to say what its role is",
        )
        return decision._replace(
            outcome=_worst([decision.outcome, finding.outcome]),
            findings=(*decision.findings, finding),
            interpretation=_interpretation(extraction, [], "structured"),
        )
    screened = [_screen_one(screener, tx, i, e) for i, e in enumerate(extraction.transactions)]
    touched = countries_named(tx)
    findings = list(decision.findings)
    for item in screened:
        if item.status == "denied":
            continue
        other = item.countries - touched
        if other and SEVERITY[item.outcome] > SEVERITY[decision.outcome]:
            findings.append(
                _system(
                    MISMATCH,
                    f"the description ({_quote(item.extracted.text)}) reads as a transaction that "
                    f"would be {item.outcome} ({', '.join(sorted(item.rules)) or 'no rule'}) and "
                    f"involves {', '.join(sorted(other))}, which the structured fields do not",
                )
            )
    outcome = _worst(f.outcome for f in findings)
    return decision._replace(
        outcome=outcome,
        findings=tuple(findings),
        interpretation=_interpretation(extraction, screened, "structured"),
    )


def _sanctioned_places(screener: Screener, tx: Transaction) -> set[str]:
    """Countries the description names (by name, in any language) that a rule in force on the
    transaction's date targets."""
    named = {code for code, _ in mentions(tx.description or "")}
    return screener.engine.sanctioned(named, tx.date) if named else set()


@dataclass
class _Screened:
    index: int
    extracted: ExtractedTransaction
    decision: Decision  # the worst reading
    outcome: str  # counted: review for a denied one, at least review when readings disagree
    status: str
    readings: list[tuple[str, str, set[str]]]  # (reading, outcome, rule ids)
    extra: list[SystemFinding]
    countries: set[str]

    @property
    def rules(self) -> set[str]:
        return self.decision.rule_ids


def _readings(e: ExtractedTransaction, targeted: set[str]) -> list[tuple[str, dict[str, Any]]]:
    """The route as read, and the other routes the text allows (unresolved roles, "Korea").

    A country no rule in force targets cannot change the outcome wherever it stands, so its
    other readings are not screened (``targeted``: the countries some rule targets)."""
    base: dict[str, Any] = {}
    out: list[tuple[str, dict[str, Any]]] = [("as read", base)]
    for field, ref in (("origin", e.origin), ("destination", e.destination)):
        if ref is not None:
            for alt in ref.alternatives:
                out.append((f"'{ref.evidence.text}' read as {alt}", {field: alt}))
    for u in [u for u in e.unresolved if {u.code, *u.alternatives} & targeted][:2]:
        codes = (u.code, *u.alternatives)
        for code in codes:
            if e.origin is None:
                out.append((f"'{u.evidence.text}' ({code}) as the origin", {"origin": code}))
            if e.destination is None:
                out.append(
                    (f"'{u.evidence.text}' ({code}) as the destination", {"destination": code})
                )
            if e.origin is not None and e.destination is not None:
                out.append((f"'{u.evidence.text}' ({code}) on the way", {"transit": code}))
    return out[:MAX_READINGS]


def _screen_one(
    screener: Screener,
    outer: Transaction,
    index: int,
    e: ExtractedTransaction,
    unauthorized: Evidence | None = None,
) -> _Screened:
    base = e.to_transaction(outer.date)
    results: list[tuple[str, Decision]] = []
    unscreenable: list[str] = []
    date = dt.date.fromisoformat(base["date"]) if "date" in base else outer.date
    candidates = {u.code for u in e.unresolved} | {a for u in e.unresolved for a in u.alternatives}
    targeted = screener.engine.sanctioned(candidates, date) if candidates else set()
    for label, override in _readings(e, targeted):
        value = dict(base)
        route = dict(value.get("route", {}))
        for key, code in override.items():
            if key == "transit":
                route["transit"] = [*route.get("transit", []), code]
            else:
                route[key] = code
        if route:
            value["route"] = route
        try:
            parsed = parse_transaction(value, outer.date)
        except TransactionError as exc:  # a reading the extractor got wrong: never a crash
            unscreenable.append(f"{label}: {exc}")
            if results or override:
                continue
            # fail closed: the text's goods alone, and a finding that holds the decision at review
            parsed = parse_transaction({k: v for k, v in value.items()
                                        if k not in ("route", "parties")}, outer.date)  # fmt: skip
        parsed = dataclasses.replace(
            parsed,
            type=outer.type,
            reference=outer.reference,
            authorizations=outer.authorizations,
            purposes=outer.purposes,
        )
        results.append((label, screener.screen_structured(parsed)))
    worst_label, worst = max(results, key=lambda r: SEVERITY[r[1].outcome])
    extra: list[SystemFinding] = []
    outcomes = {d.outcome for _, d in results}
    where = _quote(e.text)
    if unscreenable:
        extra.append(_system(NOT_UNDERSTOOD, f"{where}: a reading could not be screened "
                                             f"({'; '.join(unscreenable)})"))  # fmt: skip
    if len(outcomes) > 1:
        ways = "; ".join(f"{label}: {d.outcome}" for label, d in results)
        extra.append(
            _system(AMBIGUOUS, f"{where}: {'; '.join(e.ambiguities) or 'roles unclear'} ({ways})")
        )
    countries = e.countries()
    if not countries:
        goods = ", ".join(f"'{g.text}'" for g in e.goods[:3])
        extra.append(
            _system(
                NO_ROUTE, f"{where}: the text names {goods} but no country it comes from or goes to"
            )
        )
    if unauthorized is not None and worst.outcome == "conditional" and e.status != "denied":
        conditions = ", ".join(
            sorted(_rule_id(f) for f in worst.findings if f.outcome == "conditional")
        )
        extra.append(
            _system(
                UNAUTHORIZED,
                f"{where}: allowed only on a condition ({conditions}), and the text says it is "
                f"not met ('{unauthorized.text}')",
                "prohibited",
            )
        )
    if e.status == "denied":
        cue = f" ('{e.status_cue.text}')" if e.status_cue else ""
        rules = ", ".join(sorted(worst.rule_ids)) or "no rule"
        extra.append(
            _system(
                DENIED,
                f"{where}: the text denies this transaction{cue}; taken as stated it would be "
                f"{worst.outcome} ({rules}); a person must weigh the claim and the denial",
            )
        )
        outcome = "review"
    else:
        outcome = _worst([worst.outcome, *(f.outcome for f in extra)])
    return _Screened(
        index,
        e,
        worst,
        outcome,
        e.status,
        [(label, d.outcome, set(d.rule_ids)) for label, d in results],
        extra,
        countries,
    )


def _combine(screener: Screener, tx: Transaction, extraction: Extraction) -> Decision:
    screened = [
        _screen_one(screener, tx, i, e, extraction.unauthorized)
        for i, e in enumerate(extraction.transactions)
    ]
    findings: list[TaggedFinding] = []
    goods: list[Any] = []
    parties: list[dict[str, Any]] = []
    for item in screened:
        d = item.decision
        span = item.extracted.span
        if item.status != "denied":
            for f in d.findings:
                findings.append(TaggedFinding(f, item.index, span, len(goods), len(parties)))
        for f in item.extra:
            findings.append(TaggedFinding(f, item.index, span))
        for p in d.parties:
            entry = dict(p)
            if isinstance(entry.get("index"), int):
                entry["index"] = entry["index"] + len(parties)
            entry["transaction"] = item.index
            parties.append(entry)
        goods.extend(d.goods)
    if not screened and not extraction.no_trade:
        findings += [TaggedFinding(f, None, None) for f in _nothing_read(extraction)]
    outcome = _worst([f.outcome for f in findings] + [s.outcome for s in screened])
    as_of = tx.date
    if screened:
        top = max(screened, key=lambda s: SEVERITY[s.outcome])
        as_of = top.decision.as_of
        if SEVERITY[outcome] < SEVERITY["review"]:
            unplaced = _unplaced(screener, extraction, screened, as_of)
            if unplaced is not None:
                findings.append(TaggedFinding(unplaced, None, None))
                outcome = _worst([outcome, unplaced.outcome])
    return Decision(
        outcome,
        as_of,
        tuple(findings),
        tuple(goods),
        tuple(parties),
        screener.versions,
        tx.reference,
        tuple(screener.parties.notes()) if screener.parties is not None else (),
        _interpretation(extraction, screened, "extracted"),
    )


def _unplaced(
    screener: Screener, extraction: Extraction, screened: list[_Screened], when: dt.date
) -> SystemFinding | None:
    """A country some rule in force targets, named in the text, that no transaction read gives
    a role ("consignee Kwangbok Trading Co., Pyongyang" when the consignee's address was not
    understood): the reading missed something about it, so the text is not ``clear``."""
    placed = set().union(*(s.countries for s in screened))
    named: dict[str, list[str]] = {}
    for code, words in extraction.places:
        if code not in placed:
            named.setdefault(code, []).append(words)
    targeted = screener.engine.sanctioned(set(named), when) if named else set()
    if not targeted:
        return None
    where = "; ".join(
        f"{code} ({', '.join(repr(w) for w in dict.fromkeys(named[code]))})"
        for code in sorted(targeted)
    )
    return _system(
        UNPLACED,
        f"the text names {where}, which a measure in force targets, but no transaction read "
        "from it gives that country a role; a person must read how it is involved",
    )


def _nothing_read(extraction: Extraction) -> list[SystemFinding]:
    """No transaction was read from a description that is all the transaction has: review
    (fail closed), saying what in the text was not understood."""
    reasons = [f"'{e.text}': {e.how}" for e in extraction.not_understood]
    reasons += list(extraction.notes)
    head = "no transaction could be read from the description, and it is all the transaction has"
    return [_system(NOT_UNDERSTOOD, "; ".join([head, *reasons]))]


def with_description_goods(
    screener: Screener, tx: Transaction
) -> tuple[Transaction, list[Classification]]:
    """A goods transaction with the goods its description names, when the declared goods lines
    do not already name them, as one more goods line the rules see ("rifles for the militia"
    on an invoice of rice is screened as rifles too), and the classification of every line
    (each line is classified once). Services and payments keep their declared lines only:
    "aircraft maintenance" is not a supply of aircraft."""
    lines = screener.classify(tx)
    if not tx.description or tx.type != "goods":
        return tx, lines
    found = screener._classify(tx.description, None)
    if not found.categories or set(found.categories) <= {c for x in lines for c in x.expanded}:
        return tx, lines
    line = GoodsLine(description=tx.description, from_description=True)
    return dataclasses.replace(tx, goods=(*tx.goods, line)), [*lines, found]


def _worst(outcomes: Any) -> str:
    return max(outcomes, key=SEVERITY.__getitem__, default="clear")


def _quote(text: str) -> str:
    text = " ".join(text.split())
    return f"“{text[:120]}{'…' if len(text) > 120 else ''}”"


def interpretation(extraction: Extraction) -> dict[str, Any]:
    """What a text was read as, without screening (``POST /v1/extract``)."""
    out = _interpretation(extraction, [], "extracted")
    out.pop("screened")
    return out


def _interpretation(
    extraction: Extraction, screened: list[_Screened], screened_as: str
) -> dict[str, Any]:
    txs = []
    for i, e in enumerate(extraction.transactions):
        item: dict[str, Any] = {"index": i, **e.to_dict()}
        s = screened[i] if i < len(screened) else None
        if s is not None:
            item["outcome"] = s.outcome
            item["as_of"] = s.decision.as_of.isoformat()
            item["rules"] = sorted(s.rules)
            if len(s.readings) > 1:
                item["readings"] = [
                    {"reading": label, "outcome": outcome, "rules": sorted(rules)}
                    for label, outcome, rules in s.readings
                ]
        item["transaction"] = e.to_transaction(None)
        txs.append(item)
    out = {"screened": screened_as, **extraction.to_dict(transactions=False)}
    out["transactions"] = txs
    if not extraction.transactions:
        out["notes"] = [*out["notes"], "no transaction was read in the description"]
        out["notes"] += [
            f"understood as describing no transaction: '{e.text}' ({e.how})"
            for e in extraction.no_trade
        ]
    return out
