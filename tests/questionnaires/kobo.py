"""XLSForms and response exports written the way KoboToolbox users write
them (openpyxl): survey / choices / settings sheets, ``label::French (fr)``
and ``label::Arabic (ar)`` columns, groups, a ``correct`` column."""

import csv
import io

import openpyxl

SURVEY_HEADER = [
    "type",
    "name",
    "label::French (fr)",
    "label::Arabic (ar)",
    "hint::French (fr)",
    "hint::Arabic (ar)",
    "required",
    "relevant",
    "constraint",
    "constraint_message::French (fr)",
    "constraint_message::Arabic (ar)",
    "calculation",
    "correct",
]


def survey_row(type_, name, fr="", ar="", **columns):
    row = dict.fromkeys(SURVEY_HEADER, "")
    row.update({"type": type_, "name": name, "label::French (fr)": fr, "label::Arabic (ar)": ar})
    for key, value in columns.items():
        row[{"hint_fr": "hint::French (fr)", "hint_ar": "hint::Arabic (ar)"}.get(key, key)] = value
    return [row[h] for h in SURVEY_HEADER]


PRE_TEST_SURVEY = [
    survey_row("start", "start"),
    survey_row("end", "end"),
    survey_row("begin_group", "connaissances", "Connaissances", "المعارف"),
    survey_row(
        "select_one oui_non",
        "q1",
        "Le budget participatif est-il prévu par la loi ?",
        "هل الميزانية التشاركية منصوص عليها في القانون؟",
        required="yes",
        correct="oui",
    ),
    survey_row(
        "select_multiple acteurs",
        "q2",
        "Qui participe ?",
        "من يشارك؟",
        required="yes",
        correct="elus societe",
    ),
    survey_row("end_group", ""),
    survey_row(
        "integer",
        "age",
        "Votre âge",
        "عمرك",
        required="yes",
        constraint=". >= 18 and . <= 99",
        **{
            "constraint_message::French (fr)": "Entre 18 et 99 ans",
            "constraint_message::Arabic (ar)": "بين 18 و99 سنة",
        },
    ),
    survey_row("select_one satisfaction", "satisf", "Votre satisfaction", "مدى رضاك", required="yes"),
    survey_row(
        "text",
        "pourquoi",
        "Pourquoi ?",
        "لماذا؟",
        relevant="${satisf} <= 2",
        required="yes",
    ),
    survey_row("calculate", "nb_acteurs", calculation="count-selected(${q2})"),
    survey_row("note", "merci", "Merci !", "شكرا!"),
]

CHOICES = [
    ["list_name", "name", "label::French (fr)", "label::Arabic (ar)"],
    ["oui_non", "oui", "Oui", "نعم"],
    ["oui_non", "non", "Non", "لا"],
    ["acteurs", "elus", "Les élus", "المنتخبون"],
    ["acteurs", "societe", "La société civile", "المجتمع المدني"],
    ["acteurs", "police", "La police", "الشرطة"],
    ["satisfaction", "1", "Pas du tout satisfait", "غير راض إطلاقا"],
    ["satisfaction", "2", "Peu satisfait", "قليل الرضا"],
    ["satisfaction", "3", "Satisfait", "راض"],
    ["satisfaction", "4", "Très satisfait", "راض جدا"],
]

SETTINGS = [
    ["form_title", "form_id", "version", "default_language"],
    ["Pré-test M1", "pre_m1", "2026031001", "French (fr)"],
]


def xlsform(survey=None, choices=None, settings=None, header=None):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(header or SURVEY_HEADER)
    for row in PRE_TEST_SURVEY if survey is None else survey:
        sheet.append(row)
    choices_sheet = workbook.create_sheet("choices")
    for row in CHOICES if choices is None else choices:
        choices_sheet.append(row)
    settings_sheet = workbook.create_sheet("settings")
    for row in SETTINGS if settings is None else settings:
        settings_sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_xlsx(rows):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_csv(rows, delimiter=";"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8-sig")
