"""The committee's pages: who opens what (the permission matrix), the
declaration before opening, independent scoring, the chair's moderation and
closing, blind mode, sealed amounts, and the applicant's outcome."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse

from nidaa.accounts.models import Role
from nidaa.common.models import AuditEntry
from nidaa.evaluation.models import (
    ConflictDeclaration,
    Evaluation,
    Moderation,
    ScoreSheet,
    SheetStatus,
    Stage,
)
from nidaa.evaluation.sheets import import_scores
from tests.conftest import client_for
from tests.evaluation.conftest import score_rows
from tests.factories import (
    FinancialOfferFactory,
    MembershipFactory,
    OutcomeFactory,
    UserFactory,
)

PERSONAS = (
    "owner",
    "member",
    "chair",
    "assigned",
    "conflicted",
    "unassigned",
    "applicant",
    "outsider",
    "anonymous",
)


def rows_for(*pairs):
    return [
        (
            number,
            dict(
                zip(
                    ("evaluator", "application", "criterion", "score", "comment", "conflict"),
                    row,
                    strict=True,
                )
            ),
        )
        for number, row in enumerate(pairs, start=2)
    ]


def imported(call, exclude=()):
    # b declared a conflict for R1 (``people``): their R1 scores are not in the file.
    skipped = {("b", "R1"), *exclude}
    rows = [row for row in score_rows() if (row[0].split("@")[0], row[1]) not in skipped]
    import_scores(call=call, rows=rows_for(*rows), actor=None)


EXPECTED = {
    # page: statuses for PERSONAS, in order
    "board": (200, 200, 200, 200, 200, 404, 404, 404, 302),
    "grid": (200, 200, 200, 404, 404, 404, 404, 404, 302),
    "results": (200, 200, 200, 404, 404, 404, 404, 404, 302),
    "results_xlsx": (200, 200, 200, 404, 404, 404, 404, 404, 302),
    "score": (404, 404, 200, 200, 404, 404, 404, 404, 302),
}


def page_url(page, call, applications):
    if page == "score":
        return reverse("evaluation:score", args=[applications["R1"].pk])
    return reverse(f"evaluation:{page}", args=[call.pk])


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_permission_matrix(page, call, graded, applications, people):
    statuses = tuple(
        client_for(people[persona]).get(page_url(page, call, applications)).status_code
        for persona in PERSONAS
    )
    assert dict(zip(PERSONAS, statuses, strict=True)) == dict(zip(PERSONAS, EXPECTED[page], strict=True))


def test_a_conflicted_evaluator_no_longer_opens_the_application_anywhere(call, graded, applications, people):
    client = client_for(people["conflicted"])
    r1 = applications["R1"]
    assert client.get(reverse("applications:issuer_application", args=[r1.pk])).status_code == 404
    assert (
        client.get(reverse("applications:issuer_application", args=[applications["R2"].pk])).status_code
        == 200
    )


def test_only_the_chair_posts_on_the_consolidation_page(call, graded, applications, people):
    url = reverse("evaluation:results", args=[call.pk])
    data = {"action": "close_technical"}
    for persona in ("owner", "member", "assigned"):
        assert client_for(people[persona]).post(url, data).status_code == 404
    assert AuditEntry.objects.filter(action="close_technical").count() == 0


def test_an_evaluator_declares_before_opening_and_a_conflict_hides_the_application(
    call, graded, applications, people
):
    client = client_for(people["assigned"])
    url = reverse("evaluation:score", args=[applications["R2"].pk])
    page = client.get(url)
    assert page.context["declaration"] is None
    assert "rows" not in page.context and "files" not in page.context
    response = client.post(url, {"action": "declare", "conflict": "yes", "note": "Ancien collègue"})
    assert (response.status_code, response["Location"]) == (302, reverse("evaluation:board", args=[call.pk]))
    assert client.get(url).status_code == 404
    declaration = ConflictDeclaration.objects.get(
        evaluator=people["assigned"], application=applications["R2"]
    )
    assert (declaration.has_conflict, declaration.note) == (True, "Ancien collègue")


def test_scores_stay_hidden_until_the_evaluator_submits(call, graded, applications, people):
    imported(call, exclude={("a", "R1")})  # b (conflict) and c have scored R1
    client = client_for(people["assigned"])
    url = reverse("evaluation:score", args=[applications["R1"].pk])
    client.post(url, {"action": "declare", "conflict": "no"})
    page = client.get(url)
    assert [row["criterion"].code for row in page.context["rows"]] == ["C1", "C2", "C3", "E1"]
    assert "consolidation" not in page.context
    assert "C1 noté par c" not in page.content.decode()
    draft = {
        "score_C1": "25",
        "score_C2": "35",
        "score_C3": "20",
        "score_E1": "pass",
        "comment_C1": "Profil solide",
    }
    client.post(url, {"action": "save", **draft})
    assert (
        ScoreSheet.objects.get(evaluator=people["assigned"], application=applications["R1"]).status
        == SheetStatus.DRAFT
    )
    assert "consolidation" not in client.get(url).context
    client.post(url, {"action": "submit", **draft})
    page = client.get(url)
    c1 = page.context["consolidation"].criteria["C1"]
    assert (c1.scores, c1.mean) == ((Decimal(25), Decimal(26)), Decimal("25.5"))
    assert page.context["editable"] is False
    # A submitted sheet does not change.
    client.post(url, {"action": "save", **draft, "score_C1": "5"})
    assert client.get(url).context["consolidation"].criteria["C1"].scores == (Decimal(25), Decimal(26))


def test_a_score_above_the_maximum_is_refused_with_its_reason(call, graded, applications, people):
    client = client_for(people["assigned"])
    url = reverse("evaluation:score", args=[applications["R1"].pk])
    client.post(url, {"action": "declare", "conflict": "no"})
    response = client.post(url, {"action": "save", "score_C1": "31"}, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["C1 : la note 31 dépasse le maximum de C1 (30)"]
    assert not ScoreSheet.objects.exists()


def test_the_chair_reopens_a_sheet_with_a_reason(call, graded, applications, people):
    imported(call)
    sheet = ScoreSheet.objects.get(evaluator=people["assigned"], application=applications["R1"])
    client = client_for(people["chair"])
    client.post(
        reverse("evaluation:results", args=[call.pk]),
        {
            "action": "reopen",
            "receipt": "R1",
            "evaluator": people["assigned"].pk,
            "reason": "Erreur de saisie sur C2",
        },
    )
    sheet.refresh_from_db()
    assert sheet.status == SheetStatus.REOPENED
    entry = AuditEntry.objects.get(action="reopen_sheet")
    assert (entry.actor_id, entry.data) == (people["chair"].pk, {"reason": "Erreur de saisie sur C2"})


def test_the_consolidation_sorts_by_disagreement_and_the_chair_moderates(call, graded, applications, people):
    imported(call)
    client = client_for(people["chair"])
    url = reverse("evaluation:results", args=[call.pk])
    page = client.get(url + "?sort=disagreement")
    assert [row.application.receipt_number for row in page.context["rows"]] == ["R2", "R1", "R3", "R4"]
    client.post(
        url,
        {
            "action": "moderate",
            "application": applications["R2"].pk,
            "criterion": "C1",
            "consensus": "24",
            "reason": "Discuté en séance",
        },
    )
    moderation = Moderation.objects.get()
    assert (moderation.consensus, moderation.reason, moderation.recorded_by) == (
        Decimal(24),
        "Discuté en séance",
        people["chair"],
    )


def test_amounts_stay_sealed_for_the_issuers_admins_before_the_opening(call, graded, applications, people):
    imported(call)
    FinancialOfferFactory(application=applications["R1"], amount=Decimal("123456.78"))
    page = client_for(people["owner"]).get(reverse("evaluation:results", args=[call.pk]))
    assert [row.amount for row in page.context["rows"]] == [None] * 4
    assert "123456" not in page.content.decode()


def test_the_chair_runs_the_evaluation_to_the_decision_in_the_browser_forms(
    call, graded, applications, people, django_capture_on_commit_callbacks
):
    imported(call)
    client = client_for(people["chair"])
    url = reverse("evaluation:results", args=[call.pk])
    client.post(url, {"action": "close_technical"})
    client.post(
        url, {"action": "offer", "application": applications["R1"].pk, "amount": "200 000", "currency": "MAD"}
    )
    client.post(url, {"action": "offer", "application": applications["R2"].pk, "amount": "150000"})
    refused = client.post(
        url, {"action": "offer", "application": applications["R3"].pk, "amount": "90000"}, follow=True
    )
    assert [str(m) for m in refused.context["messages"]][-1:] == [
        "L'offre financière de cette candidature n'est pas ouverte (non qualifiée)."
    ]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "close_financial", "note": "Le comité retient R2."})
    page = client.get(url)
    assert page.context["evaluation"].stage == Stage.DECIDED
    assert [(row.application.receipt_number, row.ranked.rank) for row in page.context["rows"][:2]] == [
        ("R2", 1),
        ("R1", 2),
    ]
    assert [m.to for m in mail.outbox] == [[applications["R2"].applicant_email]]


def test_blind_mode_shows_receipts_until_the_technical_close(call, graded, applications, people):
    graded.blind = True
    graded.save(update_fields=["blind"])
    client = client_for(people["assigned"])
    board = client.get(reverse("evaluation:board", args=[call.pk])).content.decode()
    assert "R2" in board and "Youssef El Idrissi" not in board
    url = reverse("evaluation:score", args=[applications["R2"].pk])
    client.post(url, {"action": "declare", "conflict": "no"})
    assert client.get(url).context["name"] == "R2"
    graded.stage = Stage.FINANCIAL
    graded.save(update_fields=["stage"])
    assert client.get(url).context["name"] == "Youssef El Idrissi"


def test_the_grid_editor_proposes_a_grid_from_the_call(org, member):
    from tests.factories import CallFactory

    call = CallFactory(
        organization=org,
        profile=["Master en sciences sociales", "Cinq ans d'expérience en formation"],
        required_documents=["cv", "methodology_note", "financial_offer"],
        deliverables=["Rapport final"],
    )
    page = client_for(member).get(reverse("evaluation:grid", args=[call.pk]))
    assert page.context["proposed"] is True
    assert [(row["code"], row["max"], row["eliminatory"]) for row in page.context["rows"][:5]] == [
        ("C1", 25, False), ("C2", 25, False), ("C3", 25, False), ("C4", 25, False), ("E1", "", True),
    ]  # fmt: skip
    assert page.context["rows"][0]["label"]["fr"] == "Master en sciences sociales"
    assert page.context["grid"]["method"] == "qcbs"


def test_the_grid_editor_saves_the_grid(call, member):
    data = {
        "method": "qcbs", "technical_weight": "80", "financial_weight": "20", "pass_mark": "60", "budget": "",
        "disagreement_percent": "25", "retain": "1",
        "code": ["C1", "C2", "E1", ""], "label_fr": ["Profil", "Méthode", "Statut", ""],
        "label_ar": ["المؤهلات", "المنهجية", "الوضع", ""], "label_en": ["Profile", "Method", "Status", ""],
        "max": ["40", "60", "", ""], "eliminatory": ["2"], "parent": ["", "", "", ""],
    }  # fmt: skip
    response = client_for(member).post(reverse("evaluation:grid", args=[call.pk]), data)
    assert response.status_code == 302
    evaluation = call.evaluation
    assert (evaluation.technical_weight, evaluation.pass_mark, evaluation.disagreement_share) == (
        Decimal(80),
        Decimal(60),
        Decimal("0.25"),
    )
    assert list(evaluation.criteria.values_list("code", "max_points", "eliminatory", "label_ar")) == [
        ("C1", Decimal(40), False, "المؤهلات"), ("C2", Decimal(60), False, "المنهجية"), ("E1", Decimal(0), True, "الوضع"),
    ]  # fmt: skip


def test_my_applications_shows_the_outcome(call, applications, people):
    OutcomeFactory(
        application=applications["R1"], decision="ranked", rank=2, technical_score=Decimal("82.00")
    )
    page = client_for(people["applicant"]).get(reverse("applications:mine"))
    assert (
        "Le comité a terminé l'évaluation : votre candidature n'a pas été retenue. Rang : 2 · Note technique : 82,00 / 100"
        in " ".join(page.content.decode().split())
    )


def test_an_editor_of_the_organisation_cannot_score(call, graded, applications, org):
    editor = MembershipFactory(user=UserFactory(username="ed"), organization=org, role=Role.EDITOR).user
    assert (
        client_for(editor).get(reverse("evaluation:score", args=[applications["R1"].pk])).status_code == 404
    )


def test_the_results_are_cached_until_a_record_changes(call, graded, applications, people):
    from nidaa.evaluation.results import records_version

    imported(call)
    before = records_version(graded)
    assert records_version(graded) == before
    client = client_for(people["chair"])
    url = reverse("evaluation:results", args=[call.pk])
    assert client.get(url).context["rows"][0].ranked.technical_score == Decimal(100)  # R4, not yet ranked
    client.post(
        url,
        {"action": "moderate", "receipt": "R4", "criterion": "C1", "consensus": "0", "reason": "Hors sujet"},
    )
    assert records_version(graded) != before
    technical = {
        row.application.receipt_number: row.ranked.technical_score for row in client.get(url).context["rows"]
    }
    assert technical["R4"] == Decimal(70)


def test_the_consolidation_is_paged(call, graded, applications, people):
    from tests.factories import SubmittedApplicationFactory

    for n in range(60):
        SubmittedApplicationFactory(call=call, receipt_number=f"X{n:03d}")
    client = client_for(people["chair"])
    url = reverse("evaluation:results", args=[call.pk])
    first, second = client.get(url), client.get(url + "?page=2")
    assert (len(first.context["rows"]), len(second.context["rows"])) == (50, 14)


def test_every_write_changes_the_records_version(call, graded, applications, people):
    """The results page serves a cached computation under this version: each
    service that writes a record the results read must change it."""
    from nidaa.evaluation.decisions import close_technical, moderate, override_compliance, record_offer
    from nidaa.evaluation.results import records_version
    from nidaa.evaluation.sheets import Entry, declare_conflict, reopen_sheet, save_sheet

    def changed(write):
        before = records_version(graded)
        write()
        return records_version(graded) != before

    a, r2 = people["assigned"], applications["R2"]
    assert changed(lambda: declare_conflict(application=r2, evaluator=a, conflict=False))
    entries = {
        "C1": Entry(points=Decimal(20)),
        "C2": Entry(points=Decimal(30)),
        "C3": Entry(points=Decimal(25)),
        "E1": Entry(passes=True),
    }
    assert changed(lambda: save_sheet(application=r2, evaluator=a, entries=entries, submit=True))
    sheet = ScoreSheet.objects.get(evaluator=a, application=r2)
    assert changed(lambda: reopen_sheet(sheet=sheet, actor=None, reason="Erreur"))
    assert changed(lambda: imported(call, exclude={("a", "R2")}))
    assert changed(
        lambda: moderate(application=r2, criterion_code="C1", consensus="22", reason="Consensus", actor=None)
    )
    assert changed(
        lambda: override_compliance(
            application=r2, requirement="on_time", value=True, reason="Panne", actor=None
        )
    )
    save_sheet(application=r2, evaluator=a, entries=entries, submit=True)
    assert changed(lambda: close_technical(call=call, actor=None))
    assert changed(lambda: record_offer(application=applications["R1"], amount="100000", actor=None))
    r1 = applications["R1"]
    r1.is_late = True
    assert changed(lambda: r1.save(update_fields=["is_late", "updated_at"]))


def test_a_mangled_grid_form_is_refused_with_a_message(call, member):
    # Fewer labels than codes, as a hand-made request would send them.
    data = {"method": "qcbs", "technical_weight": "70", "financial_weight": "30", "pass_mark": "70",
            "disagreement_percent": "abc", "code": ["C1", "C2"], "label_fr": ["Profil"], "max": ["50"]}  # fmt: skip
    response = client_for(member).post(reverse("evaluation:grid", args=[call.pk]), data)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == ["Vérifiez les nombres de la grille."]
    assert not Evaluation.objects.filter(call=call).exists()


def test_the_cached_table_follows_the_language(call, graded, applications, people):
    imported(call)
    client = client_for(people["chair"])
    french = client.get(reverse("evaluation:results", args=[call.pk])).content.decode()
    arabic = client.get(f"/ar/evaluation/calls/{call.pk}/results/").content.decode()
    assert "Sous la note minimale" in french and "Sous la note minimale" not in arabic
    assert "دون الحد الأدنى" in arabic


def test_an_editor_invites_a_new_evaluator_and_names_the_chair(
    call, member, org, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    from nidaa.accounts.models import Invitation, Membership

    url = reverse("evaluation:invite", args=[call.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member).post(url, {"email": "experte@exemple.ma", "chair": "on"})
    assert response.status_code == 302
    # The members page's invitation, with the evaluator role; the seat waits for its acceptance.
    invitation = Invitation.objects.get(email="experte@exemple.ma")
    assert (invitation.role, invitation.inviter, invitation.language) == ("evaluator", member, "fr")
    assert [m.to for m in mail.outbox] == [["experte@exemple.ma"]]
    assert mail.outbox[0].subject == "Association Exemple vous invite à son comité d'évaluation"
    page = client_for(member).get(reverse("evaluation:evaluators", args=[call.pk])).content.decode()
    assert '<ul class="invited"><li dir="ltr">experte@exemple.ma (président)</li></ul>' in page
    # The invitee signs up and follows the link: an evaluator of the organisation, the
    # call's chair, landing on the call's evaluation.
    link = re.search(r"https?://[^/\s]+(/fr/accounts/invitations/[-\w]+/)", mail.outbox[0].body).group(1)
    user = UserFactory(email="experte@exemple.ma")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(user).post(link)
    assert response.status_code == 302
    assert response["Location"] == reverse("evaluation:board", args=[call.pk])
    assert Membership.objects.get(user=user).role == "evaluator"
    assert call.evaluator_assignments.get(evaluator=user).is_chair is True
    assert list(call.evaluator_assignments.filter(is_chair=True).values_list("evaluator", flat=True)) == [
        user.pk
    ]


@pytest.mark.parametrize("persona", ["assigned", "outsider", "applicant"])
def test_only_the_calls_editors_invite(call, people, persona):
    response = client_for(people[persona]).post(
        reverse("evaluation:invite", args=[call.pk]), {"email": "x@exemple.ma"}
    )
    assert response.status_code == 404
    assert not call.evaluator_assignments.filter(evaluator__email="x@exemple.ma").exists()


def test_a_pdf_is_shown_only_after_the_declaration_and_never_to_a_conflicted_evaluator(
    call, graded, applications, people
):
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from nidaa.applications.models import ApplicationChannel
    from nidaa.applications.services import record_version, stored_file

    r1 = applications["R1"]
    record = stored_file(piece="cv", upload=ContentFile(b"%PDF-1.4\n%%EOF\n", name="cv.pdf"))
    record_version(
        application=r1,
        received_at=call.deadline - timedelta(hours=3),
        channel=ApplicationChannel.WEB,
        actor=None,
        files=[record],
    )
    url = reverse("evaluation:file_inline", args=[r1.pk, record.pk])
    assigned = client_for(people["assigned"])
    assert assigned.get(url).status_code == 404  # not declared yet
    assigned.post(reverse("evaluation:score", args=[r1.pk]), {"action": "declare", "conflict": "no"})
    response = assigned.get(url)
    assert (response.status_code, response["Content-Type"], response["Content-Disposition"]) == (
        200,
        "application/pdf",
        "inline",
    )
    for persona in ("conflicted", "owner", "unassigned", "applicant", "outsider"):
        assert client_for(people[persona]).get(url).status_code == 404, persona
    assert (
        client_for(people["conflicted"]).get(reverse("applications:file", args=[record.pk])).status_code
        == 404
    )


def test_a_grid_kept_as_a_template_starts_another_calls_grid(call, graded, member, org, other_org):
    from tests.factories import CallFactory, GridTemplateFactory

    client = client_for(member)
    client.post(
        reverse("evaluation:grid", args=[call.pk]), {"action": "save_template", "name": "Formateurs QCBS"}
    )
    GridTemplateFactory(organization=other_org, name="Autre organisation")
    other_call = CallFactory(organization=org)
    page = client.get(reverse("evaluation:grid", args=[other_call.pk]))
    assert [t.name for t in page.context["templates"]] == ["Formateurs QCBS"]  # never another organisation's
    template = page.context["templates"][0]
    page = client.get(reverse("evaluation:grid", args=[other_call.pk]) + f"?template={template.pk}")
    assert [row["code"] for row in page.context["rows"] if row["code"]] == ["C1", "C2", "C3", "E1"]
    assert page.context["grid"]["pass_mark"] == 70
    assert not Evaluation.objects.filter(call=other_call).exists()  # a starting point, saved with the form
