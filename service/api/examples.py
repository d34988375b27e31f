"""Examples shown in the OpenAPI document (the seed transaction of ARCHITECTURE §3.1)."""

from __future__ import annotations

from typing import Any

# Kept identical to tests/fixtures/seed.json (a test checks it).
SEED_TRANSACTION: dict[str, Any] = {
    "reference": "PO-2022-0917",
    "date": "2022-09-22",
    "type": "goods",
    "description": "optional free text describing the whole transaction",
    "parties": [
        {
            "role": "seller",
            "name": "Korea Mining Development Trading Corporation",
            "type": "organization",
            "country": "KP",
            "category": "company",
        },
        {
            "role": "buyer",
            "name": "Ministry of Defence of the Russian Federation",
            "type": "organization",
            "country": "RU",
            "category": "military",
        },
    ],
    "goods": [
        {
            "description": "152 mm artillery shells",
            "hs_code": "930690",
            "quantity": 1000000,
            "unit": "pieces",
            "value": {"amount": 0, "currency": "USD"},
        }
    ],
    "route": {
        "origin": "KP",
        "destination": "RU",
        "transit": [],
        "vessel": {"name": "ANGARA", "imo": "9179842", "flag": "RU"},
        "ship_to_ship": False,
    },
    "authorizations": [
        {"type": "committee_approval", "regime": "DPRK", "reference": "1718/EXEMPTION/2023/12"}
    ],
}
