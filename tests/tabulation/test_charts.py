"""The SVG charts: accessible (title, description naming every figure),
escaped, mirrored right to left; and the bar widths the printed report lays out."""

import re

from nidaa.tabulation.charts import Part, Row, bar_chart, bars, stacked_bars, stacked_chart


def test_a_bar_chart_names_every_figure_in_its_description():
    svg = bar_chart(
        chart_id="c", title="Score <moyen>", series=["Avant", "Après"],
        rows=[Row("M1 & co", (35.0, 58.8)), Row("M2", (None, 57.5))],
    )  # fmt: skip
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="360" height="190"')
    assert 'role="img" aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Score &lt;moyen&gt;</title>' in svg
    assert '<desc id="c-desc">M1 &amp; co: Avant 35.0, Après 58.8; M2: Avant —, Après 57.5</desc>' in svg
    # Left to right: two legend lines, then each group's name above its bars;
    # the first group's second bar is 58.8 % of the 292-unit plot, from x=8.
    assert '<rect x="8.0" y="96.0" width="171.7" height="16" fill="#1d4ed8"/>' in svg


def test_right_to_left_labels_stand_right_and_bars_grow_leftwards():
    svg = bar_chart(chart_id="c", title="النتائج", series=["قبل"], rows=[Row("النساء", (50.0,))], rtl=True)
    assert '<text x="352.0" y="52.0" font-size="14" text-anchor="end" font-weight="bold">النساء</text>' in svg
    # 50 % of the 292-unit plot, from the right margin (360 - 8 = 352) leftwards.
    assert '<rect x="206.0" y="58.0" width="146.0" height="16" fill="#9a3412"/>' in svg


def test_every_text_is_large_enough_to_read_on_a_phone():
    """Drawn 360 units wide, shown at least ~330 px wide (a 360 px screen's
    content box): 14-unit text is then at least 12.8 px on screen."""
    svg = bar_chart(
        chart_id="c", title="t", series=["Avant", "Après"], rows=[Row("M1", (35.0, 58.8))]
    ) + stacked_chart(chart_id="s", title="t", series=["1", "2"], rows=[("Form", [10, 30])])
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', svg)]
    assert len(sizes) == 10  # two legends, two names, two figures, two counts inside their bars
    assert set(sizes) == {14}
    assert re.findall(r'<svg [^>]*width="(\d+)"', svg) == ["360", "360"]


def test_figures_are_written_as_the_page_writes_them():
    svg = bar_chart(
        chart_id="c", title="t", series=["Avant"], rows=[Row("M1", (35.25,))],
        number=lambda value: "—" if value is None else f"{value:.1f}".replace(".", ","),
    )  # fmt: skip
    assert ">35,2</text>" in svg
    assert '<desc id="c-desc">M1: Avant 35,2</desc>' in svg


def test_a_stacked_chart_splits_a_row_by_its_counts():
    svg = stacked_chart(chart_id="s", title="Satisfaction", series=["1", "2"], rows=[("Form", [1, 3])])
    assert '<desc id="s-desc">Form: 1 1, 2 3</desc>' in svg
    assert stacked_bars([("Form", [1, 3])])[0].parts == (
        Part("1", 25.0, "#9a3412"),
        Part("3", 75.0, "#1d4ed8"),
    )


def test_bars_are_widths_of_the_scale():
    assert bars([Row("M1", (35.0, None, 120.0))])[0].parts == (
        Part("35.0", 35.0, "#9a3412"),
        Part("—", 0.0, "#1d4ed8"),
        Part("120.0", 100.0, "#15803d"),
    )
