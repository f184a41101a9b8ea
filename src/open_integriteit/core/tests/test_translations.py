"""The Dutch catalogue is complete and current (compared with a fresh ``makemessages``), the
committed .mo matches the .po, and pages come out in Dutch by default and in English on
request.

Dutch is the product's default language (LANGUAGE_CODE = "nl"), so every UI string must
have a Dutch translation. The .mo is committed, so it must be compiled from the current .po.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

import open_integriteit

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "nl" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

PLACEHOLDER = re.compile(r"%\([a-z_]+\)[-#0 +]*\d*(?:\.\d+)?[sdif]")


@dataclass
class Entry:
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0


def _unquote(text: str) -> str:
    # A .po string is a C string; for the escapes gettext writes (\n \t \" \\) Python agrees.
    return ast.literal_eval(text)


def parse_po(path: Path) -> list[Entry]:
    """A small .po parser: enough for what makemessages writes (no obsolete entries)."""
    entries: list[Entry] = []
    current = Entry()
    target: tuple[str, int] | None = None

    def finish() -> None:
        nonlocal current
        if current.msgstr or current.msgid:
            entries.append(current)
        current = Entry()

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            target = None
            continue
        if line.startswith("#,"):
            if current.msgstr:
                finish()
            current.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        if line.startswith("#"):
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            assert target is not None, f"{path}:{number}: continuation line without a keyword"
            value = _unquote(line)
        else:
            value = _unquote(rest)
            if keyword in ("msgctxt", "msgid") and current.msgstr:
                finish()
            if not current.line:
                current.line = number
            if keyword.startswith("msgstr["):
                target = ("msgstr", int(keyword[len("msgstr[") : -1]))
                current.msgstr[target[1]] = ""
            elif keyword == "msgstr":
                target = ("msgstr", 0)
                current.msgstr[0] = ""
            elif keyword in ("msgctxt", "msgid", "msgid_plural"):
                target = (keyword, 0)
                setattr(current, keyword, "")
            else:
                raise AssertionError(f"{path}:{number}: unexpected line {raw!r}")
        if target[0] == "msgstr":
            current.msgstr[target[1]] += value
        else:
            setattr(current, target[0], (getattr(current, target[0]) or "") + value)
    finish()
    return entries


@pytest.fixture(scope="module")
def catalogue() -> tuple[Entry, list[Entry]]:
    entries = parse_po(PO_FILE)
    header = entries[0]
    assert header.msgid == "", "the .po must start with its header"
    return header, entries[1:]


def describe(entry: Entry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    return f"line {entry.line}: {context}{entry.msgid!r}"


def test_the_catalogue_is_dutch_with_two_plural_forms(catalogue):
    header, entries = catalogue
    assert "Language: nl\n" in header.msgstr[0]
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in header.msgstr[0]
    assert "fuzzy" not in header.flags
    assert len(entries) > 100


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    _, entries = catalogue
    fuzzy = [describe(e) for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, "fuzzy entries (check the translation, then remove the flag):\n" + "\n".join(fuzzy)
    untranslated = []
    for entry in entries:
        expected_forms = {0, 1} if entry.msgid_plural is not None else {0}
        if set(entry.msgstr) != expected_forms or not all(entry.msgstr.values()):
            untranslated.append(describe(entry))
    assert not untranslated, "untranslated entries:\n" + "\n".join(untranslated)


def _key(entry: Entry) -> str:
    context = f"[{entry.msgctxt}] " if entry.msgctxt else ""
    plural = f" / {entry.msgid_plural!r}" if entry.msgid_plural is not None else ""
    return f"{context}{entry.msgid!r}{plural}"


def test_the_catalogue_holds_exactly_what_a_fresh_makemessages_finds(catalogue, tmp_path):
    """`make messages` run on a copy of the sources, never on the committed catalogue:
    every msgid the sources produce must be in the .po, and nothing else."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing: `make test` installs it (Debian package gettext)")
    source = Path(open_integriteit.__file__).parent
    copy = tmp_path / "open_integriteit"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "static", "__pycache__", "*.pyc"))
    fresh_locale = tmp_path / "locale"
    cwd = os.getcwd()
    try:
        os.chdir(copy)
        with override_settings(LOCALE_PATHS=[str(fresh_locale)]):
            call_command("makemessages", locale=["nl"], no_obsolete=True, no_location=True, verbosity=0)
    finally:
        os.chdir(cwd)
    fresh = {_key(e) for e in parse_po(fresh_locale / "nl" / "LC_MESSAGES" / "django.po")[1:]}
    _, entries = catalogue
    committed = {_key(e) for e in entries}
    missing, obsolete = sorted(fresh - committed), sorted(committed - fresh)
    assert not missing, "run `make messages` and translate:\n" + "\n".join(missing)
    assert not obsolete, "no longer in the sources; run `make messages`:\n" + "\n".join(obsolete)


def test_translations_keep_their_placeholders(catalogue):
    _, entries = catalogue
    wrong = []
    for entry in entries:
        if "python-format" not in entry.flags:
            continue
        source = set(PLACEHOLDER.findall(entry.msgid)) | set(PLACEHOLDER.findall(entry.msgid_plural or ""))
        for form in entry.msgstr.values():
            if set(PLACEHOLDER.findall(form)) - source or (
                entry.msgid_plural is None and set(PLACEHOLDER.findall(form)) != source
            ):
                wrong.append(f"{describe(entry)} -> {form!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_the_compiled_catalogue_matches_the_po(catalogue):
    """Run `manage.py compilemessages -l nl` after changing the .po, and commit both files."""
    _, entries = catalogue
    with MO_FILE.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in entries:
        if entry.msgid_plural is not None:
            got = [
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt
                else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
            expected = [entry.msgstr[0], entry.msgstr[1]]
        else:
            got = [compiled.pgettext(entry.msgctxt, entry.msgid) if entry.msgctxt else compiled.gettext(entry.msgid)]
            expected = [entry.msgstr[0]]
        if got != expected:
            stale.append(describe(entry))
    assert not stale, "django.mo is out of date for:\n" + "\n".join(stale)
    # Nothing left in the .mo that the .po no longer has (header excluded).
    compiled_ids = {key if isinstance(key, str) else key[0] for key in compiled._catalog} - {""}
    po_ids = {f"{e.msgctxt}\x04{e.msgid}" if e.msgctxt else e.msgid for e in entries}
    assert compiled_ids == po_ids, "django.mo and django.po hold different entries; recompile"


@pytest.mark.django_db
def test_the_public_reporting_page_is_dutch_by_default_and_english_on_request(client, org):
    url = reverse("reports:public_start", args=[org.slug])
    with translation.override(settings.LANGUAGE_CODE):
        dutch = client.get(url).content.decode()
        assert '<html lang="nl"' in dutch
        for phrase in (
            "Misstand of integriteitsschending melden",
            "Melding doen",
            "Vermoedt u een misstand of een integriteitsschending bij Provincie Testland?",
            "Anoniem, vertrouwelijk of open",
            "ontvangstcode",
            "Huis voor Klokkenluiders",
            "Direct naar de inhoud",
        ):
            assert phrase in dutch, phrase
        assert "Make a report" not in dutch

        response = client.post(reverse("set_language"), {"language": "en", "next": url})
        assert response.status_code == 302
        english = client.get(url).content.decode()
        assert '<html lang="en"' in english
        for phrase in (
            "Report suspected wrongdoing",
            "Make a report",
            "Do you suspect wrongdoing or an integrity violation at Provincie Testland?",
            "receipt code",
        ):
            assert phrase in english, phrase
        assert "Melding doen" not in english


@pytest.mark.django_db
def test_the_browser_language_is_followed(client, org):
    url = reverse("reports:public_start", args=[org.slug])
    with translation.override(settings.LANGUAGE_CODE):
        assert "Make a report" in client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        assert "Melding doen" in client.get(url, HTTP_ACCEPT_LANGUAGE="nl").content.decode()
