"""The form renderer (core/renderers.py) writes some of Django's widget templates out in
Python for speed; what a person receives must not change by a byte. Every control of every
form of the product, empty and with errors, and a form with every widget kind and hostile
values, are rendered by Django's own template renderer and by ours, and compared."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils import translation
from django.utils.safestring import mark_safe

from open_integriteit.accounts.models import User
from open_integriteit.core.renderers import FastWidgetRenderer
from open_integriteit.core.tests.test_consequential_choices import arguments, build, product_forms

__all__ = ["arguments"]  # the fixture, used by name below

TEMPLATES = DjangoTemplates()
FAST = FastWidgetRenderer()


def controls(form: forms.BaseForm) -> list[str]:
    """Everything a page takes from a form's renderer: each control, each choice's own
    radio button or checkbox (as core/field.html renders them), and the whole form."""
    html = [str(form)]
    for bound in form:
        html.append(str(bound))
        html.extend(str(choice.tag()) for choice in bound)
        html.extend(str(choice) for choice in bound)
    return html


def both_ways(form: forms.BaseForm) -> tuple[list[str], list[str]]:
    rendered = []
    for renderer in (TEMPLATES, FAST):
        form.renderer = renderer
        form._bound_fields_cache.clear()  # a bound field keeps the renderer it was made with
        rendered.append(controls(form))
    return rendered[0], rendered[1]


def test_the_product_uses_it() -> None:
    assert settings.FORM_RENDERER == "open_integriteit.core.renderers.FastWidgetRenderer"
    assert isinstance(get_default_renderer(), FastWidgetRenderer)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_control_of_every_form_renders_as_with_djangos_templates(
    arguments: dict[str, Any], language: str
) -> None:
    # ``queryset`` is people for one form and reports for another: rendered empty here.
    arguments = {**arguments, "queryset": User.objects.none()}
    compared = 0
    with translation.override(language):
        for form_class in product_forms():
            empty = build(form_class, arguments)
            bound = build(form_class, arguments)
            bound.data, bound.is_bound = {"unknown": "x"}, True  # every required field gets its error
            bound.full_clean()
            for form in (empty, bound):
                expected, fast = both_ways(form)
                assert fast == expected, form_class.__qualname__
                compared += len(expected)
    assert compared > 500


class EveryWidget(forms.Form):
    """Not styled (the product's forms above are): the styling knows no multiwidget."""

    text = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'a "quoted" <b>&', "data-x": True}))
    hidden = forms.CharField(widget=forms.HiddenInput)
    email = forms.EmailField()
    number = forms.IntegerField(widget=forms.NumberInput(attrs={"step": 5, "disabled": False}))
    decimal = forms.DecimalField()
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField()
    url = forms.URLField(assume_scheme="https", widget=forms.URLInput(attrs={"class": "utrecht-textbox"}))
    password = forms.CharField(widget=forms.PasswordInput(render_value=True))
    area = forms.CharField(widget=forms.Textarea(attrs={"rows": 2, "aria-describedby": mark_safe("a&amp;b")}))
    flag = forms.BooleanField(required=False)
    radio = forms.ChoiceField(choices=[("a", "A <b>"), ("b", mark_safe("<i>B</i>")), (3, 3)], widget=forms.RadioSelect)
    boxes = forms.MultipleChoiceField(choices=[("x", "X & Y"), ("y", "Y")], widget=forms.CheckboxSelectMultiple)
    select = forms.ChoiceField(choices=[("", "Kies…"), ("Group", [("1", "One"), ("2", 'Two "2"')]), ("3", "Three")])
    many = forms.MultipleChoiceField(choices=[("1", "One"), ("2", "Two")])
    file = forms.FileField(required=False)
    clearable = forms.FileField(required=False, widget=forms.ClearableFileInput)
    split = forms.SplitDateTimeField(required=False)


HOSTILE = {
    "text": '"><script>alert(1)</script>',
    "hidden": "&amp; 'single'",
    "email": "not an address",
    "number": "12",
    "decimal": "1.5",
    "date": "2026-11-29",
    "when": "2026-11-29 12:30",
    "url": "javascript:alert(1)",
    "password": "pass<word>",
    "area": "line one\n<line two> & 'three'",
    "flag": "on",
    "radio": "b",
    "boxes": ["x", "y"],
    "select": "2",
    "many": ["1", "2"],
    "split_0": "2026-11-29",
    "split_1": "12:00",
}


@pytest.mark.parametrize("data", [None, {}, HOSTILE], ids=["empty", "errors", "hostile"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_widget_kind_and_hostile_values_render_as_with_djangos_templates(
    data: dict[str, Any] | None, language: str
) -> None:
    with translation.override(language):
        form = EveryWidget(data, initial={"date": dt.date(2026, 1, 2), "when": dt.datetime(2026, 1, 2, 3, 4)})
        form.is_valid()
        expected, fast = both_ways(form)
    assert fast == expected
    if data is HOSTILE:
        page = "".join(fast)
        assert "<script>" not in page and "&quot;&gt;&lt;script&gt;" in page


def test_an_overridden_widget_template_is_rendered_from_the_template(settings: Any, tmp_path: Any) -> None:
    folder = tmp_path / "django" / "forms" / "widgets"
    folder.mkdir(parents=True)
    (folder / "text.html").write_text('<input class="overridden" name="{{ widget.name }}">')

    class Overriding(FastWidgetRenderer):
        @property
        def engine(self) -> Any:  # the project's templates first, as an app's would be
            return self.backend({"APP_DIRS": True, "DIRS": [tmp_path], "NAME": "overriding", "OPTIONS": {}})

    class One(forms.Form):
        name = forms.CharField()

    assert str(One(renderer=Overriding())["name"]) == '<input class="overridden" name="name">'
