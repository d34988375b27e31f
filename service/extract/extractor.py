"""Free text → the transactions it describes, each field with the characters it was read from.

    >>> from service.extract import Extractor        # doctest: +SKIP
    >>> Extractor(classifier.classify).extract("La Corée du Nord vend des obus à la Russie")

The extractor is pure and cheap: phrase tables and a gazetteer compiled once, no model. It
reads goods through the classifier it is given (``classify(description, hs_code)``), so goods
categories are always the taxonomy's.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from service.extract import labels as lb
from service.extract import lexicon as lx
from service.extract.annotate import (
    ACTOR,
    CUE,
    FILLERS,
    LABEL,
    ORG_WORDS,
    PARTY_NOUN,
    PLACE,
    Mark,
    Reading,
    annotate,
)
from service.extract.frames import (
    _HELD_BY,
    COORDINATORS,
    Chunk,
    Entity,
    Frame,
    _entity_after,
    charge,
    chunks,
    clauses,
    coordinated_verb,
    entities,
    scan_marker,
)
from service.extract.gazetteer import Gazetteer, gazetteer
from service.extract.labels import ACTORS, CATEGORY_WORDS
from service.extract.language import detect_language
from service.extract.model import (
    CountryRef,
    Evidence,
    ExtractedTransaction,
    Extraction,
    GoodsItem,
    PartyItem,
)
from service.extract.regions import regions_in
from service.extract.spelling import Spelling
from service.extract.systems import DRONE_WORDS, MILITARY_CONTEXT, glosses
from service.extract.text import words
from service.extract.understood import (
    GENERAL,
    NARRATIVE,
    NOTRADE,
    known_word,
    no_trade_reading,
    unread,
)
from service.goods.classifier import Classification

Classify = Callable[[str, str | None], Classification]

_ROUTE_LABELS = {
    lb.LOADING: ("origin", 4),
    lb.DISCHARGE: ("destination", 4),
    lb.FINAL: ("destination", 5),
    lb.TRANSIT: ("transit", 4),
    lb.ORIGIN: ("origin", 5),
}
_PARTY_LABELS = {
    lb.EXPORTER: "exporter",
    lb.SELLER: "seller",
    lb.CONSIGNEE: "consignee",
    lb.BUYER: "buyer",
    lb.END_USER: "end_user",
}
_PARTY_NOUN_ROLE = {"buyer": "destination", "consignee": "destination", "end_user": "destination",
                    "seller": "origin"}  # fmt: skip
_OWNERS = words("forces force armee troupes unites usine entrepot base bureau client clients")
_TO_WORDS_OF_SELLERS = words("a au aux al")  # "acheter à X": X sells
_DATIVES = words("lui leur")  # "Pékin lui fournit": to the one just named
_AUXILIARIES = words("a ont avait avaient aurait auraient")
_NO_PARTY = re.compile(r"(?i)^\s*(to order|same as consignee|same as above|a l.ordre|n/?a)\b")
# How goods travel ("routed by rail", "par camion"): after by/par/por, not goods.
_MODES = words(
    """rail road sea air truck trucks lorry lorries train trains barge barges ship ships plane
    planes air_freight airfreight courier ferry pipeline chemin fer route mer camion camions
    avion avions bateau ferroviaire ferrocarril carretera mar camión camiones tren avión barco
    железной дороге дороге морем автомобильным авиа трубопроводу трубопроводом oleoducto
    oléoduc gazoduc pipeline_route"""
)
_MODE_MARKERS = words("by par por via en по")
_USE_QUALIFIERS = frozenset(
    {"military use", "military end use", "military purposes", "usage militaire",
     "utilisation militaire", "fins militaires", "uso militar", "fines militares",
     "военного назначения"}
)  # fmt: skip
# Words that name a cargo without saying what it is ("loading containers", "the cargo").
_CARGO_WORDS = words(
    """cargo cargoes containers container goods merchandise marchandise marchandises shipment
    consignment lot lots load freight crates cases boxes mercancia mercancias carga груз
    conteneur conteneurs contenedor contenedores контейнер контейнеры"""
)
# ... and batches of them: neither says who sells ("un lot de chars commandés à la Russie")
_BATCH_NOUNS = _CARGO_WORDS | words("batch batches lote lotes партия партию")
_PART_WORDS = words(
    """part parts motor motors engine engines controller controllers component components
    battery batteries camera cameras pieces piece moteurs moteur composants"""
)
_CONVEYANCES = words(
    """vessel vessels ship ships tanker tankers freighter plane planes aircraft wagons wagon
    train trains truck trucks navire navires bateau avion avions camion camions buque"""
)
_ACTOR_ATTRIBUTES = words("chartered owned operated flagged affrete affretes")
_VESSEL_WORDS = words(
    "tanker vessel ship cargo_ship freighter mv m/v navire petrolier cargo buque barco tanquero"
    " petrolero carguero navio судно танкер"
)


@dataclass
class _Context:
    reading: Reading
    last_subject: Entity | None = None
    # goods whose origin the text gave ("drones de fabrication iranienne"), for later mentions
    origins: list[tuple[tuple[str, ...], Entity, int]] = field(default_factory=list)
    # clauses read as no frame: (first token, end token, why, the cue that says so)
    dropped: list[tuple[int, int, str, Mark | None]] = field(default_factory=list)


class Extractor:
    """Compiled once (phrase tables, gazetteer); ``extract`` is then pure and fast."""

    def __init__(
        self,
        classify: Classify,
        places: Gazetteer | None = None,
        vocabulary: Iterable[str] = (),
    ) -> None:
        """``classify(description, hs_code)`` reads goods; ``vocabulary`` (the taxonomy's terms)
        lets misspelt goods words be read ("excavaters", "misiles")."""
        self.classify = classify
        self.places = places or gazetteer()
        self._glosses, self._gloss_index = glosses()
        words = list(vocabulary)
        self.spelling = Spelling(words) if words else None

    # --- the whole text ---------------------------------------------------------------------

    def extract(self, text: str) -> Extraction:
        """Every transaction the text describes, in order, and what was not understood."""
        language = detect_language(text)
        reading = annotate(text, self.places, language)
        ctx = _Context(reading)
        military = self._military_text(reading)
        frames: list[Frame] = []
        not_understood: list[Evidence] = []
        notes: list[str] = []
        for ci, cj in clauses(reading):
            frame = self._frame(ctx, ci, cj, military, not_understood)
            if frame is not None:
                frames.append(frame)
        frames = _link(reading, frames)
        out = []
        for frame in frames:
            if frame.loose and not frame.merged:
                for c in frame.goods:
                    not_understood.append(Evidence(
                        c.text, (c.start, c.end),
                        "goods named, but no transaction could be read around them"))  # fmt: skip
                continue
            tx = self._transaction(reading, frame)
            if tx is None:
                continue
            if not any(g.categories for g in tx.goods) and not tx.countries() and not tx.parties:
                not_understood.append(
                    Evidence(tx.text, tx.span, "goods not recognised, and no country or party")
                )
                continue
            out.append(tx)
        if language is None and reading.tokens and not out:
            notes.append("the language of the text is not one the extractor reads (en, fr, es, ru)")
        no_trade: tuple[Evidence, ...] = ()
        if not frames and not out and not not_understood and not notes and ctx.dropped:
            no_trade = no_trade_reading(reading, ctx.dropped, self._known, self._names_goods)
            if not no_trade:
                not_understood.extend(unread(reading, ctx.dropped, self._known, self._names_goods))
        places = tuple(
            (m.value, reading.words(m.i, m.j))
            for m in reading.marks
            if m.kind == PLACE and m.value and "|" not in m.value and not _ruled_out(reading, m)
        )
        missing = next((m for m in reading.marks if m.kind == CUE and m.value == lx.NOAUTH), None)
        unauthorized = None
        if missing is not None:
            unauthorized = Evidence(reading.words(missing.i, missing.j),
                                    reading.span(missing.i, missing.j),
                                    "what a measure requires is missing")  # fmt: skip
        return Extraction(text, language, tuple(out), tuple(not_understood), tuple(notes),
                          no_trade, places, unauthorized)  # fmt: skip

    def _known(self, word: str) -> bool:
        return known_word(word) or self.spelling is not None and self.spelling.known(word)

    def _names_goods(self, text: str) -> bool:
        return bool(self.classify(text, None).categories)

    def _military_text(self, reading: Reading) -> bool:
        """Does the text speak of war or weapons? Then "drones" are military drones."""
        return any(t.norm in MILITARY_CONTEXT for t in reading.tokens)

    # --- one clause -------------------------------------------------------------------------

    def _frame(
        self, ctx: _Context, ci: int, cj: int, military: bool, not_understood: list[Evidence]
    ) -> Frame | None:
        reading = ctx.reading
        frame = Frame((ci, cj), reading.sentence_of[ci])
        # "… and bought petroleum from Russia": the subject left out is the last one named
        pronoun = pronoun_before_verb = (
            ci > 0
            and reading.tokens[ci - 1].norm in COORDINATORS
            and coordinated_verb(reading, ci, cj)
        )
        generic_cue = notrade_cue = None
        for k in range(ci, cj):
            m = reading.at[k]
            if m is None or m.i != k:
                continue
            if m.kind == CUE:
                v = m.value
                if v in lx.TRADE:
                    frame.kinds.add(v)
                    frame.cues.append(m)
                    if len(frame.cues) == 1:
                        pronoun_before_verb = pronoun
                elif v in (lx.DENY, lx.HEDGE, lx.NOTYET, lx.NEG):
                    self._status(reading, frame, m)
                elif v == lx.GENERIC:
                    if not frame.generic and self._generic(reading, m, cj):
                        frame.generic, generic_cue = True, m
                elif v == lx.NOTRADE:
                    frame.notrade = True
                    notrade_cue = notrade_cue or m
                elif v == lx.ANAPHOR or v == lx.BOUNDARY and charge(reading, m):
                    frame.anaphor = True
                elif v == lx.PRONOUN:
                    pronoun = True
            elif m.kind == LABEL:
                frame.labels.append(m)
        self._status_before_colon(reading, frame, ci)
        frame.entities = entities(reading, ci, cj)
        taken = {k for e in frame.entities for k in range(e.i, e.j)}
        soft = {k for e in frame.entities if e.demonym for k in range(e.i, e.j)}
        if not self._may_trade(reading, frame, ci, cj):
            # no trade word, marker, label, role noun or quantity: narrative
            ctx.dropped.append((ci, cj, NOTRADE if frame.notrade else NARRATIVE, notrade_cue))
            return None
        for i, j in chunks(reading, ci, cj, taken, soft):
            frame.chunks.append(self._chunk(reading, frame, i, j, military))
        if (
            frame.status == "denied"
            or frame.status_cue is not None
            and frame.status_cue.value == lx.NEG
        ):
            frame.generic = False  # "denies any onward sale" is a denial, not a general statement
        self._parties(reading, frame)
        self._conveyances(reading, frame)
        if any(c.goods and c.categories for c in frame.chunks):
            loose = [
                c for c in frame.chunks
                if c.goods and not c.categories and not c.field
            ]  # fmt: skip
            for c in loose:  # a number in a classified frame is no further goods
                c.goods = False
            _attach_quantity(frame, loose)
        self._roles(ctx, frame, pronoun_before_verb if frame.cues else pronoun)
        for e in frame.entities:
            if e.kind == "place" and e.role is None and e.strength == 0 and not e.demonym:
                e.role = "unresolved"
        origin = frame.role("origin")
        if origin is not None and origin.codes:
            for c in frame.goods:
                if c.categories:
                    ctx.origins.append((c.categories, origin, ci))
        frame.memory = [(cats, e) for cats, e, at in ctx.origins if at < ci]
        if frame.generic or (frame.notrade and not frame.kinds and not frame.labels):
            why = GENERAL if frame.generic else NOTRADE
            ctx.dropped.append((ci, cj, why, generic_cue if frame.generic else notrade_cue))
            return None
        has_roles = any(e.role in ("origin", "destination", "transit") for e in frame.entities)
        has_parties = any(e.kind in ("party", "actor") for e in frame.entities)
        if frame.kinds or frame.labels or frame.anaphor and frame.status != "asserted":
            return frame
        if frame.goods and (has_roles or has_parties or _has_quantity(frame)):
            return frame
        if (
            any(c.categories for c in frame.goods)
            and not frame.notrade
            and frame.status != "denied"
        ):
            # goods alone, asserted or offered ("facture pro forma"): kept if roles join them
            frame.loose = True
            return frame
        if any(c.field for c in frame.goods):
            return frame
        if has_roles or frame.address or has_parties and any(e.party_role for e in frame.entities):
            return frame
        ctx.dropped.append((ci, cj, NOTRADE if frame.notrade else NARRATIVE, notrade_cue))
        return None

    def _status_before_colon(self, reading: Reading, frame: Frame, ci: int) -> None:
        """ "« Les forces ennemies répandent des rumeurs » : … la fourniture d'armes": a hedge or
        a denial before a colon bears on what follows it."""
        if ci == 0 or ":" not in reading.gap_before(ci):
            return
        start = next(s for s, e in reading.sentences if s <= ci < e)
        for k in range(start, ci):
            m = reading.at[k]
            if m is not None and m.i == k and m.kind == CUE and m.value in (lx.DENY, lx.HEDGE):
                self._status(reading, frame, m)

    def _may_trade(self, reading: Reading, frame: Frame, ci: int, cj: int) -> bool:
        if frame.kinds or frame.labels or frame.anaphor:
            return True
        for k in range(ci, cj):
            m = reading.at[k]
            if m is not None and (
                m.kind == PARTY_NOUN or m.kind == CUE and m.value in lx.MARKERS - {lx.DE}
            ):
                return True
        start, end = reading.span(ci, cj)
        return any(start <= q.start < end for q in reading.quantities) or reading.upper

    def _status(self, reading: Reading, frame: Frame, m: Mark) -> None:
        v = m.value
        if v == lx.NEG and not self._negation_bears(reading, m, frame.clause[1]):
            return
        rank = {"asserted": 0, "hedged": 1, "denied": 2}
        status = "denied" if v in (lx.DENY, lx.NEG) else "hedged"
        if rank[status] > rank[frame.status]:
            frame.status = status
            frame.status_cue = m

    def _negation_bears(self, reading: Reading, m: Mark, cj: int) -> bool:
        """A plain "not" denies when a trade word or a destination marker follows closely;
        "…à Tripoli, et non à Tunis" sets a place aside and denies nothing."""
        if _contrast(reading, m.i, cj):
            return False
        for k in range(m.j, min(cj, m.j + 5)):
            c = reading.cue(k)
            if c == lx.SPEECH or reading.tokens[k].norm in _REPORTING:
                return False  # "a figure Moscow has not reported to the committee": unreported
            if c in lx.TRADE or c in (lx.DEST, lx.TO):
                return True
            if c == lx.NOTYET:
                return False
        return False

    def _generic(self, reading: Reading, m: Mark, cj: int) -> bool:
        """ "Tout accord d'achat", "any sale": a general statement when a trade noun follows."""
        return any(reading.cue(k) in lx.NOUNS for k in range(m.j, min(cj, m.j + 4)))

    # --- goods ------------------------------------------------------------------------------

    def _chunk(self, reading: Reading, frame: Frame, i: int, j: int, military: bool) -> Chunk:
        start, end = reading.span(i, j)
        text = reading.text[start:end]
        chunk = Chunk(i, j, text, start, end)
        words = [t.norm for t in reading.tokens[i:j]]
        content = [
            w for k, w in zip(range(i, j), words)
            if w not in FILLERS and not w.isdigit() and not _container_number(reading, k)
        ]  # fmt: skip
        if " ".join(content) in lx.NOTHING or " ".join(words) in lx.NOTHING:
            return chunk  # "quoi que ce soit": nothing is named
        if _none_before(reading, i):
            return chunk  # "pas d'arme dans le manifeste", "no weapons found": none named
        if (
            words
            and words[0] in _DOCUMENT_WORDS
            and all(w in _DOCUMENT_WORDS or any(ch.isdigit() for ch in w) for w in words[1:])
        ):
            return chunk  # "Facture 8841/25", "Invoice No. 4471": the document, not its goods
        if content and not _PERSONNEL.isdisjoint(content) and set(content) <= _PEOPLE_COUNTED:
            return chunk  # "sent around 11,000 soldiers to Russia": people, not goods
        how = content[1:] if content and content[0] in _MODE_MARKERS else content
        if (
            how
            and all(w in _MODES for w in how)
            and (how is not content or i > 0 and reading.tokens[i - 1].norm in _MODE_MARKERS)
        ):
            return chunk  # "routed by rail", "par camion", "por carretera": how, not what
        if (
            " ".join(words) in lx.OBJECT_REFERENCES
            or (len(words) <= 4 and any(w in ("number", "some", "few", "several") for w in words))
            or content
            and all(w in _CARGO_WORDS for w in content)
        ):
            chunk.reference = True
            frame.reference = True
            return chunk
        labelled = any(m.value == lb.GOODS and m.j <= i for m in frame.labels)
        if (
            frame.cues
            and not labelled
            and (frame.labels or not reading.upper)  # then no unlabelled goods line either
            and not _near_trade(frame, i, j)
        ):
            # far from any trade word in a long sentence: not its goods (not classified)
            chunk.quantity = next((q for q in reading.quantities if start <= q.start < end), None)
            return chunk
        description = self._gloss(text, words, military)
        hs = next((code for s, e, code in reading.hs if start <= s <= end + 12), None)
        hs = hs if hs and len(hs) >= 4 else None
        result = self.classify(description, hs)
        if self.spelling is not None:
            corrected = self.spelling.correct(reading, i, j)
            if corrected is not None:
                fixed, notes = corrected
                fixed_description = self._gloss(fixed, fixed.split(), military)
                again = self.classify(fixed_description, hs)
                if again.categories and _refines(again.categories, result.categories):
                    result, description = again, fixed_description
                    chunk.notes = notes
        chunk.categories = result.categories
        chunk.quantity = next((q for q in reading.quantities if start <= q.start < end), None)
        if (
            chunk.quantity is None
            and not frame.cues
            and not frame.labels
            and any(m.kind == LABEL for m in reading.marks)
            and j < len(reading.tokens)
            and reading.gap_before(j).strip() in (",", "-", "–")
        ):
            # a document's line "Карбамид, 15 000 т": the count written after the goods
            chunk.quantity = next(
                (q for q in reading.quantities if q.start == reading.tokens[j].start), None
            )
        chunk.hs = hs
        in_goods_field = labelled or self._goods_line(reading, frame, i, chunk)
        chunk.field = in_goods_field
        if frame.cues and not in_goods_field and not _near_trade(frame, i, j):
            return chunk  # far from any trade word in a long sentence: not its goods
        document = reading.upper and any(m.kind == LABEL for m in reading.marks)
        chunk.goods = (
            bool(result.categories)
            or in_goods_field
            or not document
            and _content(words)
            and (chunk.quantity is not None or _object(reading, frame, i, j))
        )
        chunk.text = text
        chunk.description = description
        return chunk

    def _goods_line(self, reading: Reading, frame: Frame, i: int, chunk: Chunk) -> bool:
        """An unlabelled line of a document made of fields is a goods line ("24 UNITS …"),
        when it counts something or names goods."""
        if not reading.upper:
            return False
        q = chunk.quantity
        counted = q is not None and (q.unit is not None or _packaged(q.text)) or chunk.hs
        if frame.labels:
            # "BUQUE: MAERSK CAMPTON / 20 CONTENEDORES DE AZULEJOS": a counted line past the
            # end of every field of the clause
            ci, cj = frame.clause
            return bool(counted) and all(_field_end(reading, m.j, cj) <= i for m in frame.labels)
        line = reading.lines[i]
        document = any(m.kind == LABEL and reading.lines[m.i] != line for m in reading.marks)
        if not document or any(
            m.kind == LABEL and reading.lines[m.i] == line for m in reading.marks
        ):
            return False
        return bool(chunk.categories) or bool(counted)

    def _gloss(self, text: str, words: list[str], military: bool) -> str:
        extra = []
        for k in range(len(words)):
            found = self._gloss_index.match(words, k)
            if found is not None:
                g = self._glosses[found[1]]
                if g.gloss not in extra:
                    extra.append(g.gloss)
        if military and any(w in DRONE_WORDS for w in words):
            extra.append("military drone")
        return f"{text} ({', '.join(extra)})" if extra else text

    # --- parties ----------------------------------------------------------------------------

    def _parties(self, reading: Reading, frame: Frame) -> None:
        """Named parties and unnamed ones that carry a category ("une milice à Bangui")."""
        ci, cj = frame.clause
        for m in frame.labels:
            if m.value not in (lb.GOODS, lb.HS, lb.OTHER):
                end = _value_end(reading, frame, m)
                for c in frame.chunks:
                    if m.j <= c.i < end:
                        c.goods = False  # a field's value: a name, a place, a vessel, a date
            if m.value in _PARTY_LABELS:
                self._label_party(reading, frame, m)
            elif m.value == lb.VESSEL:
                end = _field_end(reading, m.j, cj)
                if end > m.j:
                    name = re.sub(r"(?i)^(m/?v|mt)\.?\s+", "", reading.words(m.j, end)).strip()
                    frame.vessel = (name, reading.span(m.j, end))
        for chunk in list(frame.chunks):
            if chunk.reference or self._vessel(reading, frame, chunk):
                if not chunk.reference:
                    self._after_vessel(reading, frame, chunk)
                continue
            words = [t.norm for t in reading.tokens[chunk.i : chunk.j]]
            content_words = [w for w in words if w not in FILLERS and w != "s"]
            if " ".join(content_words) in _USE_QUALIFIERS and self._qualify(frame, chunk):
                continue
            heads = content_words[:2] + content_words[-3:]  # head first (fr) or last (en)
            category = _category(heads) if chunk.quantity is None and len(words) <= 10 else None
            head = content_words[0] if content_words else ""
            if chunk.goods and not (
                category and category != "company" and (not chunk.categories or _category([head]))
            ):
                continue
            toks = reading.tokens[chunk.i : chunk.j]
            capitals = [t for t in toks if t.capitalised and not t.text.isdigit()]
            # "Sunrise Trading", "KOREA SONGA TRADING", not "Iranian oil": the company word
            # itself is capitalised
            org = bool(capitals) and any(
                t.norm in ORG_WORDS and (t.capitalised or reading.upper) for t in toks
            )
            if category is None and not org:
                continue
            i = chunk.i
            while i < chunk.j and (
                reading.tokens[i].norm in FILLERS
                and not reading.tokens[i].capitalised
                or reading.tokens[i].norm == "s"
            ):
                i += 1
            if i >= chunk.j:
                continue
            # a place written into the name gives its country ("Iran Air", "Myanmar's military")
            inner = next(
                (e for e in frame.entities if e.kind == "place" and e.j in (i, chunk.i)
                 and (reading.tokens[e.i].capitalised or e.demonym)),
                None,
            )  # fmt: skip
            inside = next(
                (e for e in frame.entities if e.kind == "place" and e.demonym
                 and chunk.i <= e.i < chunk.j),
                None,
            )  # fmt: skip
            start_tok = inner.i if inner is not None and not inner.demonym else i
            name = reading.words(start_tok, chunk.j)
            party = Entity(start_tok, chunk.j, "party", name=name, category=category or "company")
            found = inner or inside
            if found is not None:
                party.codes = found.codes
                party.how = "in the party's name" if not found.demonym else "demonym"
                found.role = "party"
            frame.entities.append(party)
            frame.chunks.remove(chunk)
        frame.entities.sort(key=lambda e: e.i)

    def _qualify(self, frame: Frame, chunk: Chunk) -> bool:
        """ "RADAR SPARE PARTS, MILITARY USE": the use belongs to the goods before it, which
        are read again with it (and it is no party)."""
        before = [c for c in frame.chunks if c.goods and c.j <= chunk.i and c.description]
        if not before:
            return False
        goods = before[-1]
        goods.description = f"{goods.description}, {chunk.text}"
        goods.categories = self.classify(goods.description, goods.hs).categories
        frame.chunks.remove(chunk)
        return True

    def _conveyances(self, reading: Reading, frame: Frame) -> None:
        """ "from rail wagons", "on a WHO-chartered vessel", "cargo planes flew": the means of
        transport, not the goods."""
        for c in frame.chunks:
            if not c.goods or not c.text:
                continue
            last = reading.tokens[c.j - 1].norm
            demonyms = {k for e in frame.entities if e.demonym for k in range(e.i, e.j)}
            first_content = next(
                (
                    t.norm
                    for t in reading.tokens[c.i : c.j]
                    if t.norm not in FILLERS and t.index not in demonyms
                ),
                "",
            )
            parts = any(t.norm in _PART_WORDS for t in reading.tokens[c.i : c.j])
            passive = _before_passive(reading, c.j) or (  # "Belarusian trucks were exported"
                c.j + 1 < len(reading.tokens)
                and reading.cue(c.j) in lx.TRADE
                and reading.tokens[c.j + 1].norm in ("by", "par", "por")
            )  # "Trucks carried by rail": carried, so goods
            if (
                first_content in _CONVEYANCES
                and not parts
                and not passive
                and not _object(reading, frame, c.i, c.j)
            ):
                c.goods = False  # "to a North Korean vessel at sea": the receiving ship
                continue  # ("aircraft parts were shipped", "ship engines": goods)
            if last not in _CONVEYANCES:
                continue
            before = reading.at[c.i - 1] if c.i > 0 else None
            marker = (
                before is not None
                and before.kind == CUE
                and before.value in (lx.FROM, lx.AT, lx.BY)
            )
            moving = c.j < len(reading.tokens) and reading.cue(c.j) in (lx.MOVE, lx.LOAD, lx.UNLOAD)
            first = reading.tokens[c.i].norm
            if (
                marker
                or moving
                and not passive
                or first in ("aboard", "bord")
                or any(reading.tokens[k].norm in _ACTOR_ATTRIBUTES for k in range(c.i, c.j))
            ):
                c.goods = False

    def _vessel(self, reading: Reading, frame: Frame, chunk: Chunk) -> bool:
        """ "the tanker Yu Jong 2", "cargo ship Angara", "MV MARIYA": the vessel's name."""
        toks = reading.tokens[chunk.i : chunk.j]
        if reading.cue(chunk.i - 1) == lx.CARRIER and toks and toks[0].capitalised:
            name = []
            for r in toks:
                if r.capitalised or r.text.isdigit():
                    name.append(r)
                else:
                    break
            start, end = name[0].start, name[-1].end
            frame.vessel = (reading.text[start:end], (start, end))
            return True
        for n, t in enumerate(toks):
            if t.norm in _VESSEL_WORDS or (
                t.norm == "ship" and n > 0 and toks[n - 1].norm == "cargo"
            ):
                rest = toks[n + 1 :]
                name = []
                for r in rest:
                    if r.capitalised or r.text.isdigit():
                        name.append(r)
                    else:
                        break
                if name and not any(r.norm in ORG_WORDS for r in name):
                    start, end = name[0].start, name[-1].end
                    frame.vessel = (reading.text[start:end], (start, end))
                    return True
        return False

    def _after_vessel(self, reading: Reading, frame: Frame, chunk: Chunk) -> None:
        """Take the vessel's words out of the goods; what follows its name in the same run
        may still be the cargo ("Vessel Hai Hung 1 listed as carrier for 9,000 t of coal")."""
        at = frame.chunks.index(chunk)
        frame.chunks.remove(chunk)
        assert frame.vessel is not None
        after = _token_at(reading, frame.vessel[1][1] - 1) + 1
        words = [t.norm for t in reading.tokens[after : chunk.j]]
        if after < chunk.j and _content(words):
            rest = self._chunk(reading, frame, after, chunk.j, self._military_text(reading))
            if rest.categories:
                frame.chunks.insert(at, rest)

    def _label_party(self, reading: Reading, frame: Frame, m: Mark) -> None:
        end = _value_end(reading, frame, m)
        if end <= m.j:
            return
        start_char = reading.tokens[m.j].start
        value = reading.text[start_char : reading.tokens[end - 1].end]
        if _NO_PARTY.match(value):
            # "CONSIGNEE: TO ORDER, VOSTOCHNY": no party, but the place is where it goes
            role = _PARTY_NOUN_ROLE.get(_PARTY_LABELS[m.value])
            for e in frame.entities:
                if e.kind == "place" and m.j <= e.i < end and e.role is None and role:
                    e.role, e.strength = role, 3
                    e.how += f" ({reading.words(m.i, m.j)})"
            return
        name_end = end
        for k in range(m.j + 1, end):
            gap = reading.gap_before(k)
            if any(p in gap for p in (",", " - ", "(", "  ")):  # "Agrimex SAS (Sète)": its town
                name_end = k
                break
        # "une société de sécurité à Port-au-Prince": the place after "à" is the address
        for e in frame.entities:
            if (
                e.kind == "place"
                and m.j < e.i < name_end
                and reading.tokens[e.i - 1].norm in ("a", "in", "en", "at")
                and e.i == name_end - (e.j - e.i)
            ):
                name_end = e.i - 1
        name = reading.words(m.j, name_end).strip(" ,;")
        if not name:
            return
        category = _category([t.norm for t in reading.tokens[m.j : name_end]])
        # "ATTN: UPC LOGISTICS CELL": an armed group or another actor named in the field
        actor = next(
            (e for e in frame.entities if e.kind == "actor" and m.j <= e.i < name_end), None
        )
        if actor is not None and actor.category:
            category = actor.category
        party = Entity(m.j, name_end, "party", name=name, category=category)
        if actor is not None and actor.codes:
            party.codes, party.how = actor.codes, f"{actor.how} in the party's name"
        party.party_role = _PARTY_LABELS[m.value]
        address = [
            e for e in frame.entities
            if e.kind == "place" and name_end <= e.i < end and not _after_via(reading, e)
            and not reading.cue(e.i - 1)  # "acheteur X (Téhéran), FOB Sète": not the address
        ]  # fmt: skip
        inside = [e for e in frame.entities if e.kind == "place" and m.j <= e.i < name_end]
        for e in address + inside:  # "Refinería del Pacífico S.A.C., Callao": no route
            e.role = "party"
        if address:
            party.codes = address[-1].codes
            party.how = f"address of the {party.party_role}"
        elif inside:
            named = [e for e in inside if not e.demonym and len(e.codes) == 1]
            if named and category in ("military", "government"):
                party.codes = named[-1].codes
                party.how = "in the party's name"
            elif (
                len(inside) == 1
                and named
                and named[0].place_kind in ("city", "port", "capital", "region")
            ):
                # "BENGHAZI MILLS", "SAKHA FOODS": a firm named after its town, in a field
                party.codes = named[0].codes
                party.how = "the town in the party's name"
        frame.entities = [
            e for e in frame.entities if not (e.kind == "actor" and m.j <= e.i < name_end)
        ]
        frame.entities.append(party)
        frame.chunks = [c for c in frame.chunks if not (m.j <= c.i < name_end)]

    # --- roles ------------------------------------------------------------------------------

    def _roles(self, ctx: _Context, frame: Frame, pronoun: bool) -> None:
        reading = ctx.reading
        ci, cj = frame.clause
        before = ctx.last_subject
        verbs = [m for m in frame.cues]
        first_verb = verbs[0] if verbs else None
        kinds = frame.kinds
        # a batch or a consignment says nothing of who sells: "a réceptionné un lot de chars
        # commandés à la Russie" is a purchase
        batches = {m.value for m in frame.cues if reading.tokens[m.i].norm in _BATCH_NOUNS}
        trades = {m.value for m in frame.cues if reading.tokens[m.i].norm not in _BATCH_NOUNS}
        buy_only = bool(kinds) and (kinds <= {lx.BUY, lx.NBUY} or (
            bool(trades) and trades <= {lx.BUY, lx.NBUY} and batches <= {lx.NSELL}))  # fmt: skip
        # fields: routes and parties from labels
        for m in frame.labels:
            if m.value in _ROUTE_LABELS:
                role, strength = _ROUTE_LABELS[m.value]
                end = _field_end(reading, m.j, cj)
                for e in frame.entities:
                    if e.kind == "place" and m.j <= e.i < end and e.role is None:
                        e.role, e.strength = role, strength
                        e.how += f" ({reading.words(m.i, m.j)})"
                        break
        speech_end = max(
            (s.j for k in range(ci, cj) if (s := reading.at[k]) is not None and s.kind == CUE
             and s.value in (lx.SPEECH, lx.DENY) and s.i == k
             and (first_verb is None or s.j <= first_verb.i)),
            default=ci,
        )  # fmt: skip
        sources = _source_tokens(reading, ci, cj)
        subject: Entity | None = None
        for e in frame.entities:
            if e.role is not None:
                continue
            if e.i in sources:
                e.role = (
                    "source"  # "selon les renseignements américains", "according to US officials"
                )
                continue
            after = _entity_after(reading, e, cj)
            if any(
                reading.cue(k) == lx.NEG and _contrast(reading, k, cj)
                for k in range(max(ci, e.i - 3), e.i)
            ):
                e.role = "ignore"  # "et non à Tunis", "and not to Tunis"
                e.how += " (set aside)"
                continue
            if e.quoted and e.demonym:
                e.role = "ignore"
                continue
            if (
                e.demonym
                and e.j < cj
                and reading.gap_before(e.j) == "-"
                and reading.cue(e.j) in (lx.SELL, lx.NSELL)
            ):  # "Iranian-supplied missiles": the supplier's country
                e.role, e.strength = "origin", 3
                e.how += f" ({reading.words(e.i, e.j + 1)})"
                continue
            if e.demonym and any(
                reading.tokens[k].norm in _CREW
                and not any(
                    reading.cue(m) for m in range(k + 1, e.i)
                )  # "sailors seized Iranian-made …"
                for k in range(max(ci, e.i - 3), e.i)
            ):  # "Crew (Yemeni/Pakistani)": who sails the ship, not where the goods come from
                e.role = "ignore"
                continue
            if (
                e.demonym
                and e.i > ci
                and reading.tokens[e.i - 1].norm in _VESSEL_WORDS
                and any(
                    reading.cue(k) in (lx.TO, lx.DEST) for k in range(max(ci, e.i - 4), e.i - 1)
                )
            ):  # "trasbordó gasóleo a un tanquero norcoreano": the receiving vessel's flag
                e.role, e.strength = "destination", 2
                e.how += " (the receiving vessel's flag)"
                continue
            if after is not None:
                if after.kind == PARTY_NOUN:
                    e.party_role = after.value
                    e.role = _PARTY_NOUN_ROLE.get(after.value)
                    e.strength = 2
                    e.how += f" ({reading.words(e.i, after.j)})"
                    continue
                if (
                    after.value == lx.ORIGIN
                    or after.value.startswith("SUFFIX:")
                    and (after.value[7:] in lx.MADE_SUFFIXES)
                ):
                    e.role, e.strength = "origin", 3
                    e.how += f" ({reading.words(e.i, after.j)})"
                    continue
                if after.value == lx.FLAG or after.value.startswith("SUFFIX:"):
                    governing, _, _ = scan_marker(reading, e, ci)
                    if governing in (
                        lx.TO,
                        lx.DEST,
                    ):  # "transferred diesel to a North Korean vessel"
                        e.role, e.strength = "destination", 2
                        e.how += " (the receiving vessel's flag)"
                        continue
                    e.role = "flag" if after.value in (lx.FLAG, "SUFFIX:flagged") else "ignore"
                    continue
                if after.value == "FORCE" and e.demonym:
                    e.role = "party-country"
            marker, mark, noun = scan_marker(
                reading, e, max(ci, speech_end if e.i >= speech_end else ci)
            )
            if noun is not None:
                e.party_role = noun
                e.role = _PARTY_NOUN_ROLE.get(noun)
                e.strength = 2
                continue
            if marker in (lx.AT, lx.TO) and mark is not None and _established(reading, mark, ci):
                # "l'expéditeur est établi à Minsk", "the buyer is based in Dubai": where
                # someone is, not where the goods go; screened in every role (unresolved)
                e.role = "unresolved"
                e.how += f" (where a party is: {reading.words(mark.i - 1, e.j)})"
                frame.address = True
                continue
            if marker is not None and mark is not None:
                self._marked(reading, frame, e, marker, mark, buy_only)
                continue
            if e.role == "party-country":
                continue
            # unmarked: a subject, a dative object, or a demonym on the goods
            if first_verb is not None and e.j <= first_verb.i and e.i >= speech_end:
                if subject is None or e.i > subject.i:
                    subject = e
                continue
            if (
                first_verb is not None
                and e.i >= first_verb.j
                and e.i - first_verb.j <= 2
                and (first_verb.value in (lx.SELL,) and not e.demonym)
            ):
                e.role, e.strength = "destination", 2
                e.how += f" (receives: {reading.words(first_verb.i, first_verb.j)})"
                continue
            load = next((m for m in verbs if m.value == lx.LOAD and 0 <= e.i - m.j <= 1), None)
            if load is not None and not e.demonym:  # "departing Le Havre", "départ Le Havre"
                e.role, e.strength = "origin", 2
                e.how += f" ({reading.words(load.i, e.j)})"
                continue
            unload = next((m for m in verbs if m.value == lx.UNLOAD and 0 <= e.i - m.j <= 1), None)
            if unload is not None and not e.demonym and e.kind == "place":
                e.role, e.strength = "destination", 2  # "reached Tehran", "arrived Nampo"
                e.how += f" ({reading.words(unload.i, e.j)})"
                continue
            nsell = next((m for m in verbs if m.value == lx.NSELL and m.j == e.i), None)
            if e.demonym and nsell is not None:  # "exportation française", "Iranian exports"
                e.role, e.strength = "origin", 2
                e.how += f" ({reading.words(nsell.i, e.j)})"
                continue
            if e.demonym and self._on_goods(reading, frame, e):
                e.role, e.strength = "origin", 1
                e.how += " of the goods"
                continue
        if subject is None and pronoun and first_verb is not None:
            # "Tehran denied that it had supplied": the speaker of this clause, else the last one
            speaker = next(
                (e for e in reversed(frame.entities) if e.kind in ("place", "actor")
                 and e.codes and e.j <= speech_end and e.role in (None, "unresolved")),
                None,
            )  # fmt: skip
            if speaker is not None:
                ctx.last_subject = speaker
                speaker.role = None
        if subject is None and pronoun and ctx.last_subject is not None and first_verb is not None:
            subject = Entity(
                first_verb.i,
                first_verb.i,
                ctx.last_subject.kind,
                ctx.last_subject.codes,
                ctx.last_subject.how + " (referred to again)",
                name=ctx.last_subject.name,
                category=ctx.last_subject.category,
            )
            subject.i, subject.j = ctx.last_subject.i, ctx.last_subject.j
            frame.entities.append(subject)
        if subject is None and not pronoun and first_verb is not None and speech_end > ci:
            # "Moscou a démenti avoir reçu", "L'Iran nie avoir fourni": the denier acts
            boundary = reading.at[speech_end - 1]
            infinitive = speech_end < cj and reading.tokens[speech_end].norm in (
                "avoir",
                "d",
                "having",
                "to",
                "haber",
            )
            if boundary is not None and (boundary.value == lx.DENY or infinitive):
                subject = next(
                    (e for e in reversed(frame.entities) if e.kind in ("place", "actor", "party")
                     and e.j <= speech_end and e.role in (None, "unresolved") and e.codes),
                    None,
                )  # fmt: skip
        if subject is not None and first_verb is not None:
            self._subject(reading, frame, subject, first_verb)
        if first_verb is not None and before is not None:
            self._dative(reading, frame, first_verb, before, subject)
        # remember who spoke or acted, for "it", "elle", "nous" later
        for e in frame.entities:
            if (
                e.kind in ("place", "actor")
                and e.codes
                and e.role in (None, "subject-speaker", "origin", "destination")
                and (first_verb is None or e.i < first_verb.i or e is subject)
            ):
                ctx.last_subject = e
                break
        self._pending(reading, frame)
        self._addresses(reading, frame)
        self._role_nouns(reading, frame)

    def _dative(
        self,
        reading: Reading,
        frame: Frame,
        verb: Mark,
        before: Entity,
        subject: Entity | None,
    ) -> None:
        """ "Pékin lui fournit des engrais", "leur a vendu": a dative pronoun before a verb of
        selling is the one an earlier clause spoke of, and it receives."""
        if verb.value != lx.SELL or frame.role("destination") is not None or not before.codes:
            return
        if subject is not None and set(subject.codes) == set(before.codes):
            return  # "X lui vend": the pronoun cannot be the seller itself
        ci = frame.clause[0]
        back = [k for k in (verb.i - 1, verb.i - 2) if k >= ci]
        words_before = [reading.tokens[k].norm for k in back]
        if (
            not words_before
            or words_before[0] not in _DATIVES
            and not (
                words_before[0] in _AUXILIARIES
                and words_before[1:2]
                and words_before[1] in _DATIVES
            )
        ):
            return
        k = back[0] if words_before[0] in _DATIVES else back[1]
        frame.entities.append(
            Entity(
                k, k + 1, before.kind, before.codes,
                before.how + f" (referred to again: '{reading.tokens[k].text}', receives)",
                name=before.name, category=before.category, role="destination", strength=2,
            )
        )  # fmt: skip

    def _role_nouns(self, reading: Reading, frame: Frame) -> None:
        """ "the end-user certificate names a private security company": a role noun standing
        apart gives its role to the next party without one."""
        ci, cj = frame.clause
        for k in range(ci, cj):
            m = reading.at[k]
            if m is None or m.i != k or m.kind != PARTY_NOUN:
                continue
            if any(
                e.i <= m.j + 1 and e.j >= m.i and e.party_role == m.value for e in frame.entities
            ):
                continue
            nxt = next(
                (
                    e
                    for e in frame.entities
                    if e.kind == "party" and e.i >= m.j and e.party_role is None
                ),
                None,
            )
            if nxt is not None:
                nxt.party_role = m.value
                if nxt.codes and nxt.role in (None, "unresolved"):
                    nxt.role = _PARTY_NOUN_ROLE.get(m.value)
                    nxt.strength = 2

    def _addresses(self, reading: Reading, frame: Frame) -> None:
        """ "une milice à Bangui", "Al-Hilal Trading, Benghazi": the place after a party is
        where it is."""
        ents = frame.entities
        for n, e in enumerate(ents):
            # a town read inside a firm's name ("Al-Bakri Trading": Bakri, Malaysia) yields to
            # the address written after it
            named = bool(e.codes) and "party's name" in e.how
            if e.kind != "party" or e.codes and not named or n + 1 >= len(ents):
                continue
            nxt = ents[n + 1]
            if nxt.kind != "place" or nxt.demonym or nxt.i - e.j > 2:
                continue
            between = {reading.tokens[k].norm for k in range(e.j, nxt.i)}
            if between <= {
                "a",
                "in",
                "at",
                "en",
                "de",
                "of",
                "du",
                "based",
                "d",
            } and not _HARD.search(reading.gap_before(nxt.i)):
                e.codes, e.how = nxt.codes, f"address ({reading.words(e.i, nxt.j)})"

    def _pending(self, reading: Reading, frame: Frame) -> None:
        """A destination marker with nothing after it ("le destinataire final des 15 véhicules
        blindés serait une milice à Bangui", "the delivery address … is a warehouse in
        Makhachkala"): the next party or place without a role is the destination."""
        ci, cj = frame.clause
        for k in range(ci, cj):
            m = reading.at[k]
            if m is None or m.i != k or m.kind != CUE or m.value != lx.DEST:
                continue
            governed = any(
                e.i >= m.j and e.i - m.j <= 3 and e.role not in (None, "unresolved")
                for e in frame.entities
            )
            if governed:
                continue
            for e in frame.entities:
                if e.i < m.j:
                    continue
                if e.kind == "party" and e.party_role is None:
                    e.party_role = "end_user"
                    if e.codes and e.role in (None, "unresolved"):
                        e.role, e.strength = "destination", 3
                elif e.kind == "place" and e.role in (None, "unresolved") and not e.demonym:
                    e.role, e.strength = "destination", 3
                    e.how += f" ({reading.words(m.i, m.j)})"
                    break

    def _marked(
        self, reading: Reading, frame: Frame, e: Entity, marker: str, mark: Mark, buy_only: bool
    ) -> None:
        cue_text = reading.words(mark.i, mark.j)
        word = reading.tokens[mark.i].norm
        role: str | None
        strength = 3
        if marker == lx.CONTEXT:
            e.role = "context"
            return
        if marker == lx.FLAG:
            e.role = "flag"
            return
        if marker in (lx.FROM, lx.ORIGIN, lx.FOB):
            role = "origin"
            if marker == lx.ORIGIN and set(cue_text.lower().split()) & _REAL:
                strength = 5  # "étiqueté origine Russie ; provenance réelle Rason": the real one
            elif marker == lx.ORIGIN and e.place_kind == "country":
                strength = 4  # "made in DPRK" outweighs the port it was shipped from
        elif marker in (lx.DEST, lx.CIF):
            role = "destination"
        elif marker == lx.VIA:
            role = "transit"
        elif marker == lx.TO:
            verb = next((m for m in reversed(frame.cues) if m.i < mark.i), None)
            if verb is not None and verb.value == lx.LOAD and _after_load(frame, verb, mark):
                role = "origin"  # "chargées à Chongjin", "chargé 5 000 t de charbon à Nampo"
            else:
                # "acheter … à la Corée du Nord": the seller; "pour ses forces au Darfour": where
                # the buyer's forces are
                owner = reading.tokens[mark.i - 1].norm if mark.i > 0 else ""
                seller = buy_only and word in _TO_WORDS_OF_SELLERS and owner not in _OWNERS
                role = "origin" if seller else "destination"
        elif marker == lx.FOR:
            role, strength = "destination", 1
        elif marker == lx.BY:
            verb = next((m for m in reversed(frame.cues) if m.i < mark.i), None)
            if verb is not None and verb.value == lx.LOAD:
                e.role = "ignore"  # "looted by ISIL": not a party to the sale
                return
            # "sold by Belarus" (then "went to Juba"): the verb right before "by" says who
            sold = verb is not None and verb.value == lx.SELL and mark.i - verb.j <= 1
            if lx.MOVE in frame.kinds and e.kind == "place" and not sold:
                role, strength = "transit", 2
            elif sold:
                role, strength = "origin", 2
            elif frame.kinds & {lx.BUY, lx.NBUY} and not frame.kinds & {lx.SELL, lx.NSELL}:
                role, strength = "destination", 2
            else:
                role, strength = "origin", 2
        elif marker == lx.DE:
            role, strength = self._de(reading, frame, e, mark)
        else:  # AT: read by the nearest trade verb before it
            role, strength = self._at(reading, frame, e, mark)
        if role is None:
            e.role = "unresolved"
            return
        e.role, e.strength = role, strength
        e.how += f" ({cue_text})"
        if e.kind in ("party", "actor") and e.party_role is None:
            e.party_role = {
                "origin": "seller", "destination": "consignee", "transit": "intermediary",
            }.get(role)  # fmt: skip
            if marker == lx.FOR:
                e.party_role = "end_user"
            if marker == lx.BY and role == "destination":
                e.party_role = "buyer"

    def _de(self, reading: Reading, frame: Frame, e: Entity, mark: Mark) -> tuple[str | None, int]:
        """ "de X": an origin after goods or a verb of movement ("d'Anvers pour Lagos"); after
        another noun, the place of that noun ("le port de Nampo", "une aciérie de Tangshan")."""
        k = mark.i - 1
        if k < frame.clause[0]:
            return None, 0
        before = reading.at[k]
        if before is not None and before.kind == CUE and before.value in lx.TRADE:
            return "origin", 2
        if any(c.goods and c.j == mark.i or c.goods and c.i <= k < c.j for c in frame.chunks):
            return "origin", 2
        if reading.tokens[k].text.isdigit():
            return "origin", 2
        return None, 0

    def _at(self, reading: Reading, frame: Frame, e: Entity, mark: Mark) -> tuple[str | None, int]:
        verb = None
        for m in frame.cues:
            if m.i < mark.i:
                verb = m
        if verb is None:
            verb = frame.cues[0] if frame.cues else None
        if verb is None:
            return None, 0
        if verb.value == lx.LOAD:
            return "origin", 2
        if verb.value in (lx.UNLOAD, lx.SELL, lx.NSELL, lx.BUY, lx.NBUY, lx.MOVE):
            return "destination", 1
        return None, 0

    def _on_goods(self, reading: Reading, frame: Frame, e: Entity) -> bool:
        """A demonym written next to goods ("North Korean coal", "pétrole brut iranien")."""
        for c in frame.goods:
            if c.i <= e.i < c.j and not _CARRIER_AFTER(reading, e):
                return True
            if (c.i == e.j or c.j == e.i) and not reading.gap_before(max(c.i, e.i)).strip(" -"):
                return True
            if c.j < e.i and e.i - c.j <= 1 and reading.tokens[c.j].norm in FILLERS:
                return True
        return False

    def _subject(self, reading: Reading, frame: Frame, subject: Entity, verb: Mark) -> None:
        v = verb.value
        how = f" (subject of {reading.words(verb.i, verb.j)})"
        if v == lx.SELL and _passive(reading, frame, verb):
            # "Kim Jong Un has been given a limousine by Vladimir Putin", "l'armée russe a tiré
            # des missiles fournis par la Corée du Nord": the one named before receives
            subject.role, subject.strength = "destination", 2
            subject.party_role = subject.party_role or "buyer"
            how = f" (receives: {reading.words(verb.i, verb.j)} by …)"
        elif v in (lx.SELL, lx.NSELL):
            subject.role, subject.strength = "origin", 2
            subject.party_role = subject.party_role or "seller"
            subject.trades = True
        elif v in (lx.BUY, lx.NBUY):
            subject.role, subject.strength = "destination", 2
            subject.party_role = subject.party_role or "buyer"
            subject.trades = True
        elif subject.demonym and self._on_goods(reading, frame, subject):
            subject.role, subject.strength = "origin", 1
            how = " of the goods"
        elif (
            v == lx.UNLOAD
            and subject.demonym
            and subject.j < len(reading.tokens)
            and reading.tokens[subject.j].norm in _VESSEL_WORDS
        ):  # "a North Korean freighter unloaded coal at Ningbo": where the cargo came from
            subject.role, subject.strength = "origin", 1
            how = " (the unloading vessel's flag)"
        else:
            subject.role = "unresolved" if subject.kind == "place" else None
            return
        subject.how += how

    # --- frames to transactions -------------------------------------------------------------

    def _transaction(self, reading: Reading, frame: Frame) -> ExtractedTransaction | None:
        if not frame.goods:
            return None
        self._military_drones(reading, frame)
        ents = frame.entities
        if not any(e.role == "origin" and e.codes for e in ents):
            for e in ents:  # "arrested a freighter that had loaded North Korean anthracite"
                if (
                    e.kind == "place"
                    and e.demonym
                    and e.role is None
                    and e.codes
                    and (self._on_goods(reading, frame, e))
                ):
                    e.role, e.strength = "origin", 1
                    e.how += " of the goods"
                    break
        if not any(e.role == "origin" and e.codes for e in ents):
            remembered = self._remembered_origin(frame)
            if remembered is not None:
                ents = ents + [remembered]
        chunks = frame.goods
        if len(chunks) > 1:  # "груз: пшеница мягкая, 30 000 т": the amount of the goods before
            chunks = [c for k, c in enumerate(chunks) if not (k and _only_quantity(c))]
            # "vaccine (cold chain), humanitarian consignment": remarks on the goods, not goods
            chunks = [c for k, c in enumerate(chunks) if not (k and _remark(c))] or chunks[:1]
        goods = [self._goods_item(reading, c) for c in chunks]
        origin = _best(ents, "origin")
        destination = _best(ents, "destination")
        transit = [e for e in ents if e.role == "transit"]
        # a second strong destination before the last one is a stop on the way
        for e in ents:
            if (
                e.role == "destination"
                and e is not destination
                and e.strength >= 3
                and (not destination or set(e.codes) != set(destination.codes))
            ):
                transit.append(e)
            if (
                e.role == "origin"
                and e is not origin
                and origin
                and set(e.codes) != set(origin.codes)
                # "étiqueté origine Russie ; provenance réelle Rason": a false label, not a stop
                and not (origin.strength >= 5 and e.place_kind == "country")
                and (
                    e.strength >= 4
                    # "origine Russie …, chargé au port de Rajin": the port is on the way
                    or e.strength >= 3
                    and e.place_kind in ("port", "city")
                    and origin.place_kind == "country"
                    and origin.strength >= 4
                )
            ):
                transit.append(e)
        transit.sort(key=lambda e: e.i)
        parties = [
            p
            for e in ents
            if e.kind in ("party", "actor") and e.role not in ("ignore", "source")
            if (p := self._party_item(reading, e)) is not None
        ]
        group = self._group_referred_to(reading, frame, parties)
        if group is not None:
            parties.append(group)
        held = self._held_by(reading, destination) if destination is not None else None
        if held is not None and not any(
            p.category == "armed_group" and p.name == held.name for p in parties
        ):
            parties.append(held)
        parties += [
            self._government(reading, e) for e in ents
            if e.kind == "place" and e.place_kind == "capital" and e.trades and e.codes
            and not any(p.role == e.party_role for p in parties)
        ]  # fmt: skip
        # the consignee's or seller's country stands in for a route the text does not give
        ambiguities: list[str] = []
        notes: list[str] = []
        origin_ref = _ref(reading, origin)
        dest_ref = _ref(reading, destination)
        if dest_ref is None:
            for p in parties:
                if p.role in ("consignee", "buyer", "end_user", "importer") and p.country:
                    dest_ref = CountryRef(p.country.code, Evidence(
                        p.country.evidence.text, p.country.evidence.span,
                        f"country of the {p.role} ({p.country.evidence.how})"))  # fmt: skip
                    break
        for n, p in enumerate(parties):
            if (
                p.role == "seller"
                and p.category == "armed_group"
                and p.country
                and dest_ref is not None
                and dest_ref.code == p.country.code
                and origin_ref is not None
                and origin_ref.code != p.country.code
            ):
                # "Hezbollah smuggled Iranian-supplied missiles into Lebanon": the group brings
                # the goods home from elsewhere, so it receives them
                parties[n] = p = replace(p, role="consignee")
            # an armed group named where the goods go, with no role the grammar gave it
            # ("destinées à des miliciens Maï-Maï", "avant d'atteindre les Chabab"): the recipient
            if (
                p.role is None
                and p.category == "armed_group"
                and p.country
                and (dest_ref is None or dest_ref.code == p.country.code)
                and (origin_ref is None or origin_ref.code != p.country.code)
            ):
                parties[n] = replace(p, role="consignee")
                if dest_ref is None:
                    dest_ref = CountryRef(p.country.code, Evidence(
                        p.country.evidence.text, p.country.evidence.span,
                        f"country of {p.name}, the recipient ({p.country.evidence.how})"))  # fmt: skip
        if origin_ref is None:
            for p in parties:
                if p.role in ("seller", "exporter") and p.country:
                    origin_ref = CountryRef(p.country.code, Evidence(
                        p.country.evidence.text, p.country.evidence.span,
                        f"country of the {p.role} ({p.country.evidence.how})"))  # fmt: skip
                    break
        if origin_ref is None:
            origin_ref = _sole_maker(reading, chunks)
        unresolved = [
            _ref(reading, e)
            for e in ents
            if e.kind == "place" and e.role == "unresolved" and e.codes and not e.demonym
        ]
        unresolved_refs = tuple(
            u for u in unresolved
            if u is not None and u.code not in {c.code for c in (origin_ref, dest_ref) if c}
            and u.code not in {t.code for t in (_ref(reading, x) for x in transit) if t}
        )  # fmt: skip
        for ref in (origin_ref, dest_ref):
            if ref is not None and ref.alternatives:
                ambiguities.append(
                    f"'{ref.evidence.text}' may be {' or '.join((ref.code, *ref.alternatives))}"
                )
        if unresolved_refs:
            names = ", ".join(f"'{u.evidence.text}'" for u in unresolved_refs)
            ambiguities.append(f"the role of {names} in the transaction is not stated")
        start = min(
            [reading.tokens[frame.clause[0]].start]
            + [reading.tokens[f.clause[0]].start for f in frame.merged]
        )
        end = max(
            [reading.tokens[frame.clause[1] - 1].end]
            + [reading.tokens[f.clause[1] - 1].end for f in frame.merged]
        )
        date = next(
            (d for d in reading.dates if reading.sentence_of[_token_at(reading, d.start)] in
             {frame.sentence, *(f.sentence for f in frame.merged)}),
            None,
        ) or (reading.dates[0] if reading.upper and len(reading.dates) == 1 else None)  # fmt: skip
        vessel = frame.vessel or next((f.vessel for f in frame.merged if f.vessel), None)
        flag = next((e for e in ents if e.role == "flag" and e.codes), None)
        sts = _STS.search(reading.text, max(0, start - 200), end + 200)
        others = _transfer_flags(reading, ents, flag, vessel) if sts is not None else ()
        status_cue = None
        if frame.status_cue is not None:
            cue_start, cue_end = reading.span(frame.status_cue.i, frame.status_cue.j)
            status_cue = Evidence(
                reading.text[cue_start:cue_end],
                (cue_start, cue_end),
                f"{frame.status} ({frame.status_cue.value.lower()})",
            )
        if frame.copied_from is not None:
            notes.append(f"repeats the transaction described earlier ({frame.copied_from})")
        if frame.goods_from is not None:
            notes.append(f"its goods are those named earlier ({frame.goods_from})")
        region = _destination_region(reading.text, start, end, dest_ref)
        return ExtractedTransaction(
            span=(start, end),
            text=reading.text[start:end],
            status=frame.status,
            status_cue=status_cue,
            origin=origin_ref,
            destination=dest_ref,
            transit=tuple(r for r in (_ref(reading, e) for e in transit) if r is not None),
            goods=tuple(goods),
            parties=tuple(parties),
            date=Evidence(date.text, (date.start, date.end), "date") if date else None,
            date_value=date.value if date else None,
            vessel=Evidence(vessel[0], vessel[1], "vessel") if vessel else None,
            vessel_flag=_ref(reading, flag) if flag and vessel else None,
            unresolved=unresolved_refs,
            ambiguities=tuple(ambiguities),
            notes=tuple(notes),
            ship_to_ship=Evidence(sts.group(), sts.span(), "ship-to-ship transfer")
            if sts is not None
            else None,
            vessel_flags=others,
            destination_region=region,
        )

    def _group_referred_to(
        self, reading: Reading, frame: Frame, parties: list[PartyItem]
    ) -> PartyItem | None:
        """ "… delivered mortars to the group in North Kivu": "the group" (the rebels, le
        groupe) is the armed group named last before, which receives."""
        if any(p.category == "armed_group" for p in parties):
            return None
        ci, cj = frame.clause
        at = next((k for k in range(ci, cj - 1) if reading.tokens[k].norm in _DEFINITE
                   and reading.tokens[k + 1].norm in _GROUP_WORDS), None)  # fmt: skip
        if at is None:
            return None
        named = [m for m in reading.marks if m.kind == ACTOR and m.j <= at
                 and ACTORS.get(m.value, (None, ""))[1] == "armed_group"]  # fmt: skip
        if not named:
            return None
        m = max(named, key=lambda m: m.i)
        code = ACTORS[m.value][0]
        span = reading.span(at, at + 2)
        country = None
        if code:
            country = CountryRef(code, Evidence(reading.words(m.i, m.j), reading.span(m.i, m.j),
                                                "the armed group referred to"))  # fmt: skip
        return PartyItem(role="consignee", name=reading.words(m.i, m.j), span=span,
                         type="organization", category="armed_group", country=country)  # fmt: skip

    def _remembered_origin(self, frame: Frame) -> Entity | None:
        """The origin given with the same goods earlier in the text ("drones de fabrication
        iranienne" … "de nombreux drones à destination de Moscou")."""
        cats = {c for chunk in frame.goods for c in chunk.categories}
        for seen, e in reversed(frame.memory):
            if any(
                a == b or a.startswith(b + ".") or b.startswith(a + ".") for a in cats for b in seen
            ):
                copy = Entity(
                    e.i, e.j, e.kind, e.codes, e.how + ", given with the same goods earlier"
                )
                copy.role, copy.strength = "origin", 0
                return copy
        return None

    def _military_drones(self, reading: Reading, frame: Frame) -> None:
        """Drones a State sends to a State are military drones (a civil reading of "drones"
        would be HS 88 aircraft); drone parts and motors stay what they are."""
        states = [
            e for e in frame.entities
            if e.role in ("origin", "destination") and e.kind == "place"
            and e.place_kind in ("country", "capital", "demonym")
        ]  # fmt: skip
        companies = any(e.kind == "party" and e.category == "company" for e in frame.entities)
        if not states or companies:
            return
        for c in frame.goods:
            words = {t.norm for t in reading.tokens[c.i : c.j]}
            if not words & DRONE_WORDS or words & _PART_WORDS:
                continue
            if any(cat.startswith("arms.military_aircraft.uav") for cat in c.categories):
                continue
            description = f"{c.description or c.text} (military drone)"
            result = self.classify(description, None)
            c.categories = result.categories
            c.description = description

    def _goods_item(self, reading: Reading, c: Chunk) -> GoodsItem:
        q = c.quantity
        amount = q.amount if q else None
        unit = q.unit if q else None
        value = next(
            ((m.amount, m.currency) for m in reading.money if c.start <= m.start <= c.end + 40),
            None,
        )
        return GoodsItem(
            text=c.text,
            span=(c.start, c.end),
            description=c.description or c.text,
            quantity_text=q.text if q else None,
            quantity=amount,
            unit=unit,
            hs_code=c.hs,
            value=value,
            notes=c.notes,
            categories=c.categories,
        )

    def _held_by(self, reading: Reading, e: Entity) -> PartyItem | None:
        """ "to Houthi-controlled Yemen": the armed group that holds the destination receives."""
        k = e.i - 1
        if k < 2 or reading.tokens[k].norm not in _HELD_BY or reading.gap_after(k - 1) != "-":
            return None
        m = reading.at[k - 1]
        if m is None or m.kind != ACTOR or ACTORS.get(m.value, (None, ""))[1] != "armed_group":
            return None
        span = reading.span(m.i, m.j)
        code = ACTORS[m.value][0]
        country = CountryRef(code, Evidence(reading.words(m.i, m.j), span,
                                            "the armed group holding the destination")) if code else None  # fmt: skip
        return PartyItem(role="consignee", name=reading.words(m.i, m.j), span=span,
                         type="organization", category="armed_group", country=country, known=True)  # fmt: skip

    def _government(self, reading: Reading, e: Entity) -> PartyItem:
        """ "Kinshasa a acheté des drones": the capital that buys or sells is its government."""
        span = reading.span(e.i, e.j)
        words = reading.words(e.i, e.j)
        country = CountryRef(
            e.codes[0], Evidence(words, span, e.how or "capital"), tuple(e.codes[1:])
        )
        return PartyItem(role=e.party_role, name=words, span=span, type="organization",
                         category="government", country=country)  # fmt: skip

    def _party_item(self, reading: Reading, e: Entity) -> PartyItem | None:
        if not e.name:
            return None
        country = None
        if e.codes:
            country = CountryRef(e.codes[0], Evidence(e.name, reading.span(e.i, e.j), e.how or "party"),
                                 tuple(e.codes[1:]))  # fmt: skip
        role = e.party_role
        if role is None and e.role in ("origin", "destination"):
            role = "seller" if e.role == "origin" else "consignee"
        return PartyItem(
            role=role,
            name=e.name,
            span=reading.span(e.i, e.j),
            type="organization" if e.category not in ("individual",) else "person",
            category=e.category,
            country=country,
            known=e.kind == "actor",
        )


# --- helpers ---------------------------------------------------------------------------------


_PASSIVE_AUXILIARIES = words("is are was were been ont a ete fue fueron был была были было")


def _after_via(reading: Reading, e: Entity) -> bool:
    """ "Destinataire : FACA, Bangui, via Douala": the place after "via" is on the way."""
    return any(reading.cue(k) == lx.VIA for k in range(max(0, e.i - 2), e.i))


# Weapon systems that one State alone makes: named with no origin, they come from it ("Russia
# has received KN-24 missiles from its Asian ally"). Kept to systems no licensee builds under
# the same name (Russia's Shahed copies are "Geran").
_SOLE_MAKERS = (
    (
        "KP",
        re.compile(
            r"(?i)\b(?:KN-?2[345]s?|KN-?0[29]s?|hwa?s[eo]ong(?:-\d+\w*)?|화성-?\d*|"
            r"koksan|bulsae(?:-\d)?)\b"
        ),
    ),
    ("IR", re.compile(r"(?i)\b(?:shahed-?1[0-9]{2}|mohajer-?\d|fath-?360|dehlavieh|arash-?2)\b")),
)


def _sole_maker(reading: Reading, chunks: list[Chunk]) -> CountryRef | None:
    """The country of origin a goods chunk's weapon system implies, if one State alone makes it."""
    for c in chunks:
        for code, pattern in _SOLE_MAKERS:
            m = pattern.search(reading.text, c.start, c.end)
            if m is not None:
                span = (m.start(), m.end())
                return CountryRef(code, Evidence(m.group(), span, "made only there (the system)"))
    return None


def _none_before(reading: Reading, i: int) -> bool:
    """Goods named only to say there are none: "pas d'arme", "aucune munition", "no weapons",
    "sin armas", "без оружия"."""
    before = [t.norm for t in reading.tokens[max(0, i - 2) : i]]
    if before and before[-1] in ("d", "de", "of", "di") and len(before) == 2:
        before = before[:1]
    return (
        bool(before)
        and before[-1] in _NO_GOODS
        and (before[-1] != "no" or not reading.gap_after(i - 1).startswith("."))
    )


def _contrast(reading: Reading, k: int, cj: int) -> bool:
    """Is the negation at ``k`` a contrast ("et non à Tunis", "and not to Tunis", ", not
    Tunis"): after a comma or "and", with a place and no verb of trade right after it?"""
    if k == 0 or not (
        reading.tokens[k - 1].norm in _CONTRAST_WORDS or "," in reading.gap_before(k)
    ):
        return False
    ahead = range(k + 1, min(cj, k + 4))
    if any(reading.cue(n) in lx.VERBS for n in ahead):
        return False
    return any((a := reading.at[n]) is not None and a.kind == PLACE for n in ahead)


_CONTRAST_WORDS = words("et and y mais but pero а и")


_FROM_BEFORE = re.compile(r"(?i)(?:from|depuis|desde|out of|provenance d\S*|из|от)\s+\S*\s*$")


def _destination_region(
    text: str, start: int, end: int, destination: CountryRef | None
) -> Evidence | None:
    """A subdivision of the destination the transaction names ("à destination d'El Geneina
    (Darfour-Ouest)", "RSF fighters in El Fasher"), unless named as where the goods come from."""
    if destination is None:
        return None
    for code, i, j in regions_in(text[start:end]):
        before = text[max(start, start + i - 20) : start + i]
        if code[:2] == destination.code and not _FROM_BEFORE.search(before):
            return Evidence(text[start + i : start + j], (start + i, start + j), code)
    return None


def _only_quantity(chunk: Chunk) -> bool:
    """The chunk is an amount and nothing else ("30 000 т", "4,500 MT", "50 kg each")."""
    q = chunk.quantity
    if q is None or q.unit is None:
        return False
    rest = chunk.text.replace(q.text, "").strip(" .,;").lower().split()
    return all(w.strip(".,;()") in _AMOUNT_WORDS for w in rest)


_PERSONNEL = words(
    "soldiers troops fighters mercenaries workers labourers laborers personnel advisers advisors"
    " instructors officers soldats troupes combattants mercenaires travailleurs ouvriers"
    " conseillers instructeurs militaires soldados tropas combatientes mercenarios trabajadores"
    " asesores солдат солдаты военных военнослужащих наемников рабочих инструкторов"
)
# verbs of telling the authorities: "not reported", "non notifié" say nothing of the trade
_REPORTING = words(
    "reported notified declared disclosed registered signalé signalée notifié notifiée déclaré"
    " déclarée notificado declarado reportado"
)
_DOCUMENT_WORDS = words(
    "facture invoice inv factura b l bl b/l connaissement conocimiento proforma pro forma"
    " contract contrat contrato no n nr ref счет счёт фактура счет-фактура накладная"
)


def _remark(chunk: Chunk) -> bool:
    """The chunk only remarks on the goods: how they travel, why, under which permit."""
    text = " ".join(chunk.text.lower().replace("(", " ").replace(")", " ").split())
    for phrase in _REMARK_PHRASES:
        text = text.replace(phrase, " ")
    found = [w.strip(".,;:") for w in text.split()]
    return all(w in _REMARK_WORDS or not w.isalpha() for w in found if w)


_REMARK_PHRASES = ("cold chain", "chaîne du froid", "chaine du froid", "cadena de frío")
_REMARK_WORDS = words(
    "humanitarian consignment shipment aid relief donation donated exemption exempted exempt"
    " ref reference attached approved approval committee cttee licence license permit per"
    " no the a of under with and humanitaire envoi don dérogation derogation réf jointe joint"
    " approuvé comité autorisation sous avec et de du la le humanitaria humanitario envío"
    " donación exención adjunta permiso bajo con y"
)


# words that only qualify an amount: "50 kg each", "20 t net", "environ 30 t chacun"
_AMOUNT_WORDS = words(
    "each apiece per net gross approx approximately about around some more than thousands"
    " hundreds chacun chacune environ plus brut cada uno una aproximadamente каждый каждая"
    " каждое нетто брутто около более"
)
_PEOPLE_COUNTED = _PERSONNEL | _AMOUNT_WORDS


def _ruled_out(reading: Reading, m: Mark) -> bool:
    """A place named only to be set aside: in quotes ("the 'Iranian' rugs"), or just after a
    negation ("No DPRK link found", "Aucun lien avec la RPDC")."""
    if m.quoted:
        return True
    sentence = reading.sentence_of[m.i]
    for k in range(max(0, m.i - 4), m.i):
        if reading.sentence_of[k] != sentence:
            continue
        if reading.cue(k) == lx.NEG or reading.tokens[k].norm in _NONE_WORDS:
            return True
    return False


# words that say there is none ("No DPRK link", "aucun lien", "sin armas"); goods after them
# are named only to be denied, and so are those after "pas", "ni", "без"
_NONE_WORDS = words("no aucun aucune aucuns ningun ninguna ningún sin without sans никакой "
                    "никаких нет")  # fmt: skip
_NO_GOODS = _NONE_WORDS | words("pas ni nor без")


def _before_passive(reading: Reading, j: int) -> bool:
    """Is the chunk ending at ``j`` the subject of a passive verb of trade ("trucks were
    exported", "camions ont été livrés")?"""
    k = j
    while k < len(reading.tokens) and reading.tokens[k].norm in _PASSIVE_AUXILIARIES:
        k += 1
    return j < k < len(reading.tokens) and reading.cue(k) in lx.TRADE


_ESTABLISHED = words(
    """established based located registered domiciled headquartered incorporated etabli etablie
    etablis etablies base basee bases basees domicilie domiciliee situe situee implante
    implantee radicado radicada ubicado ubicada domiciliado domiciliada establecido establecida
    immatricule immatriculee immatricules immatriculees enregistre enregistree matriculado
    matriculada registrado registrada зарегистрирован зарегистрированный зарегистрированная"""
)


def _established(reading: Reading, mark: Mark, ci: int) -> bool:
    """Is the marker ("à", "in") that of a verb saying where someone is ("établi à")?"""
    return mark.i > ci and reading.tokens[mark.i - 1].norm in _ESTABLISHED


def _refines(new: tuple[str, ...], old: tuple[str, ...]) -> bool:
    """Every old category is the same as, or an ancestor of, a new one (and something changed)."""
    if not old:
        return True
    return set(new) != set(old) and all(
        any(n == o or n.startswith(o + ".") for n in new) for o in old
    )


def _source_tokens(reading: Reading, ci: int, cj: int) -> set[int]:
    """Tokens naming the source of a report: after "selon", "according to", up to a comma."""
    out: set[int] = set()
    for k in range(ci, cj):
        m = reading.at[k]
        if m is None or m.i != k or m.kind != CUE or m.value != lx.SPEECH:
            continue
        if reading.tokens[k].norm not in ("selon", "according", "segun", "по", "согласно", "d"):
            continue
        for n in range(m.j, cj):
            if n > m.j and ("," in reading.gap_before(n) or reading.cue(n) in lx.TRADE):
                break
            out.add(n)
    return out


def _CARRIER_AFTER(reading: Reading, e: Entity) -> bool:  # noqa: N802
    """ "Russian Il-76 cargo planes": a demonym on the means of transport, not on the goods."""
    for k in range(e.j, min(e.j + 4, len(reading.tokens))):
        if k > e.j and reading.cue(k):  # "North Korean anthracite in a ship-to-ship transfer"
            return False
        if reading.tokens[k].norm in _CONVEYANCES or reading.tokens[k].norm in lx.CARRIER_NOUNS:
            return True
    return False


def _object(reading: Reading, frame: Frame, i: int, end: int) -> bool:
    """The chunk stands right after a trade word: the goods, read or not ("exporte du sable"),
    unless it heads a note ("Commande habituelle :")."""
    if end < len(reading.tokens) and ":" in reading.gap_before(end):
        return False
    for m in frame.cues:
        if m.value in (lx.SELL, lx.BUY, lx.NSELL, lx.NBUY, lx.SEIZE) and m.j <= i:
            between = [reading.tokens[k].norm for k in range(m.j, i)]
            if all(w in FILLERS for w in between) and not _HARD.search(reading.gap_before(i)):
                return True
            # "supplied the M23 with mortars": the goods after "with", the receiver between
            if (
                m.value == lx.SELL
                and i > m.j
                and reading.tokens[i - 1].norm in _WITH_WORDS
                and i - m.j <= 8
                and not _HARD.search(
                    reading.text[reading.tokens[m.j].start : reading.tokens[i].start]
                )
            ):
                return True
    return False


_WITH_WORDS = words("with avec con")


_HARD = re.compile(r"[;:()]")
_PACKAGE_WORDS = re.compile(
    r"(?i)\b(bags?|sacks?|sacs?|sacos|cases?|caisses?|crates?|cartons?|ctns?|boxes|containers?|cntrs?|palettes?|pallets?|cajas|ящик\w*|x\d+\s*(?:hc|dv|gp)|teu"
    r"|bottles|bouteilles|botellas|bo[iî]tes|drums|f[uû]ts|bidons)\b"
)


def _packaged(text: str) -> bool:
    return _PACKAGE_WORDS.search(text) is not None


_CAP_WORDS = words("cap caps ceiling limit quota plafond plafonds limite tope лимит")


def _attach_quantity(frame: Frame, loose: list[Chunk]) -> None:
    """ "refined petroleum … with more than one million barrels delivered": the quantity said
    apart from the goods is theirs, when one goods line has none (a cap is not a quantity)."""
    bare = [c for c in frame.goods if c.quantity is None or c.quantity.amount is None]
    if len(bare) != 1 or len(frame.goods) != 1:
        return
    found = [
        c.quantity for c in loose
        if c.quantity is not None and c.quantity.unit
        and not _CAP_WORDS & set(c.text.casefold().split())
    ]  # fmt: skip
    if found:
        bare[0].quantity = max(found, key=lambda q: q.amount or 0)


def _near_trade(frame: Frame, i: int, j: int) -> bool:
    """Goods stand within a few words of their trade word: before it ("North Korean coal was
    unloaded", "crude exports") or after it ("supplied drones to Russia")."""
    return any(m.i - 12 <= j and i <= m.j + 14 for m in frame.cues)


def _has_quantity(frame: Frame) -> bool:
    """Goods counted in units, weights, volumes or packages ("0 Par admin" is not)."""
    return any(
        c.quantity is not None and (c.quantity.unit or _packaged(c.quantity.text))
        for c in frame.goods
    )


def _content(words: list[str]) -> bool:
    """Some word other than articles, markers and fillers ("to a" names nothing)."""
    return any(
        w.isalpha() and len(w) > 1 and w not in FILLERS and w not in _MARKER_WORDS for w in words
    )


_MARKER_WORDS = words(
    "to a at in on for from by of via into with par pour vers en dans sur para por hacia"
)


def _category(words: list[str]) -> str | None:
    found = [CATEGORY_WORDS[w] for w in words if w in CATEGORY_WORDS]
    # two-word heads are written with "_" in the table ("air_force", "forces_armees")
    found += [
        CATEGORY_WORDS[k] for a, b in zip(words, words[1:]) if (k := f"{a}_{b}") in CATEGORY_WORDS
    ]
    for category in ("armed_group", "military", "police", "government", "bank", "company"):
        if category in found:
            return category
    return None


def _field_end(reading: Reading, start: int, cj: int) -> int:
    """A field's value runs to the next label (a clause already ends there), " / ", " | " or
    " — "."""
    for k in range(start + 1, cj):
        gap = reading.gap_before(k)
        if " / " in gap or " | " in gap or " — " in gap or " – " in gap:
            return k
    return cj


def _passive(reading: Reading, frame: Frame, verb: Mark) -> bool:
    """A verb of supply in the passive, its agent named: "fournis par la Corée du Nord" (by
    right after the verb), "has been given … by Vladimir Putin" (an auxiliary before it)."""
    ci, cj = frame.clause
    by = next((k for k in range(verb.j, cj) if reading.cue(k) == lx.BY), None)
    if by is None or not any(
        by < e.i <= by + 3 and (e.codes or e.kind in ("party", "actor")) for e in frame.entities
    ):
        return False
    if by - verb.j <= 1 or reading.tokens[verb.i].norm in _PASSIVE_AUX:  # "been given … by"
        return True
    return any(reading.tokens[k].norm in _PASSIVE_AUX for k in range(max(ci, verb.i - 2), verb.i))


_PASSIVE_AUX = words("been was were être été fut furent sido fue fueron был была было были")


def _value_end(reading: Reading, frame: Frame, m: Mark) -> int:
    """Where a field's value ends. A party's is its name and the places of its address: in
    "destinataire : Olam Rotterdam BV, 18 000 sacs de fèves de cacao" the goods that follow a
    comma are not the consignee's name ("Co., Ltd" goes on with the name)."""
    end = _field_end(reading, m.j, frame.clause[1])
    starts = {e.i: e.j for e in frame.entities if e.kind == "place"}
    if m.value in _ROUTE_LABELS and m.j in starts:
        # "POD Longkou  Cargo anthracite coal": a route field holds its place, and the place
        # of a country after it ("Nampo, DPRK", "Nampo (RPDC)")
        k = starts[m.j]
        while k < end and k in starts and any(p in reading.gap_before(k) for p in ",("):
            k = starts[k]
        return min(k, end)
    if m.value not in _PARTY_LABELS:
        return end
    k = m.j + 1
    while k < end:
        if any(p in reading.gap_before(k) for p in (",", ";", "  ")):
            if k in starts:  # "…, Nampho", "…, Pyongyang, DPRK": the address
                k = starts[k]
                continue
            if reading.tokens[k].norm not in ORG_WORDS:
                return k
        k += 1
    return end


def _best(ents: list[Entity], role: str) -> Entity | None:
    found = [e for e in ents if e.role == role and e.codes]
    if not found:
        return None
    best = max(e.strength for e in found)
    top = [e for e in found if e.strength == best]
    return top[-1] if role == "destination" else top[0]


def _ref(reading: Reading, e: Entity | None) -> CountryRef | None:
    if e is None or not e.codes:
        return None
    span = reading.span(e.i, e.j)
    text = reading.text[span[0] : span[1]]
    return CountryRef(e.codes[0], Evidence(text, span, e.how or e.kind), tuple(e.codes[1:]))


def _token_at(reading: Reading, char: int) -> int:
    k = bisect.bisect_right(reading.ends, char)
    return min(k, len(reading.tokens) - 1)


def _link(reading: Reading, frames: list[Frame]) -> list[Frame]:
    """Give goods to frames that refer back to them, repeat denied claims, and fold frames
    without goods (a field, "buyer in Karachi") into the goods frame next to them."""
    out: list[Frame] = []
    last_goods: Frame | None = None
    for frame in frames:
        if not frame.goods and frame.anaphor and frame.status != "asserted" and last_goods:
            copy = Frame(frame.clause, frame.sentence, set(last_goods.kinds))
            copy.chunks = list(last_goods.goods)
            copy.entities = [e for e in last_goods.entities]
            copy.status, copy.status_cue = frame.status, frame.status_cue
            copy.copied_from = reading.text[
                reading.tokens[last_goods.clause[0]].start : reading.tokens[
                    last_goods.clause[1] - 1
                ].end
            ][:80]
            out.append(copy)
            continue
        if not frame.goods and frame.reference and last_goods is not None:
            frame.chunks = frame.chunks + list(last_goods.goods)
            frame.goods_from = reading.text[last_goods.goods[0].start : last_goods.goods[0].end]
            if not any(e.role == "origin" for e in frame.entities):
                frame.entities += [e for e in last_goods.entities if e.role == "origin"]
        elif (
            frame.goods
            and (frame.reference or _refers_back(reading, frame))
            and last_goods is not None
            and frame.sentence - last_goods.sentence <= 1
            and not any(e.role == "origin" for e in frame.entities)
        ):
            # "… loading containers at Rajin; the cargo is artillery ammunition bound for
            # Dunay": the cargo named again is the one loaded, from where it was loaded
            frame.entities += [e for e in last_goods.entities if e.role == "origin"]
        if frame.goods:
            last_goods = frame
        out.append(frame)
    # fold frames without goods into a neighbour in the same paragraph
    paragraphs = _paragraphs(reading)
    result: list[Frame] = []
    pending: list[Frame] = []
    document = any(m.kind == LABEL for m in reading.marks)
    for frame in out:
        target = next((f for f in reversed(result) if paragraphs(f) == paragraphs(frame)), None)
        if (
            frame.goods
            and document
            and target is not None
            and not pending
            and not frame.cues
            and not any(
                e.kind != "place" or e.role not in (None, "unresolved") for e in frame.entities
            )
            and any(
                e.role in ("origin", "destination") or e.kind == "party" for e in target.entities
            )
            and frame.status == target.status
        ):
            # a document's later line naming goods and nothing else ("Note: sampling shows
            # charcoal") is about the same shipment
            target.chunks = target.chunks + [c for c in frame.chunks if c.goods]
            target.merged.append(frame)
            continue
        if frame.goods:
            for p in pending:
                if paragraphs(p) == paragraphs(frame) and _compatible(frame, p):
                    _merge(frame, p)
            pending = [p for p in pending if p not in frame.merged]
            result.append(frame)
        else:
            target = next((f for f in reversed(result) if paragraphs(f) == paragraphs(frame)), None)
            if (
                target is not None
                and _compatible(target, frame)
                and not _next_goods_same_sentence(out, frame)
            ):
                _merge(target, frame)
            else:
                pending.append(frame)
    return result


_STS = re.compile(
    r"(?i)\b(?:ship[- ]to[- ]ship|STS|transbordement en mer|transbordement de navire à navire|"
    r"transfert de navire à navire|tran?sbord[oó] en alta mar|"
    r"transfiri[oó] en alta mar|transferred at sea|transfer at sea|transfert en mer|"
    r"transbordement de nuit|en transbordement|transbordo nocturno|en transbordo|trasvase nocturno|"
    r"de buque a buque|перевалк\w* (?:с судна на судно|в море)|перегрузк\w* в море|"
    # the act described rather than named: a vessel alongside another, hoses connected, cargo
    # passed across or offloaded at sea, "bord à bord", "à couple", "бортом к борту"
    r"(?:offloaded|discharged|pumped|passed|lightered|transshipped|transhipped) at sea|"
    r"hoses? (?:connected|conected|rigged)|bord à bord|amarrés? à couple|"
    r"(?:déchargée?s?|transférée?s?|transbordée?s?) en mer|(?:descargad[oa]s?|trasvasad[oa]s?|"
    r"descarg[oó]|trasvas[oó]) en alta mar|abarload[oa]s?|бортом к борту|"
    r"принял\w*(?: \S+){0,5} с (?:т/х|судна|танкера)|перекачал\w*(?: \S+){0,6} на (?:\S+ )?(?:т/х|судн|танкер))"
)
_FLAGGED = words("flagged flag registered")


def _transfer_flags(
    reading: Reading,
    ents: list[Entity],
    flag: Entity | None,
    vessel: tuple[str, tuple[int, int]] | None,
) -> tuple[CountryRef, ...]:
    """The flags of the vessels of a ship-to-ship transfer: a flag that is not the route
    vessel's own, the receiving vessel's flag read as the destination, and any vessel's flag
    the text names elsewhere ("alongside a DPRK-flagged tanker" in a clause of its own,
    "procedente de un buque norcoreano")."""
    found: dict[str, CountryRef] = {}
    for e in ents:
        other = e.role == "flag" and (e is not flag or vessel is None)
        if e.codes and (other or "receiving vessel" in e.how):
            ref = _ref(reading, e)
            if ref is not None:
                found.setdefault(ref.code, ref)
    own = set(flag.codes) if flag is not None else set()
    for m in reading.marks:
        if (m.kind == PLACE and "|" not in m.value and m.value not in own
                and m.value not in found and _names_a_flag(reading, m)):  # fmt: skip
            span = reading.span(m.i, m.j + 1)
            found[m.value] = CountryRef(
                m.value, Evidence(reading.text[span[0] : span[1]], span, "a vessel's flag")
            )
    return tuple(found.values())


def _names_a_flag(reading: Reading, m: Mark) -> bool:
    """ "a DPRK-flagged tanker", "un buque norcoreano", "North Korean vessel": the place is a
    vessel's flag."""
    after = reading.tokens[m.j].norm if m.j < len(reading.tokens) else ""
    before = reading.tokens[m.i - 1].norm if m.i > 0 else ""
    demonym = m.place is not None and m.place.kind == "demonym"
    return after in _FLAGGED or demonym and (after in _VESSEL_WORDS or before in _VESSEL_WORDS)


_GROUP_WORDS = words(
    "group rebels militia militiamen fighters movement groupe rebelles milice miliciens "
    "mouvement grupo rebeldes milicia группировка боевики повстанцы"
)
_CREW = words("crew crewmen sailors seafarers equipage marins tripulacion tripulantes экипаж")
_REAL = words("real actual true réelle reelle véritable veritable verdadero")
_DEFINITE = words("the this that these those la le les ce cette ces el los las este esta")


_CONTAINER_RX = re.compile(r"[A-Z]{3}[UJZ]\d{6,7}")


def _container_number(reading: Reading, k: int) -> bool:
    """An ISO 6346 container number, written whole ("MSKU7781204") or as owner code and
    serial ("MSKU 7781204"): an identifier, not goods."""
    toks = reading.tokens
    text = toks[k].text
    if _CONTAINER_RX.fullmatch(text):
        return True
    if len(text) == 4 and text.isupper() and text[3] in "UJZ" and k + 1 < len(toks):
        return toks[k + 1].text.isdigit() and len(toks[k + 1].text) in (6, 7)
    return False


def _after_load(frame: Frame, verb: Mark, mark: Mark) -> bool:
    """The marker follows the loading verb, or its goods only ("loaded coal at")."""
    if mark.i - verb.j <= 1:
        return True
    goods = [c for c in frame.chunks if c.goods]
    return all(any(c.i <= k < c.j for c in goods) for k in range(verb.j, mark.i))


def _refers_back(reading: Reading, frame: Frame) -> bool:
    """The clause names a cargo already spoken of: "the cargo", "cette cargaison"."""
    toks = reading.tokens
    ci, cj = frame.clause
    return any(
        toks[k].norm in _CARGO_WORDS and toks[k - 1].norm in _DEFINITE for k in range(ci + 1, cj)
    )


def _next_goods_same_sentence(frames: list[Frame], frame: Frame) -> bool:
    after = frames[frames.index(frame) + 1 :]
    return any(f.goods and f.sentence == frame.sentence for f in after)


def _paragraphs(reading: Reading) -> Callable[[Frame], int]:
    starts = [0]
    for m in re.finditer(r"\n\s*\n", reading.text):
        starts.append(m.end())

    def of(frame: Frame) -> int:
        char = reading.tokens[frame.clause[0]].start
        return sum(1 for s in starts if s <= char)

    return of


def _compatible(target: Frame, other: Frame) -> bool:
    if other.status != target.status and "denied" in (other.status, target.status):
        return False
    for role in ("origin",):
        a = _best(target.entities, role)
        b = _best(other.entities, role)
        if (
            a
            and b
            and set(a.codes) != set(b.codes)
            and min(a.strength, b.strength) >= 3
            and max(a.strength, b.strength) < 5  # "provenance réelle" corrects the other one
            and not _made_in_over_port(a, b)
        ):
            return False
    return True


def _made_in_over_port(a: Entity, b: Entity) -> bool:
    """One origin is a country the goods were made in, the other the port or town they were
    shipped from: one shipment ("from Dandong …; label check shows made in DPRK")."""
    made, port = (a, b) if a.strength > b.strength else (b, a)
    return made.strength >= 4 and made.place_kind == "country" and port.place_kind in (
        "port", "city")  # fmt: skip


def _merge(target: Frame, other: Frame) -> None:
    target.entities = target.entities + other.entities
    target.labels = target.labels + other.labels
    target.kinds |= other.kinds
    target.merged.append(other)
    if other.vessel and not target.vessel:
        target.vessel = other.vessel
    if other.status == "hedged" and target.status == "asserted":
        pass
