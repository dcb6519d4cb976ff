"""The questionnaires' phase of make bench-missions (issue 15): 60,000
responses imported through ``import_responses`` (what ``nidaa missions
responses import`` and the web upload run): a pre-test, a post-test and a
final questionnaire, one KoboToolbox-layout .xlsx each with a row per
participant of the 20,000-participant mission. Prints rows/s, wall and CPU."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from typing import Any

import openpyxl

KNOWLEDGE = [
    ["select_one vf", "loi", "La loi prévoit-elle la participation ?", "هل ينص القانون على المشاركة؟", "yes", "", "vrai"],
    ["select_one etapes", "etape", "Première étape ?", "المرحلة الأولى؟", "yes", "", "diagnostic"],
    ["select_multiple acteurs", "acteurs", "Qui siège ?", "من يشارك؟", "yes", "", "associations citoyens"],
    ["select_one vf", "petitions", "Pétitions ?", "العرائض؟", "yes", "", "vrai"],
    ["select_one vf", "secret", "Budget secret ?", "ميزانية سرية؟", "yes", "", "faux"],
    ["integer", "age", "Âge", "السن", "yes", ". >= 18 and . <= 99", ""],
]  # fmt: skip
SATISFACTION = [
    ["select_one echelle", f"s{i}", f"Satisfaction {i}", f"الرضا {i}", "yes", "", ""] for i in range(1, 6)
] + [["text", "commentaire", "Commentaire", "تعليق", "", "${s1} <= 2", ""]]
CHOICES = [
    ["list_name", "name", "label::French (fr)", "label::Arabic (ar)"],
    ["vf", "vrai", "Vrai", "صحيح"],
    ["vf", "faux", "Faux", "خطأ"],
    ["etapes", "vote", "Vote", "التصويت"],
    ["etapes", "diagnostic", "Diagnostic", "التشخيص"],
    ["acteurs", "associations", "Associations", "الجمعيات"],
    ["acteurs", "citoyens", "Citoyens", "المواطنون"],
    ["acteurs", "gouverneur", "Gouverneur", "العامل"],
    *[["echelle", str(n), f"Note {n}", f"درجة {n}"] for n in range(1, 5)],
]


def xlsform(title: str, survey: list[list[str]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "survey"
    sheet.append(
        ["type", "name", "label::French (fr)", "label::Arabic (ar)", "required", "constraint", "correct"]
    )
    sheet.append(["begin_group", "grp", "Questions", "الأسئلة", "", "", ""])
    for row in survey:
        sheet.append(row)
    sheet.append(["end_group", "", "", "", "", "", ""])
    choices = book.create_sheet("choices")
    for row in CHOICES:
        choices.append(row)
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version"])
    settings.append([title, title.lower().replace(" ", "_"), "1"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export(codes: list[str], kind: str) -> bytes:
    """A Kobo export: meta columns, the participant's code, group-prefixed questions."""
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet()
    if kind == "final":
        names = [f"grp/s{i}" for i in range(1, 6)] + ["grp/commentaire"]
    else:
        names = ["grp/loi", "grp/etape", "grp/acteurs", "grp/petitions", "grp/secret", "grp/age"]
    sheet.append(["start", "end", "participant", *names, "_id", "_uuid", "_submission_time"])
    for i, code in enumerate(codes):
        if kind == "final":
            marks = [str(1 + (i + k) % 4) for k in range(5)]
            answers = [*marks, "Plus de pratique" if marks[0] in ("1", "2") else ""]
        else:
            shift = 1 if kind == "post" else 0
            answers = [
                ["vrai", "faux"][(i + shift) % 2],
                ["diagnostic", "Vote"][(i // 2 + shift) % 2],  # a label, as Kobo's "labels" export writes it
                ["associations citoyens", "gouverneur"][(i // 3) % 2],
                "vrai",
                ["faux", "vrai"][(i // 5) % 2],
                str(18 + i % 60),
            ]
        sheet.append(["", "", code, *answers, str(i + 1), f"uuid-{i}", "2026-03-10T10:00:00"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bench_responses(*, mission: Any, user: Any, cpu_seconds: Callable[[], float]) -> None:
    from nidaa.missions.models import Participant
    from nidaa.questionnaires.models import Answer, Response
    from nidaa.questionnaires.services import import_responses, import_xlsform
    from nidaa.reports import results

    # Without a worker (as here: huey's immediate mode) each import tabulates
    # the results into the cache before it returns (reports.tasks.queue_results):
    # that share of the import's time is measured apart.
    warming = [0.0, 0.0]
    warm_results = results.warm_results

    def timed_warm(**kwargs: Any) -> str | None:
        started, before = time.perf_counter(), cpu_seconds()
        try:
            return warm_results(**kwargs)
        finally:
            warming[0] += time.perf_counter() - started
            warming[1] += cpu_seconds() - before

    results.warm_results = timed_warm  # type: ignore[assignment]

    codes = list(Participant.objects.filter(mission=mission).order_by("id").values_list("code", flat=True))
    forms = {
        "pre": import_xlsform(mission=mission, data=xlsform("Pre", KNOWLEDGE), filename="pre.xlsx", kind="pre",
                              module=None, actor=user),
        "post": import_xlsform(mission=mission, data=xlsform("Post", KNOWLEDGE), filename="post.xlsx", kind="post",
                               module=None, actor=user),
        "final": import_xlsform(mission=mission, data=xlsform("Final", SATISFACTION), filename="final.xlsx",
                                kind="final", module=None, actor=user),
    }  # fmt: skip
    files = {kind: export(codes, kind) for kind in forms}
    total, wall, cpu = 0, 0.0, 0.0
    for kind, questionnaire in forms.items():
        warming[:] = [0.0, 0.0]
        started, before = time.perf_counter(), cpu_seconds()
        report = import_responses(questionnaire=questionnaire, data=files[kind], participant_column="participant",
                                  actor=user)  # fmt: skip
        seconds, used = time.perf_counter() - started, cpu_seconds() - before
        assert not report.errors and not report.fatal and report.imported == len(codes), (
            report.errors[:3], report.fatal, report.imported,
        )  # fmt: skip
        total, wall, cpu = total + report.imported, wall + seconds, cpu + used
        print(
            f"responses import ({kind}): {report.imported} rows in {seconds:.2f} s = {report.imported / seconds:,.0f} "
            f"rows/s (CPU {used:.2f} s; .xlsx of {len(files[kind]) / 1e6:.1f} MB; of which tabulating the results "
            f"into the cache {warming[0]:.2f} s, CPU {warming[1]:.2f} s)"
        )
    results.warm_results = warm_results  # type: ignore[assignment]
    print(
        f"responses import: {total:,} responses ({Answer.objects.count():,} answers) in {wall:.2f} s = "
        f"{total / wall:,.0f} rows/s (CPU {cpu:.2f} s = {total / cpu:,.0f} rows/s; read, matched, checked, "
        f"scored, stored); {Response.objects.count():,} responses stored"
    )
