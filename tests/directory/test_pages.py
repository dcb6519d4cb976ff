"""Public territory pages in French and Arabic."""

import pytest

from nidaa.directory.models import Territory, TerritoryKind

pytestmark = pytest.mark.django_db


def test_territory_list_in_french_shows_regions_and_provinces(client):
    response = client.get("/fr/directory/territories/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="fr" dir="ltr">' in body
    assert "Tanger-Tétouan-Al Hoceïma" in body
    assert "Chtouka-Aït Baha" in body
    assert "/fr/directory/territories/MA-HOC/" in body
    assert len(response.context["regions"]) == 12
    assert sum(len(r.provinces) for r in response.context["regions"]) == 75


def test_territory_list_in_arabic_is_right_to_left_with_arabic_names(client):
    response = client.get("/ar/directory/territories/")
    body = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in body
    assert "طنجة تطوان الحسيمة" in body
    assert "الحسيمة" in body
    assert "Tanger-Tétouan-Al Hoceïma" not in body


def test_territory_list_does_not_query_per_region(client, django_assert_num_queries):
    # One query for the regions, one for all their provinces.
    with django_assert_num_queries(2):
        response = client.get("/fr/directory/territories/")
    assert response.status_code == 200


def test_territory_page_lists_children_with_breadcrumb(client):
    response = client.get("/fr/directory/territories/MA-HOC/")
    body = response.content.decode()
    assert response.status_code == 200
    assert [c.code for c in response.context["children"]] == list(
        Territory.objects.filter(parent__code="MA-HOC").order_by("name_fr").values_list("code", flat=True)
    )
    assert "Imzouren" in body
    assert "/fr/directory/territories/MA-01/" in body


def test_territory_page_in_arabic(client):
    response = client.get("/ar/directory/territories/MA-01/")
    body = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in body
    assert "<h1>طنجة تطوان الحسيمة</h1>" in body
    assert "المضيق الفنيدق" in body
    assert len(response.context["children"]) == 8


def test_territory_page_queries_do_not_grow_with_children(client, django_assert_num_queries):
    assert Territory.objects.filter(parent__code="MA-06", kind=TerritoryKind.PROVINCE).count() == 7
    with django_assert_num_queries(2):
        client.get("/en/directory/territories/MA-06/")


def test_unknown_territory_is_404(client):
    assert client.get("/fr/directory/territories/MA-XXX/").status_code == 404
