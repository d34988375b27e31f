"""Blocking index over list names: exact tokens, phonetic keys, one-edit neighbours, prefixes.

Built once per list. A query looks up only the vocabulary tokens that resemble its own tokens
and the names that hold them; rare tokens are counted first and common ones are then only
checked against those candidates, so no query scans every name.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence

from .phonetic import phonetic_key
from .similarity import token_similarity

Postings = set[int] | tuple[int, ...]

MIN_TOKEN_SIM = 0.62  # vocabulary tokens below this similarity are not followed
POSTINGS_BUDGET = 4000  # postings counted one by one before switching to membership checks
SET_THRESHOLD = 24  # postings longer than this are stored as sets for fast membership


def lookup_keys(token: str) -> list[str]:
    """Keys under which a vocabulary token is filed and by which a query token finds it."""
    key = phonetic_key(token)
    keys = ["=" + token, "#" + key]
    if len(key) >= 3:
        keys += ["~" + key[:i] + key[i + 1 :] for i in range(len(key))]
    if len(token) >= 4:
        keys.append("^" + token[:4])
    return keys


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
                concat[left + right].append(nid)
        self.size = count
        self.vocab = vocab
        self.tokens = list(vocab)
        self.postings = [set(p) if len(p) > SET_THRESHOLD else tuple(p) for p in postings]
        self.concat = {k: tuple(v) for k, v in concat.items()}
        self.idf = [math.log(1 + count / len(p)) for p in postings]
        self.keys = self._fuzzy_keys()

    def _fuzzy_keys(self) -> dict[str, tuple[int, ...]]:
        """Fuzzy key -> vocabulary token ids (the vocabulary is small next to the names)."""
        keys: dict[str, list[int]] = defaultdict(list)
        for tok, tid in self.vocab.items():
            for key in lookup_keys(tok):
                keys[key].append(tid)
        return {k: tuple(v) for k, v in keys.items()}

    def similar_tokens(self, token: str) -> list[tuple[int, float]]:
        """Vocabulary tokens resembling ``token`` with their similarity, best first."""
        found: set[int] = set()
        for key in lookup_keys(token):
            found.update(self.keys.get(key, ()))
        scored = [(tid, token_similarity(token, self.tokens[tid])[0]) for tid in found]
        return sorted((s for s in scored if s[1] >= MIN_TOKEN_SIM), key=lambda s: -s[1])

    def candidates(self, tokens: Sequence[str], limit: int) -> list[int]:
        """Up to ``limit`` name ids sharing the most (idf-weighted) similar tokens with the query."""
        groups = [g for g in (self._group(t) for t in tokens if len(t) > 1) if g]
        for left, right in zip(tokens, tokens[1:]):
            joined = self._group(left + right, min_sim=0.85)
            if joined:
                groups.append(joined)
        if not groups:
            return []
        groups.sort(key=_group_size)
        acc = self._seed(groups)
        spent = sum(_group_size(g) for g in groups[:1])
        for group in groups[1:]:
            spent += _group_size(group)
            if spent <= POSTINGS_BUDGET:
                _count(acc, group)
            else:
                _check(acc, group)
        return [nid for nid, _ in heapq.nlargest(limit, acc.items(), key=lambda kv: kv[1])]

    def _group(self, token: str, min_sim: float = MIN_TOKEN_SIM) -> list[tuple[Postings, float]]:
        """Postings and weights (similarity x idf) of the vocabulary tokens like ``token``.

        Also the names where ``token`` is two adjacent list tokens written together.
        """
        out: list[tuple[Postings, float]] = [
            (self.postings[tid], sim * self.idf[tid])
            for tid, sim in self.similar_tokens(token)[:12]
        ]
        joined = self.concat.get(token)
        if joined:
            out.append((joined, 2.0 * math.log(1 + self.size / len(joined))))
        return out

    def _seed(self, groups: list[list[tuple[Postings, float]]]) -> dict[int, float]:
        """Initial candidates from the rarest group; two common groups are intersected."""
        first = groups[0]
        if _group_size(first) <= POSTINGS_BUDGET or len(groups) == 1:
            acc: dict[int, float] = {}
            _count(acc, first, cap=POSTINGS_BUDGET)
            return acc
        left = max(first, key=lambda pw: pw[1])
        right = max(groups[1], key=lambda pw: pw[1])
        both = set(left[0]).intersection(right[0])
        acc = dict.fromkeys(both, 0.0)
        _check(acc, first)
        return acc


def _group_size(group: list[tuple[Postings, float]]) -> int:
    return sum(len(p) for p, _ in group)


def _count(acc: dict[int, float], group: list[tuple[Postings, float]], cap: int = 0) -> None:
    """Add the group's weight to every name it posts (at most ``cap`` names when set)."""
    seen = 0
    for postings, weight in group:
        for nid in postings:
            acc[nid] = acc.get(nid, 0.0) + weight
            seen += 1
            if cap and seen >= cap:
                return


def _check(acc: dict[int, float], group: list[tuple[Postings, float]]) -> None:
    """Add the group's weight to the candidates already found that it posts."""
    for nid in acc:
        for postings, weight in group:
            if nid in postings:
                acc[nid] += weight
                break
