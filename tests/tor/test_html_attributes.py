"""One way to drop a tag's attributes before lxml parses (its attribute check is
quadratic): every tag's for the e-mail reader, overlong tags' only for the ToR
reader, which reads a menu's role and jusText's links."""

from nidaa.tor.formats.html import safe_markup, without_attributes


def test_the_tor_reader_keeps_the_attributes_of_ordinary_tags():
    markup = '<nav role="navigation"><a href="/offres">Offres</a></nav>'
    assert safe_markup(markup) == markup


def test_an_overlong_tag_loses_its_attributes_even_when_they_hold_a_less_than_sign():
    attributes = " ".join(f'a{i}="<"' for i in range(1_000))
    assert safe_markup(f"<p {attributes}>Appel</p>") == "<p>Appel</p>"


def test_the_mail_reader_drops_every_tags_attributes():
    markup = '<div class="x"><A HREF="mailto:x@y.ma">écrire</A></div><!-- note --> 2 < 3'
    assert without_attributes(markup) == "<div><A>écrire</A></div><!-- note --> 2 < 3"
