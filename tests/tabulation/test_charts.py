"""The SVG charts: accessible (title, description naming every figure),
escaped, mirrored right to left; and the bar widths the printed report lays out."""

from nidaa.tabulation.charts import Part, Row, bar_chart, bars, stacked_bars, stacked_chart


def test_a_bar_chart_names_every_figure_in_its_description():
    svg = bar_chart(
        chart_id="c", title="Score <moyen>", series=["Avant", "Après"],
        rows=[Row("M1 & co", (35.0, 58.8)), Row("M2", (None, 57.5))],
    )  # fmt: skip
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="126"')
    assert 'role="img" aria-labelledby="c-title c-desc"' in svg
    assert '<title id="c-title">Score &lt;moyen&gt;</title>' in svg
    assert '<desc id="c-desc">M1 &amp; co: Avant 35.0, Après 58.8; M2: Avant —, Après 57.5</desc>' in svg
    # Left to right: labels at the left, bars from x=190, 58.8 % of the 390 px plot.
    assert '<rect x="190.0" y="54.0" width="229.3" height="12" fill="#1d4ed8"/>' in svg


def test_right_to_left_labels_stand_right_and_bars_grow_leftwards():
    svg = bar_chart(chart_id="c", title="النتائج", series=["قبل"], rows=[Row("النساء", (50.0,))], rtl=True)
    assert '<text x="630.0" y="51.0" font-size="11" text-anchor="end" font-weight="bold">النساء</text>' in svg
    # 50 % of 390 px, ending at the label column's edge (640 - 190 = 450).
    assert '<rect x="255.0" y="40.0" width="195.0" height="12" fill="#9a3412"/>' in svg


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
