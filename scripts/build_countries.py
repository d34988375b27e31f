"""Build service/data/countries.json: assigned ISO 3166-1 alpha-2 codes and country names.

Usage: python scripts/build_countries.py COUNTRYNAMES_DATA_YAML
(the ``data.yaml`` of the OpenSanctions ``countrynames`` package; Babel and pycountry come from
the development environment: ``pip install -e '.[dev]'``).

Sources, all maintained datasets (see service/data/PROVENANCE.md):
- pycountry: the assigned codes, official and common names, and the historic countries
  (withdrawn codes such as ZR Zaire, with their successors);
- Babel: the CLDR territory names in every locale Babel ships;
- countrynames: spelling variants and abbreviations (DPRK, "N. Korea").

A normalised name that stands for more than one country in these sources, or that people use
for several (``Korea``, ``Congo``, ``Guinea``), is ambiguous: the parser refuses it and lists the
candidates, rather than guessing (a guess is how DPRK shells came out ``clear``).
"""

import json
import sys
from collections import defaultdict
from pathlib import Path

import babel
import pycountry
import yaml
from babel.localedata import locale_identifiers

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from service.countries import normalize_name  # noqa: E402

# Codes ISO reserves exceptionally for a country that already has another code.
ALIASES = {"UK": "GB", "EL": "GR"}
# Withdrawn codes whose territory is now several countries (pycountry's alpha_4 ends in HH/XX).
SPLITS = {
    "CSHH": ["CZ", "SK"],
    "CSXX": ["ME", "RS"],
    "SUHH": [
        "AM",
        "AZ",
        "BY",
        "EE",
        "GE",
        "KG",
        "KZ",
        "LT",
        "LV",
        "MD",
        "RU",
        "TJ",
        "TM",
        "UA",
        "UZ",
    ],
    "YUCS": ["BA", "HR", "ME", "MK", "RS", "SI"],
    "ANHH": ["BQ", "CW", "SX"],
    "PCHH": ["FM", "MH", "MP", "PW"],
    "GEHH": ["KI", "TV"],
    "FQHH": ["AQ", "TF"],
    "NTHH": ["IQ", "SA"],
    "BYAA": ["BY"],
}
# Names in common use for several countries, whatever one dataset says.
AMBIGUOUS = {
    "korea": ["KP", "KR"],
    "corea": ["KP", "KR"],
    "coree": ["KP", "KR"],
    "korea republic": ["KP", "KR"],
    "congo": ["CD", "CG"],
    "republic of congo": ["CD", "CG"],
    "republic of the congo": ["CD", "CG"],
    "congo republic": ["CD", "CG"],
    "guinea": ["GN", "GQ", "GW", "PG"],
    "guinee": ["GN", "GQ", "GW", "PG"],
    "virgin islands": ["VG", "VI"],
    "saint martin": ["MF", "SX"],
    "st martin": ["MF", "SX"],
}


def successors(alpha_4: str, assigned: set[str]) -> list[str]:
    if alpha_4 in SPLITS:
        return SPLITS[alpha_4]
    tail = alpha_4[2:]
    return [tail] if tail in assigned else []


def main(src: str) -> None:
    assigned = {c.alpha_2 for c in pycountry.countries}
    names: dict[str, set[str]] = defaultdict(set)

    def add(name: str, code: str) -> None:
        key = normalize_name(name)
        if key and code in assigned:
            names[key].add(code)

    for c in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if getattr(c, attr, None):
                add(getattr(c, attr), c.alpha_2)
    retired: dict[str, list[str]] = {}
    for h in pycountry.historic_countries:
        after = successors(h.alpha_4, assigned)
        if h.alpha_2 not in assigned:
            retired.setdefault(h.alpha_2, [])
            retired[h.alpha_2] = sorted(set(retired[h.alpha_2]) | set(after))
        parts = [p.strip() for p in h.name.split(",")]
        for name in {h.name, *(p for p in parts if p and not p.endswith(" of"))}:
            for code in after:
                add(name, code)
    for ident in locale_identifiers():
        try:
            territories = babel.Locale.parse(ident).territories
        except (ValueError, babel.UnknownLocaleError):
            continue
        for code, name in territories.items():
            add(name, code)
    data = yaml.safe_load(Path(src).read_text(encoding="utf-8"))
    for code, values in data.items():
        if not (isinstance(code, str) and len(code) == 2 and code.isupper()):
            continue
        target = [code] if code in assigned else retired.get(code, [])
        for value in values or []:
            for t in target:
                add(str(value), t)
    for code in assigned:
        names.pop(code.lower(), None)  # "in", "no": two letters are codes, not names
    ambiguous = {k: sorted(v) for k, v in names.items() if len(v) > 1}
    for key, codes in AMBIGUOUS.items():
        if codes:
            ambiguous[key] = sorted(set(codes) | names.get(key, set()))
    unique = {k: next(iter(v)) for k, v in names.items() if len(v) == 1 and k not in ambiguous}
    out = Path(__file__).resolve().parents[1] / "service" / "data" / "countries.json"
    doc = {
        "codes": sorted(assigned),
        "aliases": ALIASES,
        "retired": {k: v for k, v in sorted(retired.items())},
        "titles": {c: babel.Locale("en").territories.get(c, c) for c in sorted(assigned)},
        "names": dict(sorted(unique.items())),
        "ambiguous": dict(sorted(ambiguous.items())),
        "sources": {
            "babel": babel.__version__,
            "pycountry": pycountry_version(),
            "countrynames": src.rsplit("/", 1)[-1],
        },
    }
    out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(assigned)} codes, {len(unique)} names, {len(ambiguous)} ambiguous -> {out}")


def pycountry_version() -> str:
    from importlib.metadata import version

    return version("pycountry")


if __name__ == "__main__":
    main(sys.argv[1])
