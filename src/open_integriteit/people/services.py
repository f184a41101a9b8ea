"""Writes on the people register. The HR import is the one way people, units and posts come
in (ADR 0018): checked as a whole first, then written in one transaction, in bulk, with one
audit event that holds counts only. Importing the same file again changes nothing; people of
the organisation no longer in the file become leavers (their history stays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from open_integriteit.access.people import can_edit_register, can_import_people
from open_integriteit.accounts.models import User
from open_integriteit.audit.services import audit_log
from open_integriteit.declarations.publication_store import publication_changed

from . import hr_file
from .models import ManagerOf, Person, PersonKind, Post, PostHolding, Unit, make_sort_key

if TYPE_CHECKING:
    from django.http import HttpRequest

    from open_integriteit.organisations.models import Organisation

PERSON_FIELDS = {
    # column → field on Person
    "voornaam": "given_name",
    "achternaam": "surname",
    "email": "email",
    "soort": "kind",
    "ambt": "office",
    "termijn_begin": "term_start",
    "termijn_einde": "term_end",
    "partij": "party",
}
OFFICIAL_FIELDS = ("office", "term_start", "term_end", "party")


@dataclass
class ImportResult:
    errors: list[tuple[int, str]] = field(default_factory=list)
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    dry_run: bool = True
    # What the file says otherwise than the register clerk chose, and the import left as the
    # clerk set it (ADR 0018, amendment): not changes, but shown so nothing is silent.
    kept: dict[str, int] = field(default_factory=dict)

    @property
    def changes(self) -> int:
        return sum(self.counts.values())


COUNTS = (
    "units_created",
    "units_changed",
    "posts_created",
    "posts_changed",
    "people_created",
    "people_changed",
    "posts_started",
    "managers_changed",
    "leavers",
)
KEPT = ("duties_kept", "officials_kept", "managers_kept")


def people_import(
    *,
    organisation: Organisation,
    by: User | None,
    file_name: str,
    data: bytes,
    dry_run: bool,
    request: HttpRequest | None = None,
    today: dt.date | None = None,
) -> ImportResult:
    """Check the file and, unless ``dry_run`` or there is any error, import it: all or nothing.
    ``by`` is None only for the demo loader (the audit event is then a system event)."""
    if by is not None and not can_import_people(by, organisation.pk):
        raise PermissionDenied
    result = ImportResult(dry_run=dry_run)
    try:
        header, raw_rows = hr_file.read_file(file_name, data)
    except hr_file.FileRefused as exc:
        result.errors.append((0, str(exc)))
        return result
    table = hr_file.check(header, raw_rows)
    result.rows = len(raw_rows)
    result.errors = table.errors
    if result.errors:
        return result
    with transaction.atomic():
        # Lock the organisation row: two imports never interleave.
        type(organisation).objects.select_for_update().filter(pk=organisation.pk).first()
        result.errors = _apply(organisation.pk, table, result.counts, today or timezone.localdate(), result.kept)
        if result.errors or dry_run:
            transaction.set_rollback(True)
            if result.errors:
                result.counts, result.kept = {}, {}
            return result
        if any(result.counts.values()):  # written in bulk, without signals: the public registers may change
            publication_changed(organisation.pk)
        audit_log(
            action="people.import_ran",
            actor=by,
            channel="staff" if by is not None else "system",
            organisation_id=organisation.pk,
            request=request,
            details={
                "rows": result.rows,
                **{k: result.counts.get(k, 0) for k in COUNTS},
                **{k: result.kept.get(k, 0) for k in KEPT},
            },
        )
    return result


def _apply(
    organisation_id: int,
    table: hr_file.Table,
    counts: dict[str, int],
    today: dt.date,
    kept: dict[str, int] | None = None,
) -> list[tuple[int, str]]:
    kept = {} if kept is None else kept
    for key in COUNTS:
        counts[key] = 0
    for key in KEPT:
        kept[key] = 0
    errors: list[tuple[int, str]] = []
    columns = table.columns

    # --- units -----------------------------------------------------------------------------
    units = {u.code: u for u in Unit.objects.filter(organisation_id=organisation_id)}
    by_pk = {u.pk: u for u in units.values()}
    wanted_name: dict[str, tuple[str, int]] = {}
    wanted_parent: dict[str, tuple[str, int]] = {}
    for row in table.rows:
        if not row.unit_code:
            continue
        for wanted, value in ((wanted_name, row.unit_name), (wanted_parent, row.parent_code)):
            if not value:
                continue
            earlier = wanted.setdefault(row.unit_code, (value, row.line))
            if earlier[0] != value:
                errors.append(
                    (
                        row.line,
                        _("Unit %(code)s is given differently on line %(line)d.")
                        % {"code": row.unit_code, "line": earlier[1]},
                    )
                )
        if row.unit_code not in units and row.unit_code not in wanted_name:
            wanted_name.setdefault(row.unit_code, ("", row.line))
    known_codes = set(units) | set(wanted_name)
    for row in table.rows:
        if row.parent_code and row.parent_code not in known_codes:
            errors.append((row.line, _("Parent unit %(code)s is unknown.") % {"code": row.parent_code}))
        for code in row.manages:
            if code not in known_codes:
                errors.append((row.line, _("Unit %(code)s (manager of) is unknown.") % {"code": code}))
        if row.unit_code and row.unit_code not in units and not wanted_name.get(row.unit_code, ("",))[0]:
            errors.append(
                (row.line, _("Unit %(code)s is new and needs a name (eenheid_naam).") % {"code": row.unit_code})
            )
    # The parents as they will be: a cycle is refused.
    parent_of = {code: (by_pk[u.parent_id].code if u.parent_id else "") for code, u in units.items()}
    if "bovenliggende_eenheid_code" in columns:
        parent_of.update({code: value for code, (value, _line) in wanted_parent.items()})
    for code, (_value, line) in wanted_parent.items():
        seen, current = {code}, parent_of.get(code, "")
        while current:
            if current in seen:
                errors.append(
                    (line, _("Unit %(code)s would be inside itself (a loop of parent units).") % {"code": code})
                )
                break
            seen.add(current)
            current = parent_of.get(current, "")

    # --- posts -----------------------------------------------------------------------------
    post_spec: dict[tuple[str, str], dict[str, Any]] = {}
    for row in table.rows:
        if not row.post_title:
            continue
        spec = post_spec.setdefault((row.unit_code, row.post_title), {"line": row.line})
        post_values: tuple[tuple[str, str | bool | None], ...] = (
            ("salary_scale", row.salary_scale if "schaal" in columns else None),
            ("designated", row.designated),
            ("publication_duty", row.publication_duty),
        )
        for attribute, given in post_values:
            if given is None or given == "":
                continue
            if attribute in spec and spec[attribute] != given:
                errors.append(
                    (
                        row.line,
                        _("Post %(title)s is given differently on line %(line)d.")
                        % {"title": row.post_title, "line": spec["line"]},
                    )
                )
            spec[attribute] = given

    # --- accounts ----------------------------------------------------------------------------
    accounts: dict[str, int] = {}
    if "account" in columns:
        wanted_accounts = {row.account for row in table.rows if row.account}
        accounts = dict(
            User.objects.filter(organisation_id=organisation_id, username__in=wanted_accounts).values_list(
                "username", "pk"
            )
        )
        seen_account: dict[str, int] = {}
        for row in table.rows:
            if not row.account:
                continue
            if row.account not in accounts:
                errors.append(
                    (row.line, _("There is no account %(name)s in this organisation.") % {"name": row.account})
                )
            elif seen_account.setdefault(row.account, row.line) != row.line:
                errors.append(
                    (
                        row.line,
                        _("Account %(name)s is also on line %(line)d.")
                        % {"name": row.account, "line": seen_account[row.account]},
                    )
                )
    if errors:
        return errors

    # --- write units -------------------------------------------------------------------------
    new_units = [
        Unit(organisation_id=organisation_id, code=code, name=name)
        for code, (name, _line) in wanted_name.items()
        if code not in units
    ]
    Unit.objects.bulk_create(new_units)
    counts["units_created"] = len(new_units)
    units = {u.code: u for u in Unit.objects.filter(organisation_id=organisation_id)}
    created_codes = {u.code for u in new_units}
    changed_units = []
    codes_in_file = {r.unit_code for r in table.rows if r.unit_code}
    for code, unit in units.items():
        changed = False
        name = wanted_name.get(code, ("",))[0]
        if name and unit.name != name:
            unit.name, changed = name, True
        if "bovenliggende_eenheid_code" in columns and code in codes_in_file:
            parent_code = wanted_parent.get(code, ("",))[0]
            parent_id = units[parent_code].pk if parent_code else None
            if unit.parent_id != parent_id:
                unit.parent_id, changed = parent_id, True
        if changed:
            changed_units.append(unit)
    Unit.objects.bulk_update(changed_units, ["name", "parent"])
    counts["units_changed"] = len([u for u in changed_units if u.code not in created_codes])

    # --- write posts -------------------------------------------------------------------------
    posts = {(p.unit_id, p.title): p for p in Post.objects.filter(organisation_id=organisation_id)}
    new_posts, changed_posts = [], []
    for (unit_code, title), spec in post_spec.items():
        unit = units[unit_code]
        post_fields = {k: spec[k] for k in ("salary_scale", "designated", "publication_duty") if k in spec}
        post = posts.get((unit.pk, title))
        if post is not None and post.duties_set_by_clerk_at is not None:
            # The register clerk chose the duties of this post: the file does not undo that.
            duties = {k: post_fields.pop(k) for k in ("designated", "publication_duty") if k in post_fields}
            if any(getattr(post, k) != v for k, v in duties.items()):
                kept["duties_kept"] += 1
        if post is None:
            new_posts.append(Post(organisation_id=organisation_id, unit=unit, title=title, **post_fields))
        elif any(getattr(post, k) != v for k, v in post_fields.items()):
            for k, v in post_fields.items():
                setattr(post, k, v)
            changed_posts.append(post)
    Post.objects.bulk_create(new_posts)
    Post.objects.bulk_update(changed_posts, ["salary_scale", "designated", "publication_duty"])
    counts["posts_created"], counts["posts_changed"] = len(new_posts), len(changed_posts)
    posts = {(p.unit_id, p.title): p for p in Post.objects.filter(organisation_id=organisation_id)}

    # --- write people ------------------------------------------------------------------------
    people = {p.external_id: p for p in Person.objects.filter(organisation_id=organisation_id)}
    fields = [f for column, f in PERSON_FIELDS.items() if column in columns]
    new_people, changed_people = [], []
    for row in table.rows:
        values: dict[str, Any] = {f: getattr(row, f) for f in fields}
        if "account" in columns:
            values["user_id"] = accounts.get(row.account) if row.account else None
        person = people.get(row.external_id)
        if person is None:
            new_people.append(
                Person(
                    organisation_id=organisation_id,
                    external_id=row.external_id,
                    sort_key=make_sort_key(row.surname),
                    **values,
                )
            )
            continue
        values["left_on"] = None
        if person.official_set_by_clerk_at is not None:
            if row.kind == PersonKind.OFFICIAL:
                # The register clerk keeps this official's office, term and party.
                official = {k: values.pop(k) for k in OFFICIAL_FIELDS if k in values}
                if any(getattr(person, k) != v for k, v in official.items()):
                    kept["officials_kept"] += 1
            else:  # no longer an official: the file decides again
                values["official_set_by_clerk_at"] = None
        differs = {k: v for k, v in values.items() if getattr(person, k) != v}
        if differs:
            for k, v in differs.items():
                setattr(person, k, v)
            person.sort_key = make_sort_key(person.surname)
            changed_people.append(person)
    in_file = {row.external_id for row in table.rows}
    leavers = [p for p in people.values() if p.external_id not in in_file and p.left_on is None]
    # An account that moves to another person is first taken from whoever has it now, so the
    # one-to-one link never clashes halfway (the people written below get theirs back).
    taken = {p.user_id for p in [*changed_people, *new_people] if p.user_id}
    if taken:
        Person.objects.filter(organisation_id=organisation_id, user_id__in=taken).update(user=None)
    for person in leavers:
        person.left_on = today
    Person.objects.bulk_update(
        changed_people,
        [*fields, "sort_key", "left_on", "official_set_by_clerk_at", *(["user"] if "account" in columns else [])],
        batch_size=1000,
    )
    Person.objects.bulk_update(leavers, ["left_on"], batch_size=1000)
    Person.objects.bulk_create(new_people, batch_size=1000)
    counts["people_created"], counts["people_changed"], counts["leavers"] = (
        len(new_people),
        len(changed_people),
        len(leavers),
    )
    # Ids only, no model instances: for a file of 50,000 rows that is 50,000 objects fewer.
    person_ids = dict(Person.objects.filter(organisation_id=organisation_id).values_list("external_id", "pk"))

    # --- post history ------------------------------------------------------------------------
    current_holding = {
        h.person_id: h
        for h in PostHolding.objects.filter(person__organisation_id=organisation_id, ended_on__isnull=True)
    }
    ended, started, corrected = [], [], []
    if "functie" in columns:
        for row in table.rows:
            person_id = person_ids[row.external_id]
            holding = current_holding.get(person_id)
            post = posts[(units[row.unit_code].pk, row.post_title)] if row.post_title else None
            if holding is not None and post is not None and holding.post_id == post.pk:
                if row.post_since and holding.started_on != row.post_since:
                    holding.started_on = row.post_since
                    corrected.append(holding)
                continue
            start = row.post_since or today
            if holding is not None:
                holding.ended_on = max(start, holding.started_on) if post is not None else today
                ended.append(holding)
            if post is not None:
                started.append(PostHolding(person_id=person_id, post_id=post.pk, started_on=start))
    for leaver in leavers:
        holding = current_holding.get(leaver.pk)
        if holding is not None:
            holding.ended_on = max(today, holding.started_on)
            ended.append(holding)
    PostHolding.objects.bulk_update(ended, ["ended_on"], batch_size=1000)
    PostHolding.objects.bulk_update(corrected, ["started_on"], batch_size=1000)
    PostHolding.objects.bulk_create(started, batch_size=1000)
    counts["posts_started"] = len(started) + len(corrected)

    # --- managers ----------------------------------------------------------------------------
    links = list(
        ManagerOf.objects.filter(person__organisation_id=organisation_id).values_list(
            "person_id", "unit_id", "added_by_clerk"
        )
    )
    existing = {(p, u) for p, u, _clerk in links}
    by_clerk = {(p, u) for p, u, clerk in links if clerk}
    leaver_ids = {p.pk for p in leavers}
    managing: set[tuple[int, int]] = set()
    if "leidinggevende_van" in columns:
        managing = {(person_ids[row.external_id], units[code].pk) for row in table.rows for code in row.manages}
        # A link the register clerk added stays while its manager is in service.
        clerk_only = {pair for pair in by_clerk if pair[0] not in leaver_ids} - managing
        kept["managers_kept"] = len(clerk_only)
        managing |= clerk_only
    else:
        managing = {pair for pair in existing if pair[0] not in leaver_ids}
    gone = existing - managing
    for person_id in {p for p, _u in gone}:
        ManagerOf.objects.filter(person_id=person_id, unit_id__in=[u for p, u in gone if p == person_id]).delete()
    ManagerOf.objects.bulk_create([ManagerOf(person_id=p, unit_id=u) for p, u in managing - existing], batch_size=1000)
    counts["managers_changed"] = len(gone) + len(managing - existing)
    return []


def person_account_link(*, person: Person, user: User, request: HttpRequest | None = None) -> None:
    """Link a person of the register to an account of the same organisation, made for them
    at their first log-in through the organisation's identity provider (ADR 0019). A person
    who already has an account keeps it."""
    if user.organisation_id != person.organisation_id:
        raise PermissionDenied("the account belongs to another organisation")
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        if locked.user_id is not None:
            raise PermissionDenied("the person already has an account")
        locked.user = user
        locked.save(update_fields=["user"])
        audit_log(
            action="people.account_linked",
            actor=user,
            organisation_id=person.organisation_id,
            target=locked,
            request=request,
        )
    person.user = user


# --- What the register clerk keeps by hand (ADR 0018, amendment) ------------------------------


def _require_clerk(by: User, organisation_id: int) -> None:
    if not can_edit_register(by, organisation_id):
        raise PermissionDenied


def post_duties_update(
    *, post: Post, by: User, designated: bool, publication_duty: bool, request: HttpRequest | None = None
) -> Post:
    """The register clerk sets whether the post is designated for the financial-interest duty
    and whether its side jobs are published. From then on the HR import leaves both alone."""
    _require_clerk(by, post.organisation_id)
    with transaction.atomic():
        locked = Post.objects.select_for_update().get(pk=post.pk)
        before = {"designated": locked.designated, "publication_duty": locked.publication_duty}
        locked.designated, locked.publication_duty = designated, publication_duty
        locked.duties_set_by_clerk_at = timezone.now()
        locked.full_clean()
        locked.save(update_fields=["designated", "publication_duty", "duties_set_by_clerk_at"])
        audit_log(
            action="people.post_duties_changed",
            actor=by,
            organisation_id=locked.organisation_id,
            target=locked,
            request=request,
            details={
                "post_id": locked.pk,
                "designated": designated,
                "publication_duty": publication_duty,
                "changed": ",".join(sorted(k for k, v in before.items() if getattr(locked, k) != v)),
            },
        )
    return locked


def official_update(
    *,
    person: Person,
    by: User,
    office: str,
    term_start: dt.date | None,
    term_end: dt.date | None,
    party: str,
    request: HttpRequest | None = None,
) -> Person:
    """The register clerk records an official's office, term and party (officials are often
    not in the HR export). The HR import leaves them as the clerk set them while the person
    stays an official. The audit event names the fields that changed, never their values
    (the party is personal data)."""
    _require_clerk(by, person.organisation_id)
    if person.kind != PersonKind.OFFICIAL:
        raise ValidationError(_("Only an official has an office, a term and a party."))
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        new = {"office": office, "term_start": term_start, "term_end": term_end, "party": party.strip()}
        changed = sorted(k for k, v in new.items() if getattr(locked, k) != v)
        for k, v in new.items():
            setattr(locked, k, v)
        locked.official_set_by_clerk_at = timezone.now()
        locked.full_clean(exclude=["user"])
        locked.save(update_fields=[*new, "official_set_by_clerk_at"])
        audit_log(
            action="people.official_changed",
            actor=by,
            organisation_id=locked.organisation_id,
            target=locked,
            request=request,
            details={"person_id": locked.pk, "office": office, "changed": ",".join(changed)},
        )
    return locked


def manager_add(*, person: Person, unit: Unit, by: User, request: HttpRequest | None = None) -> ManagerOf:
    """The register clerk records that the person manages the unit (and so decides for the
    people in it and below it). An HR import whose file does not name the link keeps it."""
    _require_clerk(by, person.organisation_id)
    if unit.organisation_id != person.organisation_id:
        raise PermissionDenied
    if person.left_on is not None and person.left_on <= timezone.localdate():
        raise ValidationError({"unit": _("This person has left and cannot manage a unit.")})
    with transaction.atomic():
        if ManagerOf.objects.filter(person=person, unit=unit).exists():
            raise ValidationError({"unit": _("This person already manages this unit.")})
        link = ManagerOf(person=person, unit=unit, added_by_clerk=True)
        link.full_clean()
        link.save()
        audit_log(
            action="people.manager_added",
            actor=by,
            organisation_id=person.organisation_id,
            target=person,
            request=request,
            details={"person_id": person.pk, "unit_id": unit.pk},
        )
    return link


def manager_remove(*, person: Person, unit: Unit, by: User, request: HttpRequest | None = None) -> None:
    """The register clerk ends the person's management of the unit. If the HR file names the
    link (column leidinggevende_van), the next import makes it again: the file says so."""
    _require_clerk(by, person.organisation_id)
    with transaction.atomic():
        deleted, _rows = ManagerOf.objects.filter(person=person, unit=unit).delete()
        if not deleted:
            raise ValidationError({"unit": _("This person does not manage this unit.")})
        audit_log(
            action="people.manager_removed",
            actor=by,
            organisation_id=person.organisation_id,
            target=person,
            request=request,
            details={"person_id": person.pk, "unit_id": unit.pk},
        )
