"""The flat CSV layout of a job: one transaction per row, a header row naming the columns.

Columns (case-insensitive, any order, all optional; at least goods or a description per row):

- ``reference``, ``date`` (YYYY-MM-DD), ``type``, ``description``, ``purposes`` (``;``-separated)
- per party role (``seller``, ``buyer``, ``end_user``, … every role of the contract):
  ``<role>_name``, ``<role>_country``, ``<role>_type``, ``<role>_category``
- goods lines: ``goods_description``, ``hs_code``, ``quantity``, ``unit``, ``value``,
  ``currency``, ``goods_origin`` — several lines in one cell separated by ``;`` (the n-th part
  of each column is line n), or numbered columns ``goods_description_1``, ``hs_code_1``, …
- route: ``origin``, ``destination``, ``transit`` (``;``-separated), ``vessel_name``,
  ``vessel_imo``, ``vessel_flag``, ``ship_to_ship`` (true/false), ``destination_region`` (ISO 3166-2)

A header with an unknown column refuses the whole body (a typo would silently drop evidence);
a row that does not fit (a number that is not one, more cells than headers) is an error item.
Values are otherwise passed as text to the transaction parser, which checks them.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import Any

from service.jobs.reader import Item, JobInputError
from service.vocabulary import ROLES

TOP = ("reference", "date", "type", "description")
PARTY_FIELDS = ("name", "country", "type", "category")
GOODS = {"goods_description": "description", "hs_code": "hs_code", "quantity": "quantity",
         "unit": "unit", "value": "value", "currency": "currency",
         "goods_origin": "origin"}  # fmt: skip
ROUTE = ("origin", "destination", "transit", "vessel_name", "vessel_imo", "vessel_flag",
         "ship_to_ship", "destination_region")  # fmt: skip
_NUMBERED = re.compile(r"^(?P<base>[a-z_]+?)_(?P<n>[1-9][0-9]?)$")
KNOWN = (
    frozenset(TOP)
    | {"purposes"}
    | set(GOODS)
    | set(ROUTE)
    | {f"{role}_{f}" for role in ROLES for f in PARTY_FIELDS}
)


def columns(header: list[str]) -> list[str]:
    """The header's column names, normalised; unknown names raise :class:`JobInputError`."""
    names = [h.strip().lower() for h in header]
    unknown = []
    for name in names:
        m = _NUMBERED.match(name)
        if name not in KNOWN and not (m and m["base"] in GOODS):
            unknown.append(name)
    if unknown:
        raise JobInputError(
            f"unknown CSV column(s) {', '.join(repr(u) for u in unknown[:5])}; "
            "the layout is documented in the README (section Jobs)",
            "header",
        )
    if len(set(names)) != len(names):
        raise JobInputError("a CSV column is named twice", "header")
    return names


def _number(text: str, column: str) -> float | int:
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"{column}: {text!r} is not a number") from None
    return (
        int(value) if value.is_integer() and "." not in text and "e" not in text.lower() else value
    )


class Layout:
    """What a header's columns mean, worked out once so that each row only visits the columns
    the header has (a body of a million rows, each read the same way)."""

    def __init__(self, names: list[str]) -> None:
        present = set(names)
        self.top = [k for k in TOP if k in present]
        self.purposes = "purposes" in present
        self.parties = [
            (role, [(f, f"{role}_{f}") for f in PARTY_FIELDS if f"{role}_{f}" in present])
            for role in ROLES
        ]
        self.parties = [(role, fields) for role, fields in self.parties if fields]
        self.goods: list[tuple[str, str, int | None]] = []  # column, goods field, fixed line
        for column in names:
            m = _NUMBERED.match(column)
            if m and m["base"] in GOODS:
                self.goods.append((column, GOODS[m["base"]], int(m["n"]) - 1))
            elif column in GOODS:
                self.goods.append((column, GOODS[column], None))
        self.route = [k for k in ("origin", "destination", "destination_region") if k in present]
        self.transit = "transit" in present
        self.vessel = [(k, k[7:]) for k in ("vessel_name", "vessel_imo", "vessel_flag")
                       if k in present]  # fmt: skip
        self.stst = "ship_to_ship" in present

    def transaction(self, row: dict[str, str]) -> dict[str, Any]:
        """One CSV row (column → cell) as a transaction in the contract's shape."""
        tx: dict[str, Any] = {}
        for k in self.top:
            cell = row.get(k, "").strip()
            if cell:
                tx[k] = cell
        if self.purposes and row.get("purposes", "").strip():
            tx["purposes"] = [p.strip() for p in row["purposes"].split(";") if p.strip()]
        parties = []
        for role, fields in self.parties:
            party = {}
            for f, column in fields:
                cell = row.get(column, "").strip()
                if cell:
                    party[f] = cell
            if party:
                parties.append({"role": role, **party})
        if parties:
            tx["parties"] = parties
        goods = self._goods(row)
        if goods:
            tx["goods"] = goods
        route: dict[str, Any] = {}
        for k in self.route:
            cell = row.get(k, "").strip()
            if cell:
                route[k] = cell
        if self.transit and row.get("transit", "").strip():
            route["transit"] = [t.strip() for t in row["transit"].split(";") if t.strip()]
        vessel = {}
        for column, field in self.vessel:
            cell = row.get(column, "").strip()
            if cell:
                vessel[field] = cell
        if vessel:
            route["vessel"] = vessel
        stst = row.get("ship_to_ship", "").strip().lower() if self.stst else ""
        if stst:
            if stst not in ("true", "false", "1", "0", "yes", "no"):
                raise ValueError(f"ship_to_ship: {stst!r} is not true or false")
            route["ship_to_ship"] = stst in ("true", "1", "yes")
        if route:
            tx["route"] = route
        return tx

    def _goods(self, row: dict[str, str]) -> list[dict[str, Any]]:
        lines: dict[int, dict[str, Any]] = {}
        for column, field, fixed in self.goods:
            cell = row.get(column, "")
            if not cell.strip():
                continue
            parts = [cell] if fixed is not None else cell.split(";")
            for i, part in enumerate(parts):
                n = fixed if fixed is not None else i
                part = part.strip()
                if part:
                    lines.setdefault(n, {})[field] = part
        out = []
        for n in sorted(lines):
            line = lines[n]
            for key in ("quantity", "value"):
                if key in line:
                    line[key] = _number(line[key], key)
            if "value" in line or "currency" in line:
                line["value"] = {
                    "amount": line.pop("value", None),
                    "currency": line.pop("currency", None),
                }
                line["value"] = {k: v for k, v in line["value"].items() if v is not None}
            out.append(line)
        return out


def transaction(row: dict[str, str]) -> dict[str, Any]:
    """One CSV row (column → cell) as a transaction in the contract's shape."""
    return Layout(list(row)).transaction(row)


def csv_items(lines: Iterator[str], max_item: int) -> Iterator[Item]:
    """Items from CSV lines: the first row is the header (:func:`columns`)."""
    csv.field_size_limit(max_item)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise JobInputError(f"the CSV header cannot be read: {exc}", "header") from None
    names = columns(header)
    layout = Layout(names)
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield None, f"row {reader.line_num}: {exc}"
            continue
        if not any(c.strip() for c in cells):
            continue
        if any(c.startswith("\x00") for c in cells):
            yield None, f"row {reader.line_num} is longer than {max_item} bytes"
        elif len(cells) > len(names):
            yield None, f"row {reader.line_num} has {len(cells)} cells for {len(names)} columns"
        else:
            try:
                yield layout.transaction(dict(zip(names, cells))), None
            except ValueError as exc:
                yield None, f"row {reader.line_num}: {exc}"
