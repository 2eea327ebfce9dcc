"""Shapes of the training and testing center's API: exams and their questions, attempts,
certificates, courses and their modules, grading, the rotation and the report."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from firstline.core.types import LanguageCode, LanguageList, RecordId, Slug, without_bidi_controls
from firstline.learning.rules import QuestionKind


def _clean(value: object) -> object:
    return without_bidi_controls(value) if isinstance(value, str) else value


Title = Annotated[
    str,
    BeforeValidator(_clean),
    StringConstraints(strip_whitespace=True, min_length=1, max_length=200),
]
Prompt = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Choice = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
Topic = Annotated[str, StringConstraints(strip_whitespace=True, max_length=80)]


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    prompt: Prompt
    kind: QuestionKind = QuestionKind.single
    choices: list[Choice] = Field(default_factory=list, max_length=20)
    correct: list[int] | int | bool | None = Field(
        default=None,
        description="The right choices' indexes (0-based); for true_false also true or false. "
        "None for text and simulation questions, which a reviewer grades.",
    )
    rubric: str = Field(default="", max_length=5000, description="What a good answer does.")
    topic: Topic = ""
    article_id: RecordId | None = Field(
        default=None, description="The knowledge-base article the question checks."
    )


class ExamCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    locale: LanguageCode = "en"
    description: str = Field(default="", max_length=5000)
    pass_mark: int = Field(ge=0, le=100, description="The score (0-100) that passes.")
    time_limit_minutes: int = Field(default=30, ge=1, le=600)
    draw: int | None = Field(
        default=None, ge=1, le=500, description="Questions drawn per attempt; null: all."
    )
    attempts: int | None = Field(
        default=3, ge=1, le=100, description="Attempts until one passes; null: unlimited."
    )
    cooldown_minutes: int = Field(default=0, ge=0, le=525_600)
    topic_weights: dict[Topic, float] | None = Field(
        default=None, description="Each topic's share of the drawn questions."
    )
    grants_skills: list[Slug] = Field(default_factory=list, max_length=20)
    grants_languages: LanguageList = Field(default_factory=list)
    valid_days: int | None = Field(
        default=365, ge=1, le=3650, description="Days a certificate is valid; null: for good."
    )
    questions: list[QuestionIn] = Field(min_length=1, max_length=500)


class ExamUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title | None = None
    description: str | None = Field(default=None, max_length=5000)
    pass_mark: int | None = Field(default=None, ge=0, le=100)
    time_limit_minutes: int | None = Field(default=None, ge=1, le=600)
    attempts: int | None = Field(default=None, ge=1, le=100)
    cooldown_minutes: int | None = Field(default=None, ge=0, le=525_600)
    valid_days: int | None = Field(default=None, ge=1, le=3650)
    archived: bool | None = None


class QuestionOut(BaseModel):
    """A question as the trainer sees it (with its answer)."""

    id: int
    kind: str
    prompt: str
    choices: list[str]
    correct: list[int]
    rubric: str
    topic: str
    article_id: int | None


class ExamOut(BaseModel):
    id: int
    title: str
    locale: str
    description: str
    pass_mark: int
    time_limit_minutes: int
    draw: int
    attempts: int | None
    cooldown_minutes: int
    topic_weights: dict[str, float] | None
    grants_skills: list[str]
    grants_languages: list[str]
    valid_days: int | None
    archived: bool
    question_count: int
    created_at: datetime
    questions: list[QuestionOut] | None = Field(
        default=None, description="The bank, with answers: for trainers only."
    )


class DrawnQuestion(BaseModel):
    """A question as the agent taking the exam sees it: never its answer."""

    id: int
    kind: str
    prompt: str
    choices: list[str]
    topic: str


class AttemptOut(BaseModel):
    id: int
    exam_id: int
    agent_id: int
    status: Literal["open", "grading", "passed", "failed"]
    started_at: datetime
    deadline: datetime
    submitted_at: datetime | None
    recheck: bool
    questions: list[DrawnQuestion]
    score: float | None = Field(description="0-100 once graded.")
    passed: bool | None


class TopicResult(BaseModel):
    topic: str
    right: int
    asked: int
    article_ids: list[int] = Field(description="Articles to study for what was missed.")


class AttemptResult(AttemptOut):
    answers: dict[str, Any] | None
    points: dict[str, float] | None
    topics: list[TopicResult]
    certificate_id: int | None


class Submission(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answers: dict[str, Any] = Field(
        description="Each drawn question's id: a list of choice indexes, or a text."
    )


class Grade(BaseModel):
    model_config = ConfigDict(extra="forbid")

    points: dict[str, float] = Field(
        description="Each free-text question's id: its points, 0 to 1 (0.5: half right)."
    )
    comment: str = Field(default="", max_length=5000)


class CertificateOut(BaseModel):
    id: int
    agent_id: int
    exam_id: int
    exam_title: str
    skills: list[str]
    languages: list[str]
    score: float | None
    issued_at: datetime
    expires_at: datetime | None
    status: Literal["valid", "due", "lapsed", "revoked"]
    recheck_by: datetime | None
    recheck_article_ids: list[int]


class ModuleIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["article", "lesson"] = "lesson"
    title: str = Field(default="", max_length=300)
    body: str = Field(default="", max_length=100_000, description="A lesson's Markdown.")
    article_id: RecordId | None = None


class CourseCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Title
    locale: LanguageCode = "en"
    description: str = Field(default="", max_length=5000)
    modules: list[ModuleIn] = Field(min_length=1, max_length=200)
    exam_id: RecordId | None = None
    team_ids: list[RecordId] = Field(default_factory=list, max_length=200)
    roles: list[Annotated[str, StringConstraints(max_length=40)]] = Field(
        default_factory=list, max_length=50
    )
    onboarding: bool = Field(
        default=False, description="Also give it to every agent who joins one of its teams."
    )
    for_managers: bool = Field(
        default=False, description="Part of the managers' programme: every manager gets it."
    )
    due_days: int | None = Field(default=None, ge=1, le=3650)
    agent_ids: list[RecordId] = Field(
        default_factory=list, max_length=1000, description="Agents to assign it to by name."
    )


class ModuleOut(BaseModel):
    id: int
    position: int
    kind: str
    title: str
    article_id: int | None


class CourseOut(BaseModel):
    id: int
    title: str
    locale: str
    description: str
    exam_id: int | None
    team_ids: list[int]
    roles: list[str]
    onboarding: bool
    for_managers: bool
    due_days: int | None
    archived: bool
    modules: list[ModuleOut]
    assigned: int = Field(description="Agents it is assigned to.")
    completed: int = Field(description="Agents who finished it.")
    created_at: datetime


class ModuleView(ModuleOut):
    body_html: str = Field(description="The lesson or the article's current text, safe HTML.")
    done: bool


class LearningItem(BaseModel):
    """One assigned course as its agent sees it in "My learning"."""

    assignment_id: int
    course_id: int
    title: str
    reason: str
    assigned_at: datetime
    due_at: datetime | None
    overdue: bool
    modules: int
    done: int
    last_module_id: int | None
    completed_at: datetime | None
    exam_id: int | None
    exam_passed: bool


class MyLearning(BaseModel):
    courses: list[LearningItem]
    certificates: list[CertificateOut]
    exams: list[ExamOut] = Field(description="Exams open to the agent.")


class ProgressIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    module_id: RecordId
    done: bool = True


class RotationDay(BaseModel):
    day: str
    hours: float
    replies: int


class RotationManager(BaseModel):
    agent_id: int
    name: str
    hours: float = Field(description="Front-line hours in the quarter, counted from replies.")
    replies: int
    days: list[RotationDay]
    status: Literal["below", "within", "above"]
    course_completed: bool | None = Field(description="The managers' courses; null: none.")
    exam_passed: bool | None = Field(description="Their exams; null: none.")
    full_day: str | None = Field(description="The first full front-line day, if any.")


class Rotation(BaseModel):
    quarter: str
    from_: str = Field(alias="from")
    to: str
    target_min_hours: float
    target_max_hours: float
    full_day_hours: float
    managers: list[RotationManager]


class ExamReportRow(BaseModel):
    exam_id: int
    title: str
    archived: bool
    scored: int = Field(description="Attempts scored (re-checks left out).")
    passed: int
    pass_rate: float | None = Field(description="passed / scored, 0 to 1.")
    average_score: float | None
    holders: int = Field(description="Agents holding a valid or due certificate.")
    days_to_certify: float | None = Field(
        description="Average days from an agent's creation to their first certificate."
    )


class HardQuestion(BaseModel):
    question_id: int
    exam_id: int
    prompt: str
    topic: str
    asked: int
    missed: int
    miss_rate: float = Field(description="The share who got it wrong: its difficulty.")


class CourseCompletion(BaseModel):
    course_id: int
    title: str
    assigned: int
    completed: int


class Lapsing(BaseModel):
    certificate_id: int
    agent_id: int
    agent_name: str
    exam_id: int
    exam_title: str
    ends_at: datetime
    recheck: bool = Field(description="It goes because a re-check is not passed yet.")


class LearningReport(BaseModel):
    exams: list[ExamReportRow]
    hardest_questions: list[HardQuestion]
    courses: list[CourseCompletion]
    lapsing: list[Lapsing]
    lapsing_days: int


class MaterialChange(BaseModel):
    article_id: int
    revision: int = Field(description="The revision marked as a material change.")
    certificates: int = Field(description="Certificates that now ask for a re-check.")


class AssignIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    agent_ids: list[RecordId] = Field(min_length=1, max_length=1000)
