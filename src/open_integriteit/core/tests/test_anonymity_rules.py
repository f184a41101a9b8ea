"""The rules of the anonymity check (ADR 0011), each pinned exactly, without the database.

``make mutation`` runs these against every mutant of ``core/anonymity.py``; the broader
examples (and the names that come from the database) are in ``test_anonymity.py``.
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from open_integriteit.core import anonymity
from open_integriteit.core.anonymity import AnonymityCheck, PersonName, Problem, is_bsn, name_patterns

# The particles (tussenvoegsels) and titles as agreed: never a name on their own.
PARTICLES = [
    "aan", "bij", "d", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du",
    "el", "het", "in", "l", "la", "le", "op", "s", "t", "te", "ten", "ter", "uit", "van", "von", "vd", "zu",
]  # fmt: skip
TITLES = ["dhr", "heer", "mevr", "mevrouw", "meneer", "mw", "mr", "dr", "drs", "ir", "ing", "prof", "ds"]


def found(check: AnonymityCheck, text: str) -> dict[str, int]:
    return {p.code: p.count for p in check.problems(text)}


def names_in(text: str, *names: PersonName) -> int:
    return found(AnonymityCheck(names), text).get("name", 0)


def patterns(name: PersonName) -> set[tuple[tuple[str, ...], int | None]]:
    return {(p.words, p.capital) for p in name_patterns(name)}


NOBODY = AnonymityCheck()


# --- how a known name is searched for ---------------------------------------------------


def test_a_full_name_is_searched_in_any_case_and_the_surname_alone_with_a_capital():
    assert patterns(PersonName(full="Jan de Vries")) == {
        (("jan", "de", "vries"), None),  # "jan de vries": any case
        (("vries",), 0),  # "Vries": with a capital
        (("de", "vries"), 1),  # "de Vries": the surname word with a capital
    }


def test_particles_before_the_surname_are_searched_with_it():
    assert patterns(PersonName(given="Anna", surname="van der Berg")) == {
        (("anna", "van", "der", "berg"), None),
        (("berg",), 0),
        (("van", "der", "berg"), 2),
    }


def test_a_double_surname_is_searched_whole_and_per_part():
    assert patterns(PersonName(full="Petra van der Berg-Jansen")) == {
        (("petra", "van", "der", "berg", "jansen"), None),
        (("van", "der", "berg", "jansen"), None),
        (("berg",), 0),
        (("van", "der", "berg"), 2),
        (("jansen",), 0),
    }


def test_particles_between_two_surnames_are_searched_with_the_second():
    assert patterns(PersonName(full="Anna Berg van der Meer")) == {
        (("anna", "berg", "van", "der", "meer"), None),
        (("berg", "van", "der", "meer"), None),
        (("berg",), 0),
        (("meer",), 0),
        (("van", "der", "meer"), 2),
    }
    assert names_in("Met van der Meer gesproken.", PersonName(full="Anna Berg van der Meer")) == 1


def test_a_surname_typed_with_its_particle_after_it_is_still_the_surname():
    # "Vries, de" in the surname field of an account.
    check = AnonymityCheck([PersonName(given="Jan", surname="Vries, de")])
    assert found(check, "Een tekst zonder namen, over de zaak.") == {}
    assert found(check, "De Vries belde.") == {"name": 1}


def test_only_the_first_comma_separates_the_surname():
    assert patterns(PersonName(full="Bakker, Jan, ir.")) == {(("jan", "bakker"), None), (("bakker",), 0)}
    assert names_in("Jan zag het.", PersonName(full="Bakker, Jan, ir.")) == 0


def test_a_name_written_surname_first_is_read_as_such():
    assert patterns(PersonName(full="Vries, Jan de")) == patterns(PersonName(full="Jan de Vries"))
    assert patterns(PersonName(full="Jansen, J.")) == {(("jansen",), 0)}


def test_a_surname_alone_is_searched_only_with_a_capital():
    assert patterns(PersonName(full="Jansen")) == {(("jansen",), 0)}
    assert patterns(PersonName(surname="Jansen")) == {(("jansen",), 0)}
    assert patterns(PersonName(given="Jan")) == set()
    assert patterns(PersonName()) == set()


@pytest.mark.parametrize("particle", PARTICLES)
def test_a_particle_is_searched_only_together_with_the_surname(particle):
    assert patterns(PersonName(full=f"Anna {particle} Berg")) == {
        (("anna", particle, "berg"), None),
        (("berg",), 0),
        ((particle, "berg"), 1),
    }
    assert patterns(PersonName(full=f"Berg, Anna {particle}")) == patterns(PersonName(full=f"Anna {particle} Berg"))


@pytest.mark.parametrize("particle", [p for p in PARTICLES if len(p) >= 3])
def test_a_particle_written_with_a_capital_is_no_name(particle):
    assert names_in(f"{particle.title()} zei het.", PersonName(full=f"Anna {particle} Berg")) == 0
    assert names_in(f"{particle.title()} Berg zei het.", PersonName(full=f"Anna {particle} Berg")) == 1


@pytest.mark.parametrize("title", TITLES)
def test_a_title_before_a_name_is_not_part_of_it(title):
    plain = patterns(PersonName(full="Jan Jansen"))
    assert patterns(PersonName(full=f"{title}. Jan Jansen")) == plain
    assert patterns(PersonName(full=f"{title.title()} Jan Jansen")) == plain
    assert patterns(PersonName(given=f"{title}. Jan", surname="Jansen")) == plain
    assert patterns(PersonName(full=f"{title}. Jansen, Jan")) == plain
    assert patterns(PersonName(full=f"Jansen, {title}. Jan")) == plain
    # So the first name alone is no name: "Jan" is not searched for.
    assert names_in("Jan zag het.", PersonName(full=f"{title}. Jan Jansen")) == 0


def test_words_shorter_than_three_letters_never_count_alone():
    assert anonymity.MIN_WORD == 3
    assert patterns(PersonName(full="Li Ng")) == set()
    assert patterns(PersonName(full="Jan Bos")) == {(("jan", "bos"), None), (("bos",), 0)}
    assert names_in("Bos belde.", PersonName(full="Jan Bos")) == 1
    assert names_in("Ng belde.", PersonName(full="Li Ng")) == 0


def test_accents_and_case_are_ignored():
    assert anonymity.fold("Özdemir") == "ozdemir"
    assert anonymity.fold("ÇELİK") == anonymity.fold("çeli̇k")
    assert names_in("OZDEMIR en Ozdemir.", PersonName(full="Ayşe Özdemir")) == 2


# --- counting names in a text -----------------------------------------------------------


def test_each_mention_is_counted_once():
    people = (PersonName(full="Jan de Vries"), PersonName(full="Groot Jansen"), PersonName(full="Roos Groot"))
    assert names_in("Jan de Vries, De Vries en Vries.", *people) == 3
    assert names_in("jan de vries zei het.", *people) == 1
    assert names_in("Groot Jansen kwam.", *people) == 1  # the full name, although Groot alone is a surname too
    assert names_in("Groot en Jansen kwamen.", *people) == 2
    assert names_in("de vries, vries en groot.", *people) == 0
    assert names_in("", *people) == 0


def test_the_capital_must_be_on_the_surname_word():
    person = PersonName(full="Jan van der Berg")
    assert names_in("Van der berg", person) == 0
    assert names_in("van der Berg", person) == 1
    assert names_in("Van der Berg en jan van der berg", person) == 2


def test_a_lowercase_surname_after_its_particles_is_no_name_whatever_comes_before():
    person = PersonName(full="Jan van der Berg")
    assert names_in("Toen Kees van der berg zag.", person) == 0
    assert names_in("Toen Kees van der Berg zag.", person) == 1


def test_a_name_at_the_end_of_the_text_is_found():
    person = PersonName(full="Anna van der Berg")
    assert names_in("Gesproken met Berg", person) == 1
    assert names_in("Gesproken met van der Berg", person) == 1
    assert names_in("Gesproken met anna van der", person) == 0


def test_a_full_name_wins_over_the_same_words_as_a_surname_alone():
    # "Berg Jansen" is one person's full name and part of another's double surname.
    check = AnonymityCheck([PersonName(full="Kees Berg-Jansen"), PersonName(full="Berg Jansen")])
    assert found(check, "berg jansen")["name"] == 1
    check = AnonymityCheck([PersonName(full="Berg Jansen"), PersonName(full="Kees Berg-Jansen")])
    assert found(check, "berg jansen")["name"] == 1
    assert len(check) == 4  # kees berg jansen, berg jansen, Berg, Jansen


# --- e-mail, phone numbers and BSN ------------------------------------------------------


def test_an_email_address_is_counted_and_not_read_as_a_name():
    check = AnonymityCheck([PersonName(full="Jan Jansen")])
    assert found(check, "Mail Jansen@example.nl of j.jansen (at) example.nl.") == {"email": 2}


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("06-12345678", 1),
        ("0612345678", 1),
        ("010-1234567", 1),
        ("0591-123456", 1),
        ("(010) 123 45 67", 1),
        ("+31 6 12345678", 1),
        ("+31 (0)6 12345678", 1),
        ("+31612345678", 1),
        ("0031 6 1234 5678", 1),
        ("0031 (0)6 1234 5678", 1),
        ("+32 2 123 45 67", 1),
        ("+49 301234", 1),  # an international number has at least eight digits
        ("0049 301234", 1),
        ("+123 4567 8901 2345", 1),  # and at most fifteen
        ("06-12345678 en 010-1234567", 2),
        ("06-1234567", 0),  # a Dutch number has ten digits
        ("+31 6 1234567", 0),
        ("+49 30123", 0),
        ("0049 30123", 0),
        ("12-03-2025", 0),
        ("12.03.2025", 0),
        ("01-02-2024", 0),  # a date is no phone number
        ("(01-02-2024)", 0),
        ("01.02.24", 0),
    ],
)
def test_phone_numbers(text, count):
    assert found(NOBODY, f"Bel {text}.").get("phone", 0) == count


def test_a_run_of_digits_is_cut_back_to_the_longest_phone_number():
    assert found(NOBODY, "06-12345678 2 keer") == {"phone": 1}
    # Fifteen digits make the longest international number; a BSN written after it is still seen.
    assert found(NOBODY, "Bel +12 3456 7890 12345 123456782") == {"phone": 1, "bsn": 1}
    assert found(NOBODY, "Bel 06 12345678 123456782") == {"phone": 1, "bsn": 1}
    assert found(NOBODY, "Bel +31 (0)6 12345678 123456782") == {"phone": 1, "bsn": 1}
    assert found(NOBODY, "Bel +31 (0)6 12345678123456782") == {"phone": 1, "bsn": 1}  # the (0) is no digit
    # Written without a space: the phone number ends where the longest valid one ends.
    assert found(NOBODY, "Bel 0612345678123456782") == {"phone": 1, "bsn": 1}
    assert found(NOBODY, "Bel +12 3456 7890 12345123456782") == {"phone": 1, "bsn": 1}


def test_a_phone_number_ends_at_its_last_digit_and_leaves_what_is_glued_to_it():
    # An amount or a word written straight after a phone number keeps its sign or letter,
    # so the nine digits after it are no BSN standing on their own.
    assert found(NOBODY, "Bel 06-12345678€ 123456782.") == {"phone": 1}
    assert found(NOBODY, "Bel 0612345678$123456782.") == {"phone": 1}
    assert found(NOBODY, "Bel 06-12345678x123456782.") == {"phone": 1}
    assert found(NOBODY, "Bel 06-12345678 123456782.") == {"phone": 1, "bsn": 1}


def test_a_phone_number_is_not_read_as_a_bsn():
    assert found(NOBODY, "06-12345678, 010-1234567 en BSN 123456782.") == {"phone": 2, "bsn": 1}
    assert found(NOBODY, "BSN 123456782, 06-12345678 en 010-1234567.") == {"phone": 2, "bsn": 1}


def test_the_elfproef():
    assert anonymity.BSN_WEIGHTS == (9, 8, 7, 6, 5, 4, 3, 2, -1)
    assert is_bsn("123456782")  # 9·1 + 8·2 + … + 2·8 − 1·2 = 154 = 14 · 11
    assert is_bsn("111222333")
    assert not is_bsn("123456783")
    assert not is_bsn("123456781")
    assert not is_bsn("000000000")  # passes the sum, but is no number
    assert not is_bsn("12345678")
    assert not is_bsn("1234567820")
    assert not is_bsn("12345678a")
    assert not is_bsn("")


def test_a_bsn_is_counted_with_or_without_separators():
    assert found(NOBODY, "BSN 123456782, 123.456.782 en 123 456 782; 123-45-6782.") == {"bsn": 4}
    assert found(NOBODY, "BSN 1234567820 of 12345678.") == {}
    assert found(NOBODY, "Bedrag € 123456782 of $123456782.") == {}


# --- what is reported -------------------------------------------------------------------


def test_nothing_found_means_no_problems():
    assert NOBODY.problems("Een gewone tekst.") == []
    assert NOBODY.problems("") == []
    assert NOBODY.problems(None) == []  # type: ignore[arg-type]


def test_problems_come_in_a_fixed_order_by_kind():
    check = AnonymityCheck([PersonName(full="Jan Jansen")])
    problems = check.problems("BSN 123456782, bel 0612345678, mail a@example.nl, Jansen.")
    assert problems == [Problem("name", 1), Problem("email", 1), Problem("phone", 1), Problem("bsn", 1)]


@pytest.mark.parametrize(
    ("code", "one", "two"),
    [
        (
            "name",
            "The text contains a name of a person known to the organisation.",
            "The text contains 2 names of persons known to the organisation.",
        ),
        ("email", "The text contains an e-mail address.", "The text contains 2 e-mail addresses."),
        ("phone", "The text contains a phone number.", "The text contains 2 phone numbers."),
        (
            "bsn",
            "The text contains a citizen service number (BSN).",
            "The text contains 2 citizen service numbers (BSN).",
        ),
    ],
)
def test_each_kind_has_its_message_that_says_how_many_and_never_what(code, one, two):
    with translation.override("en"):
        assert Problem(code, 1).message == one
        assert Problem(code, 2).message == two
        assert str(Problem(code, 2)) == two


def test_validate_names_each_field_that_leads_back_to_a_person():
    check = AnonymityCheck([PersonName(full="Jan Jansen")])
    check.validate({"summary": "Een gewone tekst.", "findings": ""})
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        check.validate({"summary": "Jansen belde 0612345678.", "findings": "Niets.", "object": "Mail a@example.nl"})
    assert raised.value.message_dict == {
        "summary": [
            "The text contains a name of a person known to the organisation.",
            "The text contains a phone number.",
        ],
        "object": ["The text contains an e-mail address."],
    }
    assert {error.code for errors in raised.value.error_dict.values() for error in errors} == {"not_anonymous"}


def test_the_names_come_from_every_registered_source_and_the_extra_ones(monkeypatch):
    monkeypatch.setattr(anonymity, "_SOURCES", {})
    asked = []

    def accounts(organisation_id):
        asked.append(organisation_id)
        return [PersonName(given="Jan", surname="Jansen")] if organisation_id == 7 else []

    anonymity.register_name_source("accounts", accounts)
    anonymity.register_name_source("parties", lambda organisation_id: [PersonName(full="Roos de Groot")])
    check = AnonymityCheck.for_organisation(7, extra=[PersonName(full="Karel Verbeek")])
    assert asked == [7]
    assert found(check, "Jansen, De Groot en Verbeek.") == {"name": 3}
    assert found(AnonymityCheck.for_organisation(8), "Jansen, De Groot en Verbeek.") == {"name": 1}
