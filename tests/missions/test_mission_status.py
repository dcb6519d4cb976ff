from django.urls import reverse

from nidaa.common.models import AuditEntry
from nidaa.missions.models import Mission


def statuses(mission):
    return list(
        AuditEntry.objects.filter(object_type="missions.mission", object_id=mission.pk, from_state__gt="")
        .order_by("at", "id")
        .values_list("actor__username", "from_state", "to_state")
    )


def test_the_facilitator_starts_and_delivers_the_issuer_closes(facilitator_client, owner_client, mission):
    url = reverse("missions:status", args=[mission.pk])
    facilitator_client.post(url, {"target": "running"})
    facilitator_client.post(url, {"target": "delivered"})
    facilitator_client.post(url, {"target": "closed"})  # not the facilitator's to close
    assert Mission.objects.get(pk=mission.pk).status == "delivered"
    owner_client.post(url, {"target": "closed"})
    assert Mission.objects.get(pk=mission.pk).status == "closed"
    assert statuses(mission) == [
        ("facilitator", "planned", "running"),
        ("facilitator", "running", "delivered"),
        ("owner", "delivered", "closed"),
    ]


def test_only_the_issuer_cancels(facilitator_client, owner_client, mission):
    url = reverse("missions:status", args=[mission.pk])
    response = facilitator_client.post(url, {"target": "cancelled"}, follow=True)
    assert "Ce changement de statut n’est pas autorisé." in response.content.decode()
    assert Mission.objects.get(pk=mission.pk).status == "planned"
    owner_client.post(url, {"target": "cancelled"})
    assert Mission.objects.get(pk=mission.pk).status == "cancelled"


def test_the_mission_page_offers_each_role_its_own_moves(facilitator_client, owner_client, mission):
    url = reverse("missions:detail", args=[mission.pk])
    assert [t for t, _label in facilitator_client.get(url).context["targets"]] == ["running"]
    assert [t for t, _label in owner_client.get(url).context["targets"]] == ["running", "cancelled"]
