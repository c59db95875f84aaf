"""You: resume upload, the questionnaire, profile with evidence, paths, fit & gap, and the learning plan."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, UploadFile
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from careerlens.decode.documents import document_text
from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.match.fit import fit_posting, fit_role
from careerlens.match.paths import rank_paths
from careerlens.plan.export import to_ical, to_markdown
from careerlens.plan.planner import Plan, build_plan, mark_done, replan
from careerlens.profile.models import Profile, merge_profiles
from careerlens.profile.quiz import items, parse_answer, profile_from_answers, unanswered
from careerlens.profile.resume import MAX_RESUME_BYTES, parse_resume
from careerlens.web.app import PROFILE, page, require_csrf, store_of
from careerlens.web.charts import bars, timeline
from careerlens.web.routes.decode import saved_posting

router = APIRouter()
QUIZ_PAGE = 12


def _profile(request: Request) -> Profile | None:
    return store_of(request).profile(PROFILE)


def _need_profile(request: Request) -> Profile:
    profile = _profile(request)
    if profile is None:
        raise InputError("No profile yet: upload a resume or take the questionnaire on the You page first.")
    return profile


@page(router, "/you", "you.html")
def you(request: Request) -> dict[str, Any]:
    """Your profile: skills with the strength of their evidence, jobs, education, interests."""
    profile = _profile(request)
    answered = len(store_of(request).answers(PROFILE))
    data: dict[str, Any] = {"profile": profile.model_dump(mode="json") if profile else None}
    data["quiz"] = {"answered": answered, "total": len(items())}
    if profile:
        data["skills"] = sorted(
            (s.model_dump(mode="json") | {"weight": s.weight} for s in profile.skills.values()),
            key=lambda s: (-s["weight"], s["name"].lower()),
        )
    return data


@router.post("/you/resume", include_in_schema=False)
async def upload_resume(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
    replace: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    require_csrf(request, csrf)
    profile = await _read_upload(file)
    store = store_of(request)
    saved = store.profile(PROFILE)
    store.save_profile(profile if saved is None or replace else merge_profiles(saved, profile))
    return RedirectResponse("/you", status_code=303)


@router.post("/you/resume.json", summary="Read a resume into the profile")
async def upload_resume_json(request: Request, file: Annotated[UploadFile, File()]) -> dict[str, Any]:
    """Parse an uploaded resume (PDF, DOCX, TXT, Markdown), merge it into the profile and return the profile."""
    profile = await _read_upload(file)
    store = store_of(request)
    saved = store.profile(PROFILE)
    merged = profile if saved is None else merge_profiles(saved, profile)
    store.save_profile(merged)
    return merged.model_dump(mode="json")


async def _read_upload(file: UploadFile | None) -> Profile:
    if file is None or not file.filename:
        raise InputError("Choose a resume file (PDF, DOCX, TXT or Markdown).")
    data = await file.read(MAX_RESUME_BYTES + 1)
    if len(data) > MAX_RESUME_BYTES:
        raise InputError(
            f"{file.filename} is over {MAX_RESUME_BYTES // 2**20} MB; export it again as text PDF or DOCX."
        )
    return parse_resume(
        document_text(data, file.filename), name=PROFILE, source=re.sub(r"[^\w.\- ]", "", file.filename)[:80]
    )


@page(router, "/quiz", "quiz.html")
def quiz(request: Request) -> dict[str, Any]:
    """The questionnaire: the next page of open questions (answers are saved page by page)."""
    answers = store_of(request).answers(PROFILE)
    todo = unanswered(answers)
    return {
        "answered": len(answers),
        "total": len(items()),
        "questions": [{"id": q.id, "kind": q.kind, "text": q.text, "scale": q.scale} for q in todo[:QUIZ_PAGE]],
    }


@router.post("/quiz", include_in_schema=False)
async def quiz_answer(request: Request) -> RedirectResponse:
    form = await request.form()
    require_csrf(request, str(form.get("csrf") or ""))
    store = store_of(request)
    answers = store.answers(PROFILE)
    by_id = {q.id: q for q in items()}
    for key, value in form.items():
        if key in by_id and str(value).strip() != "":
            answers[key] = parse_answer(by_id[key], str(value))
        elif key == "location" and "location" in by_id:
            answers[key] = ""
    store.save_answers(PROFILE, answers)
    _update_from_answers(request, answers)
    return RedirectResponse("/quiz" if unanswered(answers) else "/paths", status_code=303)


@router.post("/quiz.json", summary="Answer questionnaire items")
def quiz_json(request: Request, answers: dict[str, Any]) -> dict[str, Any]:
    """Save answers (item id -> value); returns how many are answered and the updated profile."""
    by_id = {q.id: q for q in items()}
    unknown = sorted(set(answers) - set(by_id))
    if unknown:
        raise InputError(f"Unknown question ids: {', '.join(unknown[:5])}.")
    store = store_of(request)
    saved = store.answers(PROFILE)
    saved.update({k: parse_answer(by_id[k], v) for k, v in answers.items()})
    store.save_answers(PROFILE, saved)
    profile = _update_from_answers(request, saved)
    return {"answered": len(saved), "total": len(items()), "profile": profile.model_dump(mode="json")}


def _update_from_answers(request: Request, answers: dict[str, Any]) -> Profile:
    store = store_of(request)
    quiz_profile = profile_from_answers(answers, name=PROFILE)
    saved = store.profile(PROFILE)
    merged = quiz_profile if saved is None else merge_profiles(saved, quiz_profile)
    store.save_profile(merged)
    return merged


@page(router, "/paths", "paths.html")
def paths(request: Request) -> dict[str, Any]:
    """The twelve flavours ranked for you, with reasons for and against each."""
    profile = _need_profile(request)
    ranked = rank_paths(profile)
    return {
        "paths": [r.model_dump(mode="json") for r in ranked],
        "chart": str(bars([(r.name, r.score, f"{r.score:.0f}") for r in ranked], scale=100, title="Fit by flavour")),
        "has_interests": profile.interests is not None,
    }


@page(router, "/fit", "fit.html")
def fit(request: Request, role: str | None = Query(None), posting: str | None = Query(None)) -> dict[str, Any]:
    """Your fit with a role flavour (``role``) or a saved posting (``posting``): score, parts, matched, missing."""
    profile = _need_profile(request)
    kb = load_knowledge()
    if posting:
        _, decoded = saved_posting(request, posting)
        result = fit_posting(profile, decoded)
    else:
        result = fit_role(profile, role or "ml_engineer", kb)
    saved = [(i, d.get("title") or i) for i, _, d in store_of(request).records("posting", profile=PROFILE)]
    return {
        "fit": result.model_dump(mode="json"),
        "chart": str(
            bars([(k, v * 100, f"{v:.0%}") for k, v in result.parts.items()], scale=100, title="Score breakdown")
        ),
        "roles": {k: v.name for k, v in kb.roles.items()},
        "saved_postings": saved,
        "role": role or ("" if posting else "ml_engineer"),
        "posting": posting or "",
    }


def _saved_plan(request: Request) -> Plan | None:
    data = store_of(request).plan(PROFILE)
    return Plan.model_validate(data) if data else None


@page(router, "/plan", "plan.html")
def plan(request: Request) -> dict[str, Any]:
    """Your learning plan, month by month, with progress."""
    saved = _saved_plan(request)
    kb = load_knowledge()
    profile = _profile(request)
    data = saved.model_dump(mode="json") if saved else None
    return {
        "plan": data,
        "timeline": str(timeline(data["months"])) if data else "",
        "roles": {k: v.name for k, v in kb.roles.items()},
        "hours": (profile.hours_per_week if profile else None) or 10,
        "has_profile": profile is not None,
    }


@router.post("/plan", include_in_schema=False)
def make_plan(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    target: Annotated[str, Form()] = "ml_engineer",
    months: Annotated[int, Form()] = 12,
    hours: Annotated[int, Form()] = 10,
) -> RedirectResponse:
    require_csrf(request, csrf)
    load_knowledge().role(target)
    store_of(request).save_plan(
        PROFILE, build_plan(_need_profile(request), target, months, hours).model_dump(mode="json")
    )
    return RedirectResponse("/plan", status_code=303)


@router.post("/plan.json", summary="Build a learning plan")
def make_plan_json(request: Request, target: str, months: int = 12, hours: int = 10) -> dict[str, Any]:
    """Build and save a plan toward ``target`` (a role id) and return it."""
    load_knowledge().role(target)
    built = build_plan(_need_profile(request), target, months, hours)
    store_of(request).save_plan(PROFILE, built.model_dump(mode="json"))
    return built.model_dump(mode="json")


@router.post("/plan/progress", include_in_schema=False)
def plan_progress(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    done: Annotated[str | None, Form()] = None,
    action: Annotated[str, Form()] = "done",
) -> RedirectResponse:
    require_csrf(request, csrf)
    saved = _need_plan(request)
    if action == "replan":
        saved = replan(saved, _need_profile(request))
    elif done:
        saved = mark_done(saved, [done])
    store_of(request).save_plan(PROFILE, saved.model_dump(mode="json"))
    return RedirectResponse("/plan", status_code=303)


def _need_plan(request: Request) -> Plan:
    saved = _saved_plan(request)
    if saved is None:
        raise InputError("There is no plan yet: make one on the Plan page.")
    return saved


@router.get("/plan.md", summary="The plan as Markdown")
def plan_markdown(request: Request) -> Response:
    return PlainTextResponse(
        to_markdown(_need_plan(request)),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="careerlens-plan.md"'},
    )


@router.get("/plan.ics", summary="The plan as an iCalendar file")
def plan_ical(request: Request) -> Response:
    return Response(
        to_ical(_need_plan(request)),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="careerlens-plan.ics"'},
    )
