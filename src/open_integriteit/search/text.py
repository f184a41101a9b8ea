"""From text to search terms (ADR 0016). Pure functions: no keys, no database.

Normalising: Unicode compatibility form, accents folded (``één`` → ``een``, ``ĳ`` → ``ij``),
lower case. A word is a run of letters and digits; an apostrophe or a hyphen inside a word
(``auto's``, ``e-mail``) also yields the joined form (``autos``, ``email``), so the word is
found however it is typed. Short Dutch and English function words are left out. Each word
yields itself and its prefixes from ``MIN_PREFIX`` characters: ``leverancier`` is found by
``lev``, ``leveran`` and ``leverancier``, which is what a coordinator typing the start of a
long Dutch compound expects.
"""

from __future__ import annotations

import re
import unicodedata

MIN_PREFIX = 3  # shorter prefixes would match almost everything
MAX_WORD = 24  # longer words are cut: the prefixes up to here find them
MIN_WORD = 2

_WORD = re.compile(r"[0-9a-z]+(?:['’\-][0-9a-z]+)*")
_JOINERS = re.compile(r"['’\-]")

# Function words that say nothing about a report and would only show up as the most frequent
# (and so most recognisable) tokens in the index.
_FUNCTION_WORDS = """
de het een en of van in op te is dat die dit er aan met voor bij als om tot uit door
naar ook maar dan nog wel niet geen zijn was werd wordt worden heb heeft hebben had
hadden ik je jij u hij zij ze we wij mij me zich hem haar hun ons wat wie waar hoe the
a an and or on to are were be been it this that with for at by as from not no he she
they you i his her their our
"""
STOP_WORDS = frozenset(_FUNCTION_WORDS.split())


def normalise(text: str) -> str:
    """Compatibility form, accents removed, lower case."""
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return folded.casefold()


def words(text: str, *, parts: bool = True) -> list[str]:
    """The words of ``text``, normalised, each once, in order of first appearance. A word with
    an apostrophe or hyphen gives its joined form, and with ``parts`` its parts too."""
    found: dict[str, None] = {}
    for match in _WORD.finditer(normalise(text)):
        pieces = _JOINERS.split(match.group())
        joined = "".join(pieces)
        candidates = [joined] if len(pieces) == 1 or not parts else [*pieces, joined]
        for word in candidates:
            word = word[:MAX_WORD]
            if len(word) >= MIN_WORD and word not in STOP_WORDS:
                found.setdefault(word, None)
    return list(found)


def terms(text: str) -> set[str]:
    """What the index holds for ``text``: every word and its prefixes of ``MIN_PREFIX`` or more."""
    result: set[str] = set()
    for word in words(text):
        result.add(word)
        result.update(word[:n] for n in range(MIN_PREFIX, len(word)))
    return result


def query_terms(query: str) -> list[str]:
    """The words of a query, each of which must be in the index (as a word, or as the prefix
    of one) for a report or case to be found. A hyphenated or apostrophed query word is
    searched in its joined form, which the index holds for both spellings. A word of two
    letters only finds that whole word: prefixes start at ``MIN_PREFIX``."""
    return words(query, parts=False)
