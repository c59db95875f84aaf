"""Resumes (PDF, DOCX, text) parse into skills with evidence strength, jobs, years and education."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from xml.sax.saxutils import escape

import pytest
import yaml

from careerlens.errors import InputError
from careerlens.profile.resume import parse_resume, read_resume
from tests.conftest import FIXTURES

RESUMES = FIXTURES / "resumes"


def _docx(paragraphs: list[str]) -> bytes:
    """A minimal real DOCX (the parts Word writes that matter for text) with one paragraph per line."""
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "".join(f"<w:p><w:r><w:t xml:space='preserve'>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            "<?xml version='1.0'?><Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'>"
            "<Default Extension='xml' ContentType='application/xml'/>"
            "<Override PartName='/word/document.xml' ContentType="
            "'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml'/></Types>",
        )
        z.writestr(
            "word/document.xml", f"<?xml version='1.0'?><w:document xmlns:w='{ns}'><w:body>{body}</w:body></w:document>"
        )
    return buf.getvalue()


def test_real_pdf_resume_skills_jobs_years_education():
    p = read_resume(RESUMES / "harvey_dent_mle.pdf")
    assert p.years_experience == 5 and p.years_basis == "stated in the resume"
    assert [(j.title, j.flavour) for j in p.jobs] == [
        ("Machine Learning Engineer", "ml_engineer"),
        ("Data Scientist", "ds_modeling"),
        ("Junior Data Analyst", "analytics"),
    ]
    assert [(e.degree, e.field) for e in p.education] == [
        ("master", "Computer Science"),
        ("bachelor", "Computer Science"),
    ]
    # Used in job bullets vs only listed in the skills section.
    for used in ("python", "pytorch", "tensorflow", "docker", "r"):
        assert p.skills[used].strength == "used", used
    for listed in ("sql", "kubernetes", "keras", "git"):
        assert p.skills[listed].strength == "listed", listed
    assert "openai-api" not in p.skills  # the employer OpenAI is not the OpenAI API
    assert p.projects == ["Predictive Stock Trading Model"]


def test_rendercv_pdf_matches_its_yaml_ground_truth():
    truth = yaml.safe_load((RESUMES / "John_Doe_HarvardTheme_CV.yaml").read_text())["cv"]["sections"]
    p = read_resume(RESUMES / "John_Doe_HarvardTheme_CV.pdf")
    degrees = {"PhD": "phd", "BS": "bachelor", "MS": "master"}
    assert [e.degree for e in p.education] == [degrees[e["degree"]] for e in truth["education"]]
    assert [j.title for j in p.jobs] == [e["position"] for e in truth["experience"]]
    assert [j.start for j in p.jobs] == [e["start_date"] for e in truth["experience"]]
    assert [j.internship for j in p.jobs] == ["Intern" in e["position"] for e in truth["experience"]]
    # Bullets with numbers are outcomes; a plain list of languages is a claim.
    assert p.skills["inference-optimization"].strength == "outcome"
    assert p.skills["cuda"].strength == "listed"


def test_years_are_summed_without_overlaps_or_internships():
    text = (
        "Experience\nData Analyst, Acme\nJan 2019 – Dec 2020\n• Built dashboards in Tableau.\n"
        "Analyst (part-time), Beta\nJun 2020 – Dec 2021\n• Wrote SQL reports.\n"
        "Summer Intern, Gamma\nJun 2018 – Aug 2018\n• Cleaned data in Excel.\n"
    )
    p = parse_resume(text, today=date(2026, 1, 1))
    assert [j.internship for j in p.jobs] == [False, False, True]
    assert p.years_experience == 3.0  # Jan 2019 - Dec 2021, the overlap counted once, the internship left out


def test_outcome_needs_a_result_in_the_same_sentence():
    text = (
        "Experience\nML Engineer, Acme\n2020 – 2023\n"
        "Trained ranking models in PyTorch for the search team and wrote the design docs for their rollout plan. "
        "Reduced query latency by 40% after moving feature computation to a cache."
    )
    p = parse_resume(text)
    assert p.skills["pytorch"].strength == "used"


def test_docx_resume(tmp_path):
    lines = (RESUMES / "evidenced_ml_engineer.txt").read_text().splitlines()
    path = tmp_path / "resume.docx"
    path.write_bytes(_docx(lines))
    p = read_resume(path)
    assert p.skills["scikit-learn"].strength == "outcome"
    assert p.skills["sql"].strength == "used"
    assert [j.title for j in p.jobs] == ["Machine Learning Engineer", "Data Scientist"]
    assert p.education[0].degree == "master"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("tiny.txt", b"Jane Doe", "almost no text"),
        ("binary.pdf", b"\x00\x01\x02garbage" * 100, "does not look like a real PDF"),
        ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "encrypted"),
        ("broken.docx", b"PK\x03\x04 not really a zip", "DOCX"),
    ],
)
def test_bad_resumes_get_a_clear_message(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=message):
        read_resume(path)


def test_image_only_pdf_is_refused_with_advice(tmp_path):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    path = tmp_path / "scan.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    with pytest.raises(InputError, match=r"(?i)scanned|image|no text"):
        read_resume(path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.pdf"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(InputError, match="50 MB"):
        read_resume(path)


def test_line_breaks_inside_one_docx_paragraph_are_lines(tmp_path):
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    body = "<w:p><w:r><w:t>Jane Doe</w:t><w:br/><w:t>linkedin.com/in/jane</w:t><w:br/><w:t>Experience</w:t><w:br/>"
    body += "<w:t>Data Analyst, Acme</w:t><w:br/><w:t>2019 - 2022</w:t><w:br/>"
    body += "<w:t>Built Tableau dashboards.</w:t></w:r></w:p>"
    path = tmp_path / "one_paragraph.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", f"<w:document xmlns:w='{ns}'><w:body>{body}</w:body></w:document>")
    p = read_resume(path)
    assert [j.title for j in p.jobs] == ["Data Analyst"] and p.skills["tableau"].strength == "used"


def test_real_docx_cvs_all_parse():
    """65 real, partly anonymised developer CVs (Vanetik & Kogan 2023, GPL-3.0, read in place from ../shared)."""
    from tests.conftest import shared_path

    folder = shared_path("data", "resumes", "vanetik_vacancy_resume_matching", "CV")
    profiles = [read_resume(path) for path in sorted(folder.glob("*.docx"))]
    assert len(profiles) == 65
    assert sum(len(p.skills) >= 3 for p in profiles) >= 60
    assert sum(p.years_experience is not None for p in profiles) >= 35
