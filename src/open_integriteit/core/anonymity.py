"""One check that a text meant to be anonymous leads back to nobody (ADR 0011).

Used wherever a text leaves the circle of need-to-know: the council summary of a case, the
anonymised summary of an advice request, and later the annual report. One rule set:

- **names** of every person the organisation knows (user accounts, parties of cases,
  reporters' identities and whatever other apps register as a name source), written as a
  full name ("Jan de Vries", "jan jansen") or as a surname alone ("Jansen", "De Vries").
  A surname alone counts only when written with a capital letter, because with thousands
  of people nearly every Dutch word is somebody's surname ("groot", "klein", "visser").
  Particles (tussenvoegsels) and words shorter than three letters never count alone.
  Matching ignores case and accents ("Ozdemir" finds "Özdemir") and whole words only
  ("Jansen" does not find "jansenisme");
- **e-mail addresses**, also written as "name (at) example.nl";
- **phone numbers**: Dutch mobile and landline numbers (06…, 010…, 0591…, +31…, 0031…,
  with spaces, dashes, dots or parentheses) and other international numbers (+…, 00…);
- **citizen service numbers (BSN)**: nine digits, also with dots, spaces or dashes, that
  pass the elfproef.

It cannot prove that a text is anonymous — rare details, functions and small numbers
still need a human eye — but it catches what most often slips in.

The problems it reports never quote what was found: telling a writer "Kim de Boer is a
known person" would reveal that Kim reported something or is a party in a case.

Usage::

    check = AnonymityCheck.for_organisation(organisation_id)  # one term set per check
    problems = check.problems(text)                            # [] when nothing is found
    check.validate({"summary": text})                          # raises ValidationError

Apps add the names they know with ``register_name_source`` in their ``AppConfig.ready``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ValidationError
from django.utils.translation import ngettext

# Dutch (and a few foreign) name particles: never a name on their own.
PARTICLES = frozenset(
    {
        "aan", "bij", "d", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos", "du",
        "el", "het", "in", "l", "la", "le", "op", "s", "t", "te", "ten", "ter", "uit", "van", "von", "vd", "zu",
    }
)  # fmt: skip
# Titles and forms of address written before a name.
TITLES = frozenset({"dhr", "heer", "mevr", "mevrouw", "meneer", "mw", "mr", "dr", "drs", "ir", "ing", "prof", "ds"})
MIN_WORD = 3  # shorter words never count as a name on their own

WORD = re.compile(r"[^\W\d_]+")
EMAIL = re.compile(r"[\w.+-]+\s*(?:@|\[at\]|\(at\))\s*[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+\s?\d|\(0\d|0\d)(?:[ \t.\-/()]{0,3}\d)*")
DATE_LIKE = re.compile(r"\(?\d{1,2}\s?[-/.]\s?\d{1,2}\s?[-/.]\s?\d{2,4}(?!\d)")
BSN_CANDIDATE = re.compile(r"(?<![\w€$])(?<!€ )\d(?:[ .\-]?\d){8}(?![ .\-]?\d)(?!\w)")
BSN_WEIGHTS = (9, 8, 7, 6, 5, 4, 3, 2, -1)


@dataclass(frozen=True)
class PersonName:
    """A name as a source knows it: given and surname apart (accounts), or one string
    (a party's or reporter's name as typed: "Jan de Vries", "Vries, J. de", "mw. Jansen")."""

    full: str = ""
    given: str = ""
    surname: str = ""


NameSource = Callable[[int], Iterable[PersonName]]
_SOURCES: dict[str, NameSource] = {}


def register_name_source(key: str, source: NameSource) -> None:
    """Add the names an app knows: ``source(organisation_id)`` yields ``PersonName``s. Read
    in memory only; encrypted names are decrypted by the ORM and never stored elsewhere."""
    _SOURCES[key] = source


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a word: "Özdemir" and "OZDEMIR" → "ozdemir"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> list[str]:
    return WORD.findall(text.replace("’", "'"))


def _split_name(name: PersonName) -> tuple[list[str], list[str]]:
    """(given-name words, surname words) of a name, titles left out."""
    if name.given or name.surname:
        given, surname = _words(name.given), _words(name.surname)
    elif "," in name.full:  # "Vries, Jan de" / "Jansen, J."
        before, _, after = name.full.partition(",")
        after_words = _words(after)
        particles = [w for w in after_words if fold(w) in PARTICLES]
        given = [w for w in after_words if fold(w) not in PARTICLES]
        surname = particles + _words(before)
    else:
        words = [w for w in _words(name.full) if fold(w) not in TITLES]
        given, surname = (words[:1], words[1:]) if len(words) > 1 else ([], words)
    return [w for w in given if fold(w) not in TITLES], [w for w in surname if fold(w) not in TITLES]


@dataclass(frozen=True)
class _Pattern:
    """A name as folded words; ``capital`` is the index of the one word that must be written
    with a capital letter (a surname alone), or None (a full name matches in any case)."""

    words: tuple[str, ...]
    capital: int | None


def _substantive(words: Iterable[str]) -> list[int]:
    return [i for i, w in enumerate(words) if w not in PARTICLES and len(w) >= MIN_WORD]


def name_patterns(name: PersonName) -> Iterator[_Pattern]:
    given, surname = _split_name(name)
    given_f, surname_f = [fold(w) for w in given], [fold(w) for w in surname]
    full = tuple(given_f + surname_f)
    if len(_substantive(full)) >= 2:
        yield _Pattern(full, None)
    core = _substantive(surname_f)
    if len(core) >= 2:
        yield _Pattern(tuple(surname_f), None)  # "van der Berg-Jansen" written out
    for i in core:
        # The surname word alone, and with the particles written before it ("de Vries").
        start = i
        while start > 0 and surname_f[start - 1] in PARTICLES:
            start -= 1
        yield _Pattern((surname_f[i],), 0)
        if start < i:
            yield _Pattern(tuple(surname_f[start : i + 1]), i - start)


@dataclass(frozen=True)
class Problem:
    """Something that leads back to a person. Says what kind, and how often — never what."""

    code: str  # "name", "email", "phone" or "bsn"
    count: int

    @property
    def message(self) -> str:
        n = self.count
        if self.code == "name":
            return ngettext(
                "The text contains a name of a person known to the organisation.",
                "The text contains %(count)d names of persons known to the organisation.",
                n,
            ) % {"count": n}
        if self.code == "email":
            return ngettext(
                "The text contains an e-mail address.", "The text contains %(count)d e-mail addresses.", n
            ) % {"count": n}
        if self.code == "phone":
            return ngettext("The text contains a phone number.", "The text contains %(count)d phone numbers.", n) % {
                "count": n
            }
        return ngettext(
            "The text contains a citizen service number (BSN).",
            "The text contains %(count)d citizen service numbers (BSN).",
            n,
        ) % {"count": n}

    def __str__(self) -> str:
        return self.message


def _is_phone(candidate: str) -> bool:
    if DATE_LIKE.match(candidate):
        return False
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith("+") or digits.startswith("00"):
        digits = digits[2:] if digits.startswith("00") else digits
        if digits.startswith("31"):
            national = digits[2:]
            national = national[1:] if national.startswith("0") else national  # +31 (0)6 …
            return len(national) == 9
        return 8 <= len(digits) <= 15
    return len(digits) == 10 and digits[1] != "0"


def _phone_spans(text: str) -> list[tuple[int, int]]:
    """Phone numbers as (start, end); a run of digits is cut back to the longest valid number
    ("06-12345678 2 keer" holds one)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while match := PHONE_CANDIDATE.search(text, pos):
        candidate = match.group()
        ends = [i + 1 for i, ch in enumerate(candidate) if ch.isdigit()]
        end = next((e for e in reversed(ends) if _is_phone(candidate[:e])), None)
        if end is None:
            pos = match.start() + 1
        else:
            spans.append((match.start(), match.start() + end))
            pos = match.start() + end
    return spans


def is_bsn(digits: str) -> bool:
    """Nine digits passing the elfproef (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    return sum(int(d) * w for d, w in zip(digits, BSN_WEIGHTS, strict=True)) % 11 == 0


def _count_bsns(text: str) -> int:
    return sum(1 for m in BSN_CANDIDATE.finditer(text) if is_bsn(re.sub(r"\D", "", m.group())))


class AnonymityCheck:
    """The names known to one organisation, prepared once, checked against many texts."""

    def __init__(self, names: Iterable[PersonName] = ()) -> None:
        self._patterns: dict[tuple[str, ...], int | None] = {}
        for name in names:
            for pattern in name_patterns(name):
                known = self._patterns.get(pattern.words, -1)
                # A full-name reading (no capital needed) wins over a surname-alone reading.
                if known == -1 or pattern.capital is None:
                    self._patterns[pattern.words] = pattern.capital
        self._lengths = sorted({len(words) for words in self._patterns}, reverse=True)

    @classmethod
    def for_organisation(cls, organisation_id: int, *, extra: Iterable[PersonName] = ()) -> AnonymityCheck:
        """Every name the registered sources know for the organisation, plus ``extra``."""

        def names() -> Iterator[PersonName]:
            for source in _SOURCES.values():
                yield from source(organisation_id)
            yield from extra

        return cls(names())

    def __len__(self) -> int:
        return len(self._patterns)

    def _count_names(self, text: str) -> int:
        words = [(m.group(), fold(m.group())) for m in WORD.finditer(text.replace("’", "'"))]
        folded = [f for _w, f in words]
        count, i = 0, 0
        while i < len(words):
            for length in self._lengths:
                key = tuple(folded[i : i + length])
                if len(key) < length or key not in self._patterns:
                    continue
                capital = self._patterns[key]
                if capital is None or words[i + capital][0][0].isupper():
                    count += 1
                    i += length - 1
                    break
            i += 1
        return count

    def problems(self, text: str) -> list[Problem]:
        """What in the text leads back to a person, by kind; empty if nothing does."""
        # Invisible format characters (a soft hyphen pasted from Word, a zero-width space)
        # would split "Jan\u00adsen" into two words that the reader sees as one.
        text = "".join(ch for ch in text or "" if unicodedata.category(ch) != "Cf")
        emails = EMAIL.findall(text)
        without_emails = EMAIL.sub(" ", text)
        phones = _phone_spans(without_emails)
        without_numbers = without_emails
        for start, end in reversed(phones):
            without_numbers = without_numbers[:start] + " " + without_numbers[end:]
        counts = {
            "name": self._count_names(without_emails),
            "email": len(emails),
            "phone": len(phones),
            "bsn": _count_bsns(without_numbers),
        }
        return [Problem(code, n) for code, n in counts.items() if n]

    def validate(self, fields: Mapping[str, str]) -> None:
        """Raise a ValidationError naming each field whose text leads back to a person."""
        errors = {
            name: [ValidationError(p.message, code="not_anonymous") for p in problems]
            for name, text in fields.items()
            if (problems := self.problems(text))
        }
        if errors:
            raise ValidationError(errors)
