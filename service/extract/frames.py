"""Second pass: clauses, the trade frames in them, and the role of every country and party.

A *frame* is what one clause says about one movement of goods: its trade words (a verb such as
"sells" or "achète", a noun such as "exports" or "livraison", or field labels), its goods, and
the places and parties around them. Roles come from markers first ("from", "à destination de",
"via", "POL:"), then from the verb (the subject of "sells" is the origin, of "buys" the
destination; after "acheter", "à" introduces the seller), then from demonyms on the goods
("North Korean coal"). What no rule places stays ``unresolved`` and is screened both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from service.extract import labels as lb
from service.extract import lexicon as lx
from service.extract.annotate import (
    ACTOR,
    CUE,
    FILLERS,
    LABEL,
    PARTY_NOUN,
    PLACE,
    Mark,
    Reading,
)
from service.extract.labels import ACTORS, CATEGORY_WORDS
from service.extract.quantities import Quantity
from service.extract.text import words

_STRONG = {lx.FROM, lx.TO, lx.VIA, lx.ORIGIN, lx.DEST, lx.FOB, lx.CIF, lx.FLAG}
_WEAK = {lx.AT, lx.DE, lx.FOR, lx.BY}
_STATUS = {lx.HEDGE, lx.DENY, lx.NEG, lx.NOTYET, lx.REFUSE}
_TO_WORDS_OF_SELLERS = words("a au aux al")  # "acheter à X": X sells
_HARD_GAP = re.compile(r"[;:()]")
_WITH = words("with avec con")
_HELD_BY = words("controlled held run occupied dominated")
_ACTOR_ATTRIBUTES = words(
    "chartered owned operated flagged led backed linked affiliated run controlled funded"
)
_PLACE_GAP = re.compile(r"[\s,(]*")
_SPLIT_GAP = re.compile(r"[,;:()\[\]+–—|]|\s[-/]\s|\n")  # " / ", " | " separate document fields


@dataclass
class Entity:
    """A place, a demonym, an actor or a named party in a clause."""

    i: int
    j: int
    kind: str  # "place", "actor", "party"
    codes: tuple[str, ...] = ()
    how: str = ""
    name: str | None = None  # for parties and actors
    category: str | None = None
    role: str | None = None  # origin, destination, transit, flag, context, ignore
    strength: int = 0
    party_role: str | None = None
    demonym: bool = False
    quoted: bool = False
    place_kind: str = ""
    trades: bool = False  # the subject of a verb of buying or selling ("Kinshasa a acheté")


@dataclass
class Chunk:
    i: int
    j: int
    text: str
    start: int
    end: int
    goods: bool = False
    categories: tuple[str, ...] = ()
    quantity: Quantity | None = None
    reference: bool = False
    description: str = ""  # what the classifier read
    hs: str | None = None
    field: bool = False  # in a goods field or a document's goods line
    notes: tuple[str, ...] = ()


@dataclass
class Frame:
    clause: tuple[int, int]
    sentence: int
    kinds: set[str] = field(default_factory=set)
    cues: list[Mark] = field(default_factory=list)
    chunks: list[Chunk] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    labels: list[Mark] = field(default_factory=list)
    status: str = "asserted"
    status_cue: Mark | None = None
    generic: bool = False
    notrade: bool = False
    reference: bool = False  # the object is "it", "a small number": goods of an earlier frame
    anaphor: bool = False  # "cette information": the frame repeats an earlier one
    merged: list[Frame] = field(default_factory=list)
    vessel: tuple[str, tuple[int, int]] | None = None
    loose: bool = False  # goods alone, kept only if roles are merged in
    memory: list[tuple[tuple[str, ...], Entity]] = field(default_factory=list)
    copied_from: str | None = None
    goods_from: str | None = None
    address: bool = False  # names where a party is ("l'expéditeur est établi à Minsk")

    @property
    def goods(self) -> list[Chunk]:
        return [c for c in self.chunks if c.goods]

    def role(self, name: str) -> Entity | None:
        found = [e for e in self.entities if e.role == name]
        if not found:
            return None
        best = max(e.strength for e in found)
        top = [e for e in found if e.strength == best]
        return top[-1] if name == "destination" else top[0]


def clauses(reading: Reading) -> list[tuple[int, int]]:
    """Token ranges of clauses: sentences cut at field labels, colons and boundary words."""
    out: list[tuple[int, int]] = []
    for s, e in reading.sentences:
        start = s
        k = s
        verb_end: int | None = None  # where the last verb of trade of this clause ends
        while k < e:
            m = reading.at[k]
            cut = False
            skip = 0
            if m is not None and m.kind == CUE and m.i == k and m.value in lx.VERBS:
                verb_end = m.j
            prev = reading.at[k - 1] if k > 0 else None
            after_label = prev is not None and prev.kind == LABEL
            if (
                k > start
                and m is not None
                and m.kind == LABEL
                and m.i == k
                or (
                    k > start
                    and ":" in reading.gap_before(k)
                    and not after_label
                    and not _time_colon(reading, k)
                )
            ):
                cut = True
            elif m is not None and m.kind == CUE and m.i == k and m.value == lx.EXCHANGE:
                break  # "en échange de l'envoi de soldats": what is given back is not the trade
            elif m is not None and m.kind == CUE and m.i == k and m.value == lx.BOUNDARY:
                # "…, a charge Kigali rejects": the words stay with the clause they open, which
                # refers back to the claim
                skip = 0 if charge(reading, m) else m.j - m.i
                cut = skip > 0 or k > start
            elif (
                m is None
                and verb_end is not None
                and k - verb_end >= 2
                and reading.tokens[k].norm in COORDINATORS
                and coordinated_verb(reading, k + 1, e)
            ):
                # "sold coal to China and bought petroleum from Russia": a second verb of
                # trade with its own object, the subject left out, is a second transaction
                cut = True
                skip = 1
            if cut:
                if k > start:
                    out.append((start, k))
                start = k + skip
                k = start
                verb_end = None
                continue
            k += 1
        if start < k <= e:
            out.append((start, k))
    return out


COORDINATORS = words("and et y и")
CHARGES = frozenset(
    {"a charge", "an accusation", "une accusation", "accusation que", "a claim that"}
)


def charge(reading: Reading, m: Mark) -> bool:
    """A boundary that names the claim before it ("a charge", "une accusation")."""
    return " ".join(t.norm for t in reading.tokens[m.i : m.j]) in CHARGES


_BEFORE_VERB = words(
    "also then later has have had a ont avait avaient aussi ensuite luego también тоже также"
)


def coordinated_verb(reading: Reading, k: int, end: int) -> bool:
    """Does a verb of trade start at ``k`` (after "also", an auxiliary)?"""
    for n in (k, k + 1):
        if n >= end:
            return False
        m = reading.at[n]
        if m is not None and m.kind == CUE and m.i == n and m.value in lx.VERBS:
            return True
        if m is not None or reading.tokens[n].norm not in _BEFORE_VERB:
            return False
    return False


def _time_colon(reading: Reading, k: int) -> bool:
    return reading.tokens[k].text.isdigit() and reading.tokens[k - 1].text.isdigit()


def entities(reading: Reading, ci: int, cj: int) -> list[Entity]:
    """Places (grouped: "NAMPO, DPRK" is one), actors and named parties of a clause."""
    out: list[Entity] = []
    k = ci
    while k < cj:
        m = reading.at[k]
        if m is None or m.i != k:
            k += 1
            continue
        if m.kind == PLACE and m.place is not None:
            e = Entity(
                m.i,
                m.j,
                "place",
                m.place.codes,
                _how(m),
                demonym=m.place.kind == "demonym",
                quoted=m.quoted,
                place_kind=m.place.kind,
            )
            # a place followed by its country ("Mashhad, Iran", "NAMPO (RPDC)") is one place
            while e.j < cj:
                nxt = reading.at[e.j]
                if nxt is None or nxt.kind != PLACE or nxt.place is None or nxt.i != e.j:
                    break
                gap = reading.gap_before(e.j)
                if not _PLACE_GAP.fullmatch(gap) or nxt.place.kind not in ("country",):
                    break
                if (
                    nxt.place.codes != e.codes
                    and not set(e.codes) & set(nxt.place.codes)
                    and len(e.codes) == 1
                    and not m.place.ambiguous
                ):
                    break
                e.codes = nxt.place.codes if len(nxt.place.codes) == 1 else e.codes
                e.j = nxt.j
                e.how += f", in {reading.words(nxt.i, nxt.j)}"
            out.append(e)
            k = e.j
            continue
        if m.kind == ACTOR:
            country, category = ACTORS[m.value]
            j = m.j
            # "Haftar's forces", "the Houthis' militia": the force noun belongs to the name
            while j < cj and reading.tokens[j].norm in (
                "s",
                "forces",
                "force",
                "militia",
                "fighters",
            ):
                j += 1
            if j < cj and reading.tokens[j].norm in _ACTOR_ATTRIBUTES:
                k = j + 1  # "a WHO-chartered vessel": the actor is not a party
                continue
            out.append(
                Entity(
                    m.i,
                    j,
                    "actor",
                    (country,) if country else (),
                    "an actor tied to this territory" if country else "",
                    name=reading.words(m.i, j),
                    category=category,
                )
            )
            k = j
            continue
        k += 1
    return out


def _how(m: Mark) -> str:
    assert m.place is not None
    kind = m.place.kind
    words = {
        "country": "country name",
        "demonym": "demonym",
        "capital": "capital (the State or its government)",
        "city": "city",
        "port": "port",
        "region": "region",
    }[kind]
    if m.place.ambiguous:
        words += " (ambiguous: " + " or ".join(m.place.codes) + ")"
    return words


def chunks(
    reading: Reading,
    ci: int,
    cj: int,
    taken: set[int],
    soft: set[int] = frozenset(),  # type: ignore[assignment]
) -> list[tuple[int, int]]:
    """Runs of words that may name goods: between places, trade words, status words and
    punctuation; weak markers ("de", "à", "of") and demonyms (``soft``: "North Korean coal")
    stay inside ("obus d'artillerie")."""
    out: list[tuple[int, int]] = []
    start: int | None = None
    sold = False
    for k in range(ci, cj):
        m = reading.at[k]
        sold = sold or (m is not None and m.kind == CUE and m.value == lx.SELL)
        if sold and m is None and reading.tokens[k].norm in _WITH:
            # "provided the Libyan government with armed drones": a party, then the goods
            if start is not None:
                out.append((start, k))
            start = None
            continue
        inside = (
            k in soft
            or k not in taken
            and (
                m is None
                or m.kind == CUE
                and m.value in (lx.DE, lx.AT, lx.TO, lx.FOR, lx.BY, lx.CONTEXT)
                and not _governs_entity(reading, m, taken - soft)
            )
        )
        if (
            inside
            and start is not None
            and _SPLIT_GAP.search(reading.gap_before(k))
            and not _decimal(reading, k)
        ):
            out.append((start, k))
            start = None
        if inside:
            if start is None:
                start = k
        elif start is not None:
            out.append((start, k))
            start = None
    if start is not None:
        out.append((start, cj))
    return [(i, j) for i, j in map(_trim, [reading] * len(out), out)
            if i < j and not _only_function_words(reading, i, j)]  # fmt: skip


# Auxiliaries of a passive left at the end of a subject ("drones were", "obus ont été").
_AUXILIARIES = words(
    "is are was were be been being has have had ont a ete fue fueron sido был была были было"
)


def _trim(reading: Reading, span: tuple[int, int]) -> tuple[int, int]:
    i, j = span
    while j > i + 1 and reading.tokens[j - 1].norm in _AUXILIARIES:
        j -= 1
    return i, j


def _decimal(reading: Reading, k: int) -> bool:
    return (
        reading.tokens[k].text.isdigit()
        and reading.tokens[k - 1].text.isdigit()
        and reading.gap_before(k) in (",", ".")
    )


def _governs_entity(reading: Reading, m: Mark, taken: set[int]) -> bool:
    """A weak marker followed (after fillers) by a place or a party is a marker, not a word of
    the goods."""
    k = m.j
    for _ in range(4):
        if k >= len(reading.tokens):
            return False
        if k in taken:
            return True
        if reading.at[k] is not None and reading.at[k].kind in (PLACE, ACTOR):  # type: ignore[union-attr]
            return True
        if reading.tokens[k].norm in _PARTY_HEADS:
            return True  # "à l'armée de l'air iranienne": a party follows
        if reading.tokens[k].norm not in FILLERS:
            return False
        k += 1
    return False


_PARTY_HEADS = frozenset(
    w
    for w, c in CATEGORY_WORDS.items()
    if c != "company" and "_" not in w and w not in ("defence", "defense", "defensa", "oboron*")
) | words("societe company firm client importer importateur")


_FUNCTION = frozenset(FILLERS | {"and", "et", "y", "or", "ou", "with", "avec", "con", "is", "are",
                                 "was", "were", "be", "been", "has", "have", "had", "est", "sont",
                                 "ont", "a", "ete", "etait", "que", "that", "en", "train",
                                 "months", "before", "after", "s", "officially", "officiellement"})  # fmt: skip


def _only_function_words(reading: Reading, i: int, j: int) -> bool:
    return all(reading.tokens[k].norm in _FUNCTION for k in range(i, j))


def scan_marker(reading: Reading, e: Entity, ci: int) -> tuple[str | None, Mark | None, str | None]:
    """(marker kind, marker mark, party noun role) governing an entity, read leftwards.

    Fillers ("the", "port of") and capitalised words may stand between a marker and its
    entity. A weak marker ("de", "at", "in") after a noun passes the role of an outer marker on
    ("à une aciérie de Tangshan", "to the Alabuga plant in Tatarstan"); a content word with no
    marker before it leaves the entity unmarked ("to avoid Chinese customs checks").
    """
    weak: Mark | None = None
    content = 0
    k = e.i - 1
    steps = 0
    while k >= ci and steps < 8:
        gap = reading.gap_after(k)
        if _HARD_GAP.search(gap) or ("," in gap and not _decimal(reading, k + 1)):
            break
        if (
            reading.tokens[k].norm in _HELD_BY and k - 1 >= ci and reading.gap_after(k - 1) == "-"
        ):  # "to Houthi-controlled Yemen", "into rebel-held Darfur"
            k -= 2
            steps += 1
            continue
        m = reading.at[k]
        if m is not None:
            if m.kind == CUE:
                if m.value == lx.TO and m.i > ci:
                    noun = reading.at[m.i - 1]
                    if noun is not None and noun.kind == PARTY_NOUN:
                        return m.value, m, noun.value  # "Expéditeur à Alexandrie": where they are
                if m.value in _STRONG:
                    return m.value, m, None
                if m.value in _WEAK:
                    if weak is None:
                        weak = m
                    elif weak.value in (lx.DE, lx.AT) and (
                        m.value == lx.FOR and content <= 1 or m.value == lx.BY and content == 1
                    ):
                        return m.value, m, None  # "pour une armurerie de Beyrouth"
                    k = m.i - 1
                    steps += 1
                    continue
                if m.value == lx.CONTEXT:
                    return lx.CONTEXT, m, None
                break
            if m.kind == PARTY_NOUN:
                return (weak.value if weak else None), weak, m.value
            if m.kind == LABEL:
                return (
                    lx.DEST if m.value in (lb.CONSIGNEE, lb.BUYER, lb.END_USER) else None,
                    m,
                    None,
                )
            if m.kind == PLACE and m.place is not None and m.place.kind == "demonym":
                if weak is not None and weak.value == lx.FOR:
                    # "drones de fabricación iraní para los hutíes": the demonym closes the
                    # goods' phrase; "para" governs the group
                    return weak.value, weak, None
                k = m.i - 1  # "at the North Korean port of Rajin"
                steps += 1
                continue
            if m.kind == ACTOR and weak is not None:
                k = m.i - 1  # "the North Korean port of Rajin": the demonym belongs to the port
                steps += 1
                continue
            break
        tok = reading.tokens[k]
        if tok.norm not in FILLERS and not tok.capitalised:
            content += 1
            if e.demonym and weak is None and content <= 2 and not tok.text.isdigit():
                # "viennent de stocks bulgares", "from Bulgarian stocks": only an origin marker
                found = _origin_marker_before(reading, k, ci)
                if found is not None:
                    return found.value, found, None
            if weak is None or content > 1 or tok.text.isdigit():
                break
        k -= 1
        steps += 1
    return (weak.value if weak else None), weak, None


def _origin_marker_before(reading: Reading, k: int, ci: int) -> Mark | None:
    """An origin marker right before a noun ("de stocks", "from … stocks")."""
    for n in (k - 1, k - 2):
        if n < ci:
            return None
        m = reading.at[n]
        if m is not None and m.kind == CUE and m.value in (lx.FROM, lx.ORIGIN):
            return m
        if m is not None or reading.tokens[n].norm not in FILLERS:
            return None
    return None


def _entity_after(reading: Reading, e: Entity, cj: int) -> Mark | None:
    """A marker written after the entity: "Indian origin", "Kenyan buyer"."""
    if e.j < cj and not reading.gap_before(e.j).strip(" -'’"):
        m = reading.at[e.j]
        if (
            m is not None
            and m.i == e.j
            and (m.kind == PARTY_NOUN or m.kind == CUE and m.value in (lx.ORIGIN, lx.FLAG))
        ):
            return m
        tok = reading.tokens[e.j]
        if tok.norm in lx.CARRIER_NOUNS or tok.norm in lx.MADE_SUFFIXES:
            return Mark(CUE, e.j, e.j + 1, "SUFFIX:" + tok.norm)
        if (
            tok.norm in lx.FORCE_NOUNS
            or tok.norm in ("s",)
            and e.j + 1 < cj
            and (reading.tokens[e.j + 1].norm in lx.FORCE_NOUNS)
        ):
            return Mark(CUE, e.j, e.j + 1, "FORCE")
    return None
