"""The public registers, built once per change (ADR 0022, amendment "built once per change").

What the public pages and files show is decided in ``publication`` only; this module keeps
what is expensive to work out, so that a request does not do it again:

- per register the keys of its rows in their order, its count and its last change, and the
  organisation's history period (a page then reads and decrypts only its own 50 rows);
- the keys of the history's events in their order;
- per page, language and process, the page's table as HTML (``Kept.rendered``);
- each register's CSV and JSON file, whole (the open-data contract is not paged), with an
  ETag and the moment it was built (``Last-Modified``).

Everything is kept under the organisation's publication version (``PublicationVersion``, a
new random number at every change of something published) and today's date (a row leaves
the history when its period ends, a leaver's rows leave the register on the leaving date), in
Django's cache (the database, or Redis: shared by every worker and server) encrypted with
the content key, and in a small per-process memory in front of it.

The version changes in the same transaction as the change itself: ``publication_changed``
is called by signal receivers for every save and delete of a declaration in a state the
registers or the history show, of a person, of a post, of the register settings and of the
organisation (``connect``, from ``apps.ready``), when the retention empties their encrypted
columns in bulk, and by the services that write in bulk (the HR import, the demo loader).
The version is read before anything is built, so a build can only be newer than the version
it is kept under, never older.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import secrets
import threading
import zlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Model, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone, translation
from django.utils.translation import get_language

from open_integriteit.core.export import csv_bytes
from open_integriteit.encryption.keyring import decrypt_bytes, encrypt_bytes
from open_integriteit.organisations.models import Organisation
from open_integriteit.people.models import Person, Post
from open_integriteit.retention.erase import register_derived

from . import publication
from .models import Declaration, PublicationVersion, RegisterSettings
from .workflow import PUBLISHABLE, State

#: The states of a declaration the registers or their history show: a save or delete of a
#: declaration in one of these changes the publication. Every transition out of a published
#: state goes to one of these (``tests/test_publication_store.py`` checks the workflow).
VISIBLE_STATES = frozenset({*PUBLISHABLE, State.ENDED})

#: How long the cache keeps an entry (the date is in its key: one day is enough).
TIMEOUT_SECONDS = 26 * 3600
#: The JSON file's "opgevraagd" (the moment of the request) is put in on every request.
REQUESTED_AT = "\ue000opgevraagd\ue000"
PLACEHOLDER = json.dumps(REQUESTED_AT, ensure_ascii=False).encode()
MEMORY_ENTRIES = 48
TABLE_ENTRIES = 256


# --- The version ---------------------------------------------------------------------------


def publication_changed(organisation_id: int) -> None:
    """What the organisation's public registers show may have changed: a new version (in the
    caller's transaction)."""
    values = {"version": secrets.randbits(62), "changed_at": timezone.now()}
    if not PublicationVersion.objects.filter(organisation_id=organisation_id).update(**values):
        PublicationVersion.objects.update_or_create(organisation_id=organisation_id, defaults=values)


def current_version(organisation_id: int) -> int | None:
    """The organisation's version (one query); None: never recorded, nothing is kept."""
    return PublicationVersion.objects.filter(organisation_id=organisation_id).values_list("version", flat=True).first()


def _declaration_saved(sender: type[Model], instance: Declaration, **kwargs: Any) -> None:
    if instance.state in VISIBLE_STATES:
        publication_changed(instance.organisation_id)


def _organisation_saved(sender: type[Model], instance: Organisation, **kwargs: Any) -> None:
    publication_changed(instance.pk)


def _organisation_row_saved(sender: type[Model], instance: Person | Post | RegisterSettings, **kwargs: Any) -> None:
    publication_changed(instance.organisation_id)


#: (model, receiver): every model whose rows the public registers read.
RECEIVERS: tuple[tuple[type[Model], Callable[..., None]], ...] = (
    (Declaration, _declaration_saved),
    (Person, _organisation_row_saved),
    (Post, _organisation_row_saved),
    (RegisterSettings, _organisation_row_saved),
)


def _cleared(rows: QuerySet[Any]) -> None:
    """The retention empties encrypted columns in bulk (``retention.erase.clear_encrypted``)."""
    if rows.model in {model for model, _receiver in RECEIVERS}:
        for organisation_id in set(rows.values_list("organisation_id", flat=True)):
            publication_changed(organisation_id)


def connect() -> None:
    """Called once from ``DeclarationsConfig.ready``."""
    for model, receiver in RECEIVERS:
        post_save.connect(receiver, sender=model, dispatch_uid=f"publication-{model._meta.label}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"publication-{model._meta.label}-delete")
    post_save.connect(_organisation_saved, sender=Organisation, dispatch_uid="publication-organisation-save")
    register_derived(_cleared)


# --- Keeping what was built ----------------------------------------------------------------

_memory: OrderedDict[str, Any] = OrderedDict()
_memory_lock = threading.Lock()


def _remembered(key: str) -> Any:
    with _memory_lock:
        if key in _memory:
            _memory.move_to_end(key)
            return _memory[key]
    return None


def _remember(key: str, value: Any) -> None:
    with _memory_lock:
        _memory[key] = value
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_ENTRIES:
            _memory.popitem(last=False)


@dataclass(frozen=True)
class Overview:
    months: int  #: the history period
    summaries: dict[str, publication.Summary]  #: per register slug


@dataclass(frozen=True)
class Table:
    page: publication.Page  #: without its rows
    html: str  #: the rows' table, rendered


_tables: OrderedDict[str, Table] = OrderedDict()


@dataclass(frozen=True)
class File:
    body: bytes
    etag: str
    built_at: dt.datetime


class Kept:
    """What is kept of an organisation's publication as of now: the version is read once, on
    creation, before anything is built (so what is built can only be newer than it)."""

    def __init__(self, organisation_id: int) -> None:
        self.organisation_id = organisation_id
        version = current_version(organisation_id)
        if version is None:  # an organisation that has not had a version yet: from now on it has
            publication_changed(organisation_id)
            version = current_version(organisation_id)
        self.prefix = f"oi-publication:{organisation_id}:{version}:{timezone.localdate().isoformat()}"

    def _kept(self, what: str, build: Callable[[], bytes], decode: Callable[[bytes], Any]) -> Any:
        """``decode(build())``, built at most once per version and day (and process, when the
        shared cache does not keep it)."""
        key = f"{self.prefix}:{what}"
        found = _remembered(key)
        if found is not None:
            return found
        stored = cache.get(key)
        if stored is not None:
            data = zlib.decompress(decrypt_bytes(stored, aad=key))
        else:
            data = build()
            cache.set(key, encrypt_bytes(zlib.compress(data, 1), aad=key), TIMEOUT_SECONDS)
        value = decode(data)
        _remember(key, value)
        return value

    def rendered(self, what: str, build: Callable[[], Table]) -> Table:
        """A page's table as HTML in the reader's language, rendered once per version, day
        and process (it is most of a page's time; the page around it has the visitor's own
        CSRF token and messages, so it is rendered on every request)."""
        key = f"{self.prefix}:{get_language()}:{what}"
        with _memory_lock:
            found = _tables.get(key)
            if found is not None:
                _tables.move_to_end(key)
                return found
        table = build()
        with _memory_lock:
            _tables[key] = table
            while len(_tables) > TABLE_ENTRIES:
                _tables.popitem(last=False)
        return table

    def overview(self) -> Overview:
        """The history period and every register's count and last change."""
        organisation_id = self.organisation_id

        def build() -> bytes:
            months = publication.history_months(organisation_id)
            found = {}
            for register in publication.REGISTERS:
                summary = publication.summary(organisation_id=organisation_id, register=register, months=months)
                last = summary.last_updated.isoformat() if summary.last_updated else None
                found[register.slug] = [summary.count, last]
            return json.dumps({"months": months, "registers": found}).encode()

        def decode(data: bytes) -> Overview:
            kept = json.loads(data)
            summaries = {
                slug: publication.Summary(count=count, last_updated=dt.datetime.fromisoformat(last) if last else None)
                for slug, (count, last) in kept["registers"].items()
            }
            return Overview(months=kept["months"], summaries=summaries)

        overview: Overview = self._kept("overview", build, decode)
        return overview

    def register_keys(self, register: publication.Register) -> list[int]:
        """The keys of the register's rows in its order."""
        found = publication.published_keys(organisation_id=self.organisation_id, register=register)
        keys: list[int] = self._kept(f"keys:{register.slug}", lambda: json.dumps(list(found)).encode(), json.loads)
        return keys

    def history_keys(self, months: int) -> list[int]:
        """The keys of the history's events, newest first."""
        found = publication.history(organisation_id=self.organisation_id, months=months).values_list("pk", flat=True)
        keys: list[int] = self._kept(f"history:{months}", lambda: json.dumps(list(found)).encode(), json.loads)
        return keys

    def register_file(self, organisation: Organisation, register: publication.Register, fmt: str) -> File:
        """The register as open data (docs/open-data.md), with "opgevraagd" of now."""

        def build() -> bytes:
            with translation.override("nl"):
                body = _file_body(organisation, register, fmt)
            meta = {"etag": hashlib.sha256(body).hexdigest()[:32], "built_at": timezone.now().isoformat()}
            return json.dumps(meta).encode() + b"\0" + body

        found: File = self._kept(f"file:{register.slug}.{fmt}", build, _file)
        if fmt == "json":
            requested = json.dumps(timezone.localtime().isoformat(timespec="seconds")).encode()
            return File(body=found.body.replace(PLACEHOLDER, requested, 1), etag=found.etag, built_at=found.built_at)
        return found


def _file(data: bytes) -> File:
    head, body = data.split(b"\0", 1)
    meta = json.loads(head)
    return File(body=body, etag=meta["etag"], built_at=dt.datetime.fromisoformat(meta["built_at"]))


def _file_body(organisation: Organisation, register: publication.Register, fmt: str) -> bytes:
    months = publication.history_months(organisation.pk)
    found = publication.all_rows(organisation_id=organisation.pk, register=register)
    keys = [column.key for column in register.columns]
    if fmt == "csv":
        return csv_bytes(keys, publication.open_rows(register, found, csv=True))
    last = publication.last_updated(organisation_id=organisation.pk, register=register, months=months)
    document: dict[str, Any] = {
        "organisatie": organisation.name,
        "register": register.slug,
        "titel": str(register.title),
        "laatst_bijgewerkt": publication.open_value(last, csv=False),
        "opgevraagd": REQUESTED_AT,
        "velden": keys,
        "rijen": [dict(zip(keys, row, strict=True)) for row in publication.open_rows(register, found, csv=False)],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()
