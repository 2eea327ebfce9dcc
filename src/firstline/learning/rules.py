"""The testing center's pure rules: which questions an attempt draws, how an answer is
graded, what a score means, and what state a certificate is in. No database here."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any

from firstline.core.errors import InvalidInput


class QuestionKind(StrEnum):
    single = "single"  # one right choice
    multiple = "multiple"  # every right choice and no wrong one
    true_false = "true_false"  # choices ["True", "False"] unless given
    text = "text"  # a short free text, graded by a person
    simulation = "simulation"  # a customer's scenario answered in writing, graded on a rubric


CHOICE_KINDS = frozenset({QuestionKind.single, QuestionKind.multiple, QuestionKind.true_false})
GRADED_BY_PEOPLE = frozenset({QuestionKind.text, QuestionKind.simulation})

# A submission this late after the deadline is still taken: the network, not the agent.
SUBMIT_GRACE = timedelta(seconds=5)
# A certificate is "due" this long before it expires: holder and supervisors are told.
NOTICE = timedelta(days=14)
# After a material change to an article a certificate depends on, the holder has this long
# to pass the re-check before the skills go.
RECHECK_GRACE = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class Drawable:
    id: int
    topic: str


def draw_questions(
    bank: Sequence[Drawable],
    count: int,
    weights: Mapping[str, float] | None,
    rng: random.Random,
) -> list[int]:
    """`count` question ids at random, in random order. With `weights` each topic gets its
    share of the count (largest remainders; a topic with too few questions gives its surplus
    to the others); without, every question is equally likely."""
    count = min(count, len(bank))
    if not weights:
        return [q.id for q in rng.sample(list(bank), count)]
    by_topic: dict[str, list[int]] = {}
    for q in bank:
        by_topic.setdefault(q.topic, []).append(q.id)
    total = sum(w for t, w in weights.items() if w > 0 and t in by_topic)
    quota: dict[str, int] = {}
    if total > 0:
        exact = {t: count * w / total for t, w in weights.items() if w > 0 and t in by_topic}
        quota = {t: min(int(x), len(by_topic[t])) for t, x in exact.items()}
        order = sorted(exact, key=lambda t: exact[t] - int(exact[t]), reverse=True)
        for t in order:
            if sum(quota.values()) >= count:
                break
            if quota[t] < len(by_topic[t]):
                quota[t] += 1
    chosen: list[int] = []
    for t, n in quota.items():
        chosen += rng.sample(by_topic[t], n)
    if len(chosen) < count:  # weights too narrow for the bank: fill from the rest
        rest = [q.id for q in bank if q.id not in set(chosen)]
        chosen += rng.sample(rest, count - len(chosen))
    rng.shuffle(chosen)
    return chosen


def normalize_answer(kind: str, choices: Sequence[str], answer: Any, question_id: int) -> Any:
    """The answer as stored: sorted choice indexes, or a text. Refuses what cannot be one."""
    if kind in GRADED_BY_PEOPLE:
        if isinstance(answer, list) and len(answer) == 1 and isinstance(answer[0], str):
            answer = answer[0]
        if not isinstance(answer, str):
            raise InvalidInput(
                f"Question {question_id} is answered in words: send a text.",
                message="learning_answer_text",
                args={"id": question_id},
            )
        if len(answer) > 20_000:
            raise InvalidInput(
                f"The answer to question {question_id} is over 20000 characters.",
                message="learning_answer_long",
                args={"id": question_id, "max": 20000},
            )
        return answer.replace("\x00", "")
    if isinstance(answer, int) and not isinstance(answer, bool):
        answer = [answer]
    if not isinstance(answer, list) or not all(
        isinstance(i, int) and not isinstance(i, bool) for i in answer
    ):
        raise InvalidInput(
            f"Question {question_id} is answered with a list of choice indexes.",
            message="learning_answer_choices",
            args={"id": question_id},
        )
    picked = sorted(set(answer))
    if any(i < 0 or i >= len(choices) for i in picked):
        raise InvalidInput(
            f"Question {question_id} has choices 0 to {len(choices) - 1}.",
            message="learning_answer_range",
            args={"id": question_id, "last": len(choices) - 1},
        )
    if kind != QuestionKind.multiple and len(picked) > 1:
        raise InvalidInput(
            f"Question {question_id} takes one choice.",
            message="learning_answer_one",
            args={"id": question_id},
        )
    return picked


def choice_points(correct: Sequence[int], picked: Sequence[int] | None) -> float:
    """1 for exactly the right choices, else 0: a multiple-choice question half right is
    wrong, as a half-right procedure is at the desk."""
    return 1.0 if picked is not None and sorted(set(picked)) == sorted(set(correct)) else 0.0


def score_of(points: Mapping[str, float], drawn: int) -> float:
    """The score 0-100, one decimal: every drawn question weighs the same, unanswered is 0."""
    if drawn <= 0:
        return 0.0
    return round(100.0 * sum(points.values()) / drawn, 1)


def passes(points: Mapping[str, float], drawn: int, pass_mark: int) -> bool:
    # Compared on the exact sum, not the rounded score: 2 of 3 right is not 67.
    return drawn > 0 and 100.0 * sum(points.values()) >= pass_mark * drawn - 1e-9


def certificate_status(
    stored: str,
    expires_at: datetime | None,
    recheck_by: datetime | None,
    at: datetime,
) -> str:
    """What a certificate is at `at`, whether or not the lapse job has run yet: lapsed or
    revoked as stored; lapsed once expired or its re-check overdue; due within NOTICE of
    expiry or while a re-check is asked; else valid."""
    if stored in ("lapsed", "revoked"):
        return stored
    if (expires_at is not None and expires_at <= at) or (
        recheck_by is not None and recheck_by <= at
    ):
        return "lapsed"
    if recheck_by is not None or (expires_at is not None and expires_at - NOTICE <= at):
        return "due"
    return "valid"
