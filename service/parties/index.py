"""Blocking index over list names: exact tokens, phonetic keys, one-edit neighbours, prefixes.

Built once per list. A query looks up only the vocabulary tokens that resemble its own tokens
and the names that hold them; rare tokens are counted first and common ones are then only
checked against those candidates, so no query scans every name.

Storage is compact so that a list of a million names fits in a few hundred MiB: postings
(token -> names, and two adjacent tokens written together -> names) are int32 arrays with
offsets; the fuzzy keys (key -> vocabulary tokens) are 64-bit hashes of the key strings,
sorted, next to the token ids, and looked up by binary search. The few hundred candidates
found by counting are summed in dicts; the thousands that an intersection of two common
tokens can seed are summed in arrays. Names are met, weights added and ties broken exactly as
in the dict-and-set index this replaced (including the order in which CPython iterates the
sets it held): tests/unit/parties/test_index_arrays.py compares the two.
"""

from __future__ import annotations

import heapq
import math
import re
import threading
from array import array
from collections.abc import Iterable, Sequence

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import Indel

from .phonetic import phonetic_key
from .similarity import arabic_skeleton, by_consonants, ocr_fold, token_similarity

MIN_TOKEN_SIM = 0.62  # vocabulary tokens below this similarity are not followed
POSTINGS_BUDGET = 1500
NEIGHBOURS = 40  # one-edit vocabulary neighbours scored in full per query token
MAX_RAW_DELETIONS = 14  # tokens up to this length are also filed by their one-letter deletions
MAX_JOINED = 16  # adjacent list tokens are also filed written together up to this length
SIMILAR_CACHE = 100_000  # query tokens whose similar vocabulary is remembered
SET_THRESHOLD = 24  # postings longer than this were held as sets (see _Postings)
_EMPTY = np.zeros(0, dtype=np.int32)
_VOWELS = re.compile(r"[aeiouy]")


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
        keys.append("&" + skeleton)  # met only by tokens read from Arabic script
    return keys


def query_keys(token: str) -> tuple[list[str], list[str]]:
    """Keys a query token looks up: near-exact ones, and one-edit neighbours."""
    key = phonetic_key(token)
    exact = ["=" + token, "%" + ocr_fold(token), "#" + key, "^" + token]
    if len(key) >= 3 and not _VOWELS.search(token):
        exact.append("~" + key)  # "shtn" for "ashtiani": the listed key without its first vowel
    near = [p + d for d in _deletions(key) for p in "#~"] if len(key) >= 4 else []
    if 3 <= len(token) <= MAX_RAW_DELETIONS:
        near += ["-" + token] + ["-" + d for d in _deletions(token)]
    return exact, near


class _Postings:
    """Id -> name ids, as int32 arrays and offsets (compressed sparse rows).

    ``sorted`` lists each id's names in name order. With ``sets``, ``order`` lists them as a
    Python set of them iterates, and ``copy`` as a copy of that set iterates, for ids with more
    than SET_THRESHOLD names (the dict-based index this replaced held those as sets, and the
    order in which it met names is kept, so ties are broken the same way).
    """

    __slots__ = ("sorted", "order", "copy", "starts")

    def __init__(self, keys: array, names: array | np.ndarray, count: int, sets: bool) -> None:
        k = np.frombuffer(keys, dtype=np.int32)
        by_key = np.argsort(k, kind="stable")  # name order kept within each id
        self.sorted = np.frombuffer(names, dtype=np.int32)[by_key]
        self.starts = np.zeros(count + 1, dtype=np.int64)
        np.cumsum(np.bincount(k, minlength=count), out=self.starts[1:])
        self.order = self.copy = self.sorted
        if sets:
            self.order, self.copy = self.sorted.copy(), self.sorted.copy()
            starts = self.starts.tolist()
            lengths = np.diff(self.starts)
            for key in np.flatnonzero(lengths > SET_THRESHOLD).tolist():
                a, b = starts[key], starts[key + 1]
                posted = set(self.sorted[a:b].tolist())
                self.order[a:b] = list(posted)
                self.copy[a:b] = list(set(posted))

    def item(self, key: int, weight: float) -> _Item:
        a, b = int(self.starts[key]), int(self.starts[key + 1])
        big = self.order is not self.sorted and b - a > SET_THRESHOLD
        return _Item(self.order[a:b], self.sorted[a:b], weight,
                     self.copy[a:b] if big else None)  # fmt: skip

    def length(self, key: int) -> int:
        return int(self.starts[key + 1] - self.starts[key])


class _Item:
    """One posting list met by a query token, with its weight: the names in the order they
    are met (``met``), in name order (``sorted``), and, for one held as a set, in the order a
    copy of the set is iterated (``copy``; None for a list)."""

    __slots__ = ("met", "sorted", "weight", "copy")

    def __init__(
        self, met: np.ndarray, srt: np.ndarray, weight: float, copy: np.ndarray | None
    ) -> None:
        self.met, self.sorted, self.weight, self.copy = met, srt, weight, copy

    def __len__(self) -> int:
        return len(self.met)


class _Scratch(threading.local):
    """Per thread, one slot per name: the weight and mask summed for the current query, and
    whether the name was met (all zero between queries)."""

    def __init__(self) -> None:
        self.acc = np.zeros(0)
        self.masks = np.zeros(0, dtype=np.int64)
        self.seen = np.zeros(0, dtype=bool)

    def ready(self, size: int) -> _Scratch:
        if len(self.seen) != size:
            self.acc = np.zeros(size)
            self.masks = np.zeros(size, dtype=np.int64)
            self.seen = np.zeros(size, dtype=bool)
        return self


class NameIndex:
    """Token -> names postings plus a fuzzy key -> vocabulary map."""

    def __init__(self, names: Iterable[Sequence[str]]) -> None:
        vocab: dict[str, int] = {}
        joined: dict[str, int] = {}
        pair_tok, per_name = array("i"), array("i")  # token ids, name after name; their count
        join_key, join_name = array("i"), array("i")  # (joined id, name id), one per adjacent pair
        add_token, add_joined = vocab.setdefault, joined.setdefault
        count = 0
        for nid, tokens in enumerate(names):
            count += 1
            distinct = set(tokens)  # ids are given in this order, as the dict index gave them
            pair_tok.extend([add_token(tok, len(vocab)) for tok in distinct])
            per_name.append(len(distinct))
            for left, right in zip(tokens, tokens[1:]):
                if len(left) + len(right) <= MAX_JOINED:
                    join_key.append(add_joined(left + right, len(joined)))
                    join_name.append(nid)
        pair_name = np.repeat(np.arange(count, dtype=np.int32), np.frombuffer(per_name, np.int32))
        del per_name
        self.size = count
        self.vocab = vocab
        self.tokens = list(vocab)
        self._lengths = np.fromiter(map(len, self.tokens), dtype=np.int32, count=len(vocab))
        self.postings = _Postings(pair_tok, pair_name, len(vocab), sets=True)
        del pair_tok, pair_name
        self.joined = joined
        self.concat = _Postings(join_key, join_name, len(joined), sets=False)
        del join_key, join_name
        lengths = np.diff(self.postings.starts).tolist()
        self.idf = array("d", (math.log(1 + count / n) for n in lengths))
        self._key_hashes, self._key_tokens = self._fuzzy_keys()
        self._similar: dict[str, list[tuple[int, float, str]]] = {}
        self._tables: dict[str, dict[str, tuple[float, str]]] = {}
        self._scratch = _Scratch()

    def _fuzzy_keys(self) -> tuple[np.ndarray, np.ndarray]:
        """Fuzzy key hashes, sorted, and the vocabulary token filed under each (in token order
        within a key). The vocabulary is small next to the names, but its keys are many: as
        hashes they take 12 bytes a key instead of a dict entry, a string and a tuple."""
        hashes, owners = array("q"), array("i")
        for tid, tok in enumerate(self.tokens):
            keys = file_keys(tok)
            hashes.extend(map(hash, keys))
            owners.extend([tid] * len(keys))
        h = np.frombuffer(hashes, dtype=np.int64)
        order = np.argsort(h, kind="stable")
        return h[order], np.frombuffer(owners, dtype=np.int32)[order]

    def _filed(self, keys: list[str]) -> list[int]:
        """Token ids filed under the keys, key after key, in token order within a key (a
        key's hash standing for it)."""
        h = np.fromiter(map(hash, keys), dtype=np.int64, count=len(keys))
        lo = self._key_hashes.searchsorted(h, "left")
        lengths = self._key_hashes.searchsorted(h, "right") - lo
        total = int(lengths.sum())
        if not total:
            return []
        ends = np.cumsum(lengths)
        at = np.repeat(lo - (ends - lengths), lengths) + np.arange(total)
        return self._key_tokens[at].tolist()

    def similar_tokens(self, token: str, arabic: bool = False) -> list[tuple[int, float, str]]:
        """Vocabulary tokens resembling ``token`` with their similarity, best first (cached).
        ``arabic``: the token was read from Arabic script (see :func:`arabic_skeleton`)."""
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
        edit similarity, computed in bulk, is among the best. A token read from Arabic script
        also meets the vocabulary with its consonants (:func:`by_consonants`)."""
        exact_keys, near_keys = query_keys(token)
        skeleton = arabic_skeleton(token) if arabic else ""
        if len(skeleton) >= 3:
            exact_keys = [*exact_keys, "&" + skeleton]
        exact = set(self._filed(exact_keys))
        near = set(self._filed(near_keys))
        size, tokens = len(token), self.tokens
        others = near - exact
        pool_ids = np.fromiter(others, dtype=np.int32, count=len(others))
        lengths = self._lengths[pool_ids]
        pool = pool_ids[(0.6 * size <= lengths) & (lengths <= size / 0.6)].tolist()
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
        with the query; bit ``i`` of the mask is set when query token ``i`` met the name.

        Candidates found by counting (at most POSTINGS_BUDGET postings) are few and summed in
        dicts; those seeded by intersecting two common tokens may be many thousands and are
        summed in arrays. Both meet names, add weights and break ties the same way."""
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
        first = groups[0]
        if first.size > POSTINGS_BUDGET and len(groups) > 1:
            return self._intersected(groups, limit)
        acc: dict[int, float] = {}
        masks: dict[int, int] = {}
        _count(first, acc, masks, cap=POSTINGS_BUDGET)
        spent = first.size
        for group in groups[1:]:
            spent += group.size
            if spent <= POSTINGS_BUDGET:
                _count(group, acc, masks)
            else:
                _check(group, acc, masks)
        best = heapq.nlargest(limit, acc.items(), key=lambda kv: kv[1])
        return [(nid, masks[nid]) for nid, _ in best]

    def _intersected(self, groups: list[_Group], limit: int) -> list[tuple[int, int]]:
        """Candidates seeded by the names holding both the rarest group's and the next
        group's weightiest token, in arrays; the groups then add to those only."""
        left = max(groups[0].items, key=lambda it: it.weight)
        right = max(groups[1].items, key=lambda it: it.weight)
        cands = _Candidates(self._scratch.ready(self.size), _intersect(left, right))
        try:
            for group in groups:
                cands.check(group)
            ids = cands.ids
            acc, masks = cands.scratch.acc[ids], cands.scratch.masks[ids]
        finally:
            cands.release()
        if len(ids) > limit > 0:
            cut = np.partition(acc, len(acc) - limit)[len(acc) - limit]
            top = np.flatnonzero(acc >= cut)  # every tie at the cut, in the order met
            top = top[np.argsort(-acc[top], kind="stable")[:limit]]
        else:
            top = np.argsort(-acc, kind="stable")[: max(limit, 0)]
        return list(zip(ids[top].tolist(), masks[top].tolist()))

    def _items(
        self, token: str, min_sim: float = MIN_TOKEN_SIM, arabic: bool = False
    ) -> list[_Item]:
        """Postings and weights (similarity x idf) of the vocabulary tokens like ``token``.

        Also the names where ``token`` is two adjacent list tokens written together.
        """
        postings, idf = self.postings, self.idf
        out = [
            postings.item(tid, sim * idf[tid])
            for tid, sim, _ in self.similar_tokens(token, arabic)[:12]
            if sim >= min_sim
        ]
        jid = self.joined.get(token)
        if jid is not None:
            weight = 2.0 * math.log(1 + self.size / self.concat.length(jid))
            out.append(self.concat.item(jid, weight))
        return out

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the key hashes (another process hashes strings differently) and
        without the per-thread scratch; both are made again on unpickling."""
        return {k: getattr(self, k) for k in _STATE}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            setattr(self, key, value)
        self._key_hashes, self._key_tokens = self._fuzzy_keys()
        self._similar, self._tables = {}, {}
        self._scratch = _Scratch()


_STATE = ("size", "vocab", "tokens", "_lengths", "postings", "joined", "concat", "idf")


def _intersect(left: _Item, right: _Item) -> np.ndarray:
    """The names in both, in the order ``set(left).intersection(right)`` iterates them.

    That is how the dict-based index seeded its candidates, and the order breaks ties among
    them. CPython's set intersection walks the smaller set (or ``right`` when it is a list)
    and adds the names found in the other to a new set; the same walk is made here with arrays
    and only the names found are put in a set, to be iterated as that one was.
    """
    if right.copy is not None and len(right) > len(np.unique(left.sorted)):
        walk, other = (left.copy if left.copy is not None else _set_order(left.sorted)), right
    else:
        walk, other = right.met, left
    found = walk[_within(walk, other.sorted)]
    return np.array(list(set(found.tolist())), dtype=np.int32) if len(found) else _EMPTY


def _set_order(ids: np.ndarray) -> np.ndarray:
    """``ids`` as a set of them iterates."""
    return np.array(list(set(ids.tolist())), dtype=np.int32)


def _within(ids: np.ndarray, sorted_ids: np.ndarray) -> np.ndarray:
    """Boolean mask: which of ``ids`` are in ``sorted_ids``."""
    if not len(sorted_ids):
        return np.zeros(len(ids), dtype=bool)
    spot = np.searchsorted(sorted_ids, ids)
    spot[spot == len(sorted_ids)] = 0
    return sorted_ids[spot] == ids


class _Group:
    """The postings met by one query token (or two written together), with its mask bit(s)."""

    __slots__ = ("mask", "items", "size")

    def __init__(self, mask: int, items: list[_Item]) -> None:
        self.mask = mask
        self.items = items
        self.size = sum(len(it) for it in items)


def _count(group: _Group, acc: dict[int, float], masks: dict[int, int], cap: int = 0) -> None:
    """Add the weight to every name posted (the first ``cap`` postings when set)."""
    mask = group.mask
    left = cap or group.size
    for item in group.items:
        if left <= 0:
            return
        met = item.met if len(item) <= left else item.met[:left]
        left -= len(met)
        weight = item.weight
        for nid in met.tolist():
            acc[nid] = acc.get(nid, 0.0) + weight
            masks[nid] = masks.get(nid, 0) | mask


def _check(group: _Group, acc: dict[int, float], masks: dict[int, int]) -> None:
    """Add the weight, once per group, to the candidates already found that are posted.

    Walks the postings when they are fewer than the candidates, else looks the candidates up
    in the sorted postings, so a common token costs no more than the candidates it can touch.
    """
    mask = group.mask
    ids = None
    for item in group.items:
        if len(item) < len(acc):
            hits = [nid for nid in item.met.tolist() if nid in acc]
        else:
            if ids is None:
                ids = np.fromiter(acc, dtype=np.int32, count=len(acc))
            hits = ids[_within(ids, item.sorted)].tolist()
        weight = item.weight
        for nid in hits:
            if not masks[nid] & mask:
                acc[nid] += weight
                masks[nid] |= mask


class _Candidates:
    """Names seeded by an intersection, in the order met; their weights and masks are summed
    in the thread's scratch slots, which :meth:`release` sets back to zero."""

    __slots__ = ("scratch", "ids")

    def __init__(self, scratch: _Scratch, ids: np.ndarray) -> None:
        self.scratch = scratch
        self.ids = ids
        scratch.seen[ids] = True

    def check(self, group: _Group) -> None:
        """Add the weight, once per group, to the candidates that are posted."""
        acc, masks, seen = self.scratch.acc, self.scratch.masks, self.scratch.seen
        mask, ids = group.mask, self.ids
        if not len(ids):
            return
        for item in group.items:
            if len(item) < len(ids):
                hits = item.met[seen[item.met]]
            else:
                hits = ids[_within(ids, item.sorted)]
            hits = hits[(masks[hits] & mask) == 0]
            if item.copy is None and len(hits) > 1:  # a joined posting may hold a name twice
                hits = np.unique(hits)
            acc[hits] += item.weight
            masks[hits] |= mask

    def release(self) -> None:
        self.scratch.acc[self.ids] = 0.0
        self.scratch.masks[self.ids] = 0
        self.scratch.seen[self.ids] = False
