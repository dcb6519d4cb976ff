"""Issue 12's members blockers in a real browser, in French and Arabic: an
admin invites someone who signs up with the link and joins; an applicant lands
on the catalogue with the applicant's menu and meets a styled, translated 403. Screenshots of each changed page go to
test-artifacts/screenshots/ (members-*, invitation-*, landing-*, error-*)."""

from __future__ import annotations

import re

import pytest

from nidaa.accounts.models import Invitation, Membership, Role
from nidaa.accounts.services import mark_email_verified
from tests.accounts import conftest as accounts_conftest
from tests.browser.conftest import axe_violations, describe_violations, screenshot
from tests.conftest import PASSWORD
from tests.factories import MembershipFactory, OrganizationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

smtp_inbox = accounts_conftest.smtp_inbox

TEXT = {
    "fr": {
        "sent": "Une invitation a été envoyée à salma@example.org.",
        "invited": "Vous êtes invité·e à rejoindre Association Exemple avec le rôle : Évaluateur.",
        "signup": "Créer un compte",
        "join": "Rejoindre Association Exemple",
        "welcome": "Bienvenue dans Association Exemple (AE).",
        "forbidden": "Accès refusé",
        "my_org": "Mon organisation",
        "my_applications": "Mes candidatures",
        "sign_in": "Se connecter",
    },
    "ar": {
        "sent": "أُرسلت دعوة إلى salma@example.org.",
        "invited": "أنت مدعو إلى الانضمام إلى Association Exemple بدور: مُقيِّم.",
        "signup": "إنشاء حساب",
        "join": "الانضمام إلى Association Exemple",
        "welcome": "مرحبًا بك في Association Exemple (AE).",
        "forbidden": "الدخول مرفوض",
        "my_org": "هيئتي",
        "my_applications": "ترشيحاتي",
        "sign_in": "تسجيل الدخول",
    },
}


@pytest.fixture
def org(db):
    return OrganizationFactory(slug="alci-demo", name="Association Exemple", acronym="AE")


@pytest.fixture
def owner(org):
    user = UserFactory(username="owner", first_name="Nadia", last_name="Amrani")
    MembershipFactory(user=user, organization=org, role=Role.ADMIN)
    return user


@pytest.fixture(autouse=True)
def _links_to_the_live_server(settings, live_server):
    # E-mailed links start with the public address: here, the test's server.
    settings.NIDAA_SITE_URL = live_server.url


def no_sideways_scroll(page, path: str, width: int) -> None:
    scroll = page.evaluate("() => document.documentElement.scrollWidth")
    assert scroll <= width, f"{path} is {scroll}px wide on a {width}px screen"


def assert_accessible(page, path: str) -> None:
    violations = axe_violations(page)
    assert not violations, f"axe-core on {path}:\n{describe_violations(violations)}"


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_an_admin_invites_and_the_invitee_signs_up_with_the_link_and_joins(
    lang, page_as, new_context, owner, org, smtp_inbox
):
    text = TEXT[lang]
    page = page_as(owner)
    members = f"/{lang}/accounts/organizations/{org.slug}/members/"
    response = page.goto(members)
    assert response is not None and response.status == 200
    page.locator("input[name=email]").fill("salma@example.org")
    page.locator("select[name=role]").last.select_option("evaluator")
    page.locator("form.stack button[type=submit]").click()
    page.wait_for_url(f"**{members}")
    assert page.locator(".messages").inner_text().strip() == text["sent"]
    assert page.locator("table.invitations tbody tr").count() == 1
    assert_accessible(page, members)
    screenshot(page, f"members-{lang}")

    [message] = smtp_inbox.messages
    link = re.search(r"https?://[^/\s]+(/\w\w/accounts/invitations/[-\w]+/)", message.get_content()).group(1)
    assert link.startswith(f"/{lang}/")

    # The invitee, in a fresh browser: the link, then "create an account".
    invitee = new_context().new_page()
    invitee.goto(link)
    assert invitee.locator("main p").first.inner_text().strip() == text["invited"]
    screenshot(invitee, f"invitation-{lang}")
    invitee.locator("main a.button", has_text=text["signup"]).click()
    invitee.locator("input[name=email]").fill("salma@example.org")
    invitee.locator("input[name=first_name]").fill("Salma")
    invitee.locator("input[name=last_name]").fill("Bennani")
    invitee.locator("input[name=username]").fill("salma")
    invitee.locator("input[name=password1]").fill(PASSWORD)
    invitee.locator("input[name=password2]").fill(PASSWORD)
    invitee.locator("main form button[type=submit]").click()
    # No verification e-mail: the link was the e-mail to that address.
    invitee.wait_for_url(f"**{link}")
    invitee.get_by_role("button", name=text["join"]).click()
    invitee.wait_for_url(f"**/{lang}/calls/dashboard/")
    assert invitee.locator(".messages").inner_text().strip() == text["welcome"]
    assert invitee.locator("header nav").get_by_text(text["my_org"]).count() == 1

    membership = Membership.objects.get(user__username="salma", organization=org)
    assert membership.role == "evaluator"
    assert membership.user.get_full_name() == "Salma Bennani"
    assert Invitation.objects.get().accepted_by == membership.user


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_an_applicant_lands_on_the_catalogue_with_the_applicants_menu_and_a_styled_403(
    lang, new_context, applicant_user
):
    text = TEXT[lang]
    page = new_context(mobile=True).new_page()
    page.goto(f"/{lang}/accounts/login/")
    page.locator("input[name=login]").fill("amina")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/{lang}/$"))
    nav = page.locator("header nav")
    assert nav.get_by_text(text["my_org"]).count() == 0
    assert nav.get_by_text(text["my_applications"]).count() == 1
    screenshot(page, f"landing-applicant-{lang}")

    response = page.goto(f"/{lang}/calls/import/")
    assert response is not None and response.status == 403
    assert page.locator("main h1").inner_text().strip() == text["forbidden"]
    assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
    assert page.locator("header.site").count() == 1
    no_sideways_scroll(page, "403", 360)
    assert_accessible(page, "403")
    screenshot(page, f"error-403-{lang}")

    response = page.goto(f"/{lang}/calls/987654/")
    assert response is not None and response.status == 404
    assert page.locator("header.site").count() == 1
    no_sideways_scroll(page, "404", 360)
    screenshot(page, f"error-404-{lang}")


@pytest.mark.parametrize("lang", ["fr", "ar"])
def test_the_members_page_fits_a_768_px_tablet(lang, new_context, owner, org):
    for n in range(3):
        MembershipFactory(
            user=UserFactory(
                username=f"m{n}", email=f"a-very-long-address-number-{n}@organisation-exemple.org.ma"
            ),
            organization=org,
            role=Role.EDITOR,
        )
    context = new_context(user=owner)
    page = context.new_page()
    page.set_viewport_size({"width": 768, "height": 900})
    path = f"/{lang}/accounts/organizations/{org.slug}/members/"
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert page.locator("table.members tbody tr").count() == 4
    no_sideways_scroll(page, path, 768)
    screenshot(page, f"members-768-{lang}")


@pytest.fixture
def applicant_user(db):
    user = UserFactory(username="amina", email="amina@example.org")
    mark_email_verified(user=user)
    return user
