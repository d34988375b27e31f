"""A word trie over the taxonomy's phrases, so a description is matched in one pass.

Each node maps a word to the next node; prefix words (``снаряд*``) hang off a node as
(stem, node) pairs, indexed by their first three letters at the root. Matching walks from every
token position, trying the token's plural variants.
"""

from __future__ import annotations

from collections import defaultdict

from service.goods.taxonomy import Term


class Node:
    __slots__ = ("next", "stems", "terms")

    def __init__(self) -> None:
        self.next: dict[str, Node] = {}
        self.stems: list[tuple[str, Node]] = []
        self.terms: list[Term] = []


class Trie:
    def __init__(self, terms: list[Term]) -> None:
        self.root = Node()
        self._root_stems: dict[str, list[tuple[str, Node]]] = defaultdict(list)
        for term in terms:
            self._add(term)

    def _add(self, term: Term) -> None:
        node = self.root
        for depth, word in enumerate(term.words):
            if word.endswith("*"):
                stem = word[:-1]
                pairs = self._root_stems[stem[:3]] if depth == 0 else node.stems
                child = next((n for s, n in pairs if s == stem), None)
                if child is None:
                    child = Node()
                    pairs.append((stem, child))
                node = child
            else:
                node = node.next.setdefault(word, Node())
        # the same phrase in several languages (fr/es "diesel") is one hit, unbound if any of
        # them is; exclusions and context words stay apart
        for i, t in enumerate(node.terms):
            if t.category == term.category and t.role == term.role:
                if t.bound and not term.bound:
                    node.terms[i] = term
                return
        node.terms.append(term)

    def matches(self, forms: list[tuple[str, ...]]) -> list[tuple[Term, int, int]]:
        """(term, start, end) for every phrase found; forms[i] are token i's variants."""
        hits: list[tuple[Term, int, int]] = []
        root_next = self.root.next
        for start, variants in enumerate(forms):
            for v in variants:
                child = root_next.get(v)
                if child is None:
                    continue
                for term in child.terms:  # one-word terms, the most common, without recursion
                    hits.append((term, start, start + 1))
                if child.next or child.stems:
                    self._walk(child, forms, start + 1, start, hits, skip_terms=True)
            for stem, child in self._root_stems.get(variants[0][:3], ()):
                if variants[0].startswith(stem):
                    self._walk(child, forms, start + 1, start, hits)
        return hits

    def _walk(
        self, node: Node, forms: list[tuple[str, ...]], j: int, start: int,
        hits: list[tuple[Term, int, int]], skip_terms: bool = False,
    ) -> None:  # fmt: skip
        if not skip_terms:
            for term in node.terms:
                hits.append((term, start, j))
        if j >= len(forms):
            return
        for v in forms[j]:
            child = node.next.get(v)
            if child is not None:
                self._walk(child, forms, j + 1, start, hits)
        for stem, child in node.stems:
            if forms[j][0].startswith(stem):
                self._walk(child, forms, j + 1, start, hits)
