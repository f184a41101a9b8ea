"""``{% round_tasks person as tasks %}``: the declarant's open update-round tasks, for the top
of "my declarations" (``declarations/_my_round_tasks.html``)."""

from __future__ import annotations

from typing import Any

from django import template

from open_integriteit.declarations.rounds import RoundTask, tasks_of

register = template.Library()


@register.simple_tag
def round_tasks(person: Any) -> list[RoundTask]:
    return tasks_of(person) if person else []
