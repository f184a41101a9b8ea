"""Invented checklists and adopted lists of vulnerable posts for the demo organisations, made
through the services (``people/vulnerable.py``). In both: a handful of posts assessed, a list
adopted in 2022. The province assessed again and adopted a new list whose review falls due
within weeks of the demo's day ("review due soon"); the municipality's 2022 list is past its
four years ("review due"). Loading again changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils import timezone

from open_integriteit.accounts.models import User

from . import vulnerable
from .models import REVIEW_YEARS, FixedQuestion, Override, Post, VulnerablePostList

if TYPE_CHECKING:
    from open_integriteit.organisations.models import Organisation

M, S, C, P, PR, E = (
    FixedQuestion.MONEY,
    FixedQuestion.SENSITIVE,
    FixedQuestion.CONTACTS,
    FixedQuestion.PERMITS,
    FixedQuestion.PROCUREMENT,
    FixedQuestion.ENFORCEMENT,
)
OWN = "own"  # the organisation's own question, when it has one

# Per organisation: the register clerk, its own question, and (post title, answered yes, override, reason).
Row = tuple[str, set[str], str, str]
DEMO: dict[str, tuple[str, str, list[Row]]] = {
    "provincie-voorbeeld": (
        "registerbeheerder",
        "Heeft de functie toegang tot personeelsdossiers?",
        [
            ("Senior inkoper", {M, C, PR}, "", ""),
            ("Vergunningverlener", {C, P, E}, "", ""),
            ("Teamleider Vergunningen", {S, P}, "", ""),
            ("Medewerker inkoopadministratie", {M}, Override.INCLUDE, "Verzorgt de betaalbestanden van alle inkopen."),
            ("Beleidsmedewerker", {S}, "", ""),
            ("Afdelingshoofd Bedrijfsvoering", {M, S, OWN}, "", ""),
        ],
    ),
    "gemeente-voorbeeldstad": (
        "registerbeheerder-voorbeeldstad",
        "",
        [
            ("Inkoper zorg", {M, C, PR}, "", ""),
            ("Consulent Wmo", {S, C, P}, "", ""),
            ("Teamleider Sociaal Domein", {S, P}, "", ""),
            ("Gemeentesecretaris", {S, C}, "", ""),
            ("Raadsgriffier", {S}, Override.EXCLUDE, "Geen eigen beslissingsbevoegdheid over derden."),
        ],
    ),
}


def _assess(organisation: Organisation, clerk: User, rows: list[Row], own_key: str | None, on: dt.date) -> None:
    keys = [key for key, _q in vulnerable.keyed_questions(organisation_id=organisation.pk)]
    for title, yes, override, reason in rows:
        post = Post.objects.filter(organisation=organisation, title=title).first()
        if post is None:
            continue
        chosen = {own_key if code == OWN else code for code in yes}
        vulnerable.post_assess(
            post=post,
            answers={key: key in chosen for key in keys},
            override=override,
            override_reason=reason,
            by=clerk,
            today=on,
        )


def load_demo_vulnerable_posts(organisations: dict[str, Organisation]) -> None:
    today = timezone.localdate()
    for slug, (username, own_text, rows) in DEMO.items():
        organisation = organisations[slug]
        clerk = User.objects.filter(organisation=organisation, username=username).first()
        if clerk is None or VulnerablePostList.objects.filter(organisation=organisation).exists():
            continue
        own_key = None
        if own_text:
            own_key = str(vulnerable.question_add(organisation=organisation, text=own_text, weight=2, by=clerk).pk)
        first = dt.date(2022, 5, 10) if slug == "provincie-voorbeeld" else dt.date(2022, 9, 20)
        _assess(organisation, clerk, rows, own_key, first - dt.timedelta(days=40))
        duty = [
            p.pk for p in Post.objects.filter(organisation=organisation, title__in=["Senior inkoper", "Inkoper zorg"])
        ]
        vulnerable.list_adopt(
            organisation=organisation,
            adopted_on=first,
            decision_reference=f"{'GS' if slug == 'provincie-voorbeeld' else 'B&W'} {first.year}/{first.month:02d}-14",
            financial_interest_duty=duty,
            by=clerk,
            today=first,
        )
        if slug == "provincie-voorbeeld":
            # Re-assessed after a reorganisation; the new list is due for review in six weeks.
            due = today + dt.timedelta(days=42)
            second = dt.date(due.year - REVIEW_YEARS, due.month, min(due.day, 28))
            if second <= first:
                continue
            rows = [*rows[:4], ("Beleidsmedewerker", {S, C}, "", ""), *rows[5:]]
            _assess(organisation, clerk, rows, own_key, second - dt.timedelta(days=30))
            vulnerable.list_adopt(
                organisation=organisation,
                adopted_on=second,
                decision_reference=f"GS {second.year}/{second.month:02d}-03",
                financial_interest_duty=[],
                by=clerk,
                today=second,
            )
