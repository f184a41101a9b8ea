"""The administrator's roles page shows the roles a user has, and saving changes only what changed."""

from __future__ import annotations

import re

from django.urls import reverse

from open_integriteit.accounts.models import Role, User
from open_integriteit.audit.models import AuditEvent


def checked_roles(html: str) -> list[str]:
    boxes = re.findall(r'<input type="checkbox" name="roles" value="([a-z_]+)"([^>]*)>', html)
    assert len(boxes) == len(Role), boxes
    for _value, attrs in boxes:
        # The design system draws the state of the real input only with its --html-input modifier.
        assert "utrecht-checkbox--html-input" in attrs and "utrecht-radio-button" not in attrs, attrs
    return [value for value, attrs in boxes if " checked" in attrs]


def test_roles_page_shows_the_current_roles_checked(personas, client_for):
    mila = personas["mila"]
    html = client_for(personas["erin"]).get(reverse("accounts:user_roles", args=[mila.pk])).content.decode()
    assert checked_roles(html) == ["employee"]


def test_saving_the_roles_unchanged_changes_nothing(personas, client_for):
    mila = personas["mila"]
    client = client_for(personas["erin"])
    before = AuditEvent.objects.filter(action__startswith="account.role").count()
    response = client.post(reverse("accounts:user_roles", args=[mila.pk]), {"roles": ["employee"]}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("accounts:user_list")
    assert sorted(User.objects.get(pk=mila.pk).role_set) == ["employee"]
    assert AuditEvent.objects.filter(action__startswith="account.role").count() == before
    assert "De rollen zijn niet gewijzigd." in response.content.decode()


def test_adding_a_role_keeps_the_ones_the_user_has(personas, client_for):
    mila = personas["mila"]
    client = client_for(personas["erin"])
    client.post(reverse("accounts:user_roles", args=[mila.pk]), {"roles": ["employee", "auditor"]})
    assert sorted(User.objects.get(pk=mila.pk).role_set) == ["auditor", "employee"]
    html = client.get(reverse("accounts:user_roles", args=[mila.pk])).content.decode()
    assert checked_roles(html) == ["employee", "auditor"]


def test_a_content_role_waiting_for_approval_is_checked_and_marked(personas, client_for):
    mila = personas["mila"]
    client = client_for(personas["erin"])
    client.post(reverse("accounts:user_roles", args=[mila.pk]), {"roles": ["employee", "manager"]})
    assert sorted(User.objects.get(pk=mila.pk).role_set) == ["employee"]  # manager waits for approval
    html = client.get(reverse("accounts:user_roles", args=[mila.pk])).content.decode()
    assert checked_roles(html) == ["manager", "employee"]
    assert "Leidinggevende (wacht op goedkeuring)" in html
    # Saving again unchanged leaves the waiting role as it is.
    before = AuditEvent.objects.filter(action__startswith="account.role").count()
    client.post(reverse("accounts:user_roles", args=[mila.pk]), {"roles": ["employee", "manager"]})
    assert AuditEvent.objects.filter(action__startswith="account.role").count() == before
    assert sorted(User.objects.get(pk=mila.pk).role_assignments.values_list("role", flat=True)) == [
        "employee",
        "manager",
    ]


def test_the_brand_link_leads_every_role_to_a_page_it_may_see(personas, client_for):
    for who, home in (
        ("erin", "accounts:user_list"),
        ("frank", "audit:event_list"),
        ("alice", "reports:staff_dashboard"),
    ):
        client = client_for(personas[who])
        page = client.get(reverse("accounts:profile")).content.decode()
        brand = re.search(r'<a class="oi-header__brand" href="([^"]+)"', page).group(1)
        response = client.get(brand, follow=True)
        assert response.status_code == 200 and response.redirect_chain[-1][0] == reverse(home), who
