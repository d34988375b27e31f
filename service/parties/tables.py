"""Word lists and character tables used by name normalisation.

Kept as data so that adding a honorific or legal form is a one-word change.
"""

from __future__ import annotations

# Titles and honorifics: describe a person, do not identify one.
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "doctor",
        "prof",
        "professor",
        "sir",
        "madam",
        "dame",
        "lord",
        "lady",
        "rev",
        "reverend",
        "sheikh",
        "shaykh",
        "sheik",
        "shaikh",
        "cheikh",
        "haji",
        "hajji",
        "hadji",
        "alhaji",
        "hajj",
        "mullah",
        "mulla",
        "molla",
        "maulavi",
        "maulvi",
        "mawlawi",
        "moulavi",
        "maulana",
        "mawlana",
        "mufti",
        "imam",
        "qari",
        "hafiz",
        "sayed",
        "syed",
        "sayyed",
        "general",
        "gen",
        "lieutenant",
        "lt",
        "colonel",
        "col",
        "major",
        "maj",
        "captain",
        "capt",
        "commander",
        "cmdr",
        "brigadier",
        "admiral",
        "adm",
        "marshal",
        "sergeant",
        "sgt",
        "corporal",
        "cpl",
        "president",
        "minister",
        "ambassador",
    ]
)

# Legal-form words of companies: present or absent in the same name depending on the source.
LEGAL_FORMS = frozenset(
    [
        "ltd",
        "limited",
        "co",
        "corp",
        "corporation",
        "company",
        "companies",
        "llc",
        "gmbh",
        "sa",
        "jsc",
        "ojsc",
        "cjsc",
        "pjsc",
        "zao",
        "oao",
        "ooo",
        "pao",
        "plc",
        "inc",
        "incorporated",
        "ag",
        "bv",
        "nv",
        "srl",
        "spa",
        "sarl",
        "sas",
        "sal",
        "llp",
        "lp",
        "kg",
        "pte",
        "pty",
        "pvt",
        "private",
        "fze",
        "fzco",
        "fzc",
        "est",
        "establishment",
        "ent",
        "enterprise",
        "enterprises",
    ]
)

# Long words whose misspellings are dropped too ("Compny", "Corporaton", "Shiekh").
LONG_LEGAL_FORMS = sorted(w for w in LEGAL_FORMS if len(w) >= 6)
LONG_HONORIFICS = sorted(w for w in HONORIFICS if len(w) >= 6)

# Function words dropped for matching.
STOPWORDS = frozenset(["the", "of", "and", "for"])

# Name particles that are present or absent for the same person ("Al Shabab", "bin Laden").
PARTICLES = frozenset(
    [
        "al",
        "el",
        "ul",
        "ad",
        "ar",
        "as",
        "at",
        "az",
        "ash",
        "bin",
        "ibn",
        "bint",
        "binti",
        "ben",
        "bte",
    ]
)

# Words joining a given name to the father's ("Salman bin Muhammad": Salman, son of Muhammad).
PATRONYMIC_MARKERS = frozenset(
    ["bin", "ibn", "ben", "bint", "binti", "bte", "ould", "walad", "wuld"]
)

# Spellings of "abd"/"abu" prefixes and of the "abd al" compound.
ABD_FORMS = ("abdul", "abdel", "abdal", "abdoul", "abdol", "abdou", "abdur", "abdor", "abdil")
ABDULLAH_FORMS = frozenset(
    [
        "abdullah",
        "abdulla",
        "abdallah",
        "abdalla",
        "abdellah",
        "abdella",
        "abdollah",
        "abdolla",
        "abdullahi",
    ]
)
ALLAH_FORMS = frozenset(["allah", "alla", "ullah", "ulla", "llah", "lah"])
ABU_FORMS = frozenset({"abou", "abo", "abu", "aboo"})

# Cyrillic and Greek letters that look like Latin ones (used only inside Latin text).
HOMOGLYPHS = str.maketrans(
    {
        **dict(
            zip("АВЕКМНОРСТУХІЈЅаеорсхуіјѕԁԛԝӏк", "ABEKMHOPCTYXIJSaeopcxyijsdqwlk", strict=True)
        ),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοιινρτυχκ", "ABEZHIKMNOPTYXaoiivptuxk", strict=True)),
    }
)
HOMOGLYPH_CHARS = frozenset("АВЕКМНОРСТУХІЈЅаеорсхуіјѕԁԛԝӏкΑΒΕΖΗΙΚΜΝΟΡΤΥΧαοιινρτυχκ")

# Digits that OCR reads for letters, applied only inside tokens that also hold letters.
OCR_DIGITS = str.maketrans({"0": "o", "1": "l", "5": "s", "8": "b", "3": "e", "4": "a", "7": "t"})
