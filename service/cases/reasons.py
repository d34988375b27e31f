"""The reason codes officers give for their actions: a closed, documented taxonomy.

Each code says which actions may use it and which details it needs beside the free-text reason
(a false positive names the distinguishing evidence; an authorisation its reference and expiry).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReasonCode:
    code: str
    label: str
    actions: frozenset[str]
    description: str
    needs: tuple[str, ...] = ()  # details required: evidence, reference, expires


def _code(code: str, label: str, actions: str, description: str, *needs: str) -> ReasonCode:
    return ReasonCode(code, label, frozenset(actions.split()), description, needs)


REASONS: tuple[ReasonCode, ...] = (
    _code("false_positive", "False positive", "clear dismiss",
          "The party is not the listed entry: give the distinguishing evidence (date of birth, "
          "nationality, identifier, address).", "evidence"),
    _code("authorized", "Authorised", "clear",
          "A Committee, Council or State authorisation covers the transaction: give its "
          "reference and expiry date.", "reference", "expires"),
    _code("humanitarian_2664", "Humanitarian exemption (S/RES/2664 (2022))", "clear",
          "Humanitarian assistance carved out of the asset freezes by resolution 2664 (2022) "
          "op. 1."),
    _code("no_measure_applies", "No measure applies", "clear",
          "On review no UN measure applies (goods outside the measure, date outside its force, "
          "no listed party)."),
    _code("confirmed_match", "Confirmed list match", "block",
          "A party is the listed entry."),
    _code("prohibited_by_measure", "Prohibited by a measure", "block",
          "A measure in force prohibits the transaction and no exemption applies."),
    _code("insufficient_information", "Insufficient information", "block escalate",
          "The transaction cannot be assessed with what was provided."),
    _code("escalated_legal", "Escalated to legal", "escalate",
          "Referred to the legal department for an opinion."),
    _code("escalated_authority", "Referred to the competent authority", "escalate",
          "Reported or referred to the national competent authority."),
    _code("assigned", "Assigned for review", "assign", "Assigned to an officer for review."),
    _code("four_eyes_agreed", "Checked and agreed", "approve",
          "A second officer checked the decision and agrees."),
    _code("four_eyes_refused", "Not agreed", "reject",
          "A second officer does not agree with the requested action."),
    _code("new_information", "New information", "reopen",
          "New information requires another look."),
    _code("note", "Note", "comment", "A note for the file."),
)  # fmt: skip
BY_CODE = {r.code: r for r in REASONS}


def reasons_for(action: str) -> list[ReasonCode]:
    """The codes an action may use, in taxonomy order."""
    return [r for r in REASONS if action in r.actions]
