"""A questionnaire as plain data: what the XLSForm reader produces, what the
app stores as rows and gives back to the answer checker and the scorer."""

from __future__ import annotations

from dataclasses import dataclass, field

# The question types Nidaa runs (begin/end group become a question's ``group``).
TYPES = ("select_one", "select_multiple", "integer", "decimal", "text", "note", "calculate")
SELECTS = ("select_one", "select_multiple")

Labels = dict[str, str]  # {"fr": ..., "ar": ..., "en": ..., "": the plain label}


@dataclass
class FormChoice:
    list_name: str
    name: str
    label: Labels = field(default_factory=dict)


@dataclass
class FormQuestion:
    name: str
    type: str
    list_name: str = ""
    group: str = ""  # "grp/sub"
    label: Labels = field(default_factory=dict)
    hint: Labels = field(default_factory=dict)
    # "yes"/"true" or an expression; blank: optional.
    required: str = ""
    required_message: Labels = field(default_factory=dict)
    relevant: str = ""
    # The ``relevant`` of the groups the question sits in, outermost first.
    group_relevant: tuple[str, ...] = ()
    constraint: str = ""
    constraint_message: Labels = field(default_factory=dict)
    calculation: str = ""
    correct: str = ""  # choice names separated by spaces
    row: int = 0  # the survey sheet's row, for messages

    @property
    def is_knowledge(self) -> bool:
        return self.type in SELECTS and bool(self.correct.split())


@dataclass
class Form:
    title: str
    form_id: str = ""
    version: str = ""
    languages: list[str] = field(default_factory=list)
    questions: list[FormQuestion] = field(default_factory=list)
    choices: list[FormChoice] = field(default_factory=list)

    def choice_names(self, list_name: str) -> list[str]:
        return [c.name for c in self.choices if c.list_name == list_name]


def is_likert(question: FormQuestion, choice_names: list[str]) -> bool:
    """A rating scale: a select_one whose choices are all named by integers."""
    if question.type != "select_one" or not choice_names:
        return False
    return all(name.lstrip("-").isdigit() for name in choice_names)


def label_in(labels: Labels, language: str) -> str:
    """The label in ``language``, else the plain label, else French, Arabic, English."""
    for key in (language, "", "fr", "ar", "en"):
        if labels.get(key):
            return labels[key]
    return next((text for text in labels.values() if text), "")
