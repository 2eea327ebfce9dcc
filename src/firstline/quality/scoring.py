"""Scorecards' pure rules: what a criterion may say, and the score of a review.

A criterion is `{key, name, description, weight, scale, allow_na, critical}`: `name` and
`description` are a text or texts per language (`{"en": ..., "vi": ...}`); `scale` is
`pass_fail` (answers true or false) or `1-5` (answers 1 to 5); `allow_na` lets a reviewer
answer null (not applicable: left out of the score); a `critical` criterion failed (false, or
1 on the 1-5 scale) makes the whole review score 0, whatever the rest.

The score is the weighted mean of the answered criteria, each as a share of its scale (pass =
1, fail = 0; 1-5 as 0, 0.25 ... 1), times 100, rounded to one decimal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from firstline.core.errors import InvalidInput
from firstline.core.language import SUPPORTED_LANGUAGES

SCALES = ("pass_fail", "1-5")
# The ways people write the two scales.
_SCALE_NAMES = {
    "pass_fail": "pass_fail", "pass/fail": "pass_fail", "passfail": "pass_fail",
    "pass-fail": "pass_fail", "binary": "pass_fail", "1-5": "1-5", "1_5": "1-5", "1..5": "1-5",
    "five": "1-5", "5": "1-5",
}  # fmt: skip
_KEY = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
MAX_CRITERIA = 30


def _texts(value: Any, where: str, *, required: bool) -> dict[str, str]:
    if value is None or value == "" or value == {}:
        if required:
            raise InvalidInput(f"{where} is required: a text, or texts per language.")
        return {}
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise InvalidInput(f"{where} must be a text, or an object of texts per language.")
    unknown = sorted(set(value) - set(SUPPORTED_LANGUAGES))
    if unknown:
        raise InvalidInput(f"{where}: {', '.join(unknown)} is not a language Firstline serves.")
    texts = {k: v.strip() for k, v in value.items() if v.strip()}
    if required and "en" not in texts:
        raise InvalidInput(
            f"{where} needs an English text (en), which other languages fall back to."
        )
    if any(len(v) > 2000 for v in texts.values()):
        raise InvalidInput(f"{where}: each text is at most 2000 characters.")
    return texts


def clean_criteria(raw: Any) -> list[dict[str, Any]]:
    """The criteria as stored, or InvalidInput naming what is wrong."""
    if not isinstance(raw, list) or not raw:
        raise InvalidInput("criteria must be a list of at least one criterion.")
    if len(raw) > MAX_CRITERIA:
        raise InvalidInput(f"A scorecard has at most {MAX_CRITERIA} criteria.")
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for n, c in enumerate(raw):
        if not isinstance(c, dict):
            raise InvalidInput(f"criteria[{n}] must be an object.")
        key = c.get("key")
        if not isinstance(key, str) or not _KEY.match(key):
            raise InvalidInput(
                f"criteria[{n}].key must be a short lower-case name such as asked_for_secret."
            )
        if key in seen:
            raise InvalidInput(f"criteria[{n}].key {key} is used twice.")
        seen.add(key)
        unknown = sorted(
            set(c) - {"key", "name", "description", "weight", "scale", "allow_na", "critical"}
        )
        if unknown:
            raise InvalidInput(f"criterion {key}: unknown fields {', '.join(unknown)}.")
        weight = c.get("weight", 1)
        if (
            isinstance(weight, bool)
            or not isinstance(weight, int | float)
            or not 0 <= weight <= 100
        ):
            raise InvalidInput(f"criterion {key}: weight must be a number from 0 to 100.")
        scale = _SCALE_NAMES.get(str(c.get("scale", "pass_fail")).strip().lower())
        if scale not in SCALES:
            raise InvalidInput(f"criterion {key}: scale must be pass_fail or 1-5.")
        flags = {name: c.get(name, False) for name in ("allow_na", "critical")}
        for name, value in flags.items():
            if not isinstance(value, bool):
                raise InvalidInput(f"criterion {key}: {name} must be true or false.")
        out.append(
            {
                "key": key,
                "name": _texts(c.get("name"), f"criterion {key}: name", required=True),
                "description": _texts(
                    c.get("description"), f"criterion {key}: description", required=False
                ),
                "weight": weight,
                "scale": scale,
                **flags,
            }
        )
    if not any(c["weight"] > 0 for c in out):
        raise InvalidInput("At least one criterion needs a weight above 0.")
    return out


@dataclass(frozen=True, slots=True)
class Scored:
    answers: dict[str, Any]
    score: float
    critical_failed: bool
    failed: tuple[str, ...]  # the criteria answered fail (or 1 of 5)


def _answer(c: dict[str, Any], value: Any) -> Any:
    key = c["key"]
    if value is None or value == "na":
        if not c["allow_na"]:
            raise InvalidInput(
                f"criterion {key} needs an answer: N/A is not allowed for it.", criterion=key
            )
        return None
    if c["scale"] == "pass_fail":
        if value in (True, "pass"):
            return True
        if value in (False, "fail"):
            return False
        raise InvalidInput(
            f"criterion {key} is pass or fail: answer true or false (or null for N/A).",
            criterion=key,
        )
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        raise InvalidInput(f"criterion {key} is scored 1 to 5; got {value!r}.", criterion=key)
    return value


def score_review(criteria: list[dict[str, Any]], answers: Any) -> Scored:
    """Check a reviewer's answers against the criteria and score them; InvalidInput (422)
    names the criterion that is missing, out of its scale or unknown."""
    if not isinstance(answers, dict):
        raise InvalidInput("answers must be an object: criterion key to answer.")
    keys = {c["key"] for c in criteria}
    unknown = sorted(set(answers) - keys)
    if unknown:
        raise InvalidInput(
            f"answers name criteria this scorecard does not have: {', '.join(unknown)}.",
            criterion=unknown[0],
        )
    clean: dict[str, Any] = {}
    total = weights = 0.0
    critical_failed = False
    failed: list[str] = []
    for c in criteria:
        key = c["key"]
        if key not in answers:
            kind = "critical criterion" if c["critical"] else "criterion"
            raise InvalidInput(f"The {kind} {key} has no answer.", criterion=key)
        value = _answer(c, answers[key])
        clean[key] = value
        if value is None:
            continue
        share = (1.0 if value else 0.0) if c["scale"] == "pass_fail" else (value - 1) / 4
        if share == 0.0:
            failed.append(key)
            if c["critical"]:
                critical_failed = True
        total += share * c["weight"]
        weights += c["weight"]
    if weights == 0:
        raise InvalidInput("Every weighted criterion was answered N/A: nothing to score.")
    score = 0.0 if critical_failed else round(100 * total / weights, 1)
    return Scored(clean, score, critical_failed, tuple(failed))


def criterion_name(c: dict[str, Any], language: str) -> str:
    names: dict[str, str] = c.get("name") or {}
    return names.get(language) or names.get("en") or c["key"]
