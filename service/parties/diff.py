"""Differences between two list versions, keyed by reference number on normalised content.

Newer exports add elements (HAS_INTERPOL_LINK, INTERPOL_LINK, DATE_OF_EXPIRY) that are not
compared, and rewrote the INTERPOL web-link URL in COMMENTS1; only whether a URL is there
counts, so that real amendments show and export changes do not.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .model import ListEntry, ListSnapshot

COMPARED_FIELDS = (
    "kind",
    "regime",
    "name",
    "names",
    "listed_on",
    "nationalities",
    "dates_of_birth",
    "documents",
    "addresses",
    "imo_numbers",
    "comments",
    "titles",
    "designations",
    "gender",
)
_INTERPOL_URL = re.compile(r"(Special Notice web link:)\s*https?://\S*", re.I)


@dataclass(frozen=True)
class ListDiff:
    """References added and removed, and for changed ones the names of the changed fields."""

    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: dict[str, list[str]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when the two lists hold the same content."""
        return not (self.added or self.removed or self.changed)


def diff_lists(old: ListSnapshot, new: ListSnapshot) -> ListDiff:
    """Compare two lists by reference number; fields are compared after normalisation."""
    before, after = old.by_reference(), new.by_reference()
    changed: dict[str, list[str]] = {}
    for ref in sorted(before.keys() & after.keys()):
        fields = changed_fields(before[ref], after[ref])
        if fields:
            changed[ref] = fields
    return ListDiff(
        added=tuple(sorted(after.keys() - before.keys())),
        removed=tuple(sorted(before.keys() - after.keys())),
        changed=changed,
    )


def changed_fields(old: ListEntry, new: ListEntry) -> list[str]:
    """Names of the compared fields whose normalised values differ."""
    return [f for f in COMPARED_FIELDS if _norm(f, getattr(old, f)) != _norm(f, getattr(new, f))]


def _norm(name: str, value: object) -> object:
    """Normalised form of one field: comments lose the INTERPOL link, collections lose order.

    Only the presence of an INTERPOL notice URL in COMMENTS1 counts: the URL itself changed
    wholesale in 2026, and the new INTERPOL_LINK element is not compared at all.
    """
    if name == "comments" and isinstance(value, str):
        return " ".join(_INTERPOL_URL.sub(r"\1 <url>", value).split())
    if isinstance(value, tuple):
        return sorted(repr(v) for v in value)
    return value


def content_hash(entry: ListEntry) -> str:
    """sha256 of an entry's compared fields, normalised as :func:`changed_fields` compares them.

    It changes whenever the entry would show as changed in a diff (a new alias, a new
    identifier, a new listing date): a false positive dismissed against one content of an entry
    is not dismissed against another.
    """
    parts = [f"{f}={_norm(f, getattr(entry, f))!r}" for f in COMPARED_FIELDS]
    text = "\x1f".join([entry.source, entry.reference, *parts])
    return hashlib.sha256(text.encode()).hexdigest()
