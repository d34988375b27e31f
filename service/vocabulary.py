"""The closed vocabularies of the contract, defined once for the transaction parser, the rule
parser and the API schemas alike (ARCHITECTURE §3.1, §3.2)."""

from __future__ import annotations

# Decision outcomes, most severe first, and their order for "the most severe wins".
OUTCOMES = ("prohibited", "conditional", "review", "clear")
SEVERITY = {"clear": 0, "review": 1, "conditional": 2, "prohibited": 3}

TRANSACTION_TYPES = ("goods", "service", "financial", "vessel_service", "employment")
ROLES = (
    "seller", "exporter", "buyer", "importer", "consignee", "end_user", "intermediary", "broker",
    "carrier", "vessel_owner", "bank", "beneficiary", "payer",
)  # fmt: skip
PARTY_TYPES = ("person", "organization", "vessel", "aircraft")
PARTY_CATEGORIES = (
    "government", "military", "police", "armed_group", "company", "ngo", "un_agency", "bank",
    "individual",
)  # fmt: skip
PURPOSES = ("humanitarian", "livelihood", "un_mission", "diplomatic", "civil_aviation", "media")

# What satisfies a conditional finding; a transaction's authorization of the same type does.
CONDITION_TYPES = (
    "committee_approval",  # prior approval of the sanctions Committee, case by case
    "council_approval",  # prior approval of the Security Council itself (e.g. 2231 Annex B)
    "committee_notification",  # notification to the Committee (with or without a no-objection period)
    "within_cap",  # within an aggregate cap, reported to the Committee
    "state_authorization",  # authorised by a named government (e.g. Lebanon, UNIFIL)
    "humanitarian_exemption",  # a humanitarian exemption granted by the Committee
    "prior_contract",  # a contract concluded before the measure, within its grace period
)

# Where a party's country puts the transaction: recipients' countries are destinations, sellers'
# and exporters' countries are origins.
TO_ROLES = frozenset({"consignee", "end_user", "buyer", "importer"})
FROM_ROLES = frozenset({"seller", "exporter"})

# API key roles, each allowed what the lower ones are.
KEY_ROLES = ("screener", "officer", "approver", "admin")

# The kinds of measure a listing can carry: a list entry designated for only some of its
# regime's measures (the Houthis under 2624 (2022): the arms embargo of 2216 op. 14 only; a
# 1718 Committee vessel: a port-entry ban and de-flagging) names them, and a rule says which
# one it implements (``implements:``), so that a match meets only the rules of its measures.
MEASURE_KINDS = (
    "arms_embargo", "asset_freeze", "travel_ban", "port_entry_ban", "deregistration",
    "no_loading_transport_discharge",
)  # fmt: skip
