"""What the public registers publish (ADR 0022): the one rule, used by the public pages, their
CSV and JSON, the history page and the declarant's page "what is published about me".

Only approved declarations (``workflow.PUBLISHABLE``: approved, or approved with a
restriction) of people and posts in scope are published:

- ``nevenfuncties-bestuurders``: side jobs of officials (name, office, party, body, role,
  paid, q.q., restriction);
- ``nevenfuncties-functies``: side jobs declared by holders of a post with publication
  duty (the post title, the side job and the restriction — never a name);
- ``financiele-belangen-bestuurders``: financial interests of the officials the law obliges
  to publish them (aldermen or deputies, the mayor or King's commissioner; not council
  members);
- ``geschenken-bestuurders``: the officials' gift register, with the gift's destination.

A declaration leaves its register when it ends, when it is refused or withdrawn (it never
got there), when the person leaves the organisation or when the post loses its publication
duty. Ended declarations (``State.ENDED``), and the declarations of people who left, stay in
the history page for ``RegisterSettings.publication_history_months`` after the end.

Never published: drafts, submitted (undecided), refused and withdrawn declarations; the
decision's reason; the relation to own work, hours, hand-in details and notes; names of
holders of posts; anything of people or posts out of scope.

Every function here does a fixed number of queries whatever the register's size, and only
the rows of the page asked for are read and decrypted.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import Count, Max, Q, QuerySet
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from open_integriteit.core import formatting
from open_integriteit.people.models import Office, Person, PersonKind, Post
from open_integriteit.reports.deadlines import add_months

from .models import Declaration, DeclarationEvent, Kind, RegisterSettings
from .workflow import PUBLISHABLE, State

PER_PAGE = 50

#: The transitions the history page shows: a declaration was published, or ended.
PUBLISHED_TRANSITIONS = ("approve", "approve_restricted")
ENDED_TRANSITIONS = ("end", "end_restricted")
HISTORY_TRANSITIONS = (*PUBLISHED_TRANSITIONS, *ENDED_TRANSITIONS)

#: The officials whose financial interests the law makes public (Gemeentewet art. 41c and
#: 67, Provinciewet art. 40c and 66; ADR 0022). Council members declare to a code of
#: conduct, which does not make them public.
FINANCIAL_INTEREST_OFFICES = (Office.EXECUTIVE, Office.HEAD)


@dataclass(frozen=True)
class Column:
    key: str  #: the open-data field name (stable; docs/open-data.md)
    label: Any  #: the column header on the page (a lazy translation)
    value: Callable[[Declaration], Any]  #: a str, bool, date, Decimal or None


@dataclass(frozen=True)
class Register:
    slug: str
    title: Any
    description: Any
    kind: str
    #: ``scope(organisation_id)``: the declarations in scope, through subqueries of the
    #: organisation's officials or posts, so the database walks the index (person or post,
    #: kind, state) instead of the organisation's every declaration.
    scope: Callable[[int], Q]
    columns: tuple[Column, ...]
    order: tuple[str, ...]
    #: Fields read from the database: only what the columns show is decrypted.
    fields: tuple[str, ...]
    names_people: bool

    def subject(self, declaration: Declaration) -> str:
        """Who or what the row is about: the official's name, or the post title."""
        if self.names_people:
            return declaration.person.full_name
        return declaration.post.title if declaration.post else ""

    def summary(self, declaration: Declaration) -> str:
        """The row in a few words, for the history page."""
        if self.kind == Kind.SIDE_JOB:
            return ", ".join(part for part in (declaration.role, declaration.body) if part)
        if self.kind == Kind.FINANCIAL_INTEREST:
            return _label(declaration, "interest_kind")
        return declaration.giver


@functools.cache
def _labels(model: type[models.Model], field: str, language: str | None) -> dict[Any, str]:
    model_field = model._meta.get_field(field)
    assert isinstance(model_field, models.Field)
    return {value: str(label) for value, label in model_field.flatchoices}


def _label(instance: models.Model, field: str) -> str:
    """``get_<field>_display()`` as a string, with the labels translated once per language
    (a register of thousands of rows would otherwise translate every choice on every row)."""
    value = getattr(instance, field)
    return str(_labels(type(instance), field, get_language()).get(value, value))


def _name(d: Declaration) -> str:
    return d.person.full_name


def _office(d: Declaration) -> str:
    return _label(d.person, "office")


def _party(d: Declaration) -> str:
    return d.person.party


def _officials(offices: Sequence[str] = ()) -> Callable[[int], Q]:
    def scope(organisation_id: int) -> Q:
        people = Person.objects.filter(organisation_id=organisation_id, kind=PersonKind.OFFICIAL)
        if offices:
            people = people.filter(office__in=offices)
        return Q(person_id__in=people.values("pk"))

    return scope


def _posts_with_publication_duty(organisation_id: int) -> Q:
    posts = Post.objects.filter(organisation_id=organisation_id, publication_duty=True).values("pk")
    return Q(post_id__in=posts) & ~Q(person__kind=PersonKind.OFFICIAL)


PERSON_FIELDS = ("person__given_name", "person__surname", "person__party", "person__office", "person__sort_key")
OFFICIAL_ORDER = ("person__sort_key", "person_id")
SIDE_JOB_FIELDS = ("body", "role", "restriction", "starts_on", "ends_on")

OFFICIALS_SIDE_JOBS = Register(
    slug="nevenfuncties-bestuurders",
    title=_("Side jobs of officials"),
    description=_(
        "The other positions of the members of the council and the executive and of the mayor or King's "
        "commissioner, paid or unpaid, including those held by virtue of office (q.q.)."
    ),
    kind=Kind.SIDE_JOB,
    scope=_officials(),
    columns=(
        Column("naam", _("Name"), _name),
        Column("ambt", _("Office"), _office),
        Column("partij", _("Party"), _party),
        Column("instantie", _("Employer or body"), lambda d: d.body),
        Column("functie", _("Role"), lambda d: d.role),
        Column("bezoldigd", _("Paid"), lambda d: d.paid),
        Column("qq", _("By virtue of office (q.q.)"), lambda d: d.by_virtue_of_office),
        Column("beperking", _("Restriction"), lambda d: d.restriction),
        Column("begin", _("Start"), lambda d: d.starts_on),
        Column("einde", _("End"), lambda d: d.ends_on),
    ),
    order=(*OFFICIAL_ORDER, "starts_on", "pk"),
    fields=(*SIDE_JOB_FIELDS, "paid", "by_virtue_of_office", *PERSON_FIELDS),
    names_people=True,
)

POSTS_SIDE_JOBS = Register(
    slug="nevenfuncties-functies",
    title=_("Side jobs of posts with publication duty"),
    description=_(
        "The side jobs of employees in posts whose side jobs are published (Ambtenarenwet, article 8): the post, "
        "the side job and any restriction. Names are not published."
    ),
    kind=Kind.SIDE_JOB,
    scope=_posts_with_publication_duty,
    columns=(
        Column("functie", _("Post"), lambda d: d.post.title if d.post else ""),
        Column("instantie", _("Employer or body"), lambda d: d.body),
        Column("nevenfunctie", _("Side job"), lambda d: d.role),
        Column("beperking", _("Restriction"), lambda d: d.restriction),
        Column("begin", _("Start"), lambda d: d.starts_on),
        Column("einde", _("End"), lambda d: d.ends_on),
    ),
    order=("post__title", "post_id", "pk"),
    fields=(*SIDE_JOB_FIELDS, "post__title"),
    names_people=False,
)

OFFICIALS_INTERESTS = Register(
    slug="financiele-belangen-bestuurders",
    title=_("Financial interests of officials"),
    description=_(
        "The financial interests that aldermen or deputies and the mayor or King's commissioner must make "
        "public: the kind of interest, a description and the value band."
    ),
    kind=Kind.FINANCIAL_INTEREST,
    scope=_officials(FINANCIAL_INTEREST_OFFICES),
    columns=(
        Column("naam", _("Name"), _name),
        Column("ambt", _("Office"), _office),
        Column("partij", _("Party"), _party),
        Column("soort", _("Kind of interest"), lambda d: _label(d, "interest_kind")),
        Column("omschrijving", _("Description"), lambda d: d.description),
        Column("waarde", _("Value"), lambda d: _label(d, "value_band")),
    ),
    order=(*OFFICIAL_ORDER, "pk"),
    fields=("interest_kind", "description", "value_band", *PERSON_FIELDS),
    names_people=True,
)

OFFICIALS_GIFTS = Register(
    slug="geschenken-bestuurders",
    title=_("Gifts and invitations to officials"),
    description=_(
        "The gifts and invitations that officials received: the giver, the occasion, the estimated value, whether "
        "it was accepted and where a handed-in gift went."
    ),
    kind=Kind.GIFT,
    scope=_officials(),
    columns=(
        Column("naam", _("Name"), _name),
        Column("ambt", _("Office"), _office),
        Column("gever", _("Giver"), lambda d: d.giver),
        Column("gelegenheid", _("Occasion"), lambda d: d.occasion),
        Column("uitnodiging", _("Invitation"), lambda d: d.is_invitation),
        Column("waarde_geschat", _("Estimated value (€)"), lambda d: d.estimated_value),
        Column("datum", _("Date"), lambda d: d.received_on),
        Column("geaccepteerd", _("Accepted"), lambda d: d.accepted),
        Column("bestemming", _("Destination"), lambda d: _label(d, "destination")),
    ),
    order=(*OFFICIAL_ORDER, "-received_on", "-pk"),
    fields=(
        "giver",
        "occasion",
        "is_invitation",
        "estimated_value",
        "received_on",
        "accepted",
        "destination",
        *PERSON_FIELDS,
    ),
    names_people=True,
)

REGISTERS: tuple[Register, ...] = (OFFICIALS_SIDE_JOBS, POSTS_SIDE_JOBS, OFFICIALS_INTERESTS, OFFICIALS_GIFTS)
BY_SLUG: dict[str, Register] = {register.slug: register for register in REGISTERS}


def _any_scope(organisation_id: int) -> Q:
    """Everything any register may publish, for the history page."""
    q = Q()
    for register in REGISTERS:
        q |= Q(kind=register.kind) & register.scope(organisation_id)
    return q


def register_for(declaration: Declaration) -> Register | None:
    """The register a declaration belongs to by its kind, person and post (None: none)."""
    person, post = declaration.person, declaration.post
    if person.kind == PersonKind.OFFICIAL:
        if declaration.kind == Kind.SIDE_JOB:
            return OFFICIALS_SIDE_JOBS
        if declaration.kind == Kind.GIFT:
            return OFFICIALS_GIFTS
        if declaration.kind == Kind.FINANCIAL_INTEREST and person.office in FINANCIAL_INTEREST_OFFICES:
            return OFFICIALS_INTERESTS
        return None
    if declaration.kind == Kind.SIDE_JOB and post is not None and post.publication_duty:
        return POSTS_SIDE_JOBS
    return None


# --- The rule -----------------------------------------------------------------------------


def history_months(organisation_id: int) -> int:
    """The organisation's history period (read, never created, on a public page)."""
    months = (
        RegisterSettings.objects.filter(organisation_id=organisation_id)
        .values_list("publication_history_months", flat=True)
        .first()
    )
    if months is None:
        default: int = RegisterSettings._meta.get_field("publication_history_months").get_default()
        return default
    return int(months)


def _published_q(today: dt.date) -> Q:
    """Published now: approved (with or without a restriction), of a person who has not left."""
    return Q(state__in=sorted(PUBLISHABLE)) & (Q(person__left_on__isnull=True) | Q(person__left_on__gt=today))


def _in_history_q(today: dt.date, months: int) -> Q:
    """Published now, or until a date within the history period: ended then, or of a person
    who left then."""
    since = add_months(dt.datetime.combine(today, dt.time()), -months).date()
    published_or_ended = Q(state__in=sorted({*PUBLISHABLE, State.ENDED}))
    not_left_before = Q(person__left_on__isnull=True) | Q(person__left_on__gte=since)
    not_ended_before = ~Q(state=State.ENDED, ends_on__lt=since)
    return published_or_ended & not_left_before & not_ended_before


def _showing(register: Register, rows: QuerySet[Declaration]) -> QuerySet[Declaration]:
    """Rows as a register shows them: only its fields, with the person or post, in its order."""
    related = "person" if register.names_people else "post"
    return rows.select_related(related).only(*register.fields).order_by(*register.order)


def _published_rows(*, organisation_id: int, register: Register, today: dt.date) -> QuerySet[Declaration]:
    # The organisation is in the scope's subquery of its officials or posts: the database
    # starts from those and reads the index (person or post, kind, state).
    return Declaration.objects.filter(register.scope(organisation_id) & Q(kind=register.kind) & _published_q(today))


def published(*, organisation_id: int, register: Register, today: dt.date | None = None) -> QuerySet[Declaration]:
    """The rows of a register, in its order, reading only what it shows."""
    today = today or timezone.localdate()
    return _showing(register, _published_rows(organisation_id=organisation_id, register=register, today=today))


def published_keys(*, organisation_id: int, register: Register, today: dt.date | None = None) -> QuerySet[Any]:
    """The keys of a register's rows in its order (``publication_store`` keeps them)."""
    today = today or timezone.localdate()
    rows = _published_rows(organisation_id=organisation_id, register=register, today=today)
    return rows.order_by(*register.order).values_list("pk", flat=True)


@dataclass(frozen=True)
class Summary:
    count: int  #: rows in the register now
    last_updated: dt.datetime | None  #: the latest change of a row shown or in its history


def summary(*, organisation_id: int, register: Register, months: int, today: dt.date | None = None) -> Summary:
    """How many rows a register has and when one (shown or in its history) last changed:
    one query (every published row is in the history set, so one pass counts both)."""
    today = today or timezone.localdate()
    rows = Declaration.objects.filter(
        register.scope(organisation_id) & Q(kind=register.kind) & _in_history_q(today, months)
    )
    found = rows.aggregate(count=Count("pk", filter=_published_q(today)), last=Max("updated_at"))
    return Summary(count=found["count"], last_updated=found["last"])


def last_updated(
    *, organisation_id: int, register: Register, months: int, today: dt.date | None = None
) -> dt.datetime | None:
    """When a row of this register (shown or in its history) last changed."""
    return summary(organisation_id=organisation_id, register=register, months=months, today=today).last_updated


def history(
    *, organisation_id: int, months: int, today: dt.date | None = None, person: Person | None = None
) -> QuerySet[DeclarationEvent]:
    """What was published when, newest first: the approvals and ends of every declaration
    that is published now or within the history period (never the reason of a decision)."""
    today = today or timezone.localdate()
    declarations = Declaration.objects.filter(_any_scope(organisation_id) & _in_history_q(today, months))
    if person is not None:
        declarations = declarations.filter(person=person)
    events = DeclarationEvent.objects.filter(
        transition__in=HISTORY_TRANSITIONS, declaration_id__in=declarations.values("pk")
    )
    return _showing_events(events)


def _showing_events(events: QuerySet[DeclarationEvent]) -> QuerySet[DeclarationEvent]:
    """Events as the history shows them: with what their declaration's register shows."""
    fields = {
        f"declaration__{name}"
        for register in REGISTERS
        for name in (*register.fields, "kind", "ends_on", "person__kind", "post__publication_duty")
    }
    return (
        events.select_related("declaration__person", "declaration__post")
        .only("transition", "at", "declaration_id", *sorted(fields))
        .order_by("-at", "-pk")
    )


# --- Pages and files ----------------------------------------------------------------------


def cell(value: Any) -> str:
    """A value as a register's table shows it, in the reader's language (the table's one
    ``{{ cell }}`` a cell: a chain of template conditions was most of a page's time)."""
    if value is True:
        return gettext("yes")
    if value is False:
        return gettext("no")
    if value is None or value == "":
        return "–"
    if isinstance(value, dt.date):
        return formatting.short_date(value)
    if isinstance(value, Decimal):
        return floatformat(value, "2g")
    return str(value)


@dataclass(frozen=True)
class Row:
    declaration: Declaration
    values: tuple[Any, ...]

    @property
    def cells(self) -> list[str]:
        return [cell(value) for value in self.values]


def rows(register: Register, declarations: Iterable[Declaration]) -> list[Row]:
    """The rows as the register shows them; officials exactly in name order within what was
    read (the database orders by the first letters of the surname, ADR 0018)."""
    found = list(declarations)
    if register.names_people:
        names: dict[int, tuple[str, str]] = {}

        def name(d: Declaration) -> tuple[str, str]:
            if d.person_id not in names:
                names[d.person_id] = d.person.name_for_sorting
            return names[d.person_id]

        found.sort(key=name)
    return [Row(d, tuple(column.value(d) for column in register.columns)) for d in found]


def all_rows(*, organisation_id: int, register: Register, today: dt.date | None = None) -> list[Row]:
    """Every row of a register (the CSV and JSON): three queries whatever its size.

    An official or a post has many rows; its name, party or title is read (and decrypted)
    once, not once a row: a query for the people or posts with a row, next to the one for
    the rows."""
    today = today or timezone.localdate()
    declarations = _published_rows(organisation_id=organisation_id, register=register, today=today)
    related = "person" if register.names_people else "post"
    prefix = f"{related}__"
    their_fields = [name.removeprefix(prefix) for name in register.fields if name.startswith(prefix)]
    candidates: QuerySet[Any]
    if register.names_people:
        candidates = Person.objects.filter(pk__in=declarations.values("person_id"))
    else:  # the organisation's few posts with publication duty: no second pass over the rows
        candidates = Post.objects.filter(organisation_id=organisation_id, publication_duty=True)
    theirs: dict[int, Any] = {found.pk: found for found in candidates.only("pk", *their_fields)}
    own = [name for name in register.fields if not name.startswith(prefix)]
    cache = getattr(Declaration, related).field.set_cached_value
    attached = []
    for declaration in declarations.only(related, *own).order_by(*register.order).iterator(chunk_size=2000):
        cache(declaration, theirs[getattr(declaration, f"{related}_id")])
        attached.append(declaration)
    return rows(register, attached)


@dataclass(frozen=True)
class Page:
    number: int
    rows: list[Any]
    has_next: bool
    count: int | None = None

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def num_pages(self) -> int | None:
        if self.count is None:
            return None
        return max(1, -(-self.count // PER_PAGE))


def page_number(value: str | None) -> int:
    try:
        number = int(value or 1)
    except ValueError:
        return 1
    return max(1, min(number, 100_000))


def register_page(*, register: Register, number: int, keys: Sequence[int]) -> Page:
    """One page of a register whose rows have ``keys`` in its order (``published_keys``,
    kept by ``publication_store``): one query for its 50 rows, which alone are read whole
    and decrypted."""
    count = len(keys)
    last = max(1, -(-count // PER_PAGE))
    number = min(number, last)
    start = (number - 1) * PER_PAGE
    found = _showing(register, Declaration.objects.filter(pk__in=keys[start : start + PER_PAGE]))
    return Page(number, rows(register, found), number < last, count)


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    event: str  #: published, published_restricted or ended
    register: Register
    subject: str
    summary: str
    ends_on: dt.date | None


EVENT_LABELS = {
    "approve": _("Published"),
    "approve_restricted": _("Published with a restriction"),
    "end": _("Ended"),
    "end_restricted": _("Ended"),
}


def history_entries(events: Iterable[DeclarationEvent]) -> Iterator[HistoryEntry]:
    for event in events:
        declaration = event.declaration
        register = register_for(declaration)
        if register is None:  # the query only selects declarations in scope
            continue
        yield HistoryEntry(
            at=event.at,
            event=str(EVENT_LABELS[event.transition]),
            register=register,
            subject=register.subject(declaration),
            summary=register.summary(declaration),
            ends_on=declaration.ends_on if event.transition in ENDED_TRANSITIONS else None,
        )


def history_page(*, number: int, keys: Sequence[int]) -> Page:
    """One page of the history whose events have ``keys``, newest first (``history``, kept by
    ``publication_store``): one query for its 50 events (the 51st says there is a next page)."""
    start = (number - 1) * PER_PAGE
    found = list(_showing_events(DeclarationEvent.objects.filter(pk__in=keys[start : start + PER_PAGE + 1])))
    return Page(number, list(history_entries(found[:PER_PAGE])), len(found) > PER_PAGE)


def open_value(value: Any, *, csv: bool) -> Any:
    """A value in the open data: ``ja``/``nee`` and ISO dates in CSV, JSON's own types in JSON."""
    if isinstance(value, bool):
        return ("ja" if value else "nee") if csv else value
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:.2f}" if csv else float(value)
    if value is None or value == "":
        return "" if csv else None
    return value


def open_rows(register: Register, found: Sequence[Row], *, csv: bool) -> list[list[Any]]:
    return [[open_value(value, csv=csv) for value in row.values] for row in found]


def about_person(*, person: Person) -> list[tuple[Register, list[Row]]]:
    """What the registers publish about this person, register by register (the same rows
    the public pages show)."""
    found = []
    for register in REGISTERS:
        declarations = published(organisation_id=person.organisation_id, register=register).filter(person=person)
        register_rows = rows(register, declarations)
        if register_rows:
            found.append((register, register_rows))
    return found
