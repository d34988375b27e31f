"""Mandate chains: the renewals of measures that lapse unless the Security Council renews them.

A regime's chain (resolution, adopted, expires) is written once, under ``mandates:`` in
regimes.yaml; a rule whose ``in_force.until`` is ``mandate`` ends with its regime's mandate, so
recording a renewal is one line of data, not an edit of every rule it renews:

    mandates:
      SOUTH_SUDAN:
        measures: [SS-ARMS, SS-AF/TB]
        chain:
          - {resolution: "S/RES/2781 (2025)", adopted: 2025-05-30, expires: 2026-05-31,
             paragraph: "1", url: "https://undocs.org/S/RES/2781(2025)", verified: true}
"""

from __future__ import annotations

from dataclasses import replace

from service.engine.codes import R211, R213, R214
from service.engine.model import AFTER_UNTIL, InForce, Mandate, MandateTerm, Regime, Rule
from service.engine.parse import Parser
from service.yamlsource import Collector, Node

MANDATE_KEYS = {"chain": True, "measures": False, "after_expiry": False, "note": False}
TERM_KEYS = {
    "resolution": True,
    "adopted": True,
    "expires": True,
    "paragraph": True,
    "url": True,
    "verified": True,
    "source": False,
}  # fmt: skip


def load_mandates(
    node: Node | None, parser: Parser, regimes: dict[str, Regime]
) -> dict[str, Mandate]:
    """The ``mandates:`` mapping of regimes.yaml (regime code -> chain), problems recorded."""
    if node is None:
        return {}
    d = parser.mapping(node, dict.fromkeys(node.value, False), "mandates")  # any regime key
    out: dict[str, Mandate] = {}
    for code, child in (d or {}).items():
        if code not in regimes:
            known = ", ".join(sorted(regimes))
            parser.p.error(
                R214, f"mandate of unknown regime '{code}'; known: {known}", node.key_loc(code)
            )
            continue
        mandate = _mandate(code, child, parser)
        if mandate is not None:
            out[code] = mandate
    return out


def _mandate(code: str, node: Node, parser: Parser) -> Mandate | None:
    d = parser.mapping(node, MANDATE_KEYS, f"the mandate of {code}")
    if d is None:
        return None
    terms = [t for t in (_term(n, parser) for n in parser.listed(d.get("chain"), "chain")) if t]
    if not terms:
        parser.p.error(R213, f"the mandate of {code} needs a chain of resolutions", node.loc)
        return None
    for before, after in zip(terms, terms[1:]):
        if after.adopted < before.adopted:
            parser.p.error(
                R211,
                f"{after.resolution} adopted {after.adopted} is listed after {before.resolution} "
                f"adopted {before.adopted}; list the chain in order of adoption",
                after.location,
            )
    after_expiry = (
        parser.choice(d.get("after_expiry"), "after_expiry", AFTER_UNTIL) or "renewal_unverified"
    )
    measures = (
        tuple(v for v, _ in parser.strings(d["measures"], "measures")) if "measures" in d else ()
    )
    note = parser.text(d.get("note"), "mandate note")
    return Mandate(code, tuple(terms), node.loc, after_expiry, measures, note)


def _term(node: Node, parser: Parser) -> MandateTerm | None:
    d = parser.mapping(node, TERM_KEYS, "a resolution of the chain")
    if d is None:
        return None
    resolution = parser.text(d.get("resolution"), "resolution")
    adopted = parser.date(d.get("adopted"), "adopted")
    expires = parser.date(d.get("expires"), "expires")
    paragraph = parser.text(d.get("paragraph"), "paragraph")
    url = parser.text(d.get("url"), "url")
    verified = parser.boolean(d.get("verified"), "verified")
    source = parser.text(d.get("source"), "source")
    if adopted and expires and expires < adopted:
        parser.p.error(R211, f"expires {expires} is before adopted {adopted}", d["expires"].loc)
    if not (resolution and adopted and paragraph and url):
        return None
    return MandateTerm(resolution, adopted, expires, paragraph, url, verified, node.loc, source)


def resolve(rule: Rule, regimes: dict[str, Regime], problems: Collector) -> Rule | None:
    """The rule with ``until: mandate`` replaced by its regime's latest expiry (None: an error)."""
    window = rule.in_force
    if window.mandate is None:
        return rule
    mandate = regimes[rule.regime].mandate if rule.regime in regimes else None
    if mandate is None or mandate.expires is None:
        problems.error(
            R213,
            f"rule '{rule.id}' ends with the mandate of {rule.regime}, which regimes.yaml does "
            "not give (add a chain under `mandates:`)",
            rule.location,
        )
        return None
    if mandate.expires < window.start:
        problems.error(
            R211,
            f"rule '{rule.id}' starts {window.start}, after its mandate's expiry {mandate.expires}",
            rule.location,
        )
        return None
    resolved = InForce(
        window.start, mandate.expires, mandate.after_expiry, window.note, rule.regime
    )
    return replace(rule, in_force=resolved)
