"""The training and testing center: exams and their questions, attempts, certificates,
courses, their modules and assignments; on agents, the skills and languages given by hand
apart from those certificates grant, and the manager flag.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import firstline.core.db

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = firstline.core.db.UTCDateTime(timezone=True)


def _fk(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"), ondelete=ondelete
    )


def upgrade() -> None:
    with op.batch_alter_table("agents", schema=None) as batch_op:
        for column in ("manual_skills", "granted_skills", "manual_languages", "granted_languages"):
            batch_op.add_column(sa.Column(column, sa.JSON(), server_default="[]", nullable=False))
        batch_op.add_column(
            sa.Column("is_manager", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
    # What agents have now was given by hand.
    op.execute("UPDATE agents SET manual_skills = skills, manual_languages = languages")

    op.create_table(
        "learning_exams",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("pass_mark", sa.Integer(), nullable=False),
        sa.Column("time_limit_minutes", sa.Integer(), nullable=False),
        sa.Column("draw", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=True),
        sa.Column("cooldown_minutes", sa.Integer(), server_default="0", nullable=False),
        sa.Column("topic_weights", sa.JSON(), nullable=True),
        sa.Column("grants_skills", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("grants_languages", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("valid_days", sa.Integer(), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        _fk("learning_exams", "created_by_agent_id", "agents", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_exams")),
    )
    op.create_table(
        "learning_questions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("prompt", sa.Text(), nullable=False),
        sa.Column("choices", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("correct", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("rubric", sa.Text(), server_default="", nullable=False),
        sa.Column("topic", sa.String(length=80), server_default="", nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        _fk("learning_questions", "exam_id", "learning_exams", "CASCADE"),
        _fk("learning_questions", "article_id", "articles", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_questions")),
    )
    op.create_index("ix_learning_questions_exam", "learning_questions", ["exam_id", "position"])
    op.create_index("ix_learning_questions_article", "learning_questions", ["article_id"])
    op.create_table(
        "learning_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("question_ids", sa.JSON(), nullable=False),
        sa.Column("recheck", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("started_at", UTC, nullable=False),
        sa.Column("deadline", UTC, nullable=False),
        sa.Column("submitted_at", UTC, nullable=True),
        sa.Column("status", sa.String(length=16), server_default="open", nullable=False),
        sa.Column("answers", sa.JSON(), nullable=True),
        sa.Column("points", sa.JSON(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("graded_by_agent_id", sa.Integer(), nullable=True),
        _fk("learning_attempts", "exam_id", "learning_exams", "CASCADE"),
        _fk("learning_attempts", "agent_id", "agents", "CASCADE"),
        _fk("learning_attempts", "graded_by_agent_id", "agents", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_attempts")),
    )
    op.create_index(
        "ix_learning_attempts_agent", "learning_attempts", ["agent_id", "exam_id", "started_at"]
    )
    op.create_index("ix_learning_attempts_exam", "learning_attempts", ["exam_id", "status"])
    op.create_table(
        "learning_certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("attempt_id", sa.Integer(), nullable=True),
        sa.Column("skills", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("languages", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("issued_at", UTC, nullable=False),
        sa.Column("expires_at", UTC, nullable=True),
        sa.Column("status", sa.String(length=16), server_default="valid", nullable=False),
        sa.Column("recheck_article_ids", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("recheck_by", UTC, nullable=True),
        sa.Column("ends_at", UTC, nullable=True),
        sa.Column("notice_at", UTC, nullable=True),
        sa.Column("notified_at", UTC, nullable=True),
        sa.Column("lapsed_at", UTC, nullable=True),
        _fk("learning_certificates", "agent_id", "agents", "CASCADE"),
        _fk("learning_certificates", "exam_id", "learning_exams", "RESTRICT"),
        _fk("learning_certificates", "attempt_id", "learning_attempts", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_certificates")),
        sa.UniqueConstraint("agent_id", "exam_id", name="uq_learning_certificates_agent_exam"),
    )
    op.create_index("ix_learning_certificates_ends", "learning_certificates", ["status", "ends_at"])
    op.create_index(
        "ix_learning_certificates_notice", "learning_certificates", ["status", "notice_at"]
    )
    op.create_index("ix_learning_certificates_exam", "learning_certificates", ["exam_id", "status"])
    op.create_table(
        "learning_courses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("locale", sa.String(length=8), nullable=False),
        sa.Column("description", sa.Text(), server_default="", nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=True),
        sa.Column("team_ids", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("roles", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("onboarding", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("for_managers", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("due_days", sa.Integer(), nullable=True),
        sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("created_by_agent_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        _fk("learning_courses", "exam_id", "learning_exams", "SET NULL"),
        _fk("learning_courses", "created_by_agent_id", "agents", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_courses")),
    )
    op.create_table(
        "learning_modules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=300), server_default="", nullable=False),
        sa.Column("body", sa.Text(), server_default="", nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        _fk("learning_modules", "course_id", "learning_courses", "CASCADE"),
        _fk("learning_modules", "article_id", "articles", "SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_modules")),
    )
    op.create_index("ix_learning_modules_course", "learning_modules", ["course_id", "position"])
    op.create_index("ix_learning_modules_article", "learning_modules", ["article_id"])
    op.create_table(
        "learning_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("assigned_at", UTC, nullable=False),
        sa.Column("due_at", UTC, nullable=True),
        sa.Column("done_module_ids", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("last_module_id", sa.Integer(), nullable=True),
        sa.Column("completed_at", UTC, nullable=True),
        _fk("learning_assignments", "course_id", "learning_courses", "CASCADE"),
        _fk("learning_assignments", "agent_id", "agents", "CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_learning_assignments")),
        sa.UniqueConstraint("course_id", "agent_id", name="uq_learning_assignments_course_agent"),
    )
    op.create_index(
        "ix_learning_assignments_agent", "learning_assignments", ["agent_id", "completed_at"]
    )
    op.create_table(
        "learning_exam_stats",
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("scored", sa.Integer(), server_default="0", nullable=False),
        sa.Column("passed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("score_sum", sa.Float(), server_default="0", nullable=False),
        sa.Column("first_certified", sa.Integer(), server_default="0", nullable=False),
        sa.Column("days_to_certify", sa.Float(), server_default="0", nullable=False),
        _fk("learning_exam_stats", "exam_id", "learning_exams", "CASCADE"),
        sa.PrimaryKeyConstraint("exam_id", name=op.f("pk_learning_exam_stats")),
    )
    op.create_table(
        "learning_question_stats",
        sa.Column("question_id", sa.Integer(), nullable=False),
        sa.Column("exam_id", sa.Integer(), nullable=False),
        sa.Column("asked", sa.Integer(), server_default="0", nullable=False),
        sa.Column("missed", sa.Integer(), server_default="0", nullable=False),
        _fk("learning_question_stats", "question_id", "learning_questions", "CASCADE"),
        sa.PrimaryKeyConstraint("question_id", name=op.f("pk_learning_question_stats")),
    )
    op.create_index(
        op.f("ix_learning_question_stats_exam_id"), "learning_question_stats", ["exam_id"]
    )
    op.create_table(
        "learning_frontline_days",
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("seconds", sa.Integer(), server_default="0", nullable=False),
        sa.Column("replies", sa.Integer(), server_default="0", nullable=False),
        sa.Column("conversations", sa.JSON(), server_default="[]", nullable=False),
        sa.Column("last_reply_at", UTC, nullable=True),
        _fk("learning_frontline_days", "agent_id", "agents", "CASCADE"),
        sa.PrimaryKeyConstraint("agent_id", "day", name=op.f("pk_learning_frontline_days")),
    )


def downgrade() -> None:
    op.drop_table("learning_frontline_days")
    op.drop_index(op.f("ix_learning_question_stats_exam_id"), table_name="learning_question_stats")
    op.drop_table("learning_question_stats")
    op.drop_table("learning_exam_stats")
    op.drop_index("ix_learning_assignments_agent", table_name="learning_assignments")
    op.drop_table("learning_assignments")
    op.drop_index("ix_learning_modules_article", table_name="learning_modules")
    op.drop_index("ix_learning_modules_course", table_name="learning_modules")
    op.drop_table("learning_modules")
    op.drop_table("learning_courses")
    for name in ("exam", "notice", "ends"):
        op.drop_index(f"ix_learning_certificates_{name}", table_name="learning_certificates")
    op.drop_table("learning_certificates")
    op.drop_index("ix_learning_attempts_exam", table_name="learning_attempts")
    op.drop_index("ix_learning_attempts_agent", table_name="learning_attempts")
    op.drop_table("learning_attempts")
    op.drop_index("ix_learning_questions_article", table_name="learning_questions")
    op.drop_index("ix_learning_questions_exam", table_name="learning_questions")
    op.drop_table("learning_questions")
    op.drop_table("learning_exams")
    with op.batch_alter_table("agents", schema=None) as batch_op:
        batch_op.drop_column("is_manager")
        for column in ("granted_languages", "manual_languages", "granted_skills", "manual_skills"):
            batch_op.drop_column(column)
