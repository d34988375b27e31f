"""An entry's content hash changes with what a diff compares (names, identifiers, listing),
and not with the export details a diff ignores."""

from __future__ import annotations

import dataclasses
import datetime as dt

from service.parties.diff import content_hash
from service.parties.model import Document, ListEntry, ListName

ENTRY = ListEntry("KPi.021", "individual", "DPRK", "DPRK", "KIM JUNG JONG",
                  (ListName("KIM JUNG JONG", "primary", "primary"),), listed_on=dt.date(2016, 3, 2),
                  comments="Special Notice web link: https://old.example/notice")  # fmt: skip


def test_names_identifiers_and_listing_change_the_hash():
    base = content_hash(ENTRY)
    changes = [
        {"names": (*ENTRY.names, ListName("KIM CHONG CHONG", "alias", "good"))},
        {"documents": (Document("Passport", "563120630"),)},
        {"imo_numbers": ("9179842",)},
        {"listed_on": dt.date(2024, 1, 1)},  # re-listed
        {"dates_of_birth": ()} if ENTRY.dates_of_birth else {"nationalities": ("KP",)},
    ]
    hashes = {content_hash(dataclasses.replace(ENTRY, **c)) for c in changes}
    assert base not in hashes and len(hashes) == len(changes)


def test_export_details_do_not_change_the_hash():
    moved = dataclasses.replace(ENTRY, comments="Special Notice web link: https://new.example/x",
                                interpol_link="https://new.example/x", data_id="999")  # fmt: skip
    assert content_hash(moved) == content_hash(ENTRY)
