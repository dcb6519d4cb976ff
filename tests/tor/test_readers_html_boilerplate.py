"""Issue 16: a portal's page loses its menus, cookie notice and footer (jusText), never the call's
short lines (labels, dates, addresses)."""

from __future__ import annotations

from nidaa.tor.api import read_and_extract
from nidaa.tor.readers import read_bytes

PORTAL_FR = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Portail</title></head><body>
<header><a href="/">Portail des associations</a></header>
<nav><ul><li><a href="/">Accueil</a></li><li><a href="/offres">Offres d'emploi</a></li>
<li><a href="/ao">Appels d'offres</a></li><li><a href="/login">Connexion</a></li></ul></nav>
<div class="consent">Nous utilisons des cookies pour améliorer votre expérience de navigation sur ce site. Accepter</div>
<article>
<h1>Recrutement d'un formateur en gestion associative</h1>
<p>Lieu : Tiznit</p>
<p>L'Association Tilila pour le Développement lance un appel à candidatures pour le recrutement d'un
formateur chargé d'animer trois ateliers de formation au profit des membres des associations locales.</p>
<p>Les dossiers sont à envoyer à formation@tilila.example.org au plus tard le 15 décembre 2026 à 23h59.</p>
</article>
<footer><p>Mentions légales</p><p>Suivez-nous sur Facebook</p><p>© 2026 Portail des associations</p></footer>
</body></html>"""

PORTAL_AR = """<html lang="ar" dir="rtl"><head><meta charset="utf-8"></head><body>
<nav><a href="/">الرئيسية</a> <a href="/jobs">عروض الشغل</a> <a href="/login">تسجيل الدخول</a></nav>
<main><h1>إعلان عن انتقاء مكون في مجال التخطيط التشاركي</h1>
<p>تعلن جمعية الأمل للتنمية عن انتقاء مكون لتأطير ورشات تكوينية لفائدة أعضاء الجمعيات المحلية بإقليم تيزنيت في إطار مشروع دعم المشاركة المواطنة.</p>
<p>آخر أجل لإرسال الترشيحات هو 15 دجنبر 2026.</p></main>
<footer><p>اتصل بنا</p><p>جميع الحقوق محفوظة</p></footer></body></html>"""


def test_portal_menus_and_footer_are_dropped_and_the_call_kept():
    document = read_bytes(PORTAL_FR.encode(), "offre.html")
    lines = document.text.split("\n")
    for furniture in (
        "Accueil",
        "Offres d'emploi",
        "Connexion",
        "Mentions légales",
        "Suivez-nous sur Facebook",
    ):
        assert furniture not in lines
    assert not any("cookies" in line for line in lines)
    assert lines[0] == "Recrutement d'un formateur en gestion associative"
    assert "Lieu : Tiznit" in lines
    assert "© 2026 Portail des associations" in lines  # a digit: kept, it may be a date


def test_the_reader_reads_the_trimmed_portal_page():
    _, fields = read_and_extract(PORTAL_FR.encode(), "offre.html")
    assert fields["title"] == "Recrutement d'un formateur en gestion associative"
    assert fields["deadline"] == "2026-12-15T23:59"
    assert fields["locations"] == ["Tiznit"]


def test_arabic_portal_page_is_trimmed_too():
    lines = read_bytes(PORTAL_AR.encode(), "page.html").text.split("\n")
    assert "الرئيسية" not in lines[0]
    assert lines[0] == "إعلان عن انتقاء مكون في مجال التخطيط التشاركي"
    assert "جميع الحقوق محفوظة" not in lines
    assert "آخر أجل لإرسال الترشيحات هو 15 دجنبر 2026." in lines


def test_a_document_saved_as_html_is_not_trimmed():
    # no menu, banner, footer or links: a Word file saved as a web page keeps every line
    saved = "<html><body><p>Association Amal</p><p>Termes de référence</p><p>Contexte</p><p>Le projet ...</p></body></html>"
    assert (
        read_bytes(saved.encode(), "tdr.html").text
        == "Association Amal\nTermes de référence\nContexte\nLe projet ..."
    )
