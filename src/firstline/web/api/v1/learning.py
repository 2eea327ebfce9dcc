"""/api/v1/learning: the training and testing center.

POST /learning/exams                  learning.manage (trainers, supervisors)
GET /learning/exams                   every agent: the exams open to them (trainers: ?all=1
                                      with archived ones)
GET|PATCH|DELETE /learning/exams/{id} reading: every agent (the bank with its answers only
                                      for learning.manage); changing: learning.manage
POST /learning/exams/{id}/attempts    every agent, for themselves
GET /learning/attempts/{id}           the agent whose attempt it is, or learning.manage;
                                      404 for anyone else
POST /learning/attempts/{id}/submit   only the agent whose attempt it is (else 404)
GET /learning/attempts?status=grading learning.manage: written answers to grade
POST /learning/attempts/{id}/grade    learning.manage, not on one's own attempt
GET /learning/certificates            learning.manage or agents.staff (every agent: their own)
POST /learning/certificates/{id}/revoke
                                      learning.manage
POST|GET /learning/courses            creating: learning.manage; reading: learning.manage
                                      sees all, an agent the courses given to them
GET /learning/courses/{id}/modules/{module_id}
                                      a module's text: learning.manage, or an assignee
GET /learning/me                      every agent: "My learning"
POST /learning/assignments/{id}/progress
                                      the agent the course is given to (else 404)
POST /learning/articles/{id}/material-change
                                      knowledge.publish
GET /learning/rotation?quarter=2026Q4 learning.manage or reports.read (a manager: their own
                                      row)
GET /learning/report                  learning.manage or reports.read
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from firstline.agents.access import Actor, require_permission
from firstline.agents.models import Agent
from firstline.agents.permissions import Permission
from firstline.core.db import now
from firstline.core.errors import Forbidden, InvalidInput, NotFound
from firstline.core.settings import get_settings
from firstline.core.types import MAX_ID
from firstline.knowledge.markdown import render_markdown
from firstline.knowledge.models import Article
from firstline.learning.certificates import (
    certificate_dict,
    certificates_of,
    do_revoke_certificate,
    status_is,
)
from firstline.learning.courses import (
    assign,
    course_dicts,
    do_create_course,
    do_record_progress,
    modules_of,
    no_course,
)
from firstline.learning.exams import (
    access_attempt,
    attempt_dict,
    do_create_exam,
    do_delete_exam,
    do_grade_attempt,
    do_start_attempt,
    do_submit_attempt,
    do_update_exam,
    drawn_questions,
    exam_dict,
    get_exam,
    no_attempt,
    question_counts,
    questions_of,
    topic_results,
)
from firstline.learning.models import (
    Certificate,
    Course,
    CourseAssignment,
    CourseModule,
    Exam,
    ExamAttempt,
)
from firstline.learning.recheck import flag_material_change
from firstline.learning.report import learning_report
from firstline.learning.rotation import quarter_of, rotation
from firstline.learning.schemas import (
    AssignIn,
    AttemptOut,
    AttemptResult,
    CertificateOut,
    CourseCreate,
    CourseOut,
    ExamCreate,
    ExamOut,
    ExamUpdate,
    Grade,
    LearningReport,
    MaterialChange,
    ModuleView,
    MyLearning,
    ProgressIn,
    Rotation,
    Submission,
)
from firstline.web.deps import CurrentActor, DatabaseDep, ReadSession
from firstline.web.problems import problem_responses
from firstline.web.responses import FastJSON

router = APIRouter(tags=["learning"])


def _trainer(actor: Actor) -> bool:
    return actor.can(Permission.learning_manage)


def _result(
    attempt: ExamAttempt, questions: list[Any], at: Any, certificate_id: int | None
) -> dict[str, Any]:
    out = attempt_dict(attempt, questions, at)
    submitted = attempt.submitted_at is not None
    out["answers"] = attempt.answers if submitted else None
    out["points"] = attempt.points if submitted else None
    out["topics"] = topic_results(questions, attempt.points or {}) if submitted else []
    out["certificate_id"] = certificate_id
    return out


@router.post(
    "/learning/exams",
    operation_id="createExam",
    status_code=201,
    response_model=ExamOut,
    responses=problem_responses(
        (403, "Needs learning.manage."),
        (422, "A pass mark out of range, a question without a correct choice: named."),
    ),
)
async def create_exam(data: ExamCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Write an exam and its question bank. Passing it issues a certificate granting
    `grants_skills` (and `grants_languages`) for `valid_days`."""
    require_permission(actor, Permission.learning_manage, "Writing an exam")
    async with db.transaction() as session:
        exam = await do_create_exam(session, data, acting_agent_id=actor.agent_id)
        questions = await questions_of(session, exam.id)
    return FastJSON(exam_dict(exam, len(questions), questions), status_code=201)


@router.get("/learning/exams", operation_id="listExams", response_model=list[ExamOut])
async def list_exams(
    actor: CurrentActor,
    session: ReadSession,
    all: Annotated[bool, Query(description="With archived exams (learning.manage).")] = False,
) -> FastJSON:
    """The exams, newest first (without their questions)."""
    stmt = select(Exam).order_by(Exam.id.desc()).limit(500)
    if not (all and _trainer(actor)):
        stmt = stmt.where(Exam.archived.is_(False))
    exams = list((await session.scalars(stmt)).all())
    counts = await question_counts(session, [e.id for e in exams])
    return FastJSON([exam_dict(e, counts.get(e.id, 0)) for e in exams])


@router.get("/learning/exams/{exam_id}", operation_id="getExam", response_model=ExamOut)
async def read_exam(exam_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """One exam; trainers also get its question bank with the answers."""
    exam = await get_exam(session, exam_id)
    questions = await questions_of(session, exam.id)
    return FastJSON(exam_dict(exam, len(questions), questions if _trainer(actor) else None))


@router.patch(
    "/learning/exams/{exam_id}",
    operation_id="updateExam",
    response_model=ExamOut,
    responses=problem_responses((403, "Needs learning.manage.")),
)
async def update_exam(
    exam_id: int, data: ExamUpdate, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Change an exam's settings, or archive it (`archived: true`): an archived exam cannot
    be taken, and its certificates run their course."""
    require_permission(actor, Permission.learning_manage, "Changing an exam")
    async with db.transaction() as session:
        exam = await get_exam(session, exam_id)
        await do_update_exam(session, exam, data, acting_agent_id=actor.agent_id)
        questions = await questions_of(session, exam.id)
    return FastJSON(exam_dict(exam, len(questions), questions))


@router.delete(
    "/learning/exams/{exam_id}",
    operation_id="deleteExam",
    status_code=204,
    responses=problem_responses(
        (403, "Needs learning.manage."), (409, "Certificates depend on it: archive it instead.")
    ),
)
async def delete_exam(exam_id: int, actor: CurrentActor, db: DatabaseDep) -> Response:
    """Delete an exam nobody was ever certified by."""
    require_permission(actor, Permission.learning_manage, "Deleting an exam")
    async with db.transaction() as session:
        exam = await get_exam(session, exam_id)
        await do_delete_exam(session, exam, acting_agent_id=actor.agent_id)
    return Response(status_code=204)


@router.post(
    "/learning/exams/{exam_id}/attempts",
    operation_id="startAttempt",
    status_code=201,
    response_model=AttemptOut,
    responses={
        200: {"model": AttemptOut, "description": "The attempt already running, resumed."},
        **problem_responses(
            (409, "Archived, attempts used up, or in the cool-down after a failed attempt.")
        ),
    },
)
async def start_attempt(exam_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Start an attempt: the server draws the questions (without their answers) and sets the
    deadline. An attempt still running is returned as it is (200), so a reload or a second
    tab does not spend an attempt."""
    async with db.transaction() as session:
        exam = await get_exam(session, exam_id)
        attempt, new = await do_start_attempt(session, exam, actor.agent_id)
        questions = await drawn_questions(session, attempt)
        out = attempt_dict(attempt, questions, now(session))
    return FastJSON(out, status_code=201 if new else 200)


async def _certificate_id(session: AsyncSession, attempt: ExamAttempt) -> int | None:
    if not attempt.passed:
        return None
    return await session.scalar(
        select(Certificate.id).where(
            Certificate.agent_id == attempt.agent_id, Certificate.exam_id == attempt.exam_id
        )
    )


@router.get(
    "/learning/attempts/{attempt_id}", operation_id="getAttempt", response_model=AttemptResult
)
async def read_attempt(attempt_id: int, actor: CurrentActor, session: ReadSession) -> FastJSON:
    """An attempt; once submitted, with the answers, the points and what to study."""
    attempt = await session.get(ExamAttempt, attempt_id)
    if attempt is None or (attempt.agent_id != actor.agent_id and not _trainer(actor)):
        raise no_attempt(attempt_id)
    questions = await drawn_questions(session, attempt)
    return FastJSON(
        _result(attempt, questions, now(session), await _certificate_id(session, attempt))
    )


@router.post(
    "/learning/attempts/{attempt_id}/submit",
    operation_id="submitAttempt",
    response_model=AttemptResult,
    responses=problem_responses(
        (404, "No such attempt of yours."),
        (409, "Already submitted, or past the deadline."),
        (422, "An answer to a question not drawn, or not an answer to its question."),
    ),
)
async def submit_attempt(
    attempt_id: int, data: Submission, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Submit the answers, once. Choice questions are scored at once; when the attempt has
    written answers, `status` is `grading` (score and passed null) until a reviewer grades
    them. Passing issues the certificate, and routing gives the agent the work its skills
    open from that moment."""
    async with db.transaction() as session:
        attempt = await access_attempt(session, attempt_id, actor.agent_id)
        cert = await do_submit_attempt(session, attempt, data.answers)
        questions = await drawn_questions(session, attempt)
        out = _result(attempt, questions, now(session), cert.id if cert else None)
    return FastJSON(out)


@router.get("/learning/attempts", operation_id="listAttempts", response_model=list[AttemptResult])
async def list_attempts(
    actor: CurrentActor,
    session: ReadSession,
    status: Literal["grading", "passed", "failed", "open"] = "grading",
    exam_id: int | None = None,
    agent_id: int | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> FastJSON:
    """Attempts by status, oldest first: `grading` is the trainers' queue of written
    answers. Agents see their own (agent_id is then theirs)."""
    stmt = select(ExamAttempt).where(ExamAttempt.status == status)
    if not _trainer(actor):
        agent_id = actor.agent_id
    if agent_id is not None:
        stmt = stmt.where(ExamAttempt.agent_id == agent_id)
    if exam_id is not None:
        stmt = stmt.where(ExamAttempt.exam_id == exam_id)
    rows = list((await session.scalars(stmt.order_by(ExamAttempt.id).limit(limit))).all())
    at = now(session)
    out = []
    for attempt in rows:
        questions = await drawn_questions(session, attempt)
        out.append(_result(attempt, questions, at, None))
    return FastJSON(out)


@router.post(
    "/learning/attempts/{attempt_id}/grade",
    operation_id="gradeAttempt",
    response_model=AttemptResult,
    responses=problem_responses(
        (403, "Needs learning.manage."), (409, "Nothing of this attempt waits to be graded.")
    ),
)
async def grade_attempt(
    attempt_id: int, data: Grade, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Grade the written answers (0 to 1 each); when all are graded the attempt is scored."""
    require_permission(actor, Permission.learning_manage, "Grading an attempt")
    async with db.transaction() as session:
        attempt = await session.get(ExamAttempt, attempt_id)
        if attempt is None or attempt.agent_id == actor.agent_id:
            raise no_attempt(attempt_id)
        cert = await do_grade_attempt(session, attempt, data.points, acting_agent_id=actor.agent_id)
        questions = await drawn_questions(session, attempt)
        out = _result(attempt, questions, now(session), cert.id if cert else None)
    return FastJSON(out)


@router.get(
    "/learning/certificates",
    operation_id="listCertificates",
    response_model=list[CertificateOut],
)
async def list_certificates(
    actor: CurrentActor,
    session: ReadSession,
    agent_id: int | None = None,
    exam_id: int | None = None,
    status: Literal["valid", "due", "lapsed", "revoked"] | None = None,
    after: Annotated[
        int | None, Query(ge=0, le=MAX_ID, description="Page on: the last id seen.")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 500,
) -> FastJSON:
    """Who is certified for what, who is due and who lapsed. Agents see their own. Pages in
    id order: pass the last id as `after` for the next page."""
    if not (_trainer(actor) or actor.can(Permission.agents_staff)):
        agent_id = actor.agent_id
    stmt = select(Certificate, Exam.title).join(Exam, Exam.id == Certificate.exam_id)
    if agent_id is not None:
        stmt = stmt.where(Certificate.agent_id == agent_id)
    if exam_id is not None:
        stmt = stmt.where(Certificate.exam_id == exam_id)
    at = now(session)
    if status is not None:
        stmt = stmt.where(status_is(status, at))
    if after is not None:
        stmt = stmt.where(Certificate.id > after)
    rows = (await session.execute(stmt.order_by(Certificate.id).limit(limit))).all()
    return FastJSON([certificate_dict(c, title, at) for c, title in rows])


@router.post(
    "/learning/certificates/{certificate_id}/revoke",
    operation_id="revokeCertificate",
    response_model=CertificateOut,
    responses=problem_responses((403, "Needs learning.manage.")),
)
async def revoke_certificate(certificate_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Take a certificate back: the skills it granted go at once."""
    require_permission(actor, Permission.learning_manage, "Revoking a certificate")
    async with db.transaction() as session:
        cert = await session.get(Certificate, certificate_id)
        if cert is None:
            raise NotFound(
                f"No certificate with id {certificate_id}.",
                message="no_certificate",
                args={"id": str(certificate_id)},
            )
        await do_revoke_certificate(session, cert, acting_agent_id=actor.agent_id)
        exam = await session.get(Exam, cert.exam_id)
        out = certificate_dict(cert, exam.title if exam else "", now(session))
    return FastJSON(out)


@router.post(
    "/learning/courses",
    operation_id="createCourse",
    status_code=201,
    response_model=CourseOut,
    responses=problem_responses((403, "Needs learning.manage.")),
)
async def create_course(data: CourseCreate, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Build a course and give it to the agents of its teams and roles and to those named in
    `agent_ids`; with `onboarding`, every agent who joins one of its teams gets it too."""
    require_permission(actor, Permission.learning_manage, "Building a course")
    async with db.transaction() as session:
        course = await do_create_course(session, data, acting_agent_id=actor.agent_id)
        [out] = await course_dicts(session, [course])
    return FastJSON(out, status_code=201)


@router.get("/learning/courses", operation_id="listCourses", response_model=list[CourseOut])
async def list_courses(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """Every course (learning.manage), or the courses given to you."""
    stmt = select(Course).order_by(Course.id.desc()).limit(500)
    if not _trainer(actor):
        stmt = stmt.join(CourseAssignment, CourseAssignment.course_id == Course.id).where(
            CourseAssignment.agent_id == actor.agent_id
        )
    courses = list((await session.scalars(stmt)).all())
    return FastJSON(await course_dicts(session, courses))


@router.post(
    "/learning/courses/{course_id}/assign",
    operation_id="assignCourse",
    response_model=CourseOut,
    responses=problem_responses((403, "Needs learning.manage.")),
)
async def assign_course(
    course_id: int, data: AssignIn, actor: CurrentActor, db: DatabaseDep
) -> FastJSON:
    """Give the course to more agents (those who have it keep their progress)."""
    require_permission(actor, Permission.learning_manage, "Assigning a course")
    agent_ids = list(data.agent_ids)
    async with db.transaction() as session:
        course = await session.get(Course, course_id)
        if course is None:
            raise no_course(course_id)
        known = set((await session.scalars(select(Agent.id).where(Agent.id.in_(agent_ids)))).all())
        missing = [a for a in agent_ids if a not in known]
        if missing:
            raise InvalidInput(
                f"No agent with id {missing[0]}.",
                message="no_agent",
                args={"id": str(missing[0])},
            )
        await assign(session, course, agent_ids, reason="manual", at=now(session))
        [out] = await course_dicts(session, [course])
    return FastJSON(out)


async def _assignment(
    session: AsyncSession, actor: Actor, course_id: int
) -> CourseAssignment | None:
    return await session.scalar(
        select(CourseAssignment).where(
            CourseAssignment.course_id == course_id, CourseAssignment.agent_id == actor.agent_id
        )
    )


@router.get(
    "/learning/courses/{course_id}/modules/{module_id}",
    operation_id="getCourseModule",
    response_model=ModuleView,
)
async def read_module(
    course_id: int, module_id: int, actor: CurrentActor, session: ReadSession
) -> FastJSON:
    """A module's text, rendered safe: a lesson, or the article as it reads now."""
    assignment = await _assignment(session, actor, course_id)
    module = await session.get(CourseModule, module_id)
    if (
        module is None
        or module.course_id != course_id
        or (assignment is None and not _trainer(actor))
    ):
        raise NotFound(
            f"No module {module_id} in course {course_id}.",
            message="no_module",
            args={"id": str(module_id)},
        )
    body = module.body
    title = module.title
    if module.kind == "article" and module.article_id is not None:
        article = await session.get(Article, module.article_id)
        if article is not None:
            body, title = article.body, article.title
    return FastJSON(
        {
            "id": module.id,
            "position": module.position,
            "kind": module.kind,
            "title": title,
            "article_id": module.article_id,
            "body_html": render_markdown(body),
            "done": assignment is not None and module.id in (assignment.done_module_ids or []),
        }
    )


@router.post(
    "/learning/assignments/{assignment_id}/progress",
    operation_id="recordProgress",
    status_code=204,
)
async def record_progress(
    assignment_id: int, data: ProgressIn, actor: CurrentActor, db: DatabaseDep
) -> Response:
    """Mark a module of your course done (or not), and remember where you stopped."""
    async with db.transaction() as session:
        assignment = await session.get(CourseAssignment, assignment_id)
        if assignment is None or assignment.agent_id != actor.agent_id:
            raise NotFound(
                f"No assignment with id {assignment_id}.",
                message="no_assignment",
                args={"id": str(assignment_id)},
            )
        await do_record_progress(session, assignment, data.module_id, data.done)
    return Response(status_code=204)


@router.get("/learning/me", operation_id="getMyLearning", response_model=MyLearning)
async def my_learning(actor: CurrentActor, session: ReadSession) -> FastJSON:
    """What is given to you, due when, how far you got; your certificates; the exams open to
    you, in the languages you work in."""
    at = now(session)
    rows = (
        await session.execute(
            select(CourseAssignment, Course)
            .join(Course, Course.id == CourseAssignment.course_id)
            .where(CourseAssignment.agent_id == actor.agent_id)
            .order_by(CourseAssignment.completed_at.is_not(None), CourseAssignment.due_at)
        )
    ).all()
    modules = await modules_of(session, [c.id for _, c in rows])
    certificates = await certificates_of(session, actor.agent_id)
    passed = {c["exam_id"] for c in certificates if c["status"] in ("valid", "due")}
    courses = []
    for a, c in rows:
        ids = [m.id for m in modules.get(c.id, [])]
        courses.append(
            {
                "assignment_id": a.id,
                "course_id": c.id,
                "title": c.title,
                "reason": a.reason,
                "assigned_at": a.assigned_at,
                "due_at": a.due_at,
                "overdue": a.completed_at is None and a.due_at is not None and a.due_at < at,
                "modules": len(ids),
                "done": len([m for m in a.done_module_ids or [] if m in ids]),
                "last_module_id": a.last_module_id,
                "completed_at": a.completed_at,
                "exam_id": c.exam_id,
                "exam_passed": c.exam_id in passed,
            }
        )
    exams = list(
        (
            await session.scalars(
                select(Exam).where(Exam.archived.is_(False)).order_by(Exam.id.desc()).limit(200)
            )
        ).all()
    )
    # The exams in a language the agent works in or reads the console in (all of them when
    # none is), and any exam they already hold a certificate for.
    agent = await session.get(Agent, actor.agent_id)
    tongues: set[str] = set()
    if agent is not None:
        tongues = {*(agent.languages or []), *([agent.ui_language] if agent.ui_language else [])}
    held = {c["exam_id"] for c in certificates}
    theirs = [e for e in exams if e.locale in tongues or e.id in held]
    exams = theirs or exams
    counts = await question_counts(session, [e.id for e in exams])
    return FastJSON(
        {
            "courses": courses,
            "certificates": certificates,
            "exams": [exam_dict(e, counts.get(e.id, 0)) for e in exams],
        }
    )


@router.post(
    "/learning/articles/{article_id}/material-change",
    operation_id="markMaterialChange",
    response_model=MaterialChange,
    responses=problem_responses((403, "Needs knowledge.publish.")),
)
async def material_change(article_id: int, actor: CurrentActor, db: DatabaseDep) -> FastJSON:
    """Mark the article's current published revision as a material change: every
    certificate depending on it asks its holder for a re-check. Saving an article with
    `material_change: true` does the same."""
    require_permission(actor, Permission.knowledge_publish, "Marking a material change")
    async with db.transaction() as session:
        article = await session.get(Article, article_id)
        if article is None:
            raise NotFound(
                f"No article with id {article_id}.",
                message="no_article_id",
                args={"id": str(article_id)},
            )
        if article.status != "published":
            raise InvalidInput(
                "Only a published revision can be a material change.",
                message="learning_material_draft",
            )
        flagged = await flag_material_change(
            session, article.id, article.revision, acting_agent_id=actor.agent_id
        )
    return FastJSON(
        {"article_id": article_id, "revision": article.revision, "certificates": flagged}
    )


def _reads_reports(actor: Actor) -> bool:
    return _trainer(actor) or actor.can(Permission.reports_read)


@router.get(
    "/learning/rotation",
    operation_id="getRotation",
    response_model=Rotation,
    responses=problem_responses(
        (403, "Neither learning.manage nor reports.read, and not a manager."),
        (422, "A quarter that does not read like 2026Q4."),
    ),
)
async def read_rotation(
    actor: CurrentActor,
    session: ReadSession,
    quarter: Annotated[str | None, Query(max_length=20, description="e.g. 2026Q4")] = None,
) -> FastJSON:
    """Each manager's front-line hours in the quarter (counted from their replies) against
    the target, and their programme: the managers' course and exam, the first full day."""
    settings = get_settings()
    out = await rotation(
        session,
        quarter or quarter_of(now(session).date()),
        min_hours=settings.rotation_min_hours,
        max_hours=settings.rotation_max_hours,
        full_day_hours=settings.rotation_full_day_hours,
    )
    if not _reads_reports(actor):
        out["managers"] = [m for m in out["managers"] if m["agent_id"] == actor.agent_id]
        if not out["managers"]:
            raise Forbidden(
                "The rotation needs the learning.manage or reports.read permission.",
                message="needs_permission",
                args={"permission": "learning.manage", "role": actor.role},
            )
    return FastJSON(out)


@router.get(
    "/learning/report",
    operation_id="getLearningReport",
    response_model=LearningReport,
    responses=problem_responses((403, "Needs learning.manage or reports.read.")),
)
async def read_report(
    actor: CurrentActor,
    session: ReadSession,
    lapsing_days: Annotated[int, Query(ge=1, le=365)] = 30,
) -> FastJSON:
    """Pass rates and average scores per exam, the hardest questions, course completion,
    time to certification, and the certificates lapsing in the next `lapsing_days`."""
    if not _reads_reports(actor):
        require_permission(actor, Permission.learning_manage, "The learning report")
    return FastJSON(await learning_report(session, now(session), lapsing_days=lapsing_days))
