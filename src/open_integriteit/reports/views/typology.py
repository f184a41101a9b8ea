"""The organisation's typology of integrity violations (for statistics): coordinators and
administrators switch categories on or off and add their own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from open_integriteit.access import reports as access
from open_integriteit.accounts.decorators import staff_required
from open_integriteit.core.forms import StyledFormMixin, add_service_error

from .. import services
from ..models import Category, CategoryScheme


class CategoryForm(StyledFormMixin, forms.Form):
    name_nl = forms.CharField(label=gettext_lazy("Name (Dutch)"), max_length=200)
    name_en = forms.CharField(label=gettext_lazy("Name (English)"), max_length=200, required=False)


def _manager(request: HttpRequest) -> Any:
    user: Any = request.user
    if not access.can_manage_typology(user):
        raise Http404
    return user


@staff_required
@require_http_methods(["GET", "POST"])
def typology(request: HttpRequest) -> HttpResponseBase:
    user = _manager(request)
    form = CategoryForm(request.POST or None if request.POST.get("action") == "add" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "add" and form.is_valid():
            try:
                services.category_create(
                    organisation=user.organisation,
                    by=user,
                    name_nl=form.cleaned_data["name_nl"],
                    name_en=form.cleaned_data["name_en"],
                    request=request,
                )
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(request, _("The category has been added."))
                return redirect("reports:typology")
        elif action in {"activate", "deactivate"}:
            category = get_object_or_404(Category, pk=request.POST.get("category"), organisation=user.organisation)
            services.category_set_active(category=category, by=user, active=action == "activate", request=request)
            messages.success(request, _("The category has been changed."))
            return redirect("reports:typology")
    categories = Category.objects.filter(organisation=user.organisation).order_by("scheme", "position")
    schemes = [(label, [c for c in categories if c.scheme == value]) for value, label in CategoryScheme.choices]
    return render(request, "reports/staff/typology.html", {"schemes": schemes, "form": form, "nav": "typology"})
