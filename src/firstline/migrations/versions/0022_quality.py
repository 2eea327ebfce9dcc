"""Quality review: the customers' ratings (CSAT), the automatic checks, the quality settings,
scorecards, sampling rules, the review queue, reviews and calibrations; a default scorecard
and the two default sampling rules (every rating of 1 or 2, every failed secret check).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC as UTC_TZ
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from alembic import op

import firstline.core.db
from firstline.quality.defaults import SEQUENCE_FIXES, default_rows

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = firstline.core.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "csat_answers",
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("product", sa.String(length=40), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("asked_at", UTC, nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("via", sa.String(length=8), nullable=True),
        sa.Column("answered_at", UTC, nullable=True),
        sa.Column("first_answered_at", UTC, nullable=True),
        sa.Column("final_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_csat_answers_agent_id_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"],
            name=op.f("fk_csat_answers_conversation_id_conversations"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("conversation_id", name=op.f("pk_csat_answers")),
    )  # fmt: skip
    op.create_index("ix_csat_answers_agent", "csat_answers", ["agent_id", "first_answered_at"])
    op.create_index("ix_csat_answers_answered", "csat_answers", ["first_answered_at"])
    op.create_table(
        "qa_checks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("passed", sa.Boolean(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("checked_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"],
            name=op.f("fk_qa_checks_conversation_id_conversations"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_checks")),
        sa.UniqueConstraint("conversation_id", "name", name="uq_qa_checks_conversation_name"),
    )  # fmt: skip
    op.create_index("ix_qa_checks_name", "qa_checks", ["name", "passed", "checked_at"])
    op.create_table(
        "quality_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("csat_enabled", sa.Boolean(), nullable=False),
        sa.Column("csat_low_action", sa.String(length=8), nullable=False),
        sa.Column("csat_change_minutes", sa.Integer(), nullable=False),
        sa.Column("csat_link_days", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quality_settings")),
    )
    op.create_table(
        "qa_scorecards",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_scorecards")),
    )
    op.create_table(
        "qa_scorecard_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("criteria", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["agents.id"], name=op.f("fk_qa_scorecard_versions_created_by_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_id"], ["qa_scorecards.id"],
            name=op.f("fk_qa_scorecard_versions_scorecard_id_qa_scorecards"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_scorecard_versions")),
        sa.UniqueConstraint("scorecard_id", "version", name="uq_qa_scorecard_versions_version"),
    )  # fmt: skip
    op.create_table(
        "qa_sampling_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("trigger", sa.String(length=24), nullable=False),
        sa.Column("percent", sa.Float(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("check_name", sa.String(length=40), nullable=True),
        sa.Column("scorecard_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_qa_sampling_rules_agent_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_id"], ["qa_scorecards.id"],
            name=op.f("fk_qa_sampling_rules_scorecard_id_qa_scorecards"), ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["team_id"], ["teams.id"], name=op.f("fk_qa_sampling_rules_team_id_teams"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_sampling_rules")),
    )  # fmt: skip
    op.create_table(
        "qa_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("rule_id", sa.Integer(), nullable=True),
        sa.Column("reason", sa.String(length=24), nullable=False),
        sa.Column("calibration_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=12), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("done_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_qa_assignments_agent_id_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"],
            name=op.f("fk_qa_assignments_conversation_id_conversations"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["agents.id"], name=op.f("fk_qa_assignments_reviewer_id_agents"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["rule_id"], ["qa_sampling_rules.id"],
            name=op.f("fk_qa_assignments_rule_id_qa_sampling_rules"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_assignments")),
        sa.UniqueConstraint(
            "conversation_id", "reviewer_id", "calibration_id", name="uq_qa_assignments_review"
        ),
    )  # fmt: skip
    op.create_index("ix_qa_assignments_reviewer", "qa_assignments", ["reviewer_id", "state", "id"])
    op.create_index("ix_qa_assignments_state", "qa_assignments", ["state", "id"])
    op.create_index("ix_qa_assignments_conversation", "qa_assignments", ["conversation_id"])
    op.create_table(
        "qa_reviews",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("conversation_id", sa.Integer(), nullable=False),
        sa.Column("assignment_id", sa.Integer(), nullable=True),
        sa.Column("calibration_id", sa.Integer(), nullable=True),
        sa.Column("reviewer_id", sa.Integer(), nullable=True),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("team_id", sa.Integer(), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("product", sa.String(length=40), nullable=True),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("scorecard_version_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("critical_failed", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("message_comments", sa.JSON(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("acknowledged_at", UTC, nullable=True),
        sa.Column("dispute_reason", sa.Text(), nullable=True),
        sa.Column("disputed_at", UTC, nullable=True),
        sa.Column("dispute_state", sa.String(length=8), nullable=True),
        sa.Column("settled_by", sa.Integer(), nullable=True),
        sa.Column("settled_at", UTC, nullable=True),
        sa.Column("settle_comment", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_qa_reviews_agent_id_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["conversation_id"], ["conversations.id"],
            name=op.f("fk_qa_reviews_conversation_id_conversations"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["agents.id"], name=op.f("fk_qa_reviews_reviewer_id_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_version_id"], ["qa_scorecard_versions.id"],
            name=op.f("fk_qa_reviews_scorecard_version_id_qa_scorecard_versions"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["settled_by"], ["agents.id"], name=op.f("fk_qa_reviews_settled_by_agents"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_reviews")),
    )  # fmt: skip
    op.create_index("ix_qa_reviews_agent", "qa_reviews", ["agent_id", "id"])
    op.create_index("ix_qa_reviews_conversation", "qa_reviews", ["conversation_id", "id"])
    op.create_index("ix_qa_reviews_calibration", "qa_reviews", ["calibration_id"])
    op.create_index("ix_qa_reviews_created", "qa_reviews", ["created_at"])
    op.create_table(
        "qa_calibrations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=120), nullable=False),
        sa.Column("scorecard_id", sa.Integer(), nullable=False),
        sa.Column("scorecard_version_id", sa.Integer(), nullable=False),
        sa.Column("conversation_ids", sa.JSON(), nullable=False),
        sa.Column("reviewer_ids", sa.JSON(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"], ["agents.id"], name=op.f("fk_qa_calibrations_created_by_agents"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["scorecard_id"], ["qa_scorecards.id"],
            name=op.f("fk_qa_calibrations_scorecard_id_qa_scorecards"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_calibrations")),
    )  # fmt: skip
    op.create_table(
        "qa_daily",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("product", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in (
            "csat_asked", "csat_answered", "csat_sum", "csat_satisfied", "csat_low", "reviews",
        )),
        sa.Column("review_score_sum", sa.Float(), nullable=False),
        sa.Column("reviews_critical", sa.Integer(), nullable=False),
        sa.Column("checked", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "agent_id", "team_id", "language", "product", "channel",
            name=op.f("pk_qa_daily"),
        ),
    )  # fmt: skip
    op.create_index("ix_qa_daily_agent", "qa_daily", ["agent_id", "day"])
    op.create_table(
        "qa_fail_daily",
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("product", sa.String(length=40), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "day", "kind", "name", "agent_id", "team_id", "language", "product", "channel",
            name=op.f("pk_qa_fail_daily"),
        ),
    )  # fmt: skip
    counts = (
        "csat_asked", "csat_answered", "csat_sum", "csat_satisfied", "csat_low", "reviews",
    )  # fmt: skip
    op.create_table(
        "qa_daily_by",
        sa.Column("dim", sa.String(length=12), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in counts),
        sa.Column("review_score_sum", sa.Float(), nullable=False),
        sa.Column("reviews_critical", sa.Integer(), nullable=False),
        sa.Column("checked", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("dim", "day", "value", name=op.f("pk_qa_daily_by")),
    )
    op.create_index("ix_qa_daily_by_value", "qa_daily_by", ["dim", "value", "day"])
    op.create_table(
        "qa_fail_by",
        sa.Column("dim", sa.String(length=12), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=9), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("answered", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("dim", "day", "value", "kind", "name", name=op.f("pk_qa_fail_by")),
    )
    op.create_index("ix_qa_fail_by_value", "qa_fail_by", ["dim", "value", "day"])
    _defaults()


def _defaults() -> None:
    """A ready scorecard and the two sampling rules a new install has (quality/defaults.py)."""
    columns: dict[str, dict[str, Any]] = {
        "qa_scorecards": {"id": sa.Integer, "name": sa.String, "active": sa.Boolean,
                          "version_id": sa.Integer, "created_at": UTC, "updated_at": UTC},
        "qa_scorecard_versions": {"id": sa.Integer, "scorecard_id": sa.Integer,
                                  "version": sa.Integer, "criteria": sa.JSON,
                                  "created_by": sa.Integer, "created_at": UTC},
        "qa_sampling_rules": {"id": sa.Integer, "name": sa.String, "trigger": sa.String,
                              "percent": sa.Float, "check_name": sa.String,
                              "active": sa.Boolean, "created_at": UTC},
    }  # fmt: skip
    for name, rows in default_rows(datetime.now(UTC_TZ)):
        table = sa.table(name, *(sa.column(c, t) for c, t in columns[name].items()))
        op.bulk_insert(table, rows)
    if op.get_bind().dialect.name == "postgresql":
        for statement in SEQUENCE_FIXES:
            op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_qa_fail_by_value", table_name="qa_fail_by")
    op.drop_table("qa_fail_by")
    op.drop_index("ix_qa_daily_by_value", table_name="qa_daily_by")
    op.drop_table("qa_daily_by")
    op.drop_table("qa_fail_daily")
    op.drop_index("ix_qa_daily_agent", table_name="qa_daily")
    op.drop_table("qa_daily")
    for table in (
        "qa_calibrations",
        "qa_reviews",
        "qa_assignments",
        "qa_sampling_rules",
        "qa_scorecard_versions",
        "qa_scorecards",
    ):
        op.drop_table(table)  # their indexes go with them
    op.drop_table("quality_settings")
    op.drop_index("ix_qa_checks_name", table_name="qa_checks")
    op.drop_table("qa_checks")
    op.drop_index("ix_csat_answers_answered", table_name="csat_answers")
    op.drop_index("ix_csat_answers_agent", table_name="csat_answers")
    op.drop_table("csat_answers")
