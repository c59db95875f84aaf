"""The practice studio in the browser: pick a scenario, talk to the offline coach, get the report.

A session's state is its list of user inputs, saved in the store after each one; the offline coach is
deterministic, so a session is rebuilt by replaying them (and kept in memory while the app runs).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import PlainTextResponse, RedirectResponse, Response

from careerlens.errors import InputError
from careerlens.studio import Session, list_scenarios, report_markdown, save_session, start_session
from careerlens.web.app import PROFILE, page, require_csrf, store_of

router = APIRouter()
INPUTS = "practice_inputs"
_LIVE: dict[str, Session] = {}
_LIVE_MAX = 50


def _session(request: Request, session_id: str) -> tuple[Session, dict[str, Any]]:
    saved = store_of(request).record(INPUTS, session_id)
    if saved is None:
        raise InputError(f"No practice session {session_id!r}. Start one on the Practice page.")
    live = _LIVE.get(session_id)
    if live is None or len(live.turns) != 1 + len(saved["inputs"]):
        live = start_session(saved["scenario"], profile=store_of(request).profile(PROFILE))
        live.id = session_id
        for kind, text in saved["inputs"]:
            _apply(live, kind, text)
        if len(_LIVE) >= _LIVE_MAX:
            _LIVE.pop(next(iter(_LIVE)))
        _LIVE[session_id] = live
    return live, saved


def _apply(session: Session, kind: str, text: str) -> None:
    if kind == "hint":
        session.hint()
    elif kind == "posting":
        session.add_posting(text)
    else:
        session.turn(text)


@page(router, "/practice", "practice.html")
def practice(request: Request) -> dict[str, Any]:
    """The practice scenarios (seed 002's four first) and your saved sessions."""
    scenarios = [s.model_dump(mode="json") for s in list_scenarios()]
    saved = [
        {"id": i, "updated": when, "scenario": d["scenario"], "turns": len(d["inputs"])}
        for i, when, d in store_of(request).records(INPUTS, profile=PROFILE)
    ]
    return {
        "seed": [s for s in scenarios if not s["generated"]],
        "generated": [s for s in scenarios if s["generated"]],
        "saved": saved,
    }


@router.post("/practice", include_in_schema=False)
def start(
    request: Request, csrf: Annotated[str | None, Form()] = None, scenario: Annotated[str, Form()] = ""
) -> RedirectResponse:
    require_csrf(request, csrf)
    session = start_session(scenario, profile=store_of(request).profile(PROFILE))
    session_id = uuid.uuid4().hex[:12]
    session.id = session_id
    store_of(request).put_record(INPUTS, session_id, {"scenario": session.scenario.id, "inputs": []}, profile=PROFILE)
    _LIVE[session_id] = session
    return RedirectResponse(f"/practice/{session_id}", status_code=303)


@page(router, "/practice/{session_id}", "practice_session.html")
def session_page(request: Request, session_id: str) -> dict[str, Any]:
    """A practice session: the scenario, the transcript with feedback, and the report once asked for."""
    session, saved = _session(request, session_id)
    return {
        "id": session_id,
        "scenario": session.scenario.model_dump(mode="json"),
        "turns": [t.model_dump(mode="json") for t in session.turns],
        "report": session.report().model_dump(mode="json") if saved.get("done") else None,
    }


@router.post("/practice/{session_id}", include_in_schema=False)
def say(
    request: Request,
    session_id: str,
    csrf: Annotated[str | None, Form()] = None,
    text: Annotated[str, Form()] = "",
    action: Annotated[str, Form()] = "say",
) -> RedirectResponse:
    require_csrf(request, csrf)
    session, saved = _session(request, session_id)
    store = store_of(request)
    if action == "done":
        saved["done"] = True
        save_session(session, session.report(), store=store)
    else:
        kind = "hint" if action == "hint" or text.strip() == "/hint" else "posting" if action == "posting" else "say"
        if text.strip() == "/done":
            saved["done"] = True
            save_session(session, session.report(), store=store)
        else:
            _apply(session, kind, text)
            saved["inputs"].append([kind, text])
            save_session(session, store=store)
    store.put_record(INPUTS, session_id, saved, profile=PROFILE)
    return RedirectResponse(f"/practice/{session_id}#end", status_code=303)


@router.get("/practice/{session_id}/report.md", summary="A practice session's report as Markdown")
def report_md(request: Request, session_id: str) -> Response:
    session, _ = _session(request, session_id)
    return PlainTextResponse(
        report_markdown(session.report()),
        media_type="text/markdown; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="practice-{session_id}.md"'},
    )
