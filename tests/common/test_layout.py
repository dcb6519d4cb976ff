"""The layout's header (base.html's {% layout_header %}: Jinja2 templates, the
menu kept in the default cache per language and reader): its exact markup for
a visitor, a signed-in applicant and a member of an organisation, in French
and Arabic; the sign-out form's CSRF token is the page's and is accepted; the
messages are printed; a cached menu is never another reader's or language's."""

import re

import pytest
from django.test import Client

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def header(client: Client, url: str) -> str:
    """The page's header, from <body> to <main>, its CSRF tokens written TOKEN."""
    content = client.get(url).content.decode()
    start, end = content.index("<body>"), content.index('<main id="main">')
    return TOKEN.sub('name="csrfmiddlewaretoken" value="TOKEN"', content[start:end])


LANGUAGES_FR = (
    '    <nav class="lang" aria-label="Langue">\n'
    '      <a href="/fr/" lang="fr" hreflang="fr" aria-current="true">français</a>\n'
    '      <a href="/ar/" lang="ar" hreflang="ar">العربيّة</a>\n'
    '      <a href="/en/" lang="en" hreflang="en">English</a>\n'
    "          </nav>\n"
    "  </header>\n"
    "  "
)
LANGUAGES_AR = (
    '    <nav class="lang" aria-label="اللغة">\n'
    '      <a href="/fr/" lang="fr" hreflang="fr">français</a>\n'
    '      <a href="/ar/" lang="ar" hreflang="ar" aria-current="true">العربيّة</a>\n'
    '      <a href="/en/" lang="en" hreflang="en">English</a>\n'
    "          </nav>\n"
    "  </header>\n"
    "  "
)
TOP_FR = (
    "<body>\n"
    "  \n"
    '  <a class="skip" href="#main">Aller au contenu</a>\n'
    '  <header class="site">\n'
    '    <a class="brand" href="/fr/">Nidaa <span lang="ar" dir="rtl">نداء</span></a>\n'
    '    <nav aria-label="Menu principal">\n'
    '      <a href="/fr/">Appels</a>\n'
    '      <a href="/fr/directory/territories/">Territoires</a>\n'
    "      \n"
)
TOP_AR = (
    "<body>\n"
    "  \n"
    '  <a class="skip" href="#main">الانتقال إلى المحتوى</a>\n'
    '  <header class="site">\n'
    '    <a class="brand" href="/ar/">Nidaa <span lang="ar" dir="rtl">نداء</span></a>\n'
    '    <nav aria-label="القائمة الرئيسية">\n'
    '      <a href="/ar/">طلبات الترشيح</a>\n'
    '      <a href="/ar/directory/territories/">الوحدات الترابية</a>\n'
    "      \n"
)
VISITOR_FR = (
    TOP_FR + '        <a href="/fr/accounts/login/">Se connecter</a>\n'
    '        <a href="/fr/accounts/signup/">Créer un compte</a>\n'
    "      \n"
    "    </nav>\n"
    "    \n" + LANGUAGES_FR
)
VISITOR_AR = (
    TOP_AR + '        <a href="/ar/accounts/login/">تسجيل الدخول</a>\n'
    '        <a href="/ar/accounts/signup/">إنشاء حساب</a>\n'
    "      \n"
    "    </nav>\n"
    "    \n" + LANGUAGES_AR
)
MEMBER_LINKS_FR = (
    '<a href="/fr/calls/dashboard/">Mon organisation</a>\n'
    '        <a href="/fr/accounts/organizations/">Membres</a>\n'
    '        <a href="/fr/evaluation/">Mes évaluations</a>\n'
    "        "
)
MEMBER_LINKS_AR = (
    '<a href="/ar/calls/dashboard/">هيئتي</a>\n'
    '        <a href="/ar/accounts/organizations/">الأعضاء</a>\n'
    '        <a href="/ar/evaluation/">تقييماتي</a>\n'
    "        "
)


def signed_in_fr(member_links: str) -> str:
    return (
        TOP_FR + "        \n"
        "        " + member_links + '<a href="/fr/applications/mine/">Mes candidatures</a>\n'
        '        <a href="/fr/missions/">Mes missions</a>\n'
        '        <a href="/fr/accounts/searches/">Mes recherches enregistrées</a>\n'
        '        <a href="/fr/accounts/profile/">Mon profil</a>\n'
        '        <form method="post" action="/fr/accounts/logout/" class="inline">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">'
        '<button type="submit" class="link">Se déconnecter</button></form>\n'
        "      \n"
        "    </nav>\n"
        "    \n" + LANGUAGES_FR
    )


def signed_in_ar(member_links: str) -> str:
    return (
        TOP_AR + "        \n"
        "        " + member_links + '<a href="/ar/applications/mine/">ترشيحاتي</a>\n'
        '        <a href="/ar/missions/">مهامي</a>\n'
        '        <a href="/ar/accounts/searches/">عمليات بحثي المحفوظة</a>\n'
        '        <a href="/ar/accounts/profile/">ملفي الشخصي</a>\n'
        '        <form method="post" action="/ar/accounts/logout/" class="inline">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">'
        '<button type="submit" class="link">تسجيل الخروج</button></form>\n'
        "      \n"
        "    </nav>\n"
        "    \n" + LANGUAGES_AR
    )


@pytest.mark.django_db
def test_a_visitors_header_in_french_and_arabic(anon_client):
    assert header(anon_client, "/fr/") == VISITOR_FR
    assert header(anon_client, "/ar/") == VISITOR_AR


@pytest.mark.django_db
def test_a_members_header_in_french_and_arabic(owner_client):
    assert header(owner_client, "/fr/") == signed_in_fr(MEMBER_LINKS_FR)
    assert header(owner_client, "/ar/") == signed_in_ar(MEMBER_LINKS_AR)


@pytest.mark.django_db
def test_a_signed_in_applicants_header_in_french_and_arabic(applicant_client):
    assert header(applicant_client, "/fr/") == signed_in_fr("")
    assert header(applicant_client, "/ar/") == signed_in_ar("")


@pytest.mark.django_db
def test_a_cached_menu_is_never_another_readers_or_another_languages(
    owner_client, applicant_client, anon_client
):
    # The same process's cache serves each reader in turn: the menu is kept per
    # language and per visitor / signed in / member.
    assert header(owner_client, "/fr/") == signed_in_fr(MEMBER_LINKS_FR)
    assert header(applicant_client, "/fr/") == signed_in_fr("")
    assert header(anon_client, "/fr/") == VISITOR_FR
    assert header(owner_client, "/ar/") == signed_in_ar(MEMBER_LINKS_AR)
    assert header(anon_client, "/ar/") == VISITOR_AR
    assert header(applicant_client, "/ar/") == signed_in_ar("")
    assert header(owner_client, "/fr/") == signed_in_fr(MEMBER_LINKS_FR)


@pytest.mark.django_db
def test_the_sign_out_forms_token_is_the_pages_and_signs_out(applicant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    content = client.get("/fr/").content.decode()
    # The sign-out form and the save-search form print the page's one token.
    tokens = TOKEN.findall(content)
    assert len(tokens) == 2
    assert tokens[0] == tokens[1]
    assert client.post("/fr/accounts/logout/", {"csrfmiddlewaretoken": tokens[0]}).status_code == 302
    assert header(client, "/fr/") == VISITOR_FR


@pytest.mark.django_db
def test_the_messages_are_printed_after_the_header(applicant):
    client = Client()
    response = client.post(
        "/fr/accounts/login/",
        {"login": applicant.username, "password": "correct horse battery staple"},
        follow=True,
    )
    # An unconfirmed address: allauth says where the confirmation went.
    assert response.redirect_chain == [("/fr/accounts/confirm-email/", 302)]
    assert (
        '<main id="main">\n'
        '    <ul class="messages"><li class="info">E-mail de confirmation envoyé à amina@example.org.</li></ul>\n'
        "    \n"
        "<h1>"
    ) in response.content.decode()
