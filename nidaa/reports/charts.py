"""The results' charts in the reader's language (titles, series and group
names translated; right to left in Arabic), drawn by ``nidaa.tabulation.charts``:
SVG for the page, bars in HTML for the PDF, and for the DOCX that HTML
printed by WeasyPrint and rasterised by PDFium (PNG), so Arabic is shaped
and ordered by the same engine as the rest of the report."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import pypdfium2
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from nidaa.common.pdf import html_to_pdf
from nidaa.reports.results import Results
from nidaa.tabulation.charts import BarRow, Row, bar_chart, bars, legend, stacked_bars, stacked_chart

# The PNG's width on paper (the DOCX shows it 16 cm wide) and its resolution.
PNG_WIDTH_MM = 170
PNG_SCALE = 2.5


def figure(value: float | None) -> str:
    """A figure as the active language writes it, one decimal; a dash for none."""
    return "—" if value is None else formats.number_format(value, 1)


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    rows: list[BarRow]
    legend: list[tuple[str, str]] = field(default_factory=list)
    stacked: bool = False


def _pre_post(chart_id: str, title: str, groups: list[tuple[str, dict]], rtl: bool) -> Chart:
    series = [_("Before (pre-test)"), _("After (post-test)")]
    rows = [Row(label, (g["pre_mean"], g["post_mean"])) for label, g in groups]
    return Chart(
        title,
        bar_chart(chart_id=chart_id, title=title, series=series, rows=rows, rtl=rtl, number=figure),
        bars(rows, number=figure),
        legend(series),
    )


def mission_charts(results: Results, *, language: str) -> list[Chart]:
    """Mean scores before and after by module, zone and sex; satisfaction by
    module; each rating question's answers."""
    with translation.override(language):
        rtl = translation.get_language_bidi()
        figures = results.figures
        sexes = {"female": _("Women"), "male": _("Men")}
        charts = [
            _pre_post(
                "chart-module",
                _("Mean score before and after, by module (%)"),
                [(g["module"], g) for g in figures["by_module"]],
                rtl,
            ),
            _pre_post(
                "chart-zone",
                _("Mean score before and after, by zone (%)"),
                [(g["zone"], g) for g in figures["by_zone"]],
                rtl,
            ),
            _pre_post(
                "chart-sex",
                _("Mean score before and after, by sex (%)"),
                [(sexes[sex], g) for sex, g in figures["by_sex"].items()],
                rtl,
            ),
        ]
        title = _("Satisfaction by module (%)")
        series = [_("Satisfaction")]
        rows = [Row(g["module"], (g["satisfaction"],)) for g in figures["by_module"]]
        charts.append(
            Chart(
                title,
                bar_chart(
                    chart_id="chart-satisfaction",
                    title=title,
                    series=series,
                    rows=rows,
                    rtl=rtl,
                    number=figure,
                ),
                bars(rows, number=figure),
                legend(series),
            )
        )
        for index, question in enumerate(results.likert, start=1):
            label = question.label_in(language)
            series = [question.choice_label_in(i, language) for i in range(len(question.choices))]
            counts = [(question.questionnaire, [question.counts[c] for c in question.choices])]
            charts.append(
                Chart(
                    label,
                    stacked_chart(
                        chart_id=f"chart-likert-{index}", title=label, series=series, rows=counts, rtl=rtl
                    ),
                    stacked_bars(counts),
                    legend(series),
                    stacked=True,
                )
            )
        return charts


def height_mm(chart: Chart) -> float:
    """The page a chart is printed on for its PNG: legend, then its rows."""
    per_row = 6.0 if chart.stacked else 1.5 + 4.2 * max((len(r.parts) for r in chart.rows), default=1)
    return 14.0 + per_row * len(chart.rows)


def charts_png(charts: list[Chart], *, language: str) -> list[bytes]:
    """Each chart as a PNG: its HTML bars printed on a page of their own
    height (one PDF, a page per chart) and rasterised."""
    if not charts:
        return []
    with translation.override(language):
        html = render_to_string(
            "reports/charts_pages.html",
            {
                "pages": [(chart, height_mm(chart)) for chart in charts],
                "width": PNG_WIDTH_MM,
                "LANGUAGE_CODE": language,
                "LANGUAGE_BIDI": translation.get_language_bidi(),
            },
        )
    document = pypdfium2.PdfDocument(html_to_pdf(html))
    try:
        images = []
        for page in document:
            buffer = _png(page.render(scale=PNG_SCALE).to_pil())
            images.append(buffer)
        return images
    finally:
        document.close()


def _png(image: object) -> bytes:
    target = io.BytesIO()
    image.save(target, format="PNG", optimize=True)  # type: ignore[attr-defined]
    return target.getvalue()
