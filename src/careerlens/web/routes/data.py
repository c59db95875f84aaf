"""Your data: export everything as JSON, import it back, delete it all."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse

from careerlens.errors import InputError
from careerlens.web.app import render, require_csrf, store_of

router = APIRouter()


@router.get("/data", response_class=HTMLResponse, include_in_schema=False)
def data_page(request: Request, done: str | None = None) -> HTMLResponse:
    store = store_of(request)
    return render(request, "data.html", {"location": store.location, "profiles": store.profiles(), "done": done})


@router.get("/data/export.json", summary="Everything saved, as one JSON document")
def export(request: Request) -> JSONResponse:
    return JSONResponse(
        store_of(request).export_all(), headers={"Content-Disposition": 'attachment; filename="careerlens-export.json"'}
    )


@router.post("/data/import", include_in_schema=False)
async def import_(
    request: Request, csrf: Annotated[str | None, Form()] = None, file: Annotated[UploadFile | None, File()] = None
) -> RedirectResponse:
    require_csrf(request, csrf)
    if file is None or not file.filename:
        raise InputError("Choose a careerlens export file (JSON).")
    try:
        data: Any = json.loads(await file.read(25 * 2**20))
    except (ValueError, UnicodeDecodeError):
        raise InputError(f"{file.filename} is not JSON; choose a file that careerlens exported.") from None
    count = store_of(request).import_all(data)
    return RedirectResponse(f"/data?done=imported+{count}+items", status_code=303)


@router.post("/data/delete", include_in_schema=False)
def delete_all(
    request: Request, csrf: Annotated[str | None, Form()] = None, confirm: Annotated[str | None, Form()] = None
) -> RedirectResponse:
    require_csrf(request, csrf)
    if confirm != "delete":
        raise InputError("Type delete in the box to confirm deleting all your data.")
    count = store_of(request).delete_all()
    return RedirectResponse(f"/data?done=deleted+{count}+items", status_code=303)
