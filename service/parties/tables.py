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

# Legal forms written without vowels ("Lmtd", "Crprtn", "Cmpny"), dropped like the words.
VOWELLESS_LEGAL_FORMS = frozenset(
    w[0] + "".join(ch for ch in w[1:] if ch not in "aeiou") for w in LEGAL_FORMS if len(w) >= 5
)

# Abbreviations of words in company names, with the words each stands for ("Intl." for
# "International", "Ind." for "Industry", "Industries" or "Industrial").
ABBREVIATIONS = {
    "intl": ("international",),
    "int": ("international",),
    "natl": ("national",),
    "nat": ("national",),
    "ind": ("industry", "industries", "industrial"),
    "inds": ("industries",),
    "indl": ("industrial",),
    "trdg": ("trading",),
    "trd": ("trading",),
    "mfg": ("manufacturing",),
    "tech": ("technology", "technologies", "technical"),
    "dev": ("development",),
    "devt": ("development",),
    "assn": ("association",),
    "assoc": ("association", "associates"),
    "bros": ("brothers",),
    "dept": ("department",),
    "govt": ("government",),
    "mgmt": ("management",),
    "svcs": ("services",),
    "svc": ("service", "services"),
    "eng": ("engineering",),
    "engg": ("engineering",),
    "grp": ("group",),
    "hldgs": ("holdings",),
    "hldg": ("holding",),
    "inv": ("investment", "investments"),
    "invt": ("investment",),
    "shpg": ("shipping",),
    "ship": ("shipping",),
    "mar": ("marine", "maritime"),
    "fdn": ("foundation",),
    "org": ("organization", "organisation"),
    "comm": ("commercial", "committee", "communications"),
    "jv": ("joint",),
    "rep": ("republic", "representative"),
    "univ": ("university",),
    "acad": ("academy",),
    "inst": ("institute",),
    "ctr": ("center", "centre"),
    "ctre": ("centre",),
    "mt": ("mount",),
    "st": ("saint", "street"),
}

# Words that tell otherwise equal names apart: two different words of one group never pair
# ("East Africa Province" is not "West Africa Province", "Oil Company" is not "Gas Company").
CONTRAST_GROUPS = (
    ("east", "west", "north", "south", "eastern", "western", "northern", "southern", "central",
     "northeast", "northwest", "southeast", "southwest"),
    ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"),
    ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    ("oil", "gas", "petroleum", "petrochemical", "coal", "water", "electric", "electricity"),
    ("islamic", "christian", "jewish", "buddhist"),
    ("upper", "lower"),
    ("import", "export"),
    ("bank", "leasing", "insurance", "exchange"),
    ("air", "sea", "land", "rail", "railway", "aviation"),
)  # fmt: skip
CONTRAST = {w: i for i, group in enumerate(CONTRAST_GROUPS) for w in group}

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
ABD_FORMS = (
    "abdul",
    "abdel",
    "abdal",
    "abdoul",
    "abdol",
    "abdou",
    "abdur",
    "abdor",
    "abdil",
    "abdl",
    "abdr",
)  # the last two without their vowels ("ABDLKDR", "ABDR RHMN")
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

# Words that say what kind of group a name is ("Houthi forces", "M23 rebels", "les milices
# Wagner"), and articles before them: the matcher also tries a query without them, against
# groups only
DESCRIPTORS = frozenset(
    """forces force rebels rebel militia militias militiamen fighters militants insurgents
    movement group groups the les des la le el los las rebelles rebelle combattants miliciens
    milice milices mouvement groupe groupes insurges rebeldes milicianos milicia milicias
    combatientes movimiento grupo боевики повстанцы группировка движение""".split()  # noqa: SIM905
)

# French and Spanish words of the names of listed bodies, in the English the list writes them
# ("Banque commerciale de Tanchon" for "Tanchon Commercial Bank"): a query is also tried with
# them translated and these languages' articles and prepositions left out. Written by hand from
# the listed names' own vocabulary; a word is here only when it has one English rendering.
TRANSLATIONS = {
    # fr
    "societe": "company", "compagnie": "company", "coreenne": "korea", "coreen": "korean",
    "coree": "korea", "nord": "north", "developpement": "development", "minier": "mining",
    "miniere": "mining", "commerciale": "commercial", "commercial": "commercial",
    "commerce": "trade", "exterieur": "foreign", "exterieure": "foreign", "banque": "bank",
    "generale": "general", "general": "general", "deuxieme": "second", "comite": "committee",
    "economique": "economic", "departement": "department", "industrie": "industry",
    "industries": "industries", "administration": "administration", "nationale": "national",
    "national": "national", "technologie": "technology", "aerospatiale": "aerospace",
    "spatiale": "space", "assurance": "insurance", "academie": "academy", "sciences": "sciences",
    "science": "science", "defense": "defense", "naturelles": "natural", "propagande": "propaganda",
    "commission": "commission", "militaire": "military", "centrale": "central", "parti": "party",
    "travail": "workers", "unie": "united", "uni": "united", "organisation": "organisation",
    "energie": "energy", "atomique": "atomic", "groupe": "group", "metallurgie": "metallurgy",
    "armement": "armament", "croisiere": "cruise", "autorite": "authority", "libyenne": "libyan",
    "libyen": "libyan", "investissement": "investment", "portefeuille": "portfolio",
    "afrique": "africa", "armee": "army", "fondation": "foundation",
    "internationale": "international", "bienfaisance": "benevolence", "reseau": "network",
    "etat": "state", "islamique": "islamic", "grand": "greater", "soutien": "support",
    "soldats": "soldiers", "califat": "caliphate", "navigation": "shipping",
    "maritime": "maritime", "gestion": "management", "oceanique": "ocean", "ocean": "ocean",
    "credit": "credit", "construction": "construction", "quartier": "headquarters",
    "bureau": "bureau", "usine": "factory", "entreprise": "enterprise", "centre": "center",
    "recherche": "research", "ministere": "ministry", "securite": "security",
    "populaire": "people", "armees": "armed", "forces": "forces", "corps": "corps",
    "gardiens": "guards", "revolution": "revolution", "islamiques": "islamic",
    # es
    "sociedad": "company", "corporacion": "corporation", "coreana": "korea", "coreano": "korean",
    "corea": "korea", "norte": "north", "desarrollo": "development", "minero": "mining",
    "minera": "mining", "comercial": "commercial", "comercio": "trade", "exterior": "foreign",
    "banco": "bank", "oficina": "bureau", "reconocimiento": "reconnaissance",
    "segundo": "second", "segunda": "second", "economico": "economic",
    "departamento": "department", "industria": "industry", "industrias": "industries",
    "municiones": "munitions", "administracion": "administration", "nacional": "national",
    "tecnologia": "technology", "aeroespacial": "aerospace", "espacial": "space",
    "seguros": "insurance", "academia": "academy", "ciencias": "sciences", "defensa": "defense",
    "naturales": "natural", "comision": "commission", "militar": "military", "partido": "party",
    "trabajadores": "workers", "unido": "united", "unida": "united", "organizacion": "organisation",
    "energia": "energy", "atomica": "atomic", "grupo": "group", "metalurgia": "metallurgy",
    "armamento": "armament", "misiles": "missile", "crucero": "cruise", "autoridad": "authority",
    "libia": "libyan", "inversion": "investment", "inversiones": "investment",
    "cartera": "portfolio", "africa": "africa", "ejercito": "army", "resistencia": "resistance",
    "fuerzas": "forces", "democraticas": "democratic", "liberacion": "liberation",
    "movimiento": "movement", "paz": "peace", "estado": "state", "islamico": "islamic",
    "gran": "greater", "fundacion": "foundation", "internacional": "international",
    "beneficencia": "benevolence", "red": "network", "apoyo": "support", "soldados": "soldiers",
    "califato": "caliphate", "naviera": "shipping",
    "investigacion": "research", "ministerio": "ministry", "seguridad": "security",
    "guardianes": "guards", "revolucion": "revolution", "irak": "iraq",
}  # fmt: skip
# French and Spanish articles, prepositions and conjunctions a translated name leaves out; "en"
# becomes the list's "in"
TRANSLATED_OUT = frozenset(
    "de des du la le les l d et a au aux pour sur del el los las y al por con".split()  # noqa: SIM905
)
TRANSLATED_IN = {"en": "in"}
# Words every State's bodies are named with: a translated name made of these alone ("ministère
# de la Défense", "el Ejército") is any country's, and only reviews against a listed one
GOVERNMENT_WORDS = frozenset(
    """ministry defense defence army national forces armed security state people general
    central government interior foreign affairs health in""".split()  # noqa: SIM905
)

# Words a trade document appends to a body's name to say which office or where: "Tanchon
# Commercial Bank Pyongyang Branch", "Bank Sepah International plc London". A query is also
# tried without up to two of them at its end.
LOCATION_WORDS = frozenset(
    """branch branches office offices head headquarters hq representative succursale filiale
    agence bureau sucursal oficina pyongyang nampo rason tehran teheran damascus tripoli
    benghazi khartoum mogadishu sanaa aden hodeidah beijing dandong shenyang shanghai hong kong
    hongkong dubai moscow vladivostok kabul baghdad bangui kinshasa goma juba bamako london
    paris geneva singapore istanbul minsk beirut caracas havana somalia libya iran iraq yemen
    syria sudan afghanistan dprk china russia uae""".split()  # noqa: SIM905
)
