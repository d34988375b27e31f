"""The goods taxonomy (rules/goods/taxonomy.yaml) and the HS 2022 nomenclature it is checked against.

Categories are dotted ids (``arms.ammunition.artillery``); a category implies its ancestors.
Each has HS prefixes that must exist in HS 2022, terms per language and exclusions.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from service import cache
from service.goods.lang import LANGUAGES, collisions
from service.goods.text import has_spaceless_script, normalize, tokens
from service.yamlsource import (
    R200,
    R202,
    Collector,
    Location,
    Node,
    ProblemsError,
    code,
    load_file,
)

__all__ = ["LANGUAGES", "Category", "Taxonomy", "Term", "TaxonomyError", "load_taxonomy"]
SPACELESS_LANGUAGES = ("zh", "ko")
_ID_RX = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")
_CATEGORY_KEYS = (
    "id", "title", "hs", "hs_typical", "refines", "terms", "exclude", "context", "overrides", "note",
)  # fmt: skip
# the three lists of phrases a category may have, and the role each gives its phrases
_PHRASE_KEYS = (("terms", "term"), ("exclude", "exclude"), ("context", "context"))

G401 = code("G401", "goods taxonomy: no `categories` list")
G402 = code("G402", "goods taxonomy: a category id is not dotted lower-case words")
G403 = code("G403", "goods taxonomy: duplicate category id")
G404 = code("G404", "goods taxonomy: a parent is not declared before its child")
G405 = code("G405", "goods taxonomy: HS code not in HS 2022")
G406 = code("G406", "goods taxonomy: unknown language")
G407 = code("G407", "goods taxonomy: `*` that does not end a word of 3 letters or more")
G408 = code("G408", "goods taxonomy: a term without words")
G409 = code(
    "G409",
    "goods taxonomy: a term is a common word of another language (matched only in its own)",
    "warning",
)
G410 = code("G410", "goods taxonomy: `overrides` names an unknown category")
G411 = code(
    "G411",
    "HS glossary: an entry that is not an HS 2022 heading mapping known languages to term lists",
)
GLOSSARY = "hs_glossary.yaml"  # trade words per HS heading and language, next to the nomenclature


class TaxonomyError(ProblemsError):
    """A taxonomy that cannot be used: every problem found (never a partial taxonomy)."""

    what = "goods taxonomy"


@dataclass(frozen=True, slots=True)
class Term:
    """A phrase that names a category, ready for matching."""

    category: str
    lang: str
    text: str
    words: tuple[str, ...]  # normalised words; a word ending in '*' is a prefix
    spaceless: bool  # matched as a substring (Chinese, Korean)
    exclude: bool = False
    context: bool = False  # gives its category only by overriding a material word's
    bound: bool = False  # a common word of another language: matched only in text in `lang`
    loc: Location | None = None

    @property
    def role(self) -> str:
        return "exclude" if self.exclude else "context" if self.context else "term"

    def __reduce__(self) -> tuple[type[Term], tuple[Any, ...]]:
        # pickled as its fields, which loads several times faster than a frozen dataclass's
        # default state: a cached taxonomy holds ten thousand terms (service/cache.py)
        return (Term, tuple(getattr(self, f.name) for f in fields(self)))


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    title: str
    hs: tuple[str, ...]
    parent: str | None
    refines: tuple[str, ...] = ()  # HS prefixes under which the description may narrow to this
    overrides: tuple[str, ...] = ()  # categories whose term hits yield to this one's on a line
    # HS prefixes such items are usually declared under, when the heading also holds other goods:
    # not authoritative (a declared code never gives the category), used for HS suggestions and
    # for the chapter categories the items fall under
    hs_typical: tuple[str, ...] = ()


@dataclass(frozen=True)
class Taxonomy:
    categories: dict[str, Category]
    terms: tuple[Term, ...]
    hs_codes: frozenset[str]  # every chapter, heading and subheading of HS 2022
    version: str = ""  # hash of the taxonomy and the HS nomenclature it was loaded from
    hs_rows: dict[str, tuple[str, str]] = field(default_factory=dict)  # code -> (text, level)
    # HS heading -> the trade words of every language that name its goods (hs_glossary.yaml)
    hs_glossary: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def hs_prefixes(self, category: str) -> tuple[str, ...]:
        """The category's HS prefixes (typical ones included), or its nearest ancestor's."""
        for cid in self.ancestors(category):
            found = self.categories[cid]
            if found.hs or found.hs_typical:
                return found.hs + found.hs_typical
        return ()

    def ancestors(self, category: str) -> tuple[str, ...]:
        """The category and all its ancestors, most specific first."""
        out = [category]
        while (parent := self.categories[out[-1]].parent) is not None:
            out.append(parent)
        return tuple(out)

    def hs_exists(self, code: str) -> bool:
        return code[:6] in self.hs_codes


def load_hs_codes(path: Path, digest: Any = None) -> frozenset[str]:
    """All codes of an HS nomenclature CSV (columns section,hscode,description,parent,level)."""
    return frozenset(load_hs_rows(path, digest))


def load_hs_rows(path: Path, digest: Any = None) -> dict[str, tuple[str, str]]:
    """Code -> (description, level) for every row of an HS nomenclature CSV."""
    data = path.read_bytes()
    if digest is not None:
        digest.update(data)
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    return {
        row["hscode"]: (row.get("description") or "", row.get("level") or "")
        for row in rows
        if row.get("hscode")
    }


def load_taxonomy(path: Path, hs_path: Path, problems: Collector | None = None) -> Taxonomy:
    """Load and check the taxonomy; raise :class:`TaxonomyError` unless a collector is given.

    A taxonomy loaded without an error is kept in the on-disk cache (service/cache.py) with its
    warnings, keyed by the three files and this code: the next process reads it back in a
    fraction of the time, warnings included."""
    collect = problems if problems is not None else Collector()
    code = cache.code_digest(("service.goods", "service.yamlsource"), _DISTRIBUTIONS)
    key = cache.file_key((path, hs_path, hs_path.with_name(GLOSSARY)), code)
    found = cache.load("taxonomy", key)
    if found is not None:
        taxonomy, warnings = found
        collect.extend(list(warnings))
        return taxonomy
    before = len(collect.problems)
    taxonomy = _build_taxonomy(path, hs_path, collect, raise_errors=problems is None)
    added = collect.problems[before:]
    if not any(p.severity == "error" for p in added):
        cache.store("taxonomy", key, (taxonomy, tuple(added)))
    return taxonomy


# packages whose code or data the reading of the taxonomy depends on (the parser, stopword lists)
_DISTRIBUTIONS = ("pyyaml", "stopwordsiso")


def _build_taxonomy(
    path: Path, hs_path: Path, collect: Collector, *, raise_errors: bool
) -> Taxonomy:
    digest = hashlib.sha256()
    hs_rows = load_hs_rows(hs_path, digest)
    hs_codes = frozenset(hs_rows)
    root = load_file(path, collect, digest)
    categories: dict[str, Category] = {}
    terms: list[Term] = []
    entries = root.get("categories") if root else None
    if root is not None and (entries is None or not isinstance(entries.value, list)):
        collect.error(G401, "the taxonomy needs a 'categories' list", root.loc)
    common = _common_words(root.get("common_words") if root else None, collect)
    for entry in entries.value if entries and isinstance(entries.value, list) else []:
        _category(entry, categories, terms, hs_codes, common, collect)
    _check_overrides(entries, categories, collect)
    glossary = load_hs_glossary(hs_path.with_name(GLOSSARY), hs_codes, collect, digest)
    if raise_errors and collect.has_errors:
        raise TaxonomyError(collect.problems)
    version = "sha256:" + digest.hexdigest()
    return Taxonomy(categories, tuple(terms), hs_codes, version, hs_rows, glossary)


def load_hs_glossary(
    path: Path, hs_codes: frozenset[str], collect: Collector, digest: Any = None
) -> dict[str, tuple[str, ...]]:
    """Heading -> its trade words in every language, from an optional glossary file::

        "8712":
          fr: [bicyclette, vélo]
          ru: [велосипед]

    A tree without the file has no glossary (suggestions then read English only)."""
    if not path.exists():
        return {}
    root = load_file(path, collect, digest)
    if root is None:
        return {}
    if not isinstance(root.value, dict):
        collect.error(G411, "the glossary must map HS headings to languages", root.loc)
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for heading, node in root.value.items():
        if not (len(heading) == 4 and heading.isdigit() and heading in hs_codes):
            collect.error(G411, f"{heading!r} is not an HS 2022 heading (4 digits, quoted)",
                          root.key_loc(heading))  # fmt: skip
            continue
        if not isinstance(node.value, dict):
            collect.error(G411, f"heading {heading}: expected a mapping of languages", node.loc)
            continue
        found: list[str] = []
        for lang, terms in node.value.items():
            if lang not in LANGUAGES:
                collect.error(G411, f"heading {heading}: unknown language {lang!r}",
                              node.key_loc(lang))  # fmt: skip
                continue
            items = terms.value if isinstance(terms.value, list) else None
            if items is None or not all(
                isinstance(t.value, str) and t.value.strip() for t in items
            ):
                collect.error(
                    G411, f"heading {heading} {lang}: expected a list of terms", terms.loc
                )
                continue
            found += [t.value.strip() for t in items]
        out[heading] = tuple(dict.fromkeys(found))
    return out


def _common_words(node: Node | None, problems: Collector) -> dict[str, frozenset[str]]:
    """The taxonomy's own common words per language, beyond stopwords-iso's (``essence``)."""
    if node is None:
        return {}
    if not isinstance(node.value, dict):
        problems.error(R202, "common_words must map a language code to a list of words", node.loc)
        return {}
    out = {}
    for lang, words in node.value.items():
        if lang not in LANGUAGES:
            problems.error(
                G406, f"unknown language '{lang}'; allowed: {', '.join(LANGUAGES)}", words.loc
            )
        elif isinstance(words.value, list):
            out[lang] = frozenset(normalize(str(w.value)) for w in words.value)
    return out


def _category(
    entry: Node, categories: dict[str, Category], terms: list[Term], hs_codes: frozenset[str],
    common: dict[str, frozenset[str]], problems: Collector,
) -> None:  # fmt: skip
    if not isinstance(entry.value, dict):
        problems.error(R202, "a category must be a mapping", entry.loc)
        return
    for key, node in entry.value.items():
        if key not in _CATEGORY_KEYS:
            problems.error(
                R200, f"unknown key '{key}'; allowed: {', '.join(_CATEGORY_KEYS)}", node.loc
            )
    idn = entry.get("id")
    cid = idn.value if idn else None
    if not isinstance(cid, str) or not _ID_RX.match(cid):
        problems.error(
            G402, f"category id {cid!r} must be dotted lower-case words", (idn or entry).loc
        )
        return
    if cid in categories:
        problems.error(G403, f"duplicate category id '{cid}'", entry.loc)
        return
    parent = cid.rsplit(".", 1)[0] if "." in cid else None
    if parent is not None and parent not in categories:
        problems.error(G404, f"parent '{parent}' of '{cid}' must be declared before it", entry.loc)
    hs = _hs_list(entry.get("hs"), hs_codes, problems)
    title = entry.get("title")
    refines = _hs_list(entry.get("refines"), hs_codes, problems)
    overrides = entry.get("overrides")
    named = (
        tuple(str(n.value) for n in overrides.value)
        if overrides and isinstance(overrides.value, list)
        else ()
    )
    typical = _hs_list(entry.get("hs_typical"), hs_codes, problems)
    categories[cid] = Category(
        cid, str(title.value) if title else cid, hs, parent, refines, named, typical
    )
    for key, role in _PHRASE_KEYS:
        node = entry.get(key)
        if node is not None:
            terms.extend(_terms(node, cid, role, common, problems))


def _check_overrides(
    entries: Node | None, categories: dict[str, Category], problems: Collector
) -> None:
    """Every category named in `overrides` exists (checked once all are declared)."""
    for entry in entries.value if entries and isinstance(entries.value, list) else []:
        node = entry.get("overrides") if isinstance(entry.value, dict) else None
        if node is None:
            continue
        if not isinstance(node.value, list):
            problems.error(R202, "overrides must be a list of category ids", node.loc)
            continue
        for item in node.value:
            if item.value not in categories:
                problems.error(G410, f"overrides names unknown category {item.value!r}", item.loc)


def _hs_list(node: Node | None, hs_codes: frozenset[str], problems: Collector) -> tuple[str, ...]:
    if node is None:
        return ()
    if not isinstance(node.value, list):
        problems.error(R202, "hs must be a list of HS codes as strings", node.loc)
        return ()
    out = []
    for item in node.value:
        code = str(item.value)
        if not isinstance(item.value, str) or code not in hs_codes:
            problems.error(
                G405, f"HS code '{code}' is not in HS 2022 (quote codes as strings)", item.loc
            )
        else:
            out.append(code)
    return tuple(out)


def _terms(
    node: Node, category: str, role: str, common: dict[str, frozenset[str]], problems: Collector
) -> list[Term]:
    if not isinstance(node.value, dict):
        problems.error(R202, "terms must map a language code to a list of phrases", node.loc)
        return []
    out = []
    for lang, phrases in node.value.items():
        if lang not in LANGUAGES:
            problems.error(
                G406, f"unknown language '{lang}'; allowed: {', '.join(LANGUAGES)}", phrases.loc
            )
            continue
        for item in phrases.value if isinstance(phrases.value, list) else []:
            term = _term(item, category, lang, role, common, problems)
            if term is not None:
                out.append(term)
    return out


def _term(
    item: Node, category: str, lang: str, role: str, common: dict[str, frozenset[str]],
    problems: Collector,
) -> Term | None:  # fmt: skip
    if not isinstance(item.value, str) or not item.value.strip():
        problems.error(R202, "a term must be a non-empty string", item.loc)
        return None
    text = normalize(item.value)
    spaceless = lang in SPACELESS_LANGUAGES and has_spaceless_script(text)
    words = tuple(tokens(text.replace("<calibre>", " 1 mm ")))
    if re.search(r"\*(?=\S)", text) or any(w.endswith("*") and len(w) < 4 for w in words):
        problems.error(
            G407, f"'*' may only end a word of at least 3 letters: {item.value!r}", item.loc
        )
        return None
    if not words and not spaceless:
        problems.error(G408, f"term {item.value!r} has no words", item.loc)
        return None
    clash = () if spaceless else collisions(" ".join(words).replace("*", ""), lang, common)
    if clash and role == "term":
        problems.warning(
            G409,
            f"{lang} term {item.value!r} is a common word in {', '.join(clash)} (stopwords-iso or "
            "common_words); "
            f"it matches only in text detected as {lang}",
            item.loc,
        )
    return Term(
        category, lang, item.value, words, spaceless, role == "exclude", role == "context",
        bool(clash), item.loc,
    )  # fmt: skip
