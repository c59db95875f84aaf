"""Decode pages: paste or upload a posting, see what the job really is, save it."""

from __future__ import annotations

import hashlib
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, Field

from careerlens.decode.decoder import DecodedPosting, decode_posting
from careerlens.decode.documents import document_text
from careerlens.errors import InputError
from careerlens.knowledge.loader import load_knowledge
from careerlens.skills.extract import load_taxonomy
from careerlens.web.app import PROFILE, page, render, require_csrf, store_of
from careerlens.web.charts import bars
from careerlens.web.highlight import highlight

router = APIRouter()
MAX_UPLOAD = 20 * 1024 * 1024


class PostingIn(BaseModel):
    text: str = Field(description="the posting: plain text, HTML or markdown", max_length=2_000_000)
    title: str | None = Field(default=None, max_length=300)


def view(decoded: DecodedPosting) -> dict[str, Any]:
    """Everything a decode page shows, JSON-able: the decode itself plus its chart and highlighted text."""
    kb = load_knowledge()
    names = {k: v.name for k, v in kb.roles.items()}
    mix = sorted(decoded.flavours.items(), key=lambda kv: -kv[1])
    categories = load_taxonomy().categories
    grouped: dict[str, list[dict[str, str]]] = {}
    for s in decoded.skills:
        grouped.setdefault(categories.get(s.category, s.category), []).append({"name": s.name, "need": s.need})
    return {
        "decoded": decoded.model_dump(mode="json", exclude={"text"}),
        "role_names": names,
        "chart": str(
            bars(
                [(names[f], share, f"{share:.0%}") for f, share in mix if share >= 0.02], scale=1.0, title="Flavour mix"
            )
        ),
        "highlighted": str(
            highlight(
                decoded.text,
                [(e.start, e.end, e.flavour) for e in decoded.evidence],
                [(a, b, s.name) for s in decoded.skills for a, b in s.spans],
            )
        ),
        "skills_by_group": grouped,
    }


async def _text_from(text: str | None, upload: UploadFile | None) -> str:
    if upload is not None and upload.filename:
        data = await upload.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise InputError(f"{upload.filename} is over {MAX_UPLOAD // 2**20} MB; paste the posting's text instead.")
        return document_text(data, upload.filename)
    if not text or not text.strip():
        raise InputError("Paste a posting or choose a file to decode.")
    return text


@router.get("/decode", response_class=HTMLResponse, include_in_schema=False)
def decode_form(request: Request) -> HTMLResponse:
    return render(request, "decode.html", {"data": None})


@router.post("/decode", response_class=HTMLResponse, include_in_schema=False)
async def decode_page(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    text: Annotated[str | None, Form()] = None,
    title: Annotated[str | None, Form()] = None,
    file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    require_csrf(request, csrf)
    posting = await _text_from(text, file)
    decoded = decode_posting(posting, title=title or None)
    return render(request, "decode.html", {"data": view(decoded), "text": posting, "title": title or ""})


@router.post("/decode.json", summary="Decode a posting")
def decode_json(body: PostingIn) -> dict[str, Any]:
    """The decoder's full output for one posting (the JSON twin of the decode page)."""
    return decode_posting(body.text, title=body.title).model_dump(mode="json")


@router.post("/postings", include_in_schema=False)
def save_posting(
    request: Request,
    csrf: Annotated[str | None, Form()] = None,
    text: Annotated[str, Form()] = "",
    title: Annotated[str | None, Form()] = None,
) -> RedirectResponse:
    require_csrf(request, csrf)
    decoded = decode_posting(text, title=title or None)
    posting_id = hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()[:12]
    store_of(request).put_record(
        "posting",
        posting_id,
        {"title": decoded.title, "text": text, "primary": decoded.primary, "mismatch": decoded.mismatch},
        profile=PROFILE,
    )
    return RedirectResponse(f"/postings/{posting_id}", status_code=303)


@page(router, "/postings", "postings.html")
def postings(request: Request) -> dict[str, Any]:
    """Saved postings, newest first."""
    rows = store_of(request).records("posting", profile=PROFILE)
    names = {k: v.name for k, v in load_knowledge().roles.items()}
    return {
        "postings": [
            {
                "id": i,
                "saved": when,
                "title": d.get("title"),
                "primary": d.get("primary"),
                "flavour": names.get(d.get("primary", ""), ""),
            }
            for i, when, d in rows
        ]
    }


def saved_posting(request: Request, posting_id: str) -> tuple[dict[str, Any], DecodedPosting]:
    found = store_of(request).record("posting", posting_id)
    if found is None:
        raise InputError(f"No saved posting {posting_id!r}.")
    return found, decode_posting(found["text"], title=found.get("title"))


@page(router, "/postings/{posting_id}", "decode.html")
def posting(request: Request, posting_id: str) -> dict[str, Any]:
    """A saved posting, decoded."""
    _, decoded = saved_posting(request, posting_id)
    return {**view(decoded), "saved_id": posting_id}
