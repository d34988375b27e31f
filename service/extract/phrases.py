"""A phrase index over folded words: the longest phrase starting at a token, in one walk.

Words ending in ``*`` are prefixes (stems of three letters or more). Where phrases of the same
length meet, one without wildcards wins, then the first one added.
"""

from __future__ import annotations

from service.extract.text import fold


class _Node:
    __slots__ = ("next", "stems", "value", "exact")

    def __init__(self) -> None:
        self.next: dict[str, _Node] = {}
        self.stems: list[tuple[str, _Node]] = []
        self.value: str | None = None
        self.exact = False


class PhraseIndex:
    """Maps phrases of folded words to a value (a cue kind, a label, a role)."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        self.root = _Node()
        for phrase, value in entries:
            self.add(phrase, value)
        # stems at the root, by their first three letters: a word meets only its own
        self._root_stems: dict[str, list[tuple[str, _Node]]] = {}
        for stem, node in self.root.stems:
            self._root_stems.setdefault(stem[:3], []).append((stem, node))

    def starts(self, words: list[str]) -> list[bool]:
        """For each word, may a phrase start there? (Most words start none: one pass of set
        lookups spares a call per word.)"""
        first, stems = self.root.next, self._root_stems
        return [w in first or w[:3] in stems for w in words]

    def match_all(self, words: list[str]) -> list[tuple[int, str, bool] | None]:
        """:meth:`match` at every word."""
        match = self.match
        return [match(words, k) if ok else None for k, ok in enumerate(self.starts(words))]

    def add(self, phrase: str, value: str) -> None:
        node = self.root
        exact = True
        for raw in phrase.split():
            if raw.endswith("*") and len(raw) > 3:
                stem = fold(raw[:-1])
                exact = False
                child = next((n for s, n in node.stems if s == stem), None)
                if child is None:
                    child = _Node()
                    node.stems.append((stem, child))
                node = child
            else:
                for word in fold(raw).split():
                    node = node.next.setdefault(word, _Node())
        if node.value is None or (exact and not node.exact):
            node.value = value
            node.exact = exact

    def match(self, words: list[str], start: int) -> tuple[int, str, bool] | None:
        """(end, value, exact) of the longest phrase at ``start``, or None."""
        word = words[start]
        if word not in self.root.next and word[:3] not in self._root_stems:
            return None  # most words start no phrase
        best: tuple[int, str, bool] | None = None
        stack = [(self.root, start, True)]
        while stack:
            node, i, exact = stack.pop()
            if node.value is not None and i > start:
                cand = (i, node.value, exact and node.exact)
                if best is None or (cand[0], cand[2]) > (best[0], best[2]):
                    best = cand
            if i >= len(words):
                continue
            word = words[i]
            child = node.next.get(word)
            if child is not None:
                stack.append((child, i + 1, exact))
            stems = self._root_stems.get(word[:3], ()) if node is self.root else node.stems
            for stem, stem_child in stems:
                if word.startswith(stem):
                    stack.append((stem_child, i + 1, False))
        return best
