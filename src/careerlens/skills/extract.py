"""Find the skills a text names, as canonical taxonomy ids, and whether each is required.

Matching is alias-based on word boundaries, with three guards for ambiguous names: some aliases
only match as written (``R``, ``Go``, ``Excel``, ``Spark``), some only count next to another
technical skill or a cue word (``R``, ``C``, ``Go``, ``Ray``), and a few phrases that look like
skills but are ordinary English are refused (``Go to market``, ``excel at``, ``R&D``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from careerlens.decode.text import Sentence

TAXONOMY_PATH = Path(__file__).parent / "data" / "taxonomy.json"
Need = Literal["required", "nice"]

_NICE_CUE = re.compile(
    r"\b(a plus|is a plus|are a plus|plus\b|preferred|preferably|nice[- ]to[- ]have|bonus|desired|desirable|"
    r"ideally|advantageous|an advantage|good to have|great to have|would be great|not required|optional|"
    r"helpful|beneficial|familiarity (with|in) .* (is|a) plus)",
    re.I,
)
_CONTEXT_CUE = re.compile(
    r"\b(programming|language|languages|coding|code|scripting|packages|libraries|"
    r"statistical software|stack|tools?)\b",
    re.I,
)
# Skills stated as a phrase with words in between, which no fixed alias can catch.
_PHRASES: dict[str, re.Pattern[str]] = {
    "model-serving": re.compile(
        r"\b(deploy\w*|productioni[sz]\w*|ship\w*|serv(e|es|ing))\b[^.;]{0,60}\b(models?|ML|machine learning|AI)\b"
        r"|\b(models?|ML|machine learning)\b[^.;]{0,60}\b(deploy\w*|(in|into|to) production)\b",
        re.I,
    ),
}
# Words that name a skill in one place and an audience or a thing in another ("present to leadership").
_NOT_A_SKILL: dict[str, re.Pattern[str]] = {
    "leadership": re.compile(
        r"\b(to|for|with|senior|executive|company|business|organi[sz]ational)\s+leadership\b", re.I
    ),
    "stakeholder-management": re.compile(r"\b(to|for)\s+(business\s+)?stakeholders?\b", re.I),
}
_DEGREE_FIELD = re.compile(
    r"(degree|bachelor'?s?|master'?s?|ph\.?d|\bb\.?sc?\b|\bm\.?sc?\b|\bbs\b|\bms\b|diploma|major|graduate)"
    r"[^.;:]{0,120}$",
    re.I,
)
_FIELD_SKILLS = frozenset(
    {
        "mathematics",
        "statistics",
        "econometrics",
        "optimization",
        "machine-learning",
        "data-analysis",
        "computer-vision",
        "nlp",
        "operations-research",
    }
)
_FALSE_FRIENDS = [
    re.compile(r"\bGo[- ](to|live|get|getter|beyond|above)\b"),
    re.compile(r"\bExcel(lent)?\s+(at|in|as|with)\b"),
    re.compile(r"\bR\s*&\s*D\b|\bR-squared\b|\bR\d\b|\b[RC]\s*[-&'’]\s*\w"),
    re.compile(r"\bRay\s+[A-Z][a-z]+\b(?!\s+(Serve|Tune|Train|Data))"),
]


@dataclass(frozen=True)
class Skill:
    """A canonical skill of the taxonomy."""

    id: str
    name: str
    category: str
    aliases: tuple[str, ...]
    case_sensitive: bool
    needs_context: bool
    onet_hot: bool


@dataclass(frozen=True)
class SkillMention:
    """A skill found in a text: its id, whether it is required, and the sentences that name it."""

    id: str
    name: str
    category: str
    need: Need
    sentences: tuple[int, ...]
    spans: tuple[tuple[int, int], ...]


class Taxonomy:
    """The shipped skills taxonomy with its compiled matchers (load once with :func:`load_taxonomy`)."""

    def __init__(self, skills: Iterable[Skill], categories: dict[str, str]) -> None:
        self.skills = {s.id: s for s in skills}
        self.categories = categories
        self._by_alias: dict[str, str] = {}
        self._by_exact: dict[str, str] = {}
        for skill in self.skills.values():
            for alias in skill.aliases:
                if skill.case_sensitive:
                    self._by_exact.setdefault(alias, skill.id)
                else:
                    self._by_alias.setdefault(alias.lower(), skill.id)
        # Aliases as token tuples, so matching is dictionary lookups of n-grams rather than a huge regex.
        self._ci_grams = {_key(alias.lower()): sid for alias, sid in self._by_alias.items()}
        self._cs_grams = {_key(alias): sid for alias, sid in self._by_exact.items()}
        self._longest = max((len(k) for k in [*self._ci_grams, *self._cs_grams]), default=1)

    def lookup(self, name: str) -> Skill | None:
        """The skill a name or alias stands for (case-insensitive, then exact), else None."""
        key = name.strip()
        skill_id = self._by_alias.get(key.lower()) or self._by_exact.get(key)
        if skill_id is None:
            skill_id = next((v for k, v in self._by_exact.items() if k.lower() == key.lower()), None)
        if skill_id is None and key.lower().replace(" ", "-") in self.skills:
            skill_id = key.lower().replace(" ", "-")
        return self.skills.get(skill_id) if skill_id else None

    def find(self, text: str) -> list[tuple[str, int, int]]:
        """Every (skill id, start, end) in ``text``, longest alias first, before context checks."""
        spans = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text) if m.group(0) != "-"]
        words = [w for w, _, _ in spans]
        lowered = [w.lower() for w in words]
        hits: list[tuple[str, int, int]] = []
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                skill_id = self._ci_grams.get(tuple(lowered[i : i + n])) or self._cs_grams.get(tuple(words[i : i + n]))
                if skill_id is not None:
                    hits.append((skill_id, spans[i][1], spans[i + n - 1][2]))
                    i += n
                    break
            else:
                i += 1
        return hits


# Words keep + # . inside them (C++, C#, Node.js, .NET); / & - and ( ) are tokens of their own.
_WORD = re.compile(r"\.?[A-Za-z0-9][A-Za-z0-9+#]*(?:\.[A-Za-z0-9][A-Za-z0-9+#]*)*\+*|[/&()-]")


def _key(alias: str) -> tuple[str, ...]:
    """An alias as words; hyphens separate words like spaces do ("problem-solving" = "problem solving")."""
    return tuple(m.group(0) for m in _WORD.finditer(alias) if m.group(0) != "-")


@cache
def load_taxonomy(path: Path = TAXONOMY_PATH) -> Taxonomy:
    data = json.loads(path.read_text(encoding="utf-8"))
    skills = [
        Skill(
            s["id"],
            s["name"],
            s["category"],
            tuple(s["aliases"]),
            s["case_sensitive"],
            s["needs_context"],
            s["onet_hot"],
        )
        for s in data["skills"]
    ]
    return Taxonomy(skills, data["categories"])


def _false_friend(text: str, start: int, end: int) -> bool:
    """Whether the match at ``start`` is part of an ordinary phrase such as 'Go to market'."""
    for pattern in _FALSE_FRIENDS:
        for m in pattern.finditer(text, max(0, start - 1), min(len(text), end + 15)):
            if m.start() <= start < m.end():
                return True
    return False


@dataclass
class _Found:
    need: Need = "nice"
    sentences: list[int] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def sentence_need(sentence: Sentence) -> Need:
    """Whether a sentence states a requirement or a nice-to-have, from its section and wording."""
    if sentence.section == "preferred" or _NICE_CUE.search(sentence.text):
        return "nice"
    return "required"


def extract_skills(sentences: Iterable[Sentence], taxonomy: Taxonomy | None = None) -> list[SkillMention]:
    """Skills named in the given sentences, merged per skill: required if any mention requires it."""
    tax = taxonomy or load_taxonomy()
    found: dict[str, _Found] = {}
    for index, sentence in enumerate(sentences):
        if sentence.boilerplate:
            continue
        text = sentence.text
        hits = tax.find(text)
        for skill_id, pattern in _PHRASES.items():
            m = pattern.search(text)
            if m and skill_id in tax.skills:
                hits.append((skill_id, m.start(), m.end()))
        ids_here = {h[0] for h in hits}
        for skill_id, start, end in hits:
            skill = tax.skills[skill_id]
            if skill.case_sensitive and _false_friend(text, start, end):
                continue
            if skill_id in _FIELD_SKILLS and _DEGREE_FIELD.search(text[:start]):
                continue
            not_here = _NOT_A_SKILL.get(skill_id)
            if not_here and any(m.start() <= start < m.end() + 1 for m in not_here.finditer(text)):
                continue
            if skill.needs_context and not (len(ids_here - {skill_id}) >= 1 or _CONTEXT_CUE.search(text)):
                continue
            entry = found.setdefault(skill_id, _Found())
            if sentence_need(sentence) == "required":
                entry.need = "required"
            if index not in entry.sentences:
                entry.sentences.append(index)
            entry.spans.append((sentence.start + start, sentence.start + end))
    mentions = []
    for skill_id, entry in found.items():
        skill = tax.skills[skill_id]
        mentions.append(
            SkillMention(skill_id, skill.name, skill.category, entry.need, tuple(entry.sentences), tuple(entry.spans))
        )
    order = list(tax.categories)
    mentions.sort(key=lambda m: (order.index(m.category) if m.category in order else 99, m.need != "required", m.name))
    return mentions
