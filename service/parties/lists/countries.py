"""Country names as sanctions lists write them (flags of vessels mostly) -> ISO 3166-1 alpha-2.

Only what the readers need to set ``ListEntry.vessel_flag``: the flag states that appear on
the OFAC, EU, UK and UN lists and their usual spellings. A name not found here maps to '' and
the reader keeps the list's own text in the entry's comments.
"""

from __future__ import annotations

import re

_NAMES: dict[str, tuple[str, ...]] = {
    "AE": ("united arab emirates", "uae"),
    "AG": ("antigua and barbuda", "antigua & barbuda"),
    "AL": ("albania",),
    "AZ": ("azerbaijan",),
    "BB": ("barbados",),
    "BD": ("bangladesh",),
    "BG": ("bulgaria",),
    "BH": ("bahrain",),
    "BO": ("bolivia",),
    "BS": ("bahamas", "the bahamas"),
    "BY": ("belarus",),
    "BZ": ("belize",),
    "CK": ("cook islands",),
    "CM": ("cameroon",),
    "CN": ("china", "people's republic of china"),
    "CU": ("cuba",),
    "CW": ("curacao", "curaçao"),
    "CY": ("cyprus",),
    "DJ": ("djibouti",),
    "DM": ("dominica",),
    "EG": ("egypt",),
    "ER": ("eritrea",),
    "GA": ("gabon",),
    "GE": ("georgia",),
    "GH": ("ghana",),
    "GM": ("gambia", "the gambia"),
    "GN": ("guinea",),
    "GQ": ("equatorial guinea",),
    "GR": ("greece",),
    "GW": ("guinea-bissau", "guinea bissau"),
    "GY": ("guyana",),
    "HK": ("hong kong", "hong kong, china"),
    "HN": ("honduras",),
    "ID": ("indonesia",),
    "IN": ("india",),
    "IQ": ("iraq",),
    "IR": ("iran", "iran (islamic republic of)", "islamic republic of iran"),
    "JM": ("jamaica",),
    "KH": ("cambodia",),
    "KI": ("kiribati",),
    "KM": ("comoros", "union of the comoros"),
    "KN": ("saint kitts and nevis", "st kitts and nevis", "st. kitts and nevis", "st kitts-nevis"),
    "KP": (
        "north korea",
        "korea, north",
        "democratic people's republic of korea",
        "korea (democratic people's republic of)",
        "dprk",
    ),
    "KR": ("south korea", "korea, south", "republic of korea"),
    "KZ": ("kazakhstan",),
    "LB": ("lebanon",),
    "LK": ("sri lanka",),
    "LR": ("liberia",),
    "LY": ("libya",),
    "MD": ("moldova", "republic of moldova"),
    "MH": ("marshall islands",),
    "MN": ("mongolia",),
    "MT": ("malta",),
    "MU": ("mauritius",),
    "MV": ("maldives",),
    "MY": ("malaysia",),
    "NG": ("nigeria",),
    "NI": ("nicaragua",),
    "NL": ("netherlands",),
    "NO": ("norway",),
    "PA": ("panama",),
    "PH": ("philippines",),
    "PK": ("pakistan",),
    "PW": ("palau",),
    "QA": ("qatar",),
    "RU": ("russia", "russian federation"),
    "SA": ("saudi arabia",),
    "SC": ("seychelles",),
    "SG": ("singapore",),
    "SL": ("sierra leone",),
    "SN": ("senegal",),
    "SO": ("somalia",),
    "ST": ("sao tome and principe", "são tomé and príncipe"),
    "SY": ("syria", "syrian arab republic"),
    "SZ": ("eswatini", "swaziland"),
    "TG": ("togo",),
    "TH": ("thailand",),
    "TR": ("turkey", "türkiye", "turkiye"),
    "TT": ("trinidad and tobago",),
    "TV": ("tuvalu",),
    "TZ": ("tanzania", "united republic of tanzania", "tanzania, united republic of"),
    "UA": ("ukraine",),
    "US": ("united states", "united states of america", "usa"),
    "VC": (
        "saint vincent and the grenadines",
        "st vincent and the grenadines",
        "st. vincent and the grenadines",
    ),
    "VE": ("venezuela",),
    "VN": ("vietnam", "viet nam"),
    "VU": ("vanuatu",),
    "YE": ("yemen",),
}

_KEY = re.compile(r"[^a-z&' -]+")
_BY_NAME = {_KEY.sub("", n.lower()).strip(): code for code, names in _NAMES.items() for n in names}


def iso2(name: str) -> str:
    """The ISO alpha-2 code of a country name as lists write it, or '' when unknown.

    >>> iso2("St Kitts and Nevis"), iso2("PANAMA"), iso2("Unknown")
    ('KN', 'PA', '')
    """
    value = " ".join(name.split())
    if len(value) == 2 and value.upper() in _NAMES:
        return value.upper()
    return _BY_NAME.get(_KEY.sub("", value.lower()).strip(), "")
