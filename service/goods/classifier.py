"""Goods line → control categories, from its HS code and its description.

An HS code, when given and valid, is authoritative; description terms refine it (``93`` +
"artillery shells" → ``arms.ammunition.artillery``) and a description that points elsewhere is
reported as a conflict. Without a valid code the description decides; with neither, the line
is ``unclassified`` and the screening treats it as a risk, never as clear.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Set as AbstractSet
from functools import cached_property
from typing import NamedTuple

from service.goods.hsindex import HsIndex, Suggestion
from service.goods.lang import plausible_languages
from service.goods.taxonomy import Taxonomy, Term
from service.goods.text import (
    CALIBRE,
    arabic_bare,
    calibres,
    cartridges,
    has_spaceless_script,
    normalize,
    tokens,
    variants,
)
from service.goods.trie import Trie

SMALL_ARMS_AMMUNITION = "arms.ammunition.small_arms"
# cannon rounds from 20 mm up (23x152 for the ZU-23, 30x165 for the 2A42) are not small-arms
# ammunition: the UN's small arms stop below 20 mm, and 20 mm rounds are declared with shells
ARTILLERY_AMMUNITION = "arms.ammunition.artillery"
CANNON_CALIBRE = 20.0
ARTILLERY = "arms.artillery"
ORDINARY = "ordinary"  # the taxonomy's goods under no control (see taxonomy.yaml)
UNHOMED = frozenset({"dual_use", "wmd"})  # controlled families with no HS heading of their own
LARGE_CALIBRE = 100.0  # light weapons' mortars are below 100 mm (the UN's small arms definition)


class Evidence(NamedTuple):
    """Why a line got a category (immutable; a named tuple because lines make many of them)."""

    kind: str  # "hs", "term" or "calibre"
    text: str
    category: str
    lang: str | None = None

    def to_dict(self) -> dict[str, str]:
        out = {"kind": self.kind, "text": self.text, "category": self.category}
        if self.lang:
            out["lang"] = self.lang
        return out


class Classification(NamedTuple):
    """What a goods line is (immutable; a named tuple, cheap to build per line)."""

    categories: tuple[str, ...]  # most specific categories found
    expanded: frozenset[str]  # with every ancestor, for rule matching
    hs_code: str | None  # the declared code when valid
    hs_prefixes: tuple[str, ...]  # declared code, or HS prefixes of the categories found
    evidence: tuple[Evidence, ...] = ()
    conflict: str | None = None
    notes: tuple[str, ...] = ()
    hints: HsHints | None = None  # HS suggestions from the text, computed when first shown
    ordinary: bool = False  # the text names goods no measure names ("urea fertiliser")

    @property
    def unclassified(self) -> bool:
        return not self.categories and self.hs_code is None and not self.ordinary

    def to_dict(self, line: int) -> dict[str, object]:
        out: dict[str, object] = {
            "line": line,
            "categories": list(self.categories),
            "hs_code": self.hs_code,
            "evidence": [e.to_dict() for e in self.evidence],
        }
        if self.unclassified:
            out["unclassified"] = True
        if self.conflict:
            out["conflict"] = self.conflict
        notes = list(self.notes)
        if self.hints is not None:
            found = self.hints.suggestions()
            out["hs_suggestions"] = [s.to_dict() for s in found]
            check = self.hints.contradiction()
            if check:
                out["hs_mismatch"] = check
                notes.append(check)
        if notes:
            out["notes"] = notes
        return out


class HsHints:
    """The HS suggestions of one goods line, computed on first use: they cost more than the
    classification, no rule reads them, and only the decision's goods block shows them."""

    __slots__ = ("_classifier", "_description", "_categories", "_declared", "_found")

    def __init__(
        self, classifier: Classifier, description: str, categories: tuple[str, ...],
        declared: str | None,
    ) -> None:  # fmt: skip
        self._classifier = classifier
        self._description = description
        self._categories = categories
        self._declared = declared
        self._found: tuple[Suggestion, ...] | None = None

    def _key(self) -> tuple[object, ...]:
        return (self._description, self._categories, self._declared)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, HsHints) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def suggestions(self) -> tuple[Suggestion, ...]:
        if self._found is None:
            self._found = self._classifier.suggest(self._description, self._categories)
        return self._found

    def contradiction(self) -> str | None:
        """A note when the declared code disagrees with a confident suggestion."""
        if self._declared is None:
            return None
        return self._classifier.hs_index.contradiction(self._declared, self.suggestions())


class Classifier:
    """Compiled matcher over a taxonomy: word index, prefix index and substring terms."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        # Chinese and Korean terms by their first character: a line is scanned once, not
        # searched once per term
        self._spaceless: dict[str, list[tuple[int, str, Term]]] = defaultdict(list)
        for k, t in enumerate(t for t in taxonomy.terms if t.spaceless):
            norm = normalize(t.text)
            self._spaceless[norm[0]].append((k, norm, t))
        spaced = [_bare(t) for t in taxonomy.terms if not t.spaceless]
        self._trie = Trie(spaced + _reordered(spaced))
        self._hs: dict[str, list[str]] = defaultdict(list)
        for cat in taxonomy.categories.values():
            for prefix in cat.hs:
                self._hs[prefix].append(cat.id)
        self._ancestors = {c: taxonomy.ancestors(c) for c in taxonomy.categories}
        self._ancestor_set = {c: frozenset(a) for c, a in self._ancestors.items()}
        cats = taxonomy.categories
        # a term narrows a declared code under its `refines` or typical HS prefixes
        self._refines = {c.id: c.refines + c.hs_typical or ("-",) for c in cats.values()}
        # ... and under its own `refines` it takes the place of the code's category when the two
        # are siblings: a "60 mm commando mortar" declared 9301.10 is a light weapon, not artillery
        self._replaces = {c.id: c.refines for c in cats.values() if c.refines}
        # categories defined by whole HS chapters (textiles 50-63, machinery 84, ...)
        self._chapter = frozenset(
            c for c in cats if (hs := taxonomy.hs_prefixes(c)) and all(len(p) == 2 for p in hs)
        )
        self._overrides = {
            c.id: frozenset(c.overrides) for c in taxonomy.categories.values() if c.overrides
        }
        self._implied = _implied_by_hs(taxonomy)
        self._own_hs = {c.id: c.hs for c in cats.values()}
        self._priors: dict[str, tuple[int, ...]] = {}
        self._hs_memo: dict[str, tuple[tuple[str, ...], tuple[Evidence, ...]]] = {}
        # (code, term categories, a large bore said) -> what reconciling them decides
        self._reconciled: dict[tuple[str, frozenset[str], bool], _Reconciled] = {}
        # category combinations are few: their expansions are computed once
        self._expanded: dict[tuple[str, ...], tuple[frozenset[str], tuple[str, ...]]] = {}

    def classify(self, description: str | None, hs_code: str | None = None) -> Classification:
        """Classify one goods line."""
        notes: list[str] = []
        hs_cats: tuple[str, ...] = ()
        evidence: tuple[Evidence, ...] = ()
        code = None
        if hs_code:
            if self.taxonomy.hs_exists(hs_code):
                code = hs_code
                hs_cats, evidence = self._hs_categories(hs_code)
            else:
                notes.append(f"HS code {hs_code} is not in HS 2022; the description was used")
        term_hits = self._terms(description) if description else []
        ordinary = [e for e in term_hits if e.category == ORDINARY]
        if ordinary:  # read, with no category: said in a note, counted by no rule
            term_hits = [e for e in term_hits if e.category != ORDINARY]
            notes.append("recognised as goods no measure names: " + ", ".join(
                dict.fromkeys(e.text for e in ordinary)))  # fmt: skip
        term_cats = _most_specific({e.category for e in term_hits}, self._ancestors)
        hints = HsHints(self, description, tuple(term_cats), code) if description else None
        if code is None:
            return self._result(term_cats, None, term_hits, None, notes, hints)._replace(
                ordinary=bool(ordinary)
            )
        return self._reconcile(
            code, hs_cats, evidence, term_cats, term_hits, notes, hints, description
        )

    @cached_property
    def hs_index(self) -> HsIndex:
        """The BM25 index over the HS texts, built on first use (under a second) and shared by
        every classifier of the same nomenclature."""
        return _index(self.taxonomy)

    def suggest(self, description: str, categories: tuple[str, ...] = ()) -> tuple[Suggestion, ...]:
        """The three HS 2022 subheadings the description reads as best; ``categories`` found
        by the taxonomy's terms favour the subheadings under their HS prefixes."""
        prefixes = [p for c in categories for p in self.taxonomy.hs_prefixes(c)]
        prior = [i for c in categories for i in self._prior(c)]
        return self.hs_index.suggest(description, prefixes, prior=prior)

    def _prior(self, category: str) -> tuple[int, ...]:
        """A category's subheadings, in the order its English terms rank them (memoised)."""
        found = self._priors.get(category)
        if found is None:
            words = " ".join(t.text for t in self.taxonomy.terms if t.category == category
                             and t.lang == "en" and t.role == "term")  # fmt: skip
            found = self.hs_index.rank_under(self.taxonomy.hs_prefixes(category), words)[:12]
            self._priors[category] = found
        return found

    def _hs_categories(self, code: str) -> tuple[tuple[str, ...], tuple[Evidence, ...]]:
        """Categories and evidence for a declared HS code (memoised: codes repeat)."""
        found = self._hs_memo.get(code)
        if found is None:
            cats: list[str] = []
            evidence: list[Evidence] = []
            for n in (2, 4, 6):
                for cat in self._hs.get(code[:n], ()):
                    cats.append(cat)
                    evidence.append(Evidence("hs", code[:n], cat))
            found = (tuple(cats), tuple(evidence))
            if len(self._hs_memo) < 100_000:
                self._hs_memo[code] = found
        return found

    def _reconcile(
        self, code: str, hs_cats: tuple[str, ...], evidence: tuple[Evidence, ...], term_cats: set[str],
        term_hits: list[Evidence], notes: list[str], hints: HsHints | None = None,
        description: str | None = None,
    ) -> Classification:  # fmt: skip
        bore = ARTILLERY in hs_cats and _large_bore(description)
        key = (code, frozenset(term_cats), bore)
        found = self._reconciled.get(key)
        if found is None:
            found = self._decide(code, hs_cats, term_cats, bore)
            if len(self._reconciled) < 100_000:
                self._reconciled[key] = found
        cats, related, conflict = found
        kept = [*evidence, *(e for e in term_hits if e.category in related)]
        return self._result(cats, code, kept, conflict, notes, hints)

    def _decide(
        self, code: str, hs_cats: tuple[str, ...], term_cats: set[str], bore: bool
    ) -> _Reconciled:
        """The categories, the term categories the code agrees with and the conflict, for a
        declared code and the categories its description's terms give (memoised by caller)."""
        hs_set = set(hs_cats)
        hs_expanded = {a for c in hs_set for a in self._ancestors[c]}
        # a term of a sibling of the code's category (same family), whose own HS prefixes the
        # code is not under, is overruled by the code: "rounds for D-30 howitzers" declared 9306.90 is
        # ammunition, not artillery (9301.10)
        narrowest = _most_specific(hs_set, self._ancestors)
        overruled = {
            c
            for c in term_cats
            if self._own_hs[c]
            and not hs_set.isdisjoint(self._ancestors[c])
            and not any(code.startswith(p) or p.startswith(code) for p in self._own_hs[c])
            and narrowest.isdisjoint(self._ancestors[c])
            and not _under(code, self._refines[c])
        }
        refine = {
            c
            for c in term_cats - overruled
            if not hs_set.isdisjoint(self._ancestors[c])
            or _under(code, self._refines[c])
            # a dual-use or WMD item is declared under its material's or machine's heading
            # (acid-resistant tiles as 6909, a frequency changer as 8504): the code does not
            # contradict it, and the control category stays
            or self._ancestors[c][-1] in UNHOMED
        }
        replaced = {
            h
            for c in refine
            if c in self._replaces and code.startswith(self._replaces[c])
            for h in hs_set
            if h not in self._ancestor_set[c]
            and c not in self._ancestor_set[h]
            and self._ancestors[h][1:2] == self._ancestors[c][1:2]  # the same parent
        }
        if ARTILLERY in replaced and bore:
            replaced.discard(ARTILLERY)  # a 120 mm mortar stays artillery
        hs_set -= replaced
        related = refine | {c for c in term_cats - overruled if c in hs_expanded}
        conflict = None
        unrelated = sorted(term_cats - related - overruled)
        if related:  # the code's goods are named: chapter words are materials or uses
            unrelated = [c for c in unrelated if c not in self._chapter]
        if unrelated:
            declared = (
                ", ".join(sorted(_most_specific(hs_set, self._ancestors))) or "no control category"
            )
            conflict = (
                f"description reads as {', '.join(unrelated)} but HS {code} declares {declared}"
            )
        cats = _most_specific(hs_set | refine, self._ancestors)
        return frozenset(cats), frozenset(related), conflict

    def _result(
        self, cats: AbstractSet[str], code: str | None, evidence: list[Evidence], conflict: str | None,
        notes: list[str], hints: HsHints | None = None,
    ) -> Classification:  # fmt: skip
        implied = {d for c in cats for d in self._implied.get(c, ())}
        if implied:
            cats = _most_specific(set(cats) | implied, self._ancestors)
        ordered = tuple(sorted(cats))
        memo = self._expanded.get(ordered)
        if memo is None:
            memo = (
                frozenset(a for c in ordered for a in self._ancestors[c]),
                tuple(p for c in ordered for p in self.taxonomy.categories[c].hs),
            )
            self._expanded[ordered] = memo
        expanded = memo[0]
        prefixes = (code,) if code is not None else memo[1]
        return Classification(
            ordered, expanded, code, prefixes, tuple(evidence), conflict, tuple(notes), hints
        )

    def _terms(self, description: str) -> list[Evidence]:
        text = normalize(description)
        words = tokens(text)
        forms = [variants(w) for w in words]
        # (term, matched text, start, end): token offsets for words, character offsets (shifted
        # past every token offset) for Chinese and Korean substrings, so the two never nest
        hits: list[Hit] = [
            (term, " ".join(words[start:end]), start, end)
            for term, start, end in self._trie.matches(forms)
        ]
        if not text.isascii() and has_spaceless_script(text):
            shift = len(words) + 1
            found = []
            get = self._spaceless.get
            for at, ch in enumerate(text):
                for k, norm, t in get(ch, ()):
                    if text.startswith(norm, at):
                        found.append((k, at, norm, t))
            found.sort(key=lambda f: (f[0], f[1]))  # term order, then position, as declared
            hits.extend((t, t.text, shift + at, shift + at + len(norm)) for _, at, norm, t in found)
        if any(h[0].bound for h in hits):
            langs = plausible_languages(description)
            hits = [h for h in hits if not h[0].bound or h[0].lang in langs]
        out = self._resolve(_outermost(hits))
        if "x" in text:
            out.extend(Evidence("calibre", c, _cartridge_category(c)) for c in cartridges(text))
        return out

    def _resolve(self, hits: list[Hit]) -> list[Evidence]:
        """Exclusions cancel their category; a category's `overrides` drop the hits of the
        categories it names (medicine over the salt in "rehydration salts"); a context word
        gives its category only where it overrode something."""
        excluded = {h[0].category for h in hits if h[0].exclude}
        kept = (
            [
                h
                for h in hits
                if not h[0].exclude and excluded.isdisjoint(self._ancestors[h[0].category])
            ]
            if excluded
            else hits
        )
        overriding = {h[0].category for h in kept if h[0].category in self._overrides}
        overrode: set[str] = set()
        if overriding:
            live = []
            for h in kept:
                beaten = {
                    c for c in overriding if self._overrides[c] & self._ancestor_set[h[0].category]
                }
                overrode |= beaten
                if not beaten:
                    live.append(h)
            kept = live
        return [
            Evidence("term", matched.replace(CALIBRE, "<n> mm"), term.category, term.lang)
            for term, matched, _, _ in kept
            if not term.context or term.category in overrode
        ]


Hit = tuple[Term, str, int, int]


def _outermost(hits: list[Hit]) -> list[Hit]:
    """Hits not strictly inside a longer term's hit: multi-word terms outrank their parts
    ("oral rehydration salt" over "salt"). Exclusions and context words outrank nothing."""
    if len(hits) < 2:
        return hits
    spans = [(s, e) for t, _, s, e in hits if e - s > 1 and not t.exclude and not t.context]
    if not spans:
        return hits
    return [
        h
        for h in hits
        if not any(s <= h[2] and h[3] <= e and e - s > h[3] - h[2] for s, e in spans)
    ]


def _bare(term: Term) -> Term:
    """An Arabic term's words without article or conjunction, the form every Arabic word of a
    description also offers (so "النفط الخام" meets "نفط خام" and "والنفط الخام")."""
    if term.lang != "ar":
        return term
    words = tuple(w if w.endswith("*") else arabic_bare(w) for w in term.words)
    return term if words == term.words else dataclasses.replace(term, words=words)


def _reordered(terms: list[Term]) -> list[Term]:
    """Russian two-word terms in the other order as well: trade documents put the noun first
    ("сталь мартенситно-стареющая", "керосин авиационный") as often as the adjective."""
    out = []
    for t in terms:
        first, *rest = t.words
        if (
            t.lang == "ru"
            and len(rest) == 1
            and first != rest[0]
            and (first + rest[0]).replace("*", "").isalpha()
        ):
            out.append(dataclasses.replace(t, words=(rest[0], first)))
    return out


_INDEXES: dict[str, HsIndex] = {}
# what reconciling a declared code with a description's categories decides
_Reconciled = tuple[frozenset[str], frozenset[str], str | None]


def _index(taxonomy: Taxonomy) -> HsIndex:
    """One index per taxonomy version (which hashes the nomenclature too), built once."""
    found = _INDEXES.get(taxonomy.version)
    if found is None:
        found = HsIndex(taxonomy.hs_rows, taxonomy.hs_glossary)
        if len(_INDEXES) >= 8:  # tests load many small taxonomies
            _INDEXES.pop(next(iter(_INDEXES)))
        _INDEXES[taxonomy.version] = found
    return found


def _implied_by_hs(taxonomy: Taxonomy) -> dict[str, tuple[str, ...]]:
    """For each category, the other categories its HS prefixes all fall under: a tank (8710)
    is also a road vehicle (87), maraging steel (7224) also iron and steel (72). Without a
    declared code, a term's category so carries what its code would have declared."""
    out: dict[str, tuple[str, ...]] = {}
    cats = taxonomy.categories
    for c in cats.values():
        own = c.hs or c.hs_typical
        if not own:
            continue
        lineage = set(taxonomy.ancestors(c.id))
        found = tuple(
            d.id
            for d in cats.values()
            if d.hs
            and d.id not in lineage
            and c.id not in taxonomy.ancestors(d.id)
            and all(any(p.startswith(q) for q in d.hs) for p in own)
        )
        if found:
            out[c.id] = found
    return out


def _most_specific(cats: set[str], ancestors: dict[str, tuple[str, ...]]) -> set[str]:
    if len(cats) < 2:
        return cats
    implied = {a for c in cats for a in ancestors[c][1:]}
    return cats - implied


def _cartridge_category(designation: str) -> str:
    """Small-arms ammunition below 20 mm ("7.62x39"), artillery ammunition from 20 mm ("30x165").

    >>> _cartridge_category("7.62x39"), _cartridge_category("30x165")
    ('arms.ammunition.small_arms', 'arms.ammunition.artillery')
    """
    bore = float(designation.partition("x")[0])
    return ARTILLERY_AMMUNITION if bore >= CANNON_CALIBRE else SMALL_ARMS_AMMUNITION


def _large_bore(description: str | None) -> bool:
    """The description gives a calibre of 100 mm or more (the calibres of light weapons end
    below it)."""
    return (
        bool(description)
        and max(calibres(normalize(description or "")), default=0.0) >= LARGE_CALIBRE
    )


def _under(code: str, prefixes: tuple[str, ...]) -> bool:
    """The declared code is under one of the prefixes, or is a heading that holds one: a
    ballistic vest declared 6307 is under body armour's typical 6307.90."""
    return code.startswith(prefixes) or (
        len(code) == 4 and any(p.startswith(code) for p in prefixes)
    )
