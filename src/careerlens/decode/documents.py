"""Read a document a person gives us (text, HTML, markdown, PDF, DOCX) into text.

Every failure a person can cause — a missing file, an empty or binary file, an encrypted or
image-only PDF, a corrupt DOCX, a file far too large — becomes an :class:`InputError` that says
what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

from careerlens.decode.text import decode_bytes
from careerlens.errors import InputError

MAX_BYTES = 20 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".text", ""}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_document(path: Path | str, too_large_advice: str = "Paste the relevant part instead.") -> str:
    """The text of a document file, by its type (sniffed from the bytes, then the suffix); a file over
    :data:`MAX_BYTES` is refused before it is read, with ``too_large_advice``."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except OSError:
        raise InputError(f"Cannot read {path}: no such file.") from None
    if path.is_dir():
        raise InputError(f"{path} is a folder; give a file.")
    if size > MAX_BYTES:
        raise InputError(
            f"{path.name} is {size / 2**20:.0f} MB; careerlens reads documents up to "
            f"{MAX_BYTES // 2**20} MB. {too_large_advice}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"Cannot read {path}: {exc.strerror}.") from None
    return document_text(data, path.name)


def document_text(data: bytes, name: str = "") -> str:
    """The text of document bytes; ``name`` only helps when the bytes do not say their type."""
    if len(data) > MAX_BYTES:
        raise InputError(f"The document is {len(data) / 1e6:.0f} MB; the limit is {MAX_BYTES // 2**20} MB.")
    if data[:5] == b"%PDF-":
        return pdf_text(data)
    if data[:2] == b"PK":
        return docx_text(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise InputError(
            "This is an old Word (.doc) or an encrypted Office file; save it as DOCX or PDF, or paste the text."
        )
    suffix = Path(name).suffix.lower()
    if suffix in {".pdf", ".docx"}:
        raise InputError(f"{name} does not look like a real {suffix[1:].upper()} file (it may be damaged).")
    return decode_bytes(data)


def pdf_text(data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:  # pypdf raises several types for a wrong password
                raise InputError("This PDF is password-protected; open it and save an unprotected copy.") from None
        pages = [page.extract_text() or "" for page in reader.pages[:50]]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"This PDF could not be read ({exc}); it may be damaged.") from None
    text = _rejoin_words("\n".join(pages).strip())
    if len(re.sub(r"\s", "", text)) < 20:
        raise InputError(
            "This PDF has no text layer (it is probably a scan or an image); "
            "paste the text or give a PDF exported from a word processor."
        )
    return text


def _rejoin_words(text: str) -> str:
    """Some PDF generators put every word on its own line; join such text back into sentences."""
    lines = [line for line in text.split("\n") if line.strip()]
    if len(lines) < 20 or sum(len(line.split()) == 1 for line in lines) < 0.6 * len(lines):
        return text
    joined = " ".join(line.strip() for line in lines)
    return re.sub(r"(?<=[.:;!?])\s+(?=[A-ZÁÉÍÓÚÑ•\-])", "\n", joined)


def docx_text(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            if "word/document.xml" not in names:
                if "EncryptedPackage" in names:
                    raise InputError("This DOCX is encrypted; save an unprotected copy.")
                raise InputError("This zip file is not a Word document (no word/document.xml).")
            info = zf.getinfo("word/document.xml")
            if info.file_size > 50 * MAX_BYTES:
                raise InputError("This DOCX expands to an implausibly large document; it was not read.")
            root = ElementTree.fromstring(zf.read("word/document.xml"))
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError) as exc:
        raise InputError(f"This DOCX could not be read ({exc}); it may be damaged.") from None
    paragraphs = []
    for para in root.iter(f"{_W}p"):
        # Line breaks inside a paragraph (w:br, w:cr) are real line breaks: some documents are one paragraph.
        parts = [
            "\n" if node.tag in (f"{_W}br", f"{_W}cr") else "\t" if node.tag == f"{_W}tab" else node.text or ""
            for node in para.iter()
            if node.tag in (f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr")
        ]
        paragraphs += [line.strip() for line in "".join(parts).split("\n") if line.strip()]
    text = "\n".join(paragraphs)
    if not text.strip():
        raise InputError("This DOCX has no text.")
    return text
