"""What the training and testing center stores: exams and their question bank, the attempts
agents make, the certificates passing issues (and the routing skills they grant), and courses
of modules assigned to agents."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql import false

from firstline.core.db import Base, UTCDateTime


class Exam(Base):
    """An exam: how many questions are drawn from its bank, the time allowed, the pass mark,
    how often it may be tried, and what passing grants (routing skills and languages, for
    `valid_days`; null: for good). An exam certificates depend on is archived, not deleted."""

    __tablename__ = "learning_exams"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    pass_mark: Mapped[int] = mapped_column(Integer)
    time_limit_minutes: Mapped[int] = mapped_column(Integer)
    draw: Mapped[int] = mapped_column(Integer)
    # How many attempts an agent has until they pass (null: as many as they like).
    attempts: Mapped[int | None] = mapped_column(Integer)
    cooldown_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # {"topic": weight}: the share of the drawn questions each topic gets (null: by its size).
    topic_weights: Mapped[dict[str, float] | None] = mapped_column(JSON)
    grants_skills: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    grants_languages: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    valid_days: Mapped[int | None] = mapped_column(Integer)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class ExamQuestion(Base):
    """One question of an exam's bank. `correct` lists the right choices' indexes (single,
    multiple, true_false); free-text and simulated-conversation answers are graded by a person
    against `rubric`. `article_id` links the question to the knowledge it checks: a material
    change to that article calls for a re-check, and a wrong answer points there."""

    __tablename__ = "learning_questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("learning_exams.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    prompt: Mapped[str] = mapped_column(Text)
    choices: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    correct: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    rubric: Mapped[str] = mapped_column(Text, default="", server_default="")
    topic: Mapped[str] = mapped_column(String(80), default="", server_default="")
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_learning_questions_exam", "exam_id", "position"),
        Index("ix_learning_questions_article", "article_id"),
    )


class ExamAttempt(Base):
    """An agent's try at an exam: the questions drawn (in the order shown), the deadline the
    server holds them to, and once submitted the answers, the score and the result.
    `status`: open, grading (a person still has to grade free-text answers), passed, failed.
    An open attempt past its deadline counts as failed."""

    __tablename__ = "learning_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exam_id: Mapped[int] = mapped_column(ForeignKey("learning_exams.id", ondelete="CASCADE"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    question_ids: Mapped[list[int]] = mapped_column(JSON)
    # A re-check after a material change draws only the questions on the changed articles.
    recheck: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="open", server_default="open")
    answers: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # {"question id": points 0..1}; free-text questions appear once graded.
    points: Mapped[dict[str, float] | None] = mapped_column(JSON)
    score: Mapped[float | None] = mapped_column(Float)
    passed: Mapped[bool | None] = mapped_column(Boolean)
    graded_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )

    __table_args__ = (
        Index("ix_learning_attempts_agent", "agent_id", "exam_id", "started_at"),
        Index("ix_learning_attempts_exam", "exam_id", "status"),
    )


class Certificate(Base):
    """What passing an exam gave an agent: one row per agent and exam, renewed by passing
    again. The skills and languages it grants are copied from the exam when issued, so that
    editing the exam later does not change what holders were certified for.

    `status`: valid; due (it expires within the notice period, or a material change to an
    article it depends on asks for a re-check by `recheck_by`); lapsed (expired, or the
    re-check was not passed in time); revoked."""

    __tablename__ = "learning_certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    exam_id: Mapped[int] = mapped_column(ForeignKey("learning_exams.id", ondelete="RESTRICT"))
    attempt_id: Mapped[int | None] = mapped_column(
        ForeignKey("learning_attempts.id", ondelete="SET NULL")
    )
    skills: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    languages: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    score: Mapped[float | None] = mapped_column(Float)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="valid", server_default="valid")
    # A material change to these articles asks for a re-check by `recheck_by`.
    recheck_article_ids: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    recheck_by: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the skills go unless something is done (the earlier of expiry and re-check), and
    # when the holder and their supervisors are told so: the lapse job's two indexed reads.
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notice_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    lapsed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("agent_id", "exam_id", name="uq_learning_certificates_agent_exam"),
        Index("ix_learning_certificates_ends", "status", "ends_at"),
        Index("ix_learning_certificates_notice", "status", "notice_at"),
        Index("ix_learning_certificates_exam", "exam_id", "status"),
    )


class Course(Base):
    """A course: modules in order, optionally an exam at the end, and who it is for (teams,
    roles, and every new agent of those teams when `onboarding`)."""

    __tablename__ = "learning_courses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    locale: Mapped[str] = mapped_column(String(8))
    description: Mapped[str] = mapped_column(Text, default="", server_default="")
    exam_id: Mapped[int | None] = mapped_column(
        ForeignKey("learning_exams.id", ondelete="SET NULL")
    )
    team_ids: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    roles: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    onboarding: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Part of the managers' programme: given to every agent flagged as a manager.
    for_managers: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Days an assignee has to finish it (null: no due date).
    due_days: Mapped[int | None] = mapped_column(Integer)
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_by_agent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agents.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CourseModule(Base):
    """A step of a course: a knowledge-base article (read at its current published revision,
    so it follows the article's changes) or a lesson of the course's own (Markdown)."""

    __tablename__ = "learning_modules"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("learning_courses.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(300), default="", server_default="")
    body: Mapped[str] = mapped_column(Text, default="", server_default="")
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))

    __table_args__ = (
        Index("ix_learning_modules_course", "course_id", "position"),
        Index("ix_learning_modules_article", "article_id"),
    )


class CourseAssignment(Base):
    """A course given to an agent: when, by when, which modules they finished and where they
    stopped. `reason`: team, role, onboarding, manual, recheck."""

    __tablename__ = "learning_assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("learning_courses.id", ondelete="CASCADE"))
    agent_id: Mapped[int] = mapped_column(ForeignKey("agents.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(16))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_module_ids: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    last_module_id: Mapped[int | None] = mapped_column(Integer)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("course_id", "agent_id", name="uq_learning_assignments_course_agent"),
        Index("ix_learning_assignments_agent", "agent_id", "completed_at"),
    )


class ExamStats(Base):
    """The report's running totals per exam, added to as each attempt is scored (so the
    report reads one row per exam, never the attempts)."""

    __tablename__ = "learning_exam_stats"

    exam_id: Mapped[int] = mapped_column(
        ForeignKey("learning_exams.id", ondelete="CASCADE"), primary_key=True
    )
    scored: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    passed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    score_sum: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    # Agents certified for the first time, and the days from joining to that certificate.
    first_certified: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    days_to_certify: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")


class QuestionStats(Base):
    """How often each question was drawn in a scored attempt and how often it was missed:
    the question's difficulty."""

    __tablename__ = "learning_question_stats"

    question_id: Mapped[int] = mapped_column(
        ForeignKey("learning_questions.id", ondelete="CASCADE"), primary_key=True
    )
    exam_id: Mapped[int] = mapped_column(Integer, index=True)
    asked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    missed: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class FrontlineDay(Base):
    """A manager's front-line work on one UTC day, counted from the replies they sent: a
    reply within GAP of the previous one adds the time between them, a reply after a longer
    pause starts a new stretch worth FIRST_REPLY (learning/rotation.py)."""

    __tablename__ = "learning_frontline_days"

    agent_id: Mapped[int] = mapped_column(
        ForeignKey("agents.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[str] = mapped_column(String(10), primary_key=True)
    seconds: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    replies: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    conversations: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    last_reply_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
