"""The catalogue's Jinja2 fragments (nidaa/common/jinja.py) print what Django's
templates printed: Django's escaping, Django's gettext in the active language,
the file's last newline; a name a fragment was not given is an error."""

import pytest
from django.template import engines
from django.utils import translation
from django.utils.html import escape
from jinja2.exceptions import UndefinedError

HOSTILE = 'l\'eau "douce" <b>&'


def jinja(code: str, **context: object) -> str:
    return engines["jinja2"].from_string(code).render(context)


def django(code: str, **context: object) -> str:
    return engines["django"].from_string(code).render(context)


def test_a_value_is_escaped_as_django_escapes_it():
    assert jinja("{{ v }}", v=HOSTILE) == "l&#x27;eau &quot;douce&quot; &lt;b&gt;&amp;"
    assert django("{{ v }}", v=HOSTILE) == "l&#x27;eau &quot;douce&quot; &lt;b&gt;&amp;"


def test_a_value_without_quotes_is_escaped_as_django_escapes_it():
    assert jinja("{{ v }}", v="<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert django("{{ v }}", v="<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert jinja("{{ v }}", v=20) == "20"


def test_markup_is_printed_as_it_is():
    assert jinja("{{ v }}", v=escape("<b>")) == "&lt;b&gt;"


def test_a_value_put_in_a_sentence_is_escaped_as_django_escapes_it():
    with translation.override("fr"):
        sentence = "{% trans name=v|escaped %}All calls of {{ name }}{% endtrans %}"
        assert jinja(sentence, v=HOSTILE) == "Tous les appels de l&#x27;eau &quot;douce&quot; &lt;b&gt;&amp;"
        blocktranslate = (
            "{% load i18n %}{% blocktranslate with name=v %}All calls of {{ name }}{% endblocktranslate %}"
        )
        assert django(blocktranslate, v=HOSTILE) == jinja(sentence, v=HOSTILE)


@pytest.mark.parametrize(
    ("language", "text"),
    [("fr", "Aucun appel n’a encore été publié."), ("ar", None), ("en", "No call has been published yet.")],
)
def test_gettext_is_djangos_in_the_active_language(language, text):
    with translation.override(language):
        printed = jinja('{{ _("No call has been published yet.") }}')
        assert printed == django('{% load i18n %}{% translate "No call has been published yet." %}')
        assert printed == (text or translation.gettext("No call has been published yet."))
        if language == "ar":
            assert printed != "No call has been published yet."


def test_plurals_are_djangos():
    sentence = "{% trans counter=n %}{{ counter }} call{% pluralize %}{{ counter }} calls{% endtrans %}"
    with translation.override("fr"):
        assert [jinja(sentence, n=n) for n in (1, 2)] == ["1 appel", "2 appels"]


def test_a_template_keeps_its_last_newline_as_djangos_do():
    assert jinja("<p>{{ v }}</p>\n", v="x") == "<p>x</p>\n"


def test_a_name_the_fragment_was_not_given_is_an_error():
    with pytest.raises(UndefinedError):
        jinja("{{ missing }}")
