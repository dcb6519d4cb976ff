"""One factory per model. Apps add theirs here."""

import factory
from factory.django import DjangoModelFactory

from nidaa.accounts.models import Membership, Organization, Role, User


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"org-{n}")
    name = factory.Sequence(lambda n: f"Association Exemple {n}")


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = Role.EDITOR


# --- calls ---------------------------------------------------------------
import hashlib  # noqa: E402
from datetime import timedelta  # noqa: E402

from django.utils import timezone  # noqa: E402

from nidaa.calls.models import Call, CallRevision, CallStatus, CallType  # noqa: E402


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call

    organization = factory.SubFactory(OrganizationFactory)
    title = factory.Sequence(lambda n: f"Recrutement d'un formateur {n}")
    call_type = CallType.TRAINER
    issuer = factory.LazyAttribute(lambda c: c.organization.name)
    status = CallStatus.DRAFT
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    deadline_has_time = True
    locations = factory.LazyFunction(lambda: ["Fès"])
    text = factory.LazyAttribute(lambda c: f"{c.title}\nDate limite : 15 décembre 2026 à 23h59\n")
    sha256 = factory.LazyAttribute(lambda c: hashlib.sha256(c.text.encode()).hexdigest())
    original_filename = "tdr.txt"


class CallRevisionFactory(DjangoModelFactory):
    class Meta:
        model = CallRevision

    call = factory.SubFactory(CallFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = CallStatus.PUBLISHED
    changed_fields = factory.LazyFunction(lambda: ["title"])


class TerritoryFactory(DjangoModelFactory):
    class Meta:
        model = "directory.Territory"
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T-TEST-{n}")
    kind = "commune"
    name_fr = factory.Sequence(lambda n: f"Commune test {n}")
    name_ar = factory.Sequence(lambda n: f"جماعة تجريبية {n}")
    parent = None


def indexed(*calls):
    """Make calls built by factories findable by words, as an import or an edit
    does: the full-text search reads the document ``refresh_search_document`` writes."""
    from nidaa.calls.search import refresh_search_document

    for call in calls:
        refresh_search_document(call)
    return calls[0] if len(calls) == 1 else calls


# --- evaluation ------------------------------------------------------------
from decimal import Decimal  # noqa: E402

from nidaa.applications.models import Application, ApplicationStatus  # noqa: E402
from nidaa.evaluation.models import (  # noqa: E402
    ComplianceOverride,
    ConflictDeclaration,
    EnvelopeOpening,
    Evaluation,
    EvaluatorAssignment,
    FinancialOffer,
    GridCriterion,
    GridTemplate,
    Moderation,
    Outcome,
    Score,
    ScoreSheet,
    SheetStatus,
)


class SubmittedApplicationFactory(DjangoModelFactory):
    """A submitted application as the evaluation sees it (no files: the
    evaluation reads the flags, the identity and the receipt number)."""

    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    status = ApplicationStatus.SUBMITTED
    receipt_number = factory.Sequence(lambda n: f"R-TEST-{n:05d}")
    applicant_name = factory.Sequence(lambda n: f"Candidate {n}")
    applicant_email = factory.Sequence(lambda n: f"candidate{n}@example.net")
    version_count = 1
    received_at = factory.LazyAttribute(lambda a: a.call.deadline - timedelta(hours=2))


class EvaluatorAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = EvaluatorAssignment

    call = factory.SubFactory(CallFactory)
    evaluator = factory.SubFactory(UserFactory)
    is_chair = False


class EvaluationFactory(DjangoModelFactory):
    class Meta:
        model = Evaluation

    call = factory.SubFactory(CallFactory)


class GridCriterionFactory(DjangoModelFactory):
    class Meta:
        model = GridCriterion

    evaluation = factory.SubFactory(EvaluationFactory)
    code = factory.Sequence(lambda n: f"C{n}")
    label_fr = factory.LazyAttribute(lambda c: f"Critère {c.code}")
    label_ar = factory.LazyAttribute(lambda c: f"المعيار {c.code}")
    label_en = factory.LazyAttribute(lambda c: f"Criterion {c.code}")
    max_points = Decimal(20)
    order = factory.Sequence(lambda n: n)


class ConflictDeclarationFactory(DjangoModelFactory):
    class Meta:
        model = ConflictDeclaration

    evaluator = factory.SubFactory(UserFactory)
    application = factory.SubFactory(SubmittedApplicationFactory)
    has_conflict = False


class ScoreSheetFactory(DjangoModelFactory):
    class Meta:
        model = ScoreSheet

    evaluator = factory.SubFactory(UserFactory)
    application = factory.SubFactory(SubmittedApplicationFactory)
    status = SheetStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


class ScoreFactory(DjangoModelFactory):
    class Meta:
        model = Score

    sheet = factory.SubFactory(ScoreSheetFactory)
    criterion = factory.SubFactory(GridCriterionFactory)
    points = Decimal(10)
    comment = "Conforme au profil."


class ModerationFactory(DjangoModelFactory):
    class Meta:
        model = Moderation

    application = factory.SubFactory(SubmittedApplicationFactory)
    criterion = factory.SubFactory(GridCriterionFactory)
    consensus = Decimal(12)
    reason = "Consensus après discussion."


class ComplianceOverrideFactory(DjangoModelFactory):
    class Meta:
        model = ComplianceOverride

    application = factory.SubFactory(SubmittedApplicationFactory)
    requirement = "on_time"
    value = True
    reason = "Retard dû à une panne du serveur de messagerie de l'émetteur."


class FinancialOfferFactory(DjangoModelFactory):
    class Meta:
        model = FinancialOffer

    application = factory.SubFactory(SubmittedApplicationFactory)
    amount = Decimal(100_000)
    currency = "MAD"
    rate = Decimal(1)
    amount_mad = factory.LazyAttribute(lambda o: o.amount * o.rate)


class OutcomeFactory(DjangoModelFactory):
    class Meta:
        model = Outcome

    application = factory.SubFactory(SubmittedApplicationFactory)
    decision = "retained"
    rank = 1
    technical_score = Decimal(80)


class GridTemplateFactory(DjangoModelFactory):
    class Meta:
        model = GridTemplate

    organization = factory.SubFactory(OrganizationFactory)
    name = factory.Sequence(lambda n: f"Grille formateurs {n}")
    spec = factory.LazyFunction(
        lambda: {
            "method": "cqs",
            "technical_weight": 100,
            "financial_weight": 0,
            "pass_mark": 60,
            "budget": None,
            "disagreement_share": 0.2,
            "criteria": [
                {"code": "C1", "label": {"fr": "Profil", "ar": "المؤهلات", "en": "Profile"}, "max": 100}
            ],
        }
    )


class EnvelopeOpeningFactory(DjangoModelFactory):
    class Meta:
        model = EnvelopeOpening

    application = factory.SubFactory(SubmittedApplicationFactory)
