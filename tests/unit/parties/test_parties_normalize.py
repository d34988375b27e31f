"""Name normalisation cases."""

from __future__ import annotations

import pytest

from service.parties.normalize import normalize_name
from service.parties.phonetic import phonetic_key


def tokens(name: str) -> tuple[str, ...]:
    return normalize_name(name).tokens


@pytest.mark.parametrize(
    "left, right",
    [
        ("Ri Won-ho", "RI WON HO"),
        ("Çelik Müller", "CELIK MULLER"),
        ("Os\u200bama\u200d", "Osama"),  # zero-width characters
        ("Os\x00ama\x07", "Osama"),  # control characters
        ("KОRЕА", "KOREA"),  # Cyrillic О and Е inside Latin text
        ("ΚΟRΕΑ Mining", "Korea Mining"),  # Greek look-alikes (Greek Ρ would read as P)
        ("Abd al Rahman", "Abdulrahman"),
        ("Abd al-Rahman", "ABDEL RAHMAN"),
        ("Mr. John Smith", "John Smith"),
        ("Sheikh Ahmed Ali", "Ahmed Ali"),
        ("Korea Mining Development Trading Corp.", "KOREA MINING DEVELOPMENT TRADING CORPORATION"),
        ("Acme Ltd", "ACME Limited"),
        ("Acme GmbH", "Acme JSC"),
        ("Al-Shabaab", "Shabaab"),
        ("Abu-Bakr", "ABOU BAKR"),
        ("Abdallah", "Abd Allah"),
        ("‘ABD AL-RAHMAN", "Abd Al Rahman"),
        ("리원호", "Ri Won Ho"),  # Hangul, with DPRK initial R
    ],
)
def test_same_tokens(left: str, right: str) -> None:
    assert tokens(left) == tokens(right)


def test_honorific_kept_when_it_is_most_of_the_name() -> None:
    assert tokens("General Electric") == ("general", "electric")


def test_only_a_legal_form_is_kept() -> None:
    assert tokens("Company") == ("company",)


def test_transliteration_of_other_scripts() -> None:
    assert normalize_name("Пётр Иванов").tokens == ("petr", "ivanov")
    arabic = normalize_name("محمد")
    assert arabic.tokens == ("mhmd",) and arabic.scripts == ("ARABIC",)
    assert phonetic_key("mhmd") == phonetic_key("mohammed")
    assert normalize_name("金正恩").tokens == ("jin", "zheng", "en")
    assert normalize_name("Ελληνικά").transliterated


def test_untransliterable_script_gives_a_note_not_an_error() -> None:
    result = normalize_name("Ali \U00010d00")  # Hanifi Rohingya: no mapping
    assert result.tokens == ("ali",)
    assert result.notes == ("could not transliterate: HANIFI",)
    assert normalize_name("Ali \U0001f600").tokens == ("ali",)  # emoji dropped
    unknown = normalize_name("\U000f0000\U000f0001")  # private use: removed
    assert unknown.tokens == ()


def test_long_input_is_cut_with_a_note() -> None:
    result = normalize_name("a" * 10_000)
    assert len("".join(result.tokens)) <= 300 and result.notes


@pytest.mark.parametrize(
    "a, b",
    [("mohammed", "muhammad"), ("shabab", "shabaab"), ("yusuf", "youssef"), ("qaida", "qaeda")],
)
def test_phonetic_key(a: str, b: str) -> None:
    assert phonetic_key(a) == phonetic_key(b)


@pytest.mark.parametrize(
    "name, tokens",
    [
        ("KOTI Corporation", ("koti",)),  # a whole legal form after a name is no split one
        ("A. G. B. Turk", ("a", "g", "b", "turk")),  # initials, not "AG"
        ("Korea Corp Oration", ("korea",)),  # a legal form split in two still goes
    ],
)
def test_a_split_legal_form_is_two_pieces_of_one(name: str, tokens: tuple[str, ...]) -> None:
    assert normalize_name(name).tokens == tokens
