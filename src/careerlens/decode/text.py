"""From raw posting bytes or markup to clean lines, sentences and sections.

Postings arrive as plain text, HTML (sometimes hostile), markdown, hard-wrapped text, Python-list
reprs or mojibake. Everything downstream (flavour model, skills, seniority) reads the
:class:`PostingText` built here, so every input is normalised once, the same way.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

from careerlens.errors import InputError

MAX_CHARS = 200_000
Section = Literal["intro", "about", "responsibilities", "requirements", "preferred", "benefits", "eeo", "other"]

_DROP_TAGS = {"script", "style", "noscript", "iframe", "object", "embed", "svg", "template", "head", "title"}
_BLOCK_TAGS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "table",
    "dt",
    "dd",
}


class _TextExtractor(HTMLParser):
    """Keeps the visible text of HTML; scripts, styles and their contents are dropped, never run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _DROP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n• " if tag == "li" else "\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


_HTML_HINT = re.compile(r"</?(p|div|br|li|ul|strong|span|h[1-6]|b|em|script|style|table)\b[^>]*>", re.I)


def html_to_text(markup: str) -> str:
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


_MOJIBAKE = re.compile("[ÂÃâ][\u0080-\u00bf\u2018-\u203a€™œ]")


def fix_mojibake(text: str) -> str:
    """Undo UTF-8 text that was decoded as Windows-1252 ('â€™' → '’'), where that round-trips."""
    if not _MOJIBAKE.search(text):
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        pass
    fixed = []
    for line in text.split("\n"):
        try:
            fixed.append(line.encode("cp1252").decode("utf-8") if _MOJIBAKE.search(line) else line)
        except (UnicodeEncodeError, UnicodeDecodeError):
            fixed.append(line)
    return "\n".join(fixed)


def decode_bytes(data: bytes) -> str:
    """Decode document bytes as UTF-8, else Windows-1252; refuse binary data with a clear message."""
    if not data.strip():
        raise InputError("The document is empty.")
    sample = data[:8192]
    if b"\x00" in sample or sum(b < 9 or 13 < b < 32 for b in sample) > len(sample) * 0.05:
        raise InputError("This looks like a binary file, not a text posting. Give text, HTML, markdown, PDF or DOCX.")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


_LIST_REPR = re.compile(r"^\s*\[\s*['\"]")


def normalise(raw: str) -> str:
    """Markup, list reprs, odd whitespace and mojibake to plain text with one item per line."""
    text = raw[:MAX_CHARS]
    if _LIST_REPR.match(text) and text.rstrip().endswith("]"):
        text = re.sub(r"['\"]\s*,\s*['\"]", "\n", text.strip()[1:-1]).strip("'\" ")
        text = text.replace("\\n", "\n")
    if _HTML_HINT.search(text) or "&lt;" in text:
        if "&lt;" in text and not _HTML_HINT.search(text):
            import html as _html

            text = _html.unescape(text)
        text = html_to_text(text)
    text = fix_mojibake(text)
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\u00a0", " ")
    text = re.sub(r"\*\*|__|`", "", text)
    text = re.sub(r"^\s*#{1,6}\s*", "", text, flags=re.M)
    text = re.sub(r"[ \u2000-\u200b]+", " ", text)
    text = re.sub(r"^[ ]*[-*•·▪●◦‣∙]\s*", "• ", text, flags=re.M)
    # Hard-wrapped lines: a line that stops mid-sentence and a next line that starts in lower case are one line.
    text = re.sub(r"(?<=[a-z,(/-])[ ]*\n[ ]*(?=[a-z(])", " ", text)
    return re.sub(r"\n\s*\n+", "\n", text).strip()


_HEADINGS: list[tuple[Section, re.Pattern[str]]] = [
    ("eeo", re.compile(r"equal (employment )?opportunit|eeo\b|diversity|accommodation", re.I)),
    ("benefits", re.compile(r"benefit|perks|what we offer|compensation|why (you'?ll love|join)|we offer", re.I)),
    ("preferred", re.compile(r"prefer|nice[- ]to[- ]have|bonus|plus|desired|desirable|ideal(ly)?|extra credit", re.I)),
    (
        "requirements",
        re.compile(
            r"requirement|qualification|what you('ll)? (need|bring)|who you are|skills|"
            r"experience|you have|must have|about you|profile|competenc",
            re.I,
        ),
    ),
    (
        "responsibilities",
        re.compile(
            r"responsib|what you('ll)? (do|work)|the role|duties|your (role|impact|day)|"
            r"job description|key (tasks|accountab)|you will|in this role|the job|"
            r"position (summary|overview)|overview|mission|what you will",
            re.I,
        ),
    ),
    (
        "about",
        re.compile(
            r"about (us|the company|the team|[A-Z]\w+)|who we are|our (company|story|team)|"
            r"company (description|overview)",
            re.I,
        ),
    ),
]
_BOILER_SENTENCE: list[tuple[Section, re.Pattern[str]]] = [
    (
        "eeo",
        re.compile(
            r"equal (employment )?opportunity|without regard to|sexual orientation|gender identity|"
            r"protected veteran|reasonable accommodation|e-verify|affirmative action|"
            r"national origin|disability status",
            re.I,
        ),
    ),
    (
        "benefits",
        re.compile(
            r"401\s?\(?k\)?|paid time off|\bPTO\b|health(,| and) dental|dental,? and vision|"
            r"parental leave|wellness (stipend|program)|equity (package|grant)|competitive "
            r"(salary|compensation|benefits)|medical,? dental|tuition reimbursement|"
            r"unlimited (pto|vacation)|benefits package",
            re.I,
        ),
    ),
]


@dataclass(frozen=True)
class Sentence:
    """One sentence or list item of a posting, with its section and character span in ``text``."""

    text: str
    start: int
    end: int
    section: Section
    heading: bool = False

    @property
    def boilerplate(self) -> bool:
        return self.section in ("about", "benefits", "eeo")


@dataclass(frozen=True)
class PostingText:
    """A normalised posting: the clean text and its sentences with sections."""

    text: str
    sentences: tuple[Sentence, ...]

    @property
    def work_sentences(self) -> list[Sentence]:
        """Sentences about the work itself: everything except company blurb, benefits and EEO."""
        return [s for s in self.sentences if not s.boilerplate and not s.heading]

    @property
    def work_text(self) -> str:
        return "\n".join(s.text for s in self.work_sentences)


def _heading_section(line: str) -> Section | None:
    stripped = line.strip().strip("•:*#-– ").strip()
    words = stripped.split()
    looks_like_heading = (
        0 < len(words) <= 8
        and (line.rstrip().endswith(":") or stripped.isupper() or len(words) <= 5)
        and not stripped.endswith(".")
        and not line.lstrip().startswith("•")
    )
    if not looks_like_heading:
        return None
    for section, pattern in _HEADINGS:
        if pattern.search(stripped):
            return section
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z•(\"'])")


def split_posting(text: str) -> PostingText:
    """Split normalised text into sentences, tracking the section each one sits in."""
    sentences: list[Sentence] = []
    section: Section = "intro"
    pos = 0
    for line in text.split("\n"):
        start = text.find(line, pos)
        pos = start + len(line)
        if not line.strip():
            continue
        heading = _heading_section(line)
        if heading is not None:
            section = heading
            sentences.append(Sentence(line.strip(), start, pos, section, heading=True))
            continue
        inline = re.match(r"\s*([A-Z][\w /&'’-]{2,40}):\s+(?=\S)", line)
        if inline:
            found = _heading_section(inline.group(1) + ":")
            if found is not None:
                section = found
        offset = start
        for piece in _SENTENCE_END.split(line):
            piece_start = text.find(piece, offset)
            offset = piece_start + len(piece)
            clean = piece.strip(" •")
            if len(clean) < 2:
                continue
            kind: Section = section
            if kind not in ("eeo", "benefits"):
                for boiler, pattern in _BOILER_SENTENCE:
                    if pattern.search(clean):
                        kind = boiler
                        break
            # The span is the clean sentence's own, so offsets inside ``clean`` map onto ``text`` exactly.
            start = piece_start + len(piece) - len(piece.lstrip(" •"))
            sentences.append(Sentence(clean, start, start + len(clean), kind))
    return PostingText(text, tuple(sentences))


def prepare_posting(raw: str) -> PostingText:
    """Normalise and split a posting; refuses empty input."""
    text = normalise(raw)
    if not text:
        raise InputError("The posting is empty: there is no text to decode.")
    return split_posting(text)
