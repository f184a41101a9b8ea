"""Who manages whom: the managers of the nearest managed unit at or above a unit.

One walk for every reminder that goes to "the manager" (declarations waiting for a
decision, an overdue oath, a mandatory training) and for the deciders of declarations.
``ManagerTree`` reads the unit tree and the manager accounts of one organisation in two
queries, so a run over many people costs the same as a run over one.

A manager counts when their account is active in the organisation, they have not left, and
they are not an administrator (who never receives personal data, ADR 0003). A unit whose
managers all fall out is passed over: the walk goes on to the unit above. The person
themselves is never their own manager.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from open_integriteit.people.models import ManagerOf, Unit

from . import roles


class ManagerTree:
    def __init__(self, organisation_id: int, *, on: dt.date) -> None:
        self.parents: dict[int, int | None] = dict(
            Unit.objects.filter(organisation_id=organisation_id).values_list("pk", "parent_id")
        )
        # unit → {(person id, user id)}
        self.managers: dict[int, set[tuple[int, int]]] = {}
        counted = (
            ManagerOf.objects.filter(
                unit__organisation_id=organisation_id,
                person__user__is_active=True,
                person__user__organisation_id=organisation_id,
            )
            .filter(Q(person__left_on__isnull=True) | Q(person__left_on__gt=on))
            .exclude(person__user__in=roles.administrators())
            .values_list("unit_id", "person_id", "person__user__pk")
        )
        for unit_id, person_id, user_id in counted:
            self.managers.setdefault(unit_id, set()).add((person_id, user_id))

    def nearest(self, unit_id: int | None, *, person_id: int) -> set[int]:
        """The user ids of the managers of the nearest unit at or above ``unit_id`` that has
        a manager other than the person ``person_id``; empty when no unit above has one."""
        seen: set[int] = set()
        while unit_id is not None and unit_id not in seen:
            seen.add(unit_id)
            found = {user_id for manager_id, user_id in self.managers.get(unit_id, ()) if manager_id != person_id}
            if found:
                return found
            unit_id = self.parents.get(unit_id)
        return set()
