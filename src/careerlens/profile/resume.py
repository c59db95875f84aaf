"""Read a resume into a :class:`Profile`: skills with evidence strength, jobs, years, education, projects.

A resume is split into sections by its headings (Skills, Experience, Projects, Education, …).
Each skill the taxonomy knows is then graded by where it appears:

- **listed**: only in a skills list, a summary or a headline ("Proficient in Python");
- **used**: in a job or project line that describes work done with it;
- **outcome**: in such a line that also states a result — a number, something shipped,
  deployed or published.

Everything is read locally; nothing of the resume leaves the machine.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from careerlens.decode.documents import MAX_BYTES, read_document
from careerlens.decode.facts import title_flavour
from careerlens.decode.text import Sentence, normalise
from careerlens.errors import InputError
from careerlens.knowledge.models import Degree
from careerlens.profile.models import Education, Job, Profile, SkillEvidence, Strength
from careerlens.skills.extract import extract_skills

MAX_RESUME_BYTES = MAX_BYTES
ResumeSection = str  # one of the keys of _SECTIONS, or "header"

_SECTIONS: list[tuple[str, re.Pattern[str]]] = [
    (
        "skills",
        re.compile(r"^(technical |core |key )?(skills|skill set|competenc|technologies|tools|tech stack)", re.I),
    ),
    (
        "experience",
        re.compile(r"^(work |professional |relevant |industry )?(experience|employment|work history|career)", re.I),
    ),
    ("projects", re.compile(r"^(personal |selected |side |academic |key )?projects?\b", re.I)),
    ("education", re.compile(r"^(education|academic (background|qualifications)|qualifications)", re.I)),
    ("publications", re.compile(r"^(selected )?(publications|papers|research)\b", re.I)),
    ("summary", re.compile(r"^(professional |career )?(summary|profile|objective|about me|about)\b", re.I)),
    (
        "other",
        re.compile(r"^(certifications?|awards?|honou?rs|languages|interests|hobbies|references|volunteer)", re.I),
    ),
]
_EVIDENCE_SECTIONS = {"experience", "projects", "publications"}
_SENTENCE = re.compile(r"(?<=[a-z0-9)%][.;])\s+(?=[A-Z])")
_OUTCOME = re.compile(
    r"\d+(\.\d+)?\s*(%|x\b|×|k\b|m\b|\+)|\$\s?\d|\b\d{2,}[,\d]*\s+(users|customers|requests|queries|"
    r"models|records|rows|events|documents|pipelines)|\b(reduc|improv|increas|decreas|cut|boost|sav|grew|"
    r"scal)\w*\b[^.]{0,60}\bby\b|\b(shipped|launched|released|deployed (to|in|into) production|in production|"
    r"published|accepted at|open[- ]sourced|won|first place|top \d+|cited)\b",
    re.I,
)
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_POINT = rf"(?:(?:{_MONTH})\s+\d{{4}}|\d{{4}}[-/.]\d{{1,2}}|\d{{1,2}}[-/.]\d{{4}}|\d{{4}})"
_RANGE = re.compile(
    rf"(?P<start>{_POINT})(?:\s*(?:-|–|—|to|until)\s*|\s+)(?P<end>{_POINT}|present|current|now|today|ongoing)\b",
    re.I,
)
_STATED_YEARS = re.compile(
    r"(?:over |more than )?(\d{1,2})\+?\s*(?:years?|yrs?)\s+(?:of\s+)?(?:\w+\s+){0,3}experience", re.I
)
_DEGREES: list[tuple[Degree, re.Pattern[str]]] = [
    ("phd", re.compile(r"\bph\.?\s?d\b|\bdoctor(ate| of)\b|\bd\.?phil\b", re.I)),
    (
        "master",
        re.compile(r"\bmaster|\bm\.?\s?sc?\b|\bm\.?s\.|\bmba\b|\bm\.?\s?tech\b|\bm\.?eng\b|\bmeng\b|\bm\.?a\.", re.I),
    ),
    (
        "bachelor",
        re.compile(
            r"\bbachelor|\bb\.?\s?sc?\b|\bb\.?s\.|\bb\.?\s?tech\b|\bb\.?e\.|\bbeng\b|\bb\.?a\.|\bbs\b|\bba\b", re.I
        ),
    ),
]
_FIELD = re.compile(
    r"(computer science|computer engineering|software engineering|data science|statistics|applied mathematics|"
    r"mathematics|physics|economics|econometrics|electrical engineering|electronics|mechanical engineering|"
    r"engineering|information (systems|technology)|business administration|finance|operations research|"
    r"biology|bioinformatics|chemistry|psychology|neuroscience|linguistics|artificial intelligence|"
    r"machine learning)",
    re.I,
)
# Lines that carry no content: page counters, bare dates, durations, short lines of contact details.
_NOISE = re.compile(
    r"\d+\s*/\s*\d+|(page \d+.*)|(\d+ years?)?\s*(\d+ months?)?|"
    r"(?=.{0,80}$).*\s[-–]\s*\d+\s*/\s*\d+|[^@\s]+@[^@\s]+\.\w+|"
    r"(?=.{0,100}$).*(linkedin|github\.com|/github|/linkedin|mobile-alt|\+?\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}).*",
    re.I,
)
_TITLE_WORD = re.compile(
    r"\b(engineer|scientist|analyst|developer|manager|intern|researcher|founder|cto|ceo|lead|director|consultant|"
    r"architect|specialist|associate|head|officer|fellow|assistant|programmer|administrator|statistician|"
    r"economist|designer|professor|lecturer|student|technician|owner|president|vp)\b",
    re.I,
)
# Names that in a resume are more often an employer or a badge than a skill.
_NOT_SKILL_TEXT = re.compile(r"\bgithub\s+(stars|profile)\b|\b(at|with|for|joined)\s+OpenAI\b", re.I)
_NEEDS_CUE = {"openai-api": re.compile(r"\bAPI|GPT|SDK|assistants?\b|function calling", re.I)}
_INTERN = re.compile(r"\bintern(ship)?\b|\btrainee\b|\bapprentice", re.I)


@dataclass(frozen=True)
class ResumeLine:
    text: str
    section: ResumeSection
    bullet: bool = False

    @property
    def is_header(self) -> bool:
        """A job or project heading (title, company, place, dates) rather than a line about the work."""
        return (
            self.section in _EVIDENCE_SECTIONS
            and not self.bullet
            and len(self.text) <= 110
            and not self.text.rstrip().endswith(".")
            and (bool(_RANGE.search(self.text)) or len(self.text.split()) <= 12)
        )


def read_resume(path: Path | str, name: str = "me") -> Profile:
    """A profile from a resume file (PDF, DOCX, TXT, Markdown or HTML)."""
    path = Path(path)
    text = read_document(path, too_large_advice="Export the resume again as a text PDF or DOCX without images.")
    return parse_resume(text, name=name, source=path.name)


def parse_resume(text: str, name: str = "me", source: str = "text", today: date | None = None) -> Profile:
    """A profile from a resume's text."""
    lines = split_resume(normalise(text))
    if sum(len(line.text) for line in lines) < 40:
        raise InputError("The resume has almost no text; if it is a scanned image, export it again as text.")
    jobs = _jobs(lines, today or date.today())
    stated = _stated_years(lines)
    worked = [j for j in jobs if not j.internship]
    if stated is not None:
        years, basis = float(stated), "stated in the resume"
    elif worked:
        years, basis = (
            round(_months_covered(worked) / 12, 1),
            "summed from the dates of the jobs (internships left out)",
        )
    else:
        years, basis = None, None
    return Profile(
        name=name,
        skills=_skills(lines),
        jobs=jobs,
        education=_education(lines),
        projects=_projects(lines),
        years_experience=years,
        years_basis=basis,
        built_from=[f"resume:{source}"],
    )


def split_resume(text: str) -> list[ResumeLine]:
    """The resume's lines, each with the section it sits in; headings themselves are dropped."""
    out: list[ResumeLine] = []
    section: ResumeSection = "header"
    for raw in text.split("\n"):
        bullet = raw.lstrip().startswith("•")
        line = raw.strip().lstrip("• ").strip()
        if not line or _NOISE.fullmatch(line):
            continue
        heading = _heading(line)
        if heading is not None:
            section = heading
            continue
        # "Skills: Python, SQL" — a heading and its content on one line.
        inline = re.match(r"([A-Za-z][A-Za-z &/]{2,30}):\s*(\S.*)$", line)
        if inline and (found := _heading(inline.group(1))) is not None:
            out.append(ResumeLine(inline.group(2), found))
            continue
        if section in _EVIDENCE_SECTIONS and len(line) > 120:
            # A paragraph about a job: judge each sentence on its own, so an outcome counts only where it is.
            out += [ResumeLine(part, section, True) for part in _SENTENCE.split(line) if part.strip()]
        else:
            out.append(ResumeLine(line, section, bullet))
    return out


def _heading(line: str) -> ResumeSection | None:
    bare = line.strip(" :#*-–").strip()
    if not bare or len(bare.split()) > 4 or bare.endswith(".") or any(ch.isdigit() for ch in bare):
        return None
    for section, pattern in _SECTIONS:
        if pattern.match(bare):
            return section
    return None


def _strength(line: ResumeLine) -> Strength:
    if line.section not in _EVIDENCE_SECTIONS:
        return "listed"
    return "outcome" if _OUTCOME.search(line.text) else "used"


def _skills(lines: list[ResumeLine]) -> dict[str, SkillEvidence]:
    # Each resume line is its own sentence, so a skills list is judged line by line.
    sentences = []
    pos = 0
    for line in lines:
        text = _NOT_SKILL_TEXT.sub(" ", line.text)
        sentences.append(Sentence(text, pos, pos + len(text), "other"))
        pos += len(text) + 1
    order: tuple[Strength, ...] = ("listed", "used", "outcome")
    found: dict[str, SkillEvidence] = {}
    for mention in extract_skills(sentences):
        mention_lines = [
            i
            for i in mention.sentences
            if not lines[i].is_header
            and not (mention.id in _NEEDS_CUE and not _NEEDS_CUE[mention.id].search(lines[i].text))
        ]
        if not mention_lines:
            continue
        mention = replace(mention, sentences=tuple(mention_lines))
        best: Strength = "listed"
        for index in mention.sentences:
            strength = _strength(lines[index])
            if order.index(strength) > order.index(best):
                best = strength
        # Show the strongest lines first.
        ranked = sorted(mention.sentences, key=lambda i: -order.index(_strength(lines[i])))
        where = [lines[i].text[:200] for i in ranked[:3]]
        found[mention.id] = SkillEvidence(
            id=mention.id, name=mention.name, category=mention.category, strength=best, where=where
        )
    return dict(sorted(found.items()))


def _month(point: str, end: bool, today: date) -> tuple[int, int] | None:
    point = point.strip().lower().rstrip(".")
    if point in ("present", "current", "now", "today", "ongoing"):
        return today.year, today.month
    m = re.match(rf"({_MONTH})\s+(\d{{4}})", point)
    if m:
        key = m.group(1)[:3]
        return int(m.group(2)), _MONTHS.get(key, 1)
    m = re.match(r"(\d{4})[-/.](\d{1,2})$", point)
    if m:
        return int(m.group(1)), min(12, max(1, int(m.group(2))))
    m = re.match(r"(\d{1,2})[-/.](\d{4})$", point)
    if m:
        return int(m.group(2)), min(12, max(1, int(m.group(1))))
    if re.fullmatch(r"\d{4}", point):
        return int(point), 12 if end else 1
    return None


def _jobs(lines: list[ResumeLine], today: date) -> list[Job]:
    """Jobs from the experience section: each date range, and the job title nearest to it."""
    exp = [line for line in lines if line.section == "experience"]
    # PDFs often break "2021 –" and "Present" onto separate lines: join a dangling dash with the next line.
    joined: list[ResumeLine] = []
    for line in exp:
        prev = joined[-1].text if joined else ""
        if re.search(r"(-|–|—|\bto)\s*$", prev) and re.match(rf"({_POINT}|present|current)", line.text, re.I):
            joined[-1] = ResumeLine(f"{prev} {line.text}", "experience", joined[-1].bullet)
        else:
            joined.append(line)
    jobs = []
    last_date = -1
    for i, line in enumerate(joined):
        m = _RANGE.search(line.text)
        if not m:
            continue
        start = _month(m.group("start"), False, today)
        end = _month(m.group("end"), True, today)
        candidates = [line.text[: m.start()] + " , " + line.text[m.end() :]]
        candidates += [j.text for j in reversed(joined[last_date + 1 : i]) if not j.bullet]
        candidates += [j.text for j in joined[i + 1 : i + 2] if not j.bullet and not _RANGE.search(j.text)]
        last_date = i
        if start is None or end is None or not (1950 <= start[0] <= today.year + 1) or end < start:
            continue
        title = _title(candidates)
        if title is None:
            continue
        months = (end[0] - start[0]) * 12 + end[1] - start[1] + 1
        present = m.group("end").lower() in ("present", "current", "now", "today", "ongoing")
        jobs.append(
            Job(
                title=title,
                flavour=title_flavour(title),
                start=f"{start[0]:04d}-{start[1]:02d}",
                end=None if present else f"{end[0]:04d}-{end[1]:02d}",
                months=months,
                internship=bool(_INTERN.search(title)),
            )
        )
    return jobs


def _title(candidates: list[str]) -> str | None:
    """The part of a job heading that is the job title ("Nexus AI, Co-Founder & CTO" -> "Co-Founder & CTO")."""
    for text in candidates:
        for part in re.split(r",| at | @ |\|| — | – | - ", text):
            part = part.strip(" ,|·-–:")
            if part and len(part) <= 80 and _TITLE_WORD.search(part):
                return part
    return None


def _months_covered(jobs: list[Job]) -> int:
    """Months covered by at least one job: overlapping jobs are not counted twice."""
    covered: set[int] = set()
    for job in jobs:
        if job.start is None:
            continue
        y, m = map(int, job.start.split("-"))
        first = y * 12 + m - 1
        covered.update(range(first, first + job.months))
    return len(covered)


def _stated_years(lines: list[ResumeLine]) -> int | None:
    for line in lines:
        if line.section in ("summary", "header"):
            m = _STATED_YEARS.search(line.text)
            if m and 0 < int(m.group(1)) <= 50:
                return int(m.group(1))
    return None


def _education(lines: list[ResumeLine]) -> list[Education]:
    out = []
    for line in lines:
        if line.section != "education":
            continue
        for degree, pattern in _DEGREES:
            if pattern.search(line.text):
                field = _FIELD.search(line.text)
                out.append(Education(degree=degree, field=field.group(0).title() if field else None, line=line.text))
                break
    return out


def _projects(lines: list[ResumeLine]) -> list[str]:
    """Project names: the heading lines of the projects section."""
    names = []
    for line in lines:
        if line.section != "projects" or not line.is_header:
            continue
        text = _RANGE.sub("", line.text)
        text = re.sub(r"^\s*((\d{4}|" + _MONTH + r"\s+\d{4})\s*)+", "", text, flags=re.I)
        text = re.sub(r"^(personal|side|academic) project:\s*", "", text, flags=re.I).strip(" ,–-|")
        if len(re.sub(r"[^A-Za-z]", "", text)) >= 3 and not re.fullmatch(r"(present|current|ongoing)", text, re.I):
            names.append(text[:80])
    return names[:12]
