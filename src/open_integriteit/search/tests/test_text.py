"""From text to search terms: normalising, Dutch-aware words, prefixes (ADR 0016)."""

from __future__ import annotations

from open_integriteit.search import text


def test_accents_case_and_the_ij_ligature_are_folded() -> None:
    assert text.words("Café ÉÉN Ĳsbaan Straße") == ["cafe", "ijsbaan", "strasse"]  # "een" is a function word


def test_a_hyphenated_or_apostrophed_word_is_indexed_joined_and_in_parts() -> None:
    assert text.words("e-mail auto's") == ["mail", "email", "auto", "autos"]
    assert text.query_terms("E-mail auto’s") == ["email", "autos"]


def test_every_word_brings_its_prefixes_from_three_letters() -> None:
    assert text.terms("Leverancier") == {
        "lev",
        "leve",
        "lever",
        "levera",
        "leveran",
        "leveranc",
        "leveranci",
        "leverancie",
        "leverancier",
    }
    assert text.terms("ns") == {"ns"}  # a two-letter word only as itself


def test_function_words_and_single_letters_are_left_out() -> None:
    assert text.words("de man van het bureau en a b") == ["man", "bureau"]


def test_a_very_long_word_is_cut() -> None:
    (word,) = text.words("a" * 100)
    assert len(word) == text.MAX_WORD
