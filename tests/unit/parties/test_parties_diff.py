"""Diffing two list versions by reference on normalised content."""

from __future__ import annotations

from service.parties.diff import diff_lists
from service.parties.model import ListSnapshot


def test_diff_between_the_two_exports(un_old: ListSnapshot, un_new: ListSnapshot) -> None:
    diff = diff_lists(un_old, un_new)
    assert diff.added == (
        "QDi.437", "QDi.438", "QDi.439", "SDi.011", "SDi.012", "SDi.013", "SDi.014",
    )  # fmt: skip
    assert diff.removed == ("QDe.137",)
    assert len(diff.changed) == 30
    assert {"CDi.040", "KPi.043", "SDi.008", "TAe.010"} <= diff.changed.keys()
    assert sum(ref.startswith("TAi.") for ref in diff.changed) == 26
    assert diff.changed["SDi.008"] == ["comments"]


def test_new_export_elements_do_not_count_as_changes(un_new: ListSnapshot) -> None:
    assert diff_lists(un_new, un_new).is_empty
