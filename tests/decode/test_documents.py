"""Reading posting documents: DOCX, PDF, text, and the ways they go wrong."""

from __future__ import annotations

import io
import zipfile

import pytest

from careerlens.decode.decoder import decode_posting
from careerlens.decode.documents import document_text, read_document
from careerlens.errors import InputError
from tests.conftest import FIXTURES

DOCS = FIXTURES / "documents"


def test_docx_posting_decodes_with_rupee_salary():
    text = read_document(DOCS / "data_scientist.docx")
    assert text.startswith("Data Scientist/ ML Engineer")
    d = decode_posting(text)
    assert d.salary is not None and d.salary.currency == "INR" and d.salary.annual_low == 2_000_000


def test_pdf_posting_reads_text():
    text = read_document(DOCS / "product_manager.pdf")
    assert "Product Manager" in text
    assert decode_posting(text).seniority.years_min == 10


def test_one_word_per_line_pdf_is_rejoined():
    text = read_document(DOCS / "java_developer_es.pdf")
    assert "Java developer" in text
    assert sum(len(line.split()) == 1 for line in text.splitlines()) < len(text.splitlines()) / 2


def test_missing_folder_and_oversized_files(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (21 * 1024 * 1024))
    with pytest.raises(InputError, match="MB"):
        read_document(big)


def test_damaged_and_encrypted_office_files(tmp_path):
    with pytest.raises(InputError, match="damaged"):
        document_text(b"%PDF-1.4 this is not really a pdf", "x.pdf")
    with pytest.raises(InputError):
        document_text(b"PK\x03\x04 broken zip", "x.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("EncryptedPackage", b"...")
    with pytest.raises(InputError, match="encrypted"):
        document_text(buf.getvalue(), "secret.docx")
    with pytest.raises(InputError, match="encrypted Office"):
        document_text(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old.doc")


def test_image_only_pdf_is_explained():
    from pypdf import PdfWriter

    buf = io.BytesIO()
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.write(buf)
    with pytest.raises(InputError, match="no text layer"):
        document_text(buf.getvalue(), "scan.pdf")
