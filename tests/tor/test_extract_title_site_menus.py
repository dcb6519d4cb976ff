"""A site's menu and breadcrumb pasted above a call are where it was copied from, not its title
(issue 16, round ten): a breadcrumb of two short crumbs is a path like a longer one, and a generic
header among a menu's short items does not make the item after it a title. Invented pages."""

from __future__ import annotations

import pytest

from nidaa.tor.extract import extract_fields
from tests.tor.titles import candidates


@pytest.mark.parametrize(
    "crumbs",
    ["مباريات التوظيف » اتصل بنا", "Offres d'emploi › Accueil", "Calls for proposals > Home"],
)
def test_two_short_crumbs_are_no_candidate(crumbs):
    text = (
        "جمعية الواحة للتنمية: إعلان عن مباراة لتوظيف تقنيين من الدرجة الثالثة\n"
        f"{crumbs}\n"
        "نشر في 12/03/2027\n\n"
        "نوع العقد : عقد محدد المدة\n"
        "آخر أجل : 30/04/2027\n"
    )
    assert crumbs not in candidates(text)
    # the heading names its issuer before the call (round eleven: kept whole, as the page states it)
    assert (
        extract_fields(text)["title"]
        == "جمعية الواحة للتنمية: إعلان عن مباراة لتوظيف تقنيين من الدرجة الثالثة"
    )


def test_a_two_part_title_with_long_parts_is_no_breadcrumb():
    text = "Appel à candidatures > Consultant pour l'évaluation finale du projet Oasis Vertes\n\nContexte\n"
    assert "Appel à candidatures > Consultant pour l'évaluation finale du projet Oasis Vertes" in candidates(
        text
    )


def test_the_menu_item_after_a_generic_header_among_menu_items_is_no_title():
    text = (
        "Portail Emploi Associatif\n"
        "أخبار\n"
        "عروض الشغل\n"
        "مباريات التوظيف\n"
        "اتصل بنا\n\n"
        "فتح باب الترشيح لشغل منصب رئيس مصلحة الشؤون الإدارية بجمعية النخيل\n"
        "نشر في 02/05/2027\n\n"
        "تعلن جمعية النخيل عن فتح باب الترشيح لشغل منصب رئيس مصلحة الشؤون الإدارية، وذلك يوم 20/05/2027.\n"
    )
    assert "اتصل بنا" not in candidates(text)[:1]
    assert (
        extract_fields(text)["title"] == "فتح باب الترشيح لشغل منصب رئيس مصلحة الشؤون الإدارية بجمعية النخيل"
    )
