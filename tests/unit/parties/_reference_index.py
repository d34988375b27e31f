"""Blocking index over list names: exact tokens, phonetic keys, one-edit neighbours, prefixes.

Built once per list. A query looks up only the vocabulary tokens that resemble its own tokens
and the names that hold them; rare tokens are counted first and common ones are then only
checked against those candidates, so no query scans every name.
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import process
from rapidfuzz.distance import Indel

from service.parties.phonetic import phonetic_key
from service.parties.similarity import (
    arabic_skeleton,
    by_consonants,
    ocr_fold,
    token_similarity,
)

Postings = set[int] | tuple[int, ...]

MIN_TOKEN_SIM = 0.62  # vocabulary tokens below this similarity are not followed
POSTINGS_BUDGET = 1500
NEIGHBOURS = 40  # one-edit vocabulary neighbours scored in full per query token
MAX_RAW_DELETIONS = 14  # tokens up to this length are also filed by their one-letter deletions
MAX_JOINED = 16  # adjacent list tokens are also filed written together up to this length
SIMILAR_CACHE = 100_000  # query tokens whose similar vocabulary is remembered
SET_THRESHOLD = 24  # postings longer than this are stored as sets for fast membership


def _deletions(text: str) -> list[str]:
    return [text[:i] + text[i + 1 :] for i in range(len(text))]


def file_keys(token: str) -> list[str]:
    """Keys under which a vocabulary token is filed.

    The token, its OCR-folded form, its phonetic key, the token cut by two letters
    (truncation), and every one-letter deletion of the key and of the token: a
    symmetric-deletion index, so words one edit apart (typos, respellings, adjacent
    transpositions) share a key.
    """
    key = phonetic_key(token)
    keys = ["=" + token, "%" + ocr_fold(token), "#" + key]
    if len(key) >= 4:
        keys += ["~" + d for d in _deletions(key)]
    if 3 <= len(token) <= MAX_RAW_DELETIONS:
        keys += ["-" + token] + ["-" + d for d in _deletions(token)]
    if len(token) >= 6:
        keys.append("^" + token[:-2])
    skeleton = arabic_skeleton(token)
    if len(skeleton) >= 3:
        keys.append("&" + skeleton)  # as the array index (2026-12-04)
    return keys


def query_keys(token: str) -> tuple[list[str], list[str]]:
    """Keys a query token looks up: near-exact ones, and one-edit neighbours."""
    key = phonetic_key(token)
    exact = ["=" + token, "%" + ocr_fold(token), "#" + key, "^" + token]
    if len(key) >= 3 and not re.search(r"[aeiouy]", token):  # as the array index (2026-12-03)
        exact.append("~" + key)
    near = [p + d for d in _deletions(key) for p in "#~"] if len(key) >= 4 else []
    if 3 <= len(token) <= MAX_RAW_DELETIONS:
        near += ["-" + token] + ["-" + d for d in _deletions(token)]
    return exact, near


class NameIndex:
    """Token -> names postings plus a fuzzy key -> vocabulary map."""

    def __init__(self, names: Iterable[Sequence[str]]) -> None:
        vocab: dict[str, int] = {}
        postings: list[list[int]] = []
        concat: dict[str, list[int]] = defaultdict(list)
        count = 0
        for nid, tokens in enumerate(names):
            count += 1
            for tok in set(tokens):
                tid = vocab.setdefault(tok, len(vocab))
                if tid == len(postings):
                    postings.append([])
                postings[tid].append(nid)
            for left, right in zip(tokens, tokens[1:]):
                if len(left) + len(right) <= MAX_JOINED:
                    concat[left + right].append(nid)
        self.size = count
        self.vocab = vocab
        self.tokens = list(vocab)
        self.postings = [set(p) if len(p) > SET_THRESHOLD else tuple(p) for p in postings]
        del postings
        self.concat = {k: tuple(v) for k, v in concat.items()}
        del concat
        self.idf = [math.log(1 + count / len(p)) for p in self.postings]
        self.keys = self._fuzzy_keys()
        self._similar: dict[str, list[tuple[int, float, str]]] = {}
        self._tables: dict[str, dict[str, tuple[float, str]]] = {}

    def _fuzzy_keys(self) -> dict[str, tuple[int, ...]]:
        """Fuzzy key -> vocabulary token ids (the vocabulary is small next to the names)."""
        keys: dict[str, list[int]] = defaultdict(list)
        for tok, tid in self.vocab.items():
            for key in file_keys(tok):
                keys[key].append(tid)
        return {k: tuple(v) for k, v in keys.items()}

    def similar_tokens(self, token: str, arabic: bool = False) -> list[tuple[int, float, str]]:
        """Vocabulary tokens resembling ``token`` with their similarity, best first (cached)."""
        key = "&" + token if arabic else token
        cached = self._similar.get(key)  # list of (token id, similarity, how they met)
        if cached is None:
            cached = self._similar_uncached(token, arabic)
            if len(self._similar) > SIMILAR_CACHE:
                self._similar.clear()
            self._similar[key] = cached
        return cached

    def similar_table(self, token: str, arabic: bool = False) -> dict[str, tuple[float, str]]:
        """The same as a dict: vocabulary token -> (similarity, how) (cached)."""
        key = "&" + token if arabic else token
        table = self._tables.get(key)
        if table is None:
            tokens = self.tokens
            found = self.similar_tokens(token, arabic)
            table = {tokens[tid]: (sim, how) for tid, sim, how in found}
            if len(self._tables) > SIMILAR_CACHE:
                self._tables.clear()
            self._tables[key] = table
        return table

    def _similar_uncached(self, token: str, arabic: bool = False) -> list[tuple[int, float, str]]:
        """Score the vocabulary met through the keys: near-exact keys (token, OCR fold,
        phonetic key, truncation) always; one-deletion neighbours only when their plain
        edit similarity, computed in bulk, is among the best."""
        exact: set[int] = set()
        near: set[int] = set()
        exact_keys, near_keys = query_keys(token)
        skeleton = arabic_skeleton(token) if arabic else ""
        if len(skeleton) >= 3:
            exact_keys = [*exact_keys, "&" + skeleton]
        for k in exact_keys:
            exact.update(self.keys.get(k, ()))
        for k in near_keys:
            near.update(self.keys.get(k, ()))
        size, tokens = len(token), self.tokens
        pool = [t for t in near - exact if 0.6 * size <= len(tokens[t]) <= size / 0.6]
        best = process.extract(token, [tokens[t] for t in pool], scorer=Indel.normalized_similarity,
                               score_cutoff=0.5, limit=NEIGHBOURS)  # fmt: skip
        chosen = exact | {pool[i] for _, _, i in best}
        scored = [(tid, *token_similarity(token, tokens[tid])) for tid in chosen]
        if len(skeleton) >= 3:
            # the same consonants: as good as ARABIC_SKELETON_SIM, the closer spellings first
            raw = {tid: sim for tid, sim, _ in scored}
            scored = [
                (tid, *by_consonants((sim, how), skeleton, tokens[tid])) for tid, sim, how in scored
            ]
            kept = [s for s in scored if s[1] >= MIN_TOKEN_SIM]
            return sorted(kept, key=lambda s: (-s[1], -raw[s[0]]))
        return sorted((s for s in scored if s[1] >= MIN_TOKEN_SIM), key=lambda s: -s[1])

    def candidates(
        self, tokens: Sequence[str], limit: int, arabic: bool = False
    ) -> list[tuple[int, int]]:
        """Up to ``limit`` (name id, mask) pairs sharing the most idf-weighted similar tokens
        with the query; bit ``i`` of the mask is set when query token ``i`` met the name."""
        groups = [
            _Group(1 << i, items)
            for i, t in enumerate(tokens)
            if len(t) > 1 and (items := self._items(t, arabic=arabic))
        ]
        for i, (left, right) in enumerate(zip(tokens, tokens[1:])):
            items = self._items(left + right, min_sim=0.85)
            if items:
                groups.append(_Group(3 << i, items))
        if not groups:
            return []
        groups.sort(key=lambda g: g.size)
        acc, masks = self._seed(groups)
        spent = groups[0].size
        for group in groups[1:]:
            spent += group.size
            if spent <= POSTINGS_BUDGET:
                group.count(acc, masks)
            else:
                group.check(acc, masks)
        best = heapq.nlargest(limit, acc.items(), key=lambda kv: kv[1])
        return [(nid, masks[nid]) for nid, _ in best]

    def _items(
        self, token: str, min_sim: float = MIN_TOKEN_SIM, arabic: bool = False
    ) -> list[tuple[Postings, float]]:
        """Postings and weights (similarity x idf) of the vocabulary tokens like ``token``.

        Also the names where ``token`` is two adjacent list tokens written together.
        """
        out: list[tuple[Postings, float]] = [
            (self.postings[tid], sim * self.idf[tid])
            for tid, sim, _ in self.similar_tokens(token, arabic)[:12]
            if sim >= min_sim
        ]
        joined = self.concat.get(token)
        if joined:
            out.append((joined, 2.0 * math.log(1 + self.size / len(joined))))
        return out

    def _seed(self, groups: list[_Group]) -> tuple[dict[int, float], dict[int, int]]:
        """Initial candidates from the rarest group; two common groups are intersected."""
        first = groups[0]
        acc: dict[int, float] = {}
        masks: dict[int, int] = {}
        if first.size <= POSTINGS_BUDGET or len(groups) == 1:
            first.count(acc, masks, cap=POSTINGS_BUDGET)
            return acc, masks
        left = max(first.items, key=lambda pw: pw[1])
        right = max(groups[1].items, key=lambda pw: pw[1])
        both = set(left[0]).intersection(right[0])
        acc = dict.fromkeys(both, 0.0)
        masks = dict.fromkeys(both, 0)
        first.check(acc, masks)
        return acc, masks


class _Group:
    """The postings met by one query token (or two written together), with its mask bit(s)."""

    __slots__ = ("mask", "items", "size")

    def __init__(self, mask: int, items: list[tuple[Postings, float]]) -> None:
        self.mask = mask
        self.items = items
        self.size = sum(len(p) for p, _ in items)

    def count(self, acc: dict[int, float], masks: dict[int, int], cap: int = 0) -> None:
        """Add the weight to every name posted (at most ``cap`` names when set)."""
        seen = 0
        mask = self.mask
        for postings, weight in self.items:
            for nid in postings:
                acc[nid] = acc.get(nid, 0.0) + weight
                masks[nid] = masks.get(nid, 0) | mask
                seen += 1
                if cap and seen >= cap:
                    return

    def check(self, acc: dict[int, float], masks: dict[int, int]) -> None:
        """Add the weight to the candidates already found that are posted.

        Walks whichever is shorter, the postings or the candidates, so a common token costs
        no more than the candidates it can touch.
        """
        mask = self.mask
        for postings, weight in self.items:
            if len(postings) < len(acc):
                hits = [nid for nid in postings if nid in acc]
            else:
                hits = [nid for nid in acc if nid in postings]
            for nid in hits:
                if not masks[nid] & mask:
                    acc[nid] += weight
                    masks[nid] |= mask
