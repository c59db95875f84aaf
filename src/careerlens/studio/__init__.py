"""The practice studio: rehearse an informational interview, a learning plan, a PhD decision or an ML platform
design with a coach grounded in the knowledge base and real postings.

    session = start_session("informational_interview")          # offline backend unless one is configured
    turn = session.turn("Walk me through the last model you shipped?")   # feedback, reply, citations, backend
    report = session.report()                                    # rubric score, feedback, transcript, sources
    markdown = report_markdown(report)
"""

from __future__ import annotations

from careerlens.studio.backends import (
    SETTINGS,
    Backend,
    CoachRequest,
    OfflineBackend,
    OpenAIBackend,
    backend_from_config,
    backend_names,
    get_backend,
    register_backend,
    unsupported_numbers,
)
from careerlens.studio.coach import Session, start_session
from careerlens.studio.models import (
    Citation,
    QuestionFeedback,
    Report,
    RubricResult,
    SessionRecord,
    StudioScenario,
    Turn,
)
from careerlens.studio.report import (
    build_report,
    load_session_record,
    report_markdown,
    save_session,
    saved_sessions,
)
from careerlens.studio.rubric import score_platform_plan
from careerlens.studio.scenarios import get_scenario, list_scenarios
from careerlens.studio.sharpness import score_question, suggest_better

__all__ = [
    "SETTINGS",
    "Backend",
    "Citation",
    "CoachRequest",
    "OfflineBackend",
    "OpenAIBackend",
    "QuestionFeedback",
    "Report",
    "RubricResult",
    "Session",
    "SessionRecord",
    "StudioScenario",
    "Turn",
    "backend_from_config",
    "backend_names",
    "build_report",
    "get_backend",
    "get_scenario",
    "list_scenarios",
    "load_session_record",
    "register_backend",
    "report_markdown",
    "save_session",
    "saved_sessions",
    "score_platform_plan",
    "score_question",
    "start_session",
    "suggest_better",
    "unsupported_numbers",
]
