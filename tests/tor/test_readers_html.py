"""HTML pages: blocks become lines, scripts and styles go."""

from __future__ import annotations

from nidaa.tor.readers import read_bytes

PAGE = """<!DOCTYPE html>
<html><head><meta charset="windows-1252"><title>Ignored title</title>
<style>body { color: red }</style><script>document.write("<p>no</p>")</script></head>
<body><h1>Appel à candidatures</h1>
<div>Lancé par <b>ALCI</b>&nbsp;:<br>le 6 janvier 2025</div>
<ul><li>CV</li><li>Note   méthodologique</li></ul>
<table><tr><th>Référence</th><td>AMUSSU/2024/226</td></tr></table>
<!-- a comment -->
<p>Envoyer à <a href="mailto:x@example.org">x@example.org</a>.</p>
<pre>ligne 1
ligne 2</pre>
</body></html>"""


def test_html_blocks_lines_and_dropped_elements() -> None:
    document = read_bytes(PAGE.encode("cp1252"), "appel.html")
    assert document.format == "html"
    assert document.text == (
        "Appel à candidatures\n"
        "Lancé par ALCI :\n"
        "le 6 janvier 2025\n"
        "- CV\n"
        "- Note méthodologique\n"
        "Référence\tAMUSSU/2024/226\n"
        "Envoyer à x@example.org.\n"
        "ligne 1\n"
        "ligne 2"
    )


def test_html_without_charset_uses_the_text_detector() -> None:
    page = "<html><body><p>Délai : 05 janvier 2025</p></body></html>"
    assert read_bytes(page.encode("utf-16"), "a.htm").text == "Délai : 05 janvier 2025"
    assert read_bytes(page.encode("cp1252"), "a.htm").text == "Délai : 05 janvier 2025"


def test_html_sniffed_without_extension() -> None:
    assert read_bytes(b"<!DOCTYPE html><p>Bonjour</p>", "download").format == "html"
