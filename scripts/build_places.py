"""Build service/extract/data/places.tsv.gz: place names → ISO 3166-1 alpha-2, for the extractor.

Usage (a developer's machine, once per data update; the product only reads the output):

    pip install babel pycountry wordfreq        # build-time only
    python scripts/build_places.py ../shared/data/places

Sources (see service/extract/data/PROVENANCE.md): country names from service/data/countries.json
(OpenSanctions countrynames), CLDR via Babel, pycountry (ISO 3166 + its translations), mledoze/
countries (official and common names in the UN languages, demonyms, capitals); capitals, cities
and ports from GeoNames cities15000, the NGA World Port Index, UN/LOCODE (2024-2 parts 2-3 and
Geoapify's 2024-1 export for AD-FR) and searoute; regions from UN/LOCODE subdivisions and Natural
Earth; demonyms in Spanish and Russian and the metonyms and actors of ``HAND`` written here.

Each output line: ``codes<TAB>kind<TAB>flags<TAB>weight<TAB>alias|alias|…``: the names that
stand for the same thing, so loading is one dictionary update per line. An alias is normalised
the way the extractor normalises text (service.extract.text.fold); ``codes`` is one code, or
several separated by ``|`` when the name is ambiguous; ``kind`` is country, demonym, capital,
city, port, region; ``flags`` holds ``c`` when the alias is also a common word (the extractor
then wants it capitalised or in a place slot) and ``u`` when it must be written in capitals
(codes such as DPRK); ``weight`` orders homonyms (log population, ports and capitals first).
"""

from __future__ import annotations

import csv
import gettext
import gzip
import io
import json
import math
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from service.extract.text import fold  # noqa: E402

OUT = ROOT / "service" / "extract" / "data" / "places.tsv.gz"
KIND_RANK = {"country": 6, "demonym": 5, "capital": 4, "port": 3, "city": 2, "region": 1}
LANGS = ("en", "fr", "es", "ru", "de", "it", "pt", "nl", "ar", "zh", "ko")

# Spanish and Russian demonyms (masculine singular; forms are generated), written by hand for
# the countries that UN measures target and their main trading partners.
ES_DEMONYMS = {
    "KP": ["norcoreano"], "KR": ["surcoreano"], "IR": ["iraní", "iranio"], "RU": ["ruso"],
    "CN": ["chino"], "SY": ["sirio"], "LY": ["libio"], "SO": ["somalí"], "YE": ["yemení"],
    "IQ": ["iraquí"], "AF": ["afgano"], "SD": ["sudanés"], "SS": ["sursudanés"],
    "CD": ["congoleño"], "CF": ["centroafricano"], "HT": ["haitiano"], "LB": ["libanés"],
    "ML": ["maliense", "malí"], "VE": ["venezolano"], "US": ["estadounidense", "norteamericano"],
    "TR": ["turco"], "AE": ["emiratí"], "FR": ["francés"], "DE": ["alemán"], "IT": ["italiano"],
    "ES": ["español"], "GB": ["británico"], "BR": ["brasileño"], "CO": ["colombiano"],
    "MX": ["mexicano"], "BY": ["bielorruso"], "UA": ["ucraniano"], "IN": ["indio"],
    "PK": ["pakistaní"], "JP": ["japonés"], "EG": ["egipcio"], "SA": ["saudí"], "IL": ["israelí"],
    "RW": ["ruandés"], "ER": ["eritreo"], "TW": ["taiwanés"], "BG": ["búlgaro"],
}  # fmt: skip
RU_DEMONYMS = {  # adjective stems; the endings are generated
    "KP": ["северокорейск"], "KR": ["южнокорейск"], "IR": ["иранск"], "RU": ["российск", "русск"],
    "CN": ["китайск"], "SY": ["сирийск"], "LY": ["ливийск"], "SO": ["сомалийск"],
    "YE": ["йеменск"], "IQ": ["иракск"], "AF": ["афганск"], "SD": ["суданск"],
    "LB": ["ливанск"], "US": ["американск"], "TR": ["турецк"], "UA": ["украинск"],
    "BY": ["белорусск"], "IN": ["индийск"], "DE": ["немецк", "германск"], "FR": ["французск"],
    "GB": ["британск"], "JP": ["японск"], "EG": ["египетск"], "VE": ["венесуэльск"],
    "HT": ["гаитянск"], "ER": ["эритрейск"], "ML": ["малийск"], "TW": ["тайваньск"],
}  # fmt: skip
RU_ADJ_ENDINGS = ("ий", "ая", "ое", "ие", "ого", "ой", "ому", "ую", "им", "ом", "их", "ими", "ую")

# Names a gazetteer does not hold: government metonyms, ambiguous "Korea", and the short forms
# the sources miss. (alias, codes, kind)
HAND = [
    ("the Kremlin", "RU", "capital"), ("Kremlin", "RU", "capital"), ("le Kremlin", "RU", "capital"),
    ("Кремль", "RU", "capital"), ("Kremlin", "RU", "capital"), ("Zhongnanhai", "CN", "capital"),
    ("White House", "US", "capital"), ("Maison Blanche", "US", "capital"),
    ("Pentagon", "US", "capital"), ("Downing Street", "GB", "capital"),
    ("Élysée", "FR", "capital"), ("Quai d'Orsay", "FR", "capital"),
    ("Korea", "KR|KP", "country"), ("Corée", "KR|KP", "country"), ("Corea", "KR|KP", "country"),
    ("Корея", "KR|KP", "country"), ("Korean", "KR|KP", "demonym"), ("coréen", "KR|KP", "demonym"),
    ("coréenne", "KR|KP", "demonym"), ("coréens", "KR|KP", "demonym"),
    ("coréennes", "KR|KP", "demonym"), ("coreano", "KR|KP", "demonym"),
    ("Congo", "CD|CG", "country"), ("Congolese", "CD|CG", "demonym"),
    ("North Korea", "KP", "country"), ("RPDC", "KP", "country"), ("RDPC", "KP", "country"),
    ("RPD de Corée", "KP", "country"), ("КНДР", "KP", "country"), ("Северная Корея", "KP", "country"),
    ("Южная Корея", "KR", "country"), ("ROK", "KR", "country"), ("РФ", "RU", "country"),
    ("Russie", "RU", "country"), ("Emirats", "AE", "country"), ("Émirats", "AE", "country"),
    ("EAU", "AE", "country"), ("UAE", "AE", "country"), ("ОАЭ", "AE", "country"),
    ("KSA", "SA", "country"), ("PRC", "CN", "country"), ("КНР", "CN", "country"),
    ("USA", "US", "country"), ("США", "US", "country"), ("Centrafrique", "CF", "country"),
    ("RCA", "CF", "country"), ("RDC", "CD", "country"), ("DRC", "CD", "country"),
    ("Tatarstan", "RU", "region"), ("Татарстан", "RU", "region"),
    ("Vostochny", "RU", "port"), ("Vostochnyy", "RU", "port"), ("Восточный", "RU", "port"),
    ("Rason", "KP", "port"), ("Nampho", "KP", "port"), ("Najin", "KP", "port"),
    ("Hodeidah", "YE", "port"), ("Kismayo", "SO", "port"), ("Misrata", "LY", "port"),
    ("Sunan", "KP", "city"), ("Alabuga", "RU", "city"), ("Yelabuga", "RU", "city"),
    ("Es Sider", "LY", "port"), ("Zaouia", "LY", "port"), ("Zawiya", "LY", "port"),
    # ports and places of the sanctioned jurisdictions under their usual press spellings
    ("Раджин", "KP", "port"), ("Нампо", "KP", "port"), ("Sinpo", "KP", "port"),
    ("Hungnam", "KP", "port"), ("Haeju", "KP", "port"), ("Songnim", "KP", "port"),
    ("Bandar Imam Khomeini", "IR", "port"), ("Bandar Anzali", "IR", "port"),
    ("Astara", "IR", "port"), ("Mehrabad", "IR", "city"), ("Latakia", "SY", "port"),
    ("Lattaquié", "SY", "port"), ("Tartus", "SY", "port"), ("Ras Isa", "YE", "port"),
    ("Salif", "YE", "port"), ("Mukalla", "YE", "port"), ("Barawe", "SO", "port"),
    ("Brava", "SO", "port"), ("Bosaso", "SO", "port"), ("Bossaso", "SO", "port"),
    ("Ras Lanuf", "LY", "port"), ("Brega", "LY", "port"), ("Zueitina", "LY", "port"),
    ("Tobruk", "LY", "port"), ("Darfur", "SD", "region"), ("Dunay", "RU", "port"),
    ("Dunai", "RU", "port"), ("Vostochny Port", "RU", "port"),
]  # fmt: skip

CYRILLIC = re.compile(r"[\u0400-\u04ff]")
LATIN_OR_CYRILLIC = re.compile(r"^[\w\s'’.\-()]+$")
ALLOWED_SCRIPT = re.compile(r"^[A-Za-z\u00c0-\u024f\u0400-\u04ff\s'’.\-]+$")


class Table:
    """alias → {code: (kind, weight)}; the best kind per code wins."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, tuple[str, float]]] = defaultdict(dict)
        self.upper: set[str] = set()
        self.capitals: set[tuple[str, str]] = set()  # (alias, code) naming a capital city
        self.demonyms: set[str] = set()  # aliases that are demonyms, whatever else lists them
        self.independent: set[str] = set()  # sovereign States (mledoze "independent")
        self.pop: dict[tuple[str, str], float] = {}  # (alias, code) -> log10 population

    def add(self, name: str, code: str, kind: str, weight: float = 0.0) -> None:
        if not name or not code or len(code) != 2 or not code.isalpha():
            return
        alias = fold(name)
        if not alias or len(alias) < 3 and kind not in ("country",):
            return
        if len(alias) > 60 or alias.isdigit():
            return
        if CYRILLIC.search(name) and kind != "demonym" and alias.count(" ") <= 1:
            for form in _ru_forms(name)[1:]:
                self._put(fold(form), code, kind, weight - 0.1)
        self._put(alias, code, kind, weight)
        if kind == "capital":
            self.capitals.add((alias, code))
        if kind == "demonym":
            self.demonyms.add(alias)
        if name.isupper() and len(name.replace(" ", "")) <= 5:
            self.upper.add(alias)

    def _put(self, alias: str, code: str, kind: str, weight: float) -> None:
        found = self.rows[alias].get(code)
        rank = (KIND_RANK[kind], weight)
        if found is None or (KIND_RANK[found[0]], found[1]) < rank:
            self.rows[alias][code] = (kind, weight)

    def population(self, name: str, code: str, log_pop: float) -> None:
        key = (fold(name), code)
        self.pop[key] = max(self.pop.get(key, 0.0), log_pop)


def countries(table: Table, places: Path) -> None:
    import babel
    import pycountry

    names = json.loads((ROOT / "service" / "data" / "countries.json").read_text())["names"]
    for name, code in names.items():
        table.add(name, code, "country")
    for lang in LANGS:
        for code, name in babel.Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha():
                table.add(name, code, "country")
    for lang in ("fr", "es", "ru", "de", "it", "pt"):
        tr = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
        for c in pycountry.countries:
            for attr in ("name", "official_name", "common_name"):
                if hasattr(c, attr):
                    table.add(getattr(c, attr), c.alpha_2, "country")
                    table.add(tr.gettext(getattr(c, attr)), c.alpha_2, "country")
    for c in json.loads((places / "countries" / "mledoze-countries.json").read_text()):
        code = c["cca2"]
        if c.get("independent"):
            table.independent.add(code)
        table.add(c["name"]["common"], code, "country")
        table.add(c["name"]["official"], code, "country")
        for tr in c.get("translations", {}).values():
            table.add(tr.get("common", ""), code, "country")
            table.add(tr.get("official", ""), code, "country")
        for alt in c.get("altSpellings", []):
            if len(alt) >= 3 or alt.isupper():
                table.add(alt, code, "country")
        for forms in c.get("demonyms", {}).values():
            for form in {forms.get("m", ""), forms.get("f", "")}:
                for variant in _plurals(form):
                    table.add(variant, code, "demonym")
        for capital in c.get("capital", []):
            table.add(capital, code, "capital", 8.0)
    for code, forms in ES_DEMONYMS.items():
        for form in forms:
            for variant in _es_forms(form):
                table.add(variant, code, "demonym")
    for code, stems in RU_DEMONYMS.items():
        for stem in stems:
            for ending in RU_ADJ_ENDINGS:
                table.add(stem + ending, code, "demonym")


def _plurals(form: str) -> list[str]:
    if not form:
        return []
    out = [form]
    if not form.endswith(("s", "x")):
        out.append(form + "s")
    return out


def _es_forms(form: str) -> list[str]:
    if form.endswith("o"):
        return [form, form[:-1] + "a", form + "s", form[:-1] + "as"]
    if form.endswith(("í", "e")):
        return [form, form + "s", form + "es"]
    if form.endswith("és"):
        base = form[:-2] + "es"
        return [form, base + "a", base + "es", base + "as"]
    if form.endswith("án"):
        base = form[:-2] + "an"
        return [form, base + "a", base + "es", base + "as"]
    return [form, form + "s", form + "es"]


def _ru_forms(name: str) -> list[str]:
    """Case forms of a Russian place name (nouns and adjective + noun), by rule."""
    words = name.split()
    if len(words) > 2:
        return [name]
    per_word = [_ru_word_forms(w) for w in words]
    size = min(len(f) for f in per_word)
    return list(dict.fromkeys(" ".join(f[i] for f in per_word) for i in range(size)))


def _ru_word_forms(w: str) -> list[str]:
    low = w.lower()
    # nominative, genitive, dative, accusative, instrumental, prepositional
    if low.endswith(("ая",)):
        s = w[:-2]
        return [w, s + "ой", s + "ой", s + "ую", s + "ой", s + "ой"]
    if low.endswith(("ий", "ый")):
        s = w[:-2]
        end = "ого" if low.endswith("ий") and low[-3] in "кгхжшщч" else "ого"
        return [w, s + end, s + "ому", w, s + "им", s + "ом"]
    if low.endswith("ия"):
        s = w[:-2]
        return [w, s + "ии", s + "ии", s + "ию", s + "ией", s + "ии"]
    if low.endswith("а"):
        s = w[:-1]
        gen = "и" if low[-2:-1] in "кгхжшщч" else "ы"
        return [w, s + gen, s + "е", s + "у", s + "ой", s + "е"]
    if low.endswith("я"):
        s = w[:-1]
        return [w, s + "и", s + "е", s + "ю", s + "ей", s + "е"]
    if low.endswith("й"):
        s = w[:-1]
        return [w, s + "я", s + "ю", w, s + "ем", s + "е"]
    if low.endswith("ь"):
        s = w[:-1]
        return [w, s + "я", s + "ю", w, s + "ем", s + "е"]
    if low[-1:] in "бвгджзклмнпрстфхцчшщ":
        return [w, w + "а", w + "у", w, w + "ом", w + "е"]
    return [w] * 6


def geonames(table: Table, places: Path) -> None:
    with zipfile.ZipFile(places / "geonames" / "cities15000.zip") as z:
        text = z.read("cities15000.txt").decode("utf-8")
    for line in text.splitlines():
        f = line.split("\t")
        name, ascii_name, alternates, code, population = f[1], f[2], f[3], f[8], f[14]
        pop = int(population or 0)
        capital = f[7] == "PPLC"
        kind = "capital" if capital else "city"
        weight = math.log10(max(pop, 10)) + (2.0 if capital else 0.0)
        log_pop = math.log10(max(pop, 10))
        for main in (name, ascii_name):
            table.add(main, code, kind, weight + 0.5)
            table.population(main, code, log_pop)
        for alt in alternates.split(","):
            if not ALLOWED_SCRIPT.match(alt) or (alt.isupper() and len(alt) <= 4):
                continue
            if pop >= 300_000 or capital or (CYRILLIC.search(alt) and pop >= 100_000):
                table.add(alt, code, kind, weight)
                table.population(alt, code, log_pop - 0.3)


def ports(table: Table, places: Path) -> None:
    with open(places / "ports" / "UpdatedPub150.csv", encoding="utf-8-sig", newline="") as fh:
        for row in csv.DictReader(fh):
            locode = (row.get("UN/LOCODE") or "").replace(" ", "")
            code = locode[:2] if len(locode) == 5 else None
            if code is None:
                continue
            names = [row["Main Port Name"], *(row.get("Alternate Port Name") or "").split(";")]
            for name in names:
                for part in _split_locode_name(name.strip()):
                    table.add(part, code, "port", 5.0)
    geo = json.loads((places / "ports" / "searoute-ports.geojson").read_text())
    for feat in geo["features"]:
        p = feat["properties"]
        if p.get("port") and p.get("name"):
            table.add(p["name"], p["port"][:2], "port", 4.5)
    official = places / "unlocode" / "2024-2"
    seen_countries = set()
    for part in ("code-list-part2.csv", "code-list-part3.csv"):
        with open(official / part, encoding="latin-1", newline="") as fh:
            for row in csv.reader(fh):
                if len(row) < 8 or not row[2]:
                    continue
                seen_countries.add(row[1])
                if row[6][:1] == "1":
                    for name in _split_locode_name(row[3]) + _split_locode_name(row[4]):
                        table.add(name, row[1], "port", 4.0)
    for path in sorted((places / "unlocode" / "2024-1-geoapify").glob("*.csv")):
        if path.stem in seen_countries:
            continue
        with open(path, encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                function = row.get("function") or ""
                if re.fullmatch(r"[-0-9B]{8}", function) and function[0] == "1":
                    for name in _split_locode_name(row["name"]):
                        table.add(name, row["country"], "port", 4.0)


def _split_locode_name(name: str) -> list[str]:
    parts = re.split(r"\s*[/=;]\s*|\s*\(|\)", name)
    out = []
    for p in parts:
        p = re.sub(r"\b(ex|Pt|Port)\.?$", "", p.strip()).strip(" ,.")
        if p.lower().startswith("ex "):
            p = p[3:]
        if len(p) >= 3 and "," not in p:
            out.append(p)
    return out


def regions(table: Table, places: Path) -> None:
    with open(
        places / "unlocode" / "2024-2" / "subdivision-codes.csv", encoding="latin-1", newline=""
    ) as fh:
        for row in csv.reader(fh):
            if len(row) >= 3:
                name = row[2].split(",")[0].strip()
                if len(name) >= 5:
                    table.add(name, row[0], "region", 1.0)
                    first = name.split()[0]
                    if " " in name and len(first) >= 6:
                        table.add(first, row[0], "region", 0.5)
    with open(
        places / "naturalearth" / "ne_50m_populated_places.names.csv", encoding="utf-8", newline=""
    ) as fh:
        for row in csv.DictReader(fh):
            code = row["iso_a2"].upper()
            if len(code) == 2:
                if len(row["adm1name"]) >= 5:
                    table.add(row["adm1name"], code, "region", 1.0)
                weight = math.log10(max(int(float(row["pop_max"] or 0)), 10))
                kind = "capital" if row["adm0cap"] == "1" else "city"
                for col in ("name", "nameascii", "name_en", "name_fr", "name_es", "name_ru"):
                    table.add(row[col], code, kind, weight)


def hand(table: Table) -> None:
    for alias, codes, kind in HAND:
        for code in codes.split("|"):
            table.add(alias, code, kind, 20.0)
        if "|" in codes:
            key = fold(alias)
            table.rows[key] = {c: (kind, 20.0) for c in codes.split("|")}


def common_words() -> set[str]:
    """Words written in lower case in the dictionaries of the extractor's languages (Debian's
    wamerican, wbritish, wfrench, wspanish; in Russian, wordfreq's most frequent words): a place
    that is also such a word ("Nice", "Police", "Chad") wants a capital or a place slot."""
    import wordfreq

    out: set[str] = set()
    for name in ("american-english", "british-english", "french", "spanish"):
        path = Path("/usr/share/dict") / name
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            word = line.strip()
            if word and word[0].islower():
                out.add(fold(word))
    out.update(
        w for w in (fold(x) for x in wordfreq.top_n_list("ru", 10_000)) if CYRILLIC.search(w)
    )
    return out


def resolve(table: Table, common: set[str]) -> list[str]:
    lines = []
    for alias, candidates in sorted(table.rows.items()):
        scored = {
            code: (kind, w + table.pop.get((alias, code), 0.0))
            for code, (kind, w) in candidates.items()
        }

        def rank(kv: tuple[str, tuple[str, float]]) -> tuple[int, bool, float]:
            # "néerlandais" is Dutch before it is Caribbean Dutch: sovereign States first
            sovereign = kv[0] in table.independent or kv[1][0] not in ("country", "demonym")
            return KIND_RANK[kv[1][0]], sovereign, kv[1][1]

        ranked = sorted(scored.items(), key=rank, reverse=True)
        best_code, (kind, weight) = ranked[0]
        codes = [best_code]
        for code, (k2, w2) in ranked[1:]:
            if rank((code, (k2, w2)))[1] != rank(ranked[0])[1]:
                continue
            if k2 == kind and (weight - w2 < 0.5 or w2 >= 20.0):
                codes.append(code)  # a true homonym of the same standing: ambiguous
        if kind == "country" and (alias, best_code) in table.capitals:
            kind = "capital"  # countrynames lists some capitals as names of their country
        if kind == "country" and alias in table.demonyms:
            kind = "demonym"  # … and demonyms ("Chinese") among the names
        if kind in ("country", "demonym") and len(codes) > 1 and weight < 20.0:
            codes = [best_code]  # names of countries are not really ambiguous in the sources
        flags = ""
        if kind != "demonym" and all(w in common for w in alias.split()):
            flags += "c"
        if alias in table.upper:
            flags += "u"
        lines.append(f"{alias}\t{'|'.join(codes)}\t{kind}\t{flags}\t{weight:.1f}")
    return lines


WORDS_OUT = ROOT / "service" / "extract" / "data" / "words.txt.gz"


def write_common_words() -> None:
    """The 20,000 most frequent words of English, French, Spanish and Russian (wordfreq), folded:
    the extractor never "corrects" one of them into a goods word ("avons" is no "avion")."""
    import wordfreq

    words: set[str] = set()
    for lang in ("en", "fr", "es", "ru"):
        words.update(
            w for w in (fold(x) for x in wordfreq.top_n_list(lang, 20_000)) if " " not in w
        )
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(sorted(w for w in words if w)) + "\n").encode("utf-8"))
    WORDS_OUT.write_bytes(buf.getvalue())
    print(f"{len(words)} common words, {len(buf.getvalue())} bytes -> {WORDS_OUT}")


def main(places: str) -> None:
    root = Path(places)
    table = Table()
    countries(table, root)
    regions(table, root)
    ports(table, root)
    geonames(table, root)
    hand(table)
    lines = resolve(table, common_words())
    groups: dict[str, list[str]] = defaultdict(list)
    for line in lines:
        alias, rest = line.split("\t", 1)
        groups[rest].append(alias)
    lines = [f"{rest}\t{'|'.join(aliases)}" for rest, aliases in sorted(groups.items())]
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        gz.write(("\n".join(lines) + "\n").encode("utf-8"))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(buf.getvalue())
    print(f"{len(groups)} lines, {len(buf.getvalue())} bytes -> {OUT}")
    write_common_words()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT.parent / "shared" / "data" / "places"))
