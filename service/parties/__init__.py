"""Sanctioned parties: sanctions lists read, diffed and screened by name.

Pure library: no web, queue or database code, no environment variables; every setting is an
argument. Typical use::

    from service.parties import Matcher, load_bundled_un

    matcher = Matcher(load_bundled_un().with_regimes({"DPRK": "DPRK"}))
    for hit in matcher.match("Ri Won-ho", date_of_birth="1964-07-17"):
        print(hit.to_dict())
"""

from .diff import ListDiff, diff_lists
from .errors import ListError, PartiesError
from .lists import load_bundled_un, read_list, read_un
from .matcher import DEFAULT_REVIEW_THRESHOLD, DEFAULT_THRESHOLD, Matcher
from .model import Address, DateOfBirth, Document, ListEntry, ListName, ListSnapshot
from .normalize import NormalizedName, normalize_name
from .result import PartyMatch

__all__ = [
    "DEFAULT_REVIEW_THRESHOLD",
    "DEFAULT_THRESHOLD",
    "Address",
    "ListSnapshot",
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
    "load_bundled_un",
    "normalize_name",
    "read_list",
    "read_un",
]
