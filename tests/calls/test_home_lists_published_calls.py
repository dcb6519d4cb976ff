from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from nidaa.calls.models import CallStatus
from tests.factories import CallFactory


def in_days(days):
    return timezone.now() + timedelta(days=days)


@pytest.mark.django_db
def test_home_shows_open_calls_by_nearest_deadline_then_closed_ones(client):
    CallFactory(title="Ouvert J+5", status=CallStatus.PUBLISHED, deadline=in_days(5))
    CallFactory(title="Fermé J-10", status=CallStatus.AWARDED, deadline=in_days(-10))
    CallFactory(title="Ouvert J+2", status=CallStatus.PUBLISHED, deadline=in_days(2))
    CallFactory(title="Échu J-1", status=CallStatus.PUBLISHED, deadline=in_days(-1))
    CallFactory(title="Fermé J-3", status=CallStatus.CLOSED, deadline=in_days(-3))
    CallFactory(title="Brouillon", status=CallStatus.DRAFT, deadline=in_days(1))
    CallFactory(title="Annulé", status=CallStatus.CANCELLED, deadline=in_days(1))
    response = client.get("/fr/")
    assert response.status_code == 200
    assert [c.title for c in response.context["calls"]] == [
        "Ouvert J+2",
        "Ouvert J+5",
        "Échu J-1",
        "Fermé J-3",
        "Fermé J-10",
    ]


@pytest.mark.django_db
def test_home_shows_issuer_type_places_and_deadline_in_casablanca_time(client):
    deadline = datetime(2099, 12, 15, 22, 59, tzinfo=UTC)  # 23:59 in Casablanca (UTC+1)
    call = CallFactory(
        title="Recrutement d'un formateur",
        issuer="Association Oasis du Savoir",
        status=CallStatus.PUBLISHED,
        deadline=deadline,
        locations=["Fès", "Meknès"],
    )
    content = client.get("/en/").content.decode()
    assert f'href="/en/calls/{call.pk}/"' in content
    assert "Association Oasis du Savoir" in content
    assert "Trainer" in content
    assert "Fès, Meknès" in content
    assert "Deadline: 15 December 2099, 23:59" in content
    assert " left</span>" in content


@pytest.mark.django_db
def test_arabic_titles_get_dir_auto_on_the_arabic_home_page(client):
    CallFactory(title="توظيف خبير", status=CallStatus.PUBLISHED)
    content = client.get("/ar/").content.decode()
    assert 'dir="rtl"' in content
    assert 'dir="auto">توظيف خبير</a>' in content
