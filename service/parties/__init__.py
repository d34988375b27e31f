"""Sanctioned parties: the UN Consolidated List parsed, diffed and screened by name.

Pure library: no web, queue or database code, no environment variables; every setting is an
argument. Typical use::

    from service.parties import Matcher, load_default_list

    matcher = Matcher(load_default_list())
    for hit in matcher.match("Ri Won-ho", date_of_birth="1964-07-17"):
        print(hit.to_dict())
"""

from .diff import ListDiff, diff_lists
from .errors import ListError, PartiesError
from .matcher import DEFAULT_REVIEW_THRESHOLD, DEFAULT_THRESHOLD, Matcher
from .model import Address, ConsolidatedList, DateOfBirth, Document, ListEntry, ListName
from .normalize import NormalizedName, normalize_name
from .parser import load_default_list, parse_list
from .result import PartyMatch

__all__ = [
    "DEFAULT_REVIEW_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "Address",
    "ConsolidatedList",
    "DateOfBirth",
    "Document",
    "ListDiff",
    "ListEntry",
    "ListError",
    "ListName",
    "Matcher",
    "NormalizedName",
    "PartiesError",
    "PartyMatch",
    "diff_lists",
    "load_default_list",
    "normalize_name",
    "parse_list",
]
