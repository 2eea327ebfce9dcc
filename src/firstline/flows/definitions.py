"""What a flow is: its schema, and the checks that make a definition safe to run.

A flow is a list of steps with ids. Steps run in order unless one names its `next`; the kinds
are message, ask, action, branch, verify, handover and resolve. Every text the customer reads
is a mapping language -> text ("en" required; built-in flows carry all supported languages),
and {name} or {name.field} in it is filled with what the flow collected.

validation.py reads a definition from YAML or JSON and checks that it can run.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    StringConstraints,
    model_validator,
)

from firstline.core.errors import InvalidInput
from firstline.flows.fields import FieldType

Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,63}$")]
Path = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*(\.[A-Za-z0-9_]+)*$")]
Text = dict[str, Annotated[str, StringConstraints(max_length=2000)]]
Scalar = str | int | float | bool | None

KINDS = ("message", "ask", "action", "branch", "verify", "handover", "resolve")
# Names every flow can read without collecting them.
CUSTOMER = "customer"
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\}")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Option(_Model):
    value: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    # A plain string reads the same in every language (a network's name, a template).
    label: Text | str


class OptionsFrom(_Model):
    """Options made from a list the flow collected (the customer's recent withdrawals)."""

    source: Path = Field(alias="from")
    value: str  # a template over one item: "{id}"
    label: Text | str  # a template over one item and what the flow collected
    item: Name | None = None  # where the chosen item is kept


class MessageStep(_Model):
    kind: Literal["message"]
    id: Name
    text: Text
    next: Name | None = None


class AskStep(_Model):
    """Waits for the customer: a choice, a validated field, or free text (neither)."""

    kind: Literal["ask"]
    id: Name
    prompt: Text
    store: Name | None = None  # defaults to the step id
    choice: Annotated[list[Option], Field(min_length=1, max_length=30)] | None = None
    options_from: OptionsFrom | None = None
    field: FieldType | None = None
    networks: list[str] | None = None  # for field: network; the built-in list otherwise
    error: Text | None = None  # said when the answer is not valid; a default otherwise
    next: Name | None = None


class ActionStep(_Model):
    kind: Literal["action"]
    id: Name
    action: Name
    args: dict[str, str] = {}  # templates; "{name}" alone passes the value as collected
    store: Name | None = None  # where the backoffice's answer is kept; defaults to the id
    requires_verification: bool = False
    on_error: Name | None = None  # the default hands over with "our systems are not answering"
    next: Name | None = None


class Case(_Model):
    """One condition (exactly one of equals, in, exists) and where to go when it holds."""

    field: Path
    equals: Scalar = None
    in_: list[Scalar] | None = Field(default=None, alias="in")
    exists: bool | None = None
    next: Name

    @model_validator(mode="after")
    def _one_condition(self) -> Case:
        given = {"equals", "in_", "exists"} & self.model_fields_set
        if len(given) != 1:
            raise ValueError("give exactly one of equals, in, exists")
        return self

    def holds(self, value: Any) -> bool:
        if "exists" in self.model_fields_set:
            return _present(value) == self.exists
        if "in_" in self.model_fields_set:
            return any(_same(value, v) for v in self.in_ or ())
        return _same(value, self.equals)


class BranchStep(_Model):
    kind: Literal["branch"]
    id: Name
    cases: Annotated[list[Case], Field(min_length=1)]
    else_: Name = Field(alias="else")


class VerifyStep(_Model):
    """Step-up verification: the backoffice sends a one-time code to the account's registered
    contact, the customer types it. Passed through at once when already verified."""

    kind: Literal["verify"]
    id: Name
    text: Text | None = None  # "we sent a code to {destination}"; a default otherwise
    attempts: Annotated[int, Field(ge=1, le=10)] = 3
    on_fail: Name | None = None  # the default hands over
    on_error: Name | None = None
    next: Name | None = None


class HandoverStep(_Model):
    kind: Literal["handover"]
    id: Name
    reason: Name
    text: Text


class ResolveStep(_Model):
    kind: Literal["resolve"]
    id: Name
    text: Text


Step = Annotated[
    MessageStep | AskStep | ActionStep | BranchStep | VerifyStep | HandoverStep | ResolveStep,
    Field(discriminator="kind"),
]
Continuing = MessageStep | AskStep | ActionStep | VerifyStep


class Flow(_Model):
    id: Name
    title: Text
    description: str = ""
    intents: list[Name] = []
    triggers: dict[str, list[Annotated[str, StringConstraints(min_length=1, max_length=200)]]] = {}
    start: Name | None = None
    steps: Annotated[list[Step], Field(min_length=1, max_length=200)]
    # Off: stored and listed, but nothing starts it (conversations already in it finish).
    enabled: bool = True

    _by_id: dict[str, Any] = PrivateAttr(default_factory=dict)
    _following: dict[str, str] = PrivateAttr(default_factory=dict)

    def model_post_init(self, _: Any) -> None:
        self._by_id = {s.id: s for s in reversed(self.steps)}  # the first of duplicates wins
        self._following = {a.id: b.id for a, b in zip(self.steps, self.steps[1:], strict=False)}

    @property
    def start_id(self) -> str:
        return self.start or self.steps[0].id

    def step(self, step_id: str) -> Any:
        """The step with that id, or None."""
        return self._by_id.get(step_id)

    def next_of(self, step: Continuing) -> str | None:
        return step.next or self._following.get(step.id)

    def document(self) -> dict[str, Any]:
        """The definition as JSON, as written (defaults left out)."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


class FlowInvalid(InvalidInput):
    """A definition that cannot run; `errors` lists every problem, one sentence each."""

    def __init__(self, errors: list[str]) -> None:
        shown = " ".join(e if e.endswith(".") else e + "." for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"The flow is not valid: {shown}{more}", errors=errors)
        self.errors = errors


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != [] and value != {}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, str) and isinstance(b, str):
        return a.casefold() == b.casefold()
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return bool(a == b)
