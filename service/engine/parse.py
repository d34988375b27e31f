"""YAML nodes → rule model, checked against tables of allowed keys, not chains of ifs.

Every problem is recorded with its location, code, the bad value and what is allowed; parsing
goes on after an error so that lint reports everything in one run.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Any

from service import countries
from service.engine import predicates as c
from service.engine.codes import (
    R200,
    R201,
    R202,
    R203,
    R204,
    R206,
    R208,
    R209,
    R210,
    R211,
)  # fmt: skip
from service.engine.model import (
    AFTER_UNTIL,
    MANDATE,
    Citation,
    Condition,
    Exemption,
    InForce,
    Regime,
    Rule,
    RuleTest,
)
from service.vocabulary import CONDITION_TYPES, MEASURE_KINDS, OUTCOMES
from service.yamlsource import Code, Collector, Location, Node

ID_RX = re.compile(r"^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)+$")
RULE_KEYS = {
    "id": True,
    "title": True,
    "regime": True,
    "citations": True,
    "in_force": True,
    "when": True,
    "outcome": True,
    "measures": False,
    "implements": False,
    "conditions": False,
    "exemptions": False,
    "disputed": False,
    "dispute_note": False,
    "note": False,
}  # fmt: skip  (key -> required)
CITATION_KEYS = {"instrument": True, "paragraph": True, "url": True, "verified": True}
IN_FORCE_KEYS = {"from": True, "until": False, "after_until": False, "note": False}
CONDITION_KEYS = {"type": True, "description": True}
EXEMPTION_KEYS = {"description": True, "when": True, "citation": False}
TEST_KEYS = {"name": True, "transaction": True, "date": False, "designated": False, "expect": True}
EXPECT_KEYS = {"outcome": False, "rules": False, "not_rules": False}


@dataclass(frozen=True)
class Vocabulary:
    """What names a rule may use: categories, HS codes and regimes known to the rule set."""

    categories: frozenset[str]
    hs_codes: frozenset[str]
    regimes: frozenset[str]


class Parser:
    """Parses rule and test nodes of one rule set, recording problems in a collector."""

    def __init__(self, vocab: Vocabulary, problems: Collector) -> None:
        self.vocab = vocab
        self.p = problems
        self.broken: set[str] = set()  # ids of rules that failed to parse (not orphan tests)
        self.regimes: dict[str, Regime] = {}  # with their mandates, for `until: mandate`
        # the measure kinds of the rule being parsed (its `implements:`): `designated` in its
        # conditions is met only by a listing for one of them (or for every measure)
        self.implements: frozenset[str] = frozenset()

    def error(self, kind: Code, message: str, loc: Location) -> None:
        self.p.error(kind, message, loc)

    # -- generic checks -------------------------------------------------------------------
    def mapping(self, node: Node, keys: dict[str, bool], what: str) -> dict[str, Node] | None:
        if not isinstance(node.value, dict):
            self.p.error(R202, f"{what} must be a mapping, got {_kind(node.value)}", node.loc)
            return None
        for key in node.value:
            if key not in keys:
                allowed = ", ".join(keys)
                self.p.error(
                    R200, f"unknown key '{key}' in {what}; allowed: {allowed}", node.key_loc(key)
                )
        for key, required in keys.items():
            if required and key not in node.value:
                self.p.error(R201, f"{what} is missing required key '{key}'", node.loc)
        return node.value

    def text(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node.value, str) or not node.value.strip():
            self.p.error(R202, f"{what} must be a non-empty string, got {node.value!r}", node.loc)
            return None
        return node.value.strip()

    def boolean(self, node: Node | None, what: str, default: bool = False) -> bool:
        if node is None:
            return default
        if not isinstance(node.value, bool):
            self.p.error(R202, f"{what} must be true or false, got {node.value!r}", node.loc)
            return default
        return node.value

    def date(self, node: Node | None, what: str) -> dt.date | None:
        if node is None or node.value is None:
            return None
        value = node.value
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.p.error(
            R203, f"{what} '{value}' is not a date; use YYYY-MM-DD, such as 2006-10-14", node.loc
        )
        return None

    def choice(self, node: Node | None, what: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, what)
        if value is not None and value not in allowed:
            assert node is not None
            self.p.error(
                R204,
                f"{what} '{value}' is not allowed; use one of {', '.join(allowed)}",
                node.loc,
            )
            return None
        return value

    def strings(self, node: Node, what: str) -> list[tuple[str, Node]]:
        items = node.value if isinstance(node.value, list) else [node]
        out = []
        for item in items:
            if isinstance(item.value, (str, int)) and not isinstance(item.value, bool):
                out.append((str(item.value), item))
            else:
                self.p.error(R202, f"{what} must be a string or a list of strings", item.loc)
        return out

    def listed(self, node: Node | None, what: str) -> list[Node]:
        if node is None:
            return []
        if not isinstance(node.value, list):
            self.p.error(R202, f"{what} must be a list, got {_kind(node.value)}", node.loc)
            return []
        return node.value

    # -- rules ------------------------------------------------------------------------------
    def rule(self, node: Node) -> Rule | None:
        before = len(self.p.problems)
        d = self.mapping(node, RULE_KEYS, "a rule")
        if d is None:
            return None
        rid = self.text(d.get("id"), "id")
        if rid is not None and not ID_RX.match(rid):
            self.p.error(
                R204,
                f"id '{rid}' must be dotted lower-case words, such as unsc.dprk.arms.supply",
                d["id"].loc,
            )
        regime = self.text(d.get("regime"), "regime")
        if regime is not None and regime not in self.vocab.regimes:
            self.p.error(
                R209,
                f"unknown regime '{regime}'; known: {', '.join(sorted(self.vocab.regimes))}",
                d["regime"].loc,
            )
        citations = [self.citation(n) for n in self.listed(d.get("citations"), "citations")]
        if "citations" in d and not citations:
            self.p.error(R201, "a rule needs at least one citation", d["citations"].loc)
        in_force = self.in_force(d["in_force"]) if "in_force" in d else None
        if in_force is not None and in_force.mandate == "" and regime is not None:
            in_force = replace(in_force, mandate=regime)
        self.implements = (
            self.enum_set(d["implements"], "implements", MEASURE_KINDS) or frozenset()
            if "implements" in d
            else frozenset()
        )
        when = self.condition(d["when"]) if "when" in d else None
        outcome = self.choice(d.get("outcome"), "outcome", OUTCOMES[:3])
        disputed = self.boolean(d.get("disputed"), "disputed")
        dispute_note = self.text(d.get("dispute_note"), "dispute_note")
        if disputed and not dispute_note:
            self.p.error(
                R201,
                "a disputed rule needs a dispute_note saying who disputes it and why",
                node.loc,
            )
        if outcome == "conditional" and not d.get("conditions"):
            self.p.error(
                R201, "a conditional rule needs conditions saying what satisfies it", node.loc
            )
        rule_conditions = [
            self.rule_condition(n) for n in self.listed(d.get("conditions"), "conditions")
        ]
        exemptions = [self.exemption(n) for n in self.listed(d.get("exemptions"), "exemptions")]
        measures = (
            [m for m, _ in self.strings(d["measures"], "measures")] if "measures" in d else []
        )
        implements, self.implements = self.implements, frozenset()
        if any(p.severity == "error" for p in self.p.problems[before:]):
            if rid:
                self.broken.add(rid)
            return None
        assert rid and regime and in_force and outcome and when is not None
        return Rule(
            id=rid, title=self.text(d.get("title"), "title") or rid, regime=regime,
            citations=tuple(x for x in citations if x), in_force=in_force, when=when, outcome=outcome,
            location=node.loc, measures=tuple(measures), conditions=tuple(x for x in rule_conditions if x),
            exemptions=tuple(x for x in exemptions if x), disputed=disputed, dispute_note=dispute_note,
            note=self.text(d.get("note"), "note"), implements=implements,
        )  # fmt: skip

    def citation(self, node: Node) -> Citation | None:
        d = self.mapping(node, CITATION_KEYS, "a citation")
        if d is None:
            return None
        instrument = self.text(d.get("instrument"), "citation instrument")
        paragraph = self.text(d.get("paragraph"), "citation paragraph")
        url = self.text(d.get("url"), "citation url")
        if url is not None and not url.startswith("https://"):
            self.p.error(R204, f"citation url '{url}' must start with https://", d["url"].loc)
        verified = self.boolean(d.get("verified"), "citation verified")
        if not (instrument and paragraph and url):
            return None
        return Citation(instrument, paragraph, url, verified)

    def in_force(self, node: Node) -> InForce | None:
        d = self.mapping(node, IN_FORCE_KEYS, "in_force")
        if d is None:
            return None
        start = self.date(d.get("from"), "in_force.from")
        with_mandate = d.get("until") is not None and d["until"].value == MANDATE
        until = None if with_mandate else self.date(d.get("until"), "in_force.until")
        after = self.choice(d.get("after_until"), "in_force.after_until", AFTER_UNTIL) or "lapsed"
        if start and until and until < start:
            self.p.error(
                R211, f"in_force.until {until} is before in_force.from {start}", d["until"].loc
            )
        if "after_until" in d and with_mandate:
            self.p.error(
                R204,
                "in_force.after_until cannot be given with `until: mandate`: the mandate's "
                "after_expiry in regimes.yaml says what follows its expiry",
                d["after_until"].loc,
            )
        elif "after_until" in d and until is None:
            self.p.error(R201, "in_force.after_until needs in_force.until", d["after_until"].loc)
        if start is None:
            return None
        note = self.text(d.get("note"), "in_force.note")
        # the regime is filled in by rule(); the loader resolves the mandate's expiry
        return InForce(start, until, after, note, "" if with_mandate else None)

    def rule_condition(self, node: Node) -> Condition | None:
        d = self.mapping(node, CONDITION_KEYS, "a condition")
        if d is None:
            return None
        kind = self.choice(d.get("type"), "condition type", CONDITION_TYPES)
        text = self.text(d.get("description"), "condition description")
        return Condition(kind, text) if kind and text else None

    def exemption(self, node: Node) -> Exemption | None:
        d = self.mapping(node, EXEMPTION_KEYS, "an exemption")
        if d is None:
            return None
        text = self.text(d.get("description"), "exemption description")
        when = self.condition(d["when"]) if "when" in d else None
        cite = self.citation(d["citation"]) if "citation" in d else None
        return Exemption(text, when, cite) if text and when is not None else None

    # -- conditions ---------------------------------------------------------------------------
    def condition(self, node: Node) -> object | None:
        if not isinstance(node.value, dict) or not node.value:
            self.p.error(
                R210,
                f"a condition must be a mapping with one of: {', '.join(c.PREDICATES)}",
                node.loc,
            )
            return None
        parts = []
        for key, child in node.value.items():
            predicate = c.PREDICATES.get(key)
            if predicate is None:
                self.p.error(
                    R210,
                    f"unknown predicate '{key}'; use one of: {', '.join(c.PREDICATES)}",
                    node.key_loc(key),
                )
                continue
            parts.append(predicate.parse(self, child))
        if any(p is None for p in parts) or not parts:
            return None
        return parts[0] if len(parts) == 1 else c.All(tuple(parts))

    def countries(self, node: Node, what: str) -> frozenset[str] | None:
        out = set()
        for value, item in self.strings(node, what):
            code = value if countries.is_code(value) else None
            if code is None:
                hint = countries.to_code(value)
                extra = f"; did you mean {hint}?" if hint else ""
                self.p.error(
                    R208, f"{what} '{value}' is not an ISO 3166-1 alpha-2 code{extra}", item.loc
                )
                continue
            out.add(code)
        return frozenset(out) if out else None

    def enum_set(
        self, node: Node, what: str, allowed: tuple[str, ...] | frozenset[str], code: Code = R204
    ) -> frozenset[str] | None:
        out = set()
        for value, item in self.strings(node, what):
            if value not in allowed:
                shown = (
                    ", ".join(sorted(allowed))
                    if len(allowed) < 40
                    else "see rules/goods/taxonomy.yaml"
                )
                self.p.error(code, f"{what} '{value}' is unknown; allowed: {shown}", item.loc)
                continue
            out.add(value)
        return frozenset(out) if out else None

    def regime_set(self, node: Node, what: str) -> frozenset[str] | None:
        """Regime codes known to the rule set (R209 for an unknown one)."""
        return self.enum_set(node, what, self.vocab.regimes, R209)

    def category_set(self, node: Node, what: str) -> frozenset[str] | None:
        """Goods categories of the taxonomy (R206 for an unknown one)."""
        return self.enum_set(node, what, self.vocab.categories, R206)

    # -- tests --------------------------------------------------------------------------------
    def test(self, node: Node) -> RuleTest | None:
        d = self.mapping(node, TEST_KEYS, "a test")
        if d is None:
            return None
        name = self.text(d.get("name"), "test name") or f"test at line {node.loc.line}"
        expect = self.mapping(d["expect"], EXPECT_KEYS, "expect") if "expect" in d else None
        tx = d.get("transaction")
        if tx is not None and not isinstance(tx.value, dict):
            self.p.error(R202, "a test transaction must be a mapping", tx.loc)
            return None
        designated: dict[int, tuple[str, ...]] = {}
        if "designated" in d:
            designated = self.designations(d["designated"])
        if tx is None or expect is None:
            return None
        outcome = self.choice(expect.get("outcome"), "expect.outcome", OUTCOMES)
        rules = (
            tuple(v for v, _ in self.strings(expect["rules"], "expect.rules"))
            if "rules" in expect
            else ()
        )
        not_rules = (
            tuple(v for v, _ in self.strings(expect["not_rules"], "expect.not_rules"))
            if "not_rules" in expect
            else ()
        )
        return RuleTest(
            name,
            node.loc,
            tx.plain(),
            self.date(d.get("date"), "test date"),
            designated,
            outcome,
            rules,
            not_rules,
        )

    def designations(self, node: Node) -> dict[int, tuple[str, ...]]:
        """``designated: {0: [DPRK]}``: party 0 is a confirmed list match under DPRK;
        ``{0: [YEMEN/arms_embargo]}``: under YEMEN for the arms embargo only (kinds joined by
        ``+``)."""
        out: dict[int, tuple[str, ...]] = {}
        if not isinstance(node.value, dict):
            self.p.error(
                R202, "designated maps a party index to regimes, such as {0: [DPRK]}", node.loc
            )
            return out
        for key, child in node.value.items():
            found = [self.designation(v, item) for v, item in self.strings(child, "designated")]
            if not key.isdigit():
                self.p.error(R202, f"designated key '{key}' must be a party index", child.loc)
            elif found and all(found):
                out[int(key)] = tuple(sorted(x for x in found if x))
        return out

    def designation(self, value: str, node: Node) -> str | None:
        """One ``REGIME`` or ``REGIME/kind+kind`` of a test's designations, checked."""
        regime, slash, kinds = value.partition("/")
        ok = True
        if regime not in self.vocab.regimes:
            known = ", ".join(sorted(self.vocab.regimes))
            self.p.error(
                R209, f"designated regime '{regime}' is unknown; allowed: {known}", node.loc
            )
            ok = False
        for kind in kinds.split("+") if slash else ():
            if kind not in MEASURE_KINDS:
                allowed = ", ".join(MEASURE_KINDS)
                self.p.error(R204, f"designated measure '{kind}' is unknown; allowed: {allowed}",
                             node.loc)  # fmt: skip
                ok = False
        return value if ok else None


def _kind(value: Any) -> str:
    names: dict[type, str] = {dict: "a mapping", list: "a list", str: "a string"}
    return names.get(type(value), repr(value))
