"""Pre, post and final questionnaires of a mission, their openings per
session (the link and QR code participants answer through) and the answers.

The form's structure (questions, choices, labels per language, the
``relevant``/``constraint``/``required`` expressions and the correct answers
of knowledge questions) is stored as plain rows; evaluating the expressions
and scoring are the framework-free ``nidaa.forms_logic``.

Default orderings name the foreign key's column (``questionnaire_id``), not
the relation: ordering by a relation would join the related table (and its
own ordering's) into every unordered query over 60,000 responses.

Answers are participants' personal data: read only through
``questionnaires.selectors``, which reach them through a mission obtained from
``missions.selectors`` (the issuer's admins/editors and the facilitator).
A participant answers a questionnaire once: a second answer (a correction on
paper, a re-import) replaces the first, and the replacement is audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    PRE = "pre", _("Pre-test")
    POST = "post", _("Post-test")
    FINAL = "final", _("Final evaluation")


class QuestionType(models.TextChoices):
    SELECT_ONE = "select_one", _("One choice")
    SELECT_MULTIPLE = "select_multiple", _("Several choices")
    INTEGER = "integer", _("Whole number")
    DECIMAL = "decimal", _("Number")
    TEXT = "text", _("Text")
    NOTE = "note", _("Note (no answer)")
    CALCULATE = "calculate", _("Calculation")


class Source(models.TextChoices):
    WEB = "web", _("Phone or web")
    PAPER = "paper", _("Paper form")
    IMPORT = "import", _("Imported file")


def form_storage_name(sha256: str) -> str:
    """Content-addressed path: the uploaded name never reaches the storage."""
    return f"questionnaires/{sha256[:2]}/{sha256}"


def form_upload_to(instance: Questionnaire, filename: str) -> str:
    return form_storage_name(instance.source_sha256)


class Questionnaire(models.Model):
    mission = models.ForeignKey(
        "missions.Mission",
        verbose_name=_("mission"),
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # Empty: the questionnaire is for every module of the mission.
    module = models.ForeignKey(
        "missions.Module",
        verbose_name=_("module"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="questionnaires",
    )
    title = models.CharField(_("title"), max_length=500)
    # The label languages the form carries ("fr", "ar", "en"; "" for a plain label column).
    languages = models.JSONField(_("languages"), default=list, blank=True)
    # From the XLSForm's settings sheet (empty for a form built in the app).
    form_id = models.CharField(_("form id"), max_length=200, blank=True)
    version = models.CharField(_("form version"), max_length=200, blank=True)
    # {group path: the ``relevant`` of each group on the path, outermost first}.
    group_relevant = models.JSONField(_("conditions of the groups"), default=dict, blank=True)
    # The imported XLSForm, kept as uploaded (stored under its sha256).
    source_name = models.CharField(_("original file name"), max_length=255, blank=True)
    source_file = models.FileField(_("XLSForm file"), upload_to=form_upload_to, max_length=255, blank=True)
    source_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    source_size = models.PositiveBigIntegerField(_("size"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["mission_id", "module_id", "kind", "id"]
        indexes = [models.Index(fields=["mission", "kind"])]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    name = models.CharField(_("name"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=QuestionType.choices)
    # The groups the question sits in, outermost first, joined by "/" ("grp/sub").
    group = models.CharField(_("group"), max_length=500, blank=True)
    list_name = models.CharField(_("choice list"), max_length=200, blank=True)
    # {"fr": ..., "ar": ..., "en": ..., "": the plain label column}
    label = models.JSONField(_("label"), default=dict, blank=True)
    hint = models.JSONField(_("hint"), default=dict, blank=True)
    required = models.BooleanField(_("required"), default=False)
    required_message = models.JSONField(_("message when missing"), default=dict, blank=True)
    relevant = models.TextField(_("shown when"), blank=True)
    constraint = models.TextField(_("constraint"), blank=True)
    constraint_message = models.JSONField(_("message when the constraint fails"), default=dict, blank=True)
    calculation = models.TextField(_("calculation"), blank=True)
    # The right choice names, separated by spaces; blank: not a knowledge question.
    correct = models.CharField(_("correct answer"), max_length=1000, blank=True)
    # Filled once the choices are known: every choice name of the list is an integer.
    likert = models.BooleanField(_("rating scale"), default=False)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire_id", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "name"], name="one_question_name_per_form")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_knowledge(self) -> bool:
        """A question with a right answer: it counts in the participant's score."""
        return bool(self.correct.strip()) and self.type in (
            QuestionType.SELECT_ONE,
            QuestionType.SELECT_MULTIPLE,
        )

    @property
    def is_likert(self) -> bool:
        """A rating (satisfaction, agreement): select_one over choices named by integers."""
        return self.type == QuestionType.SELECT_ONE and self.likert


class Choice(models.Model):
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="choices"
    )
    list_name = models.CharField(_("choice list"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    label = models.JSONField(_("label"), default=dict, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("choice")
        verbose_name_plural = _("choices")
        ordering = ["questionnaire_id", "list_name", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "list_name", "name"], name="one_choice_name_per_list"
            )
        ]

    def __str__(self) -> str:
        return f"{self.list_name}:{self.name}"


class SessionQuestionnaire(models.Model):
    """A questionnaire opened at a session: its link (and QR code) answers only while open."""

    session = models.ForeignKey(
        "missions.Session",
        verbose_name=_("session"),
        on_delete=models.CASCADE,
        related_name="questionnaire_openings",
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="openings"
    )
    # The secret in the participants' link: unguessable (secrets.token_urlsafe).
    token = models.CharField(_("link token"), max_length=64, unique=True)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("questionnaire opening")
        verbose_name_plural = _("questionnaire openings")
        ordering = ["session_id", "questionnaire_id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "questionnaire"], name="one_opening_per_session_form")
        ]

    def __str__(self) -> str:
        return f"{self.questionnaire} @ {self.session_id}"

    @property
    def is_open(self) -> bool:
        return self.opened_at is not None and self.closed_at is None


class Response(models.Model):
    """One participant's answers to one questionnaire (one per participant: a
    second replaces the first, audited)."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="responses"
    )
    # The session it was answered at (empty for an import that does not say).
    session = models.ForeignKey(
        "missions.Session",
        verbose_name=_("session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="questionnaire_responses",
    )
    participant = models.ForeignKey(
        "missions.Participant",
        verbose_name=_("participant"),
        on_delete=models.CASCADE,
        related_name="questionnaire_responses",
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    submitted_at = models.DateTimeField(_("submitted"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # % of the knowledge questions answered right (0-100); empty when the form has none.
    score = models.FloatField(_("score"), null=True, blank=True)
    # Knowledge questions counted in the score and those answered right.
    knowledge_total = models.PositiveSmallIntegerField(_("knowledge questions"), default=0)
    knowledge_right = models.PositiveSmallIntegerField(_("right answers"), default=0)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["questionnaire_id", "submitted_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "participant"], name="one_response_per_participant_form"
            )
        ]
        indexes = [models.Index(fields=["questionnaire", "session"])]

    def __str__(self) -> str:
        return f"{self.questionnaire_id}/{self.participant_id}"


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    # select_multiple: choice names separated by spaces; numbers normalised ("3", "2.5").
    value = models.TextField(_("value"), blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_response_question")
        ]

    def __str__(self) -> str:
        return f"{self.question_id}={self.value}"
