import pytest

from nidaa.accounts.models import Organization, Role
from nidaa.accounts.selectors import EDIT_ROLES, get_organization_for_user, role_in


def test_member_reaches_own_organization(member, org):
    assert get_organization_for_user(user=member, slug=org.slug, roles=EDIT_ROLES) == org


def test_outsider_cannot_reach_another_organization(outsider, org):
    with pytest.raises(Organization.DoesNotExist):
        get_organization_for_user(user=outsider, slug=org.slug)


def test_evaluator_is_not_an_editor(evaluator, org):
    assert role_in(evaluator, org) == Role.EVALUATOR
    with pytest.raises(Organization.DoesNotExist):
        get_organization_for_user(user=evaluator, slug=org.slug, roles=EDIT_ROLES)


def test_anonymous_has_no_role(org):
    from django.contrib.auth.models import AnonymousUser

    assert role_in(AnonymousUser(), org) is None
