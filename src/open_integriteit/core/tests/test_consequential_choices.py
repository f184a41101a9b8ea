"""A consequential choice starts empty, in every form of the product (STYLE.md rule 16).

The forms are found, not listed: every form class defined in an app of the product. Each is
built the way its view builds it, without data; then every field that `is_consequential`
(core/forms.py, the one definition) must have no value chosen in advance, and a list box
must open on its empty option "Choose…". No list box anywhere shows Django's "---------".
"""

from __future__ import annotations

import inspect
from importlib import import_module
from typing import Any

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.utils import translation

from open_integriteit.accounts.models import User
from open_integriteit.cases import services as case_services
from open_integriteit.cases.models import Case
from open_integriteit.core.forms import DJANGO_EMPTY_LABEL, EMPTY_LABEL, is_consequential
from open_integriteit.figures import registry
from open_integriteit.lists.models import ListEntry
from open_integriteit.people.models import Person, Post, Unit
from open_integriteit.reports.models import Report

PRODUCT = "open_integriteit."


def product_forms() -> list[type[forms.BaseForm]]:
    """Every form class the product defines (forms modules and the views that use them)."""
    for app in apps.get_app_configs():
        if app.name.startswith(PRODUCT):
            try:
                import_module(f"{app.name}.forms")
            except ModuleNotFoundError as exc:
                if exc.name != f"{app.name}.forms":
                    raise
    import_module(settings.ROOT_URLCONF)  # every view module, and any form defined there
    found: list[type[forms.BaseForm]] = []
    pending = list(forms.BaseForm.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith(PRODUCT) and ".tests" not in cls.__module__ and cls not in found:
            found.append(cls)
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


@pytest.fixture
def arguments(org: Any, personas: dict[str, User]) -> dict[str, Any]:
    """What the views pass to a form's keyword-only parameters, by parameter name."""
    case = case_services.case_create(
        organisation=org, by=personas["alice"], title="Invented", ground="business_integrity", signal="Invented."
    )
    users = User.objects.filter(organisation=org)
    return {
        "organisation": org,
        "case": case,
        "cases_in_use": Case.objects.none(),
        "report": Report(organisation=org),
        "reports": Report.objects.none(),
        "queryset": users,
        "users": users,
        "leaving": users,
        "taking": users,
        "handlers": users,
        "topics": ListEntry.objects.none(),
        "units": Unit.objects.none(),
        "years": [2025, 2026],
        "year": 2025,  # annual reports: the report's first year, in a help text
        "cases": Case.objects.filter(organisation=org),  # complaints: the cases a complaint may become
        "reasons": ListEntry.objects.none(),  # procurement: the reasons of a deviation
        # trainings
        "kinds": ListEntry.objects.none(),
        "people": Person.objects.none(),
        "posts": Post.objects.none(),
        # figures: the rows of an entered total's breakdown
        "rows": (("employee", "Medewerkers"), ("trainee", "Stagiairs")),
        "specs": list(registry.enterable_specs().values()),
    }


def build(form_class: type[forms.BaseForm], arguments: dict[str, Any]) -> forms.BaseForm:
    kwargs = {}
    for cls in form_class.__mro__:  # a subclass passes its parents' parameters on in **kwargs
        if "__init__" not in vars(cls):
            continue
        for name, parameter in inspect.signature(cls.__init__).parameters.items():
            if parameter.kind is not inspect.Parameter.KEYWORD_ONLY or parameter.default is not inspect.Parameter.empty:
                continue
            assert name in arguments, f"{form_class.__qualname__} needs {name!r}: add how to build it to `arguments`"
            kwargs[name] = arguments[name]
    return form_class(**kwargs)


def test_the_product_forms_are_found() -> None:
    names = {cls.__qualname__ for cls in product_forms()}
    assert {"ReportForm", "FindingForm", "MeasureForm", "PartyForm", "RiskForm", "RolesForm"} <= names


@pytest.mark.django_db
def test_every_consequential_choice_starts_empty(arguments: dict[str, Any]) -> None:
    wrong: list[str] = []
    checked = 0
    with translation.override("nl"):
        for form_class in product_forms():
            form = build(form_class, arguments)
            for name, field in form.fields.items():
                where = f"{form_class.__module__}.{form_class.__qualname__}.{name}"
                if not is_consequential(field):
                    continue
                checked += 1
                if form[name].value() not in (None, ""):
                    wrong.append(f"{where}: starts on {form[name].value()!r}")
                if isinstance(field.widget, forms.RadioSelect):
                    continue
                if isinstance(field, forms.ModelChoiceField):
                    first = ("", field.empty_label)
                else:
                    first = next(iter(field.choices), None)
                if first is None or first[0] != "" or str(first[1]) != str(EMPTY_LABEL):
                    wrong.append(f"{where}: the list box opens on {first!r}, not on an empty {EMPTY_LABEL!s}")
    assert checked > 15
    assert not wrong, "consequential choices with a value chosen in advance:\n" + "\n".join(wrong)


@pytest.mark.django_db
def test_no_list_box_shows_dashes(arguments: dict[str, Any]) -> None:
    dashes = []
    for form_class in product_forms():
        form = build(form_class, arguments)
        for name, field in form.fields.items():
            if isinstance(field, forms.ModelChoiceField):
                shows_dashes = field.empty_label == DJANGO_EMPTY_LABEL
            elif isinstance(field, forms.ChoiceField):
                shows_dashes = any(label == DJANGO_EMPTY_LABEL for _, label in field.choices)
            else:
                continue
            if shows_dashes:
                dashes.append(f"{form_class.__qualname__}.{name}")
    assert not dashes
