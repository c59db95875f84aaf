"""Which of the seven company archetypes (seed 000) a posting's company most likely belongs to.

Cues are weighed from the whole posting, company blurb included (that is where a company says what
it is); a company named among an archetype's examples in the knowledge base settles it.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict

from careerlens.knowledge.loader import Knowledge

CUES: dict[str, list[str]] = {
    "frontier_labs": [
        r"frontier (ai|model)",
        r"foundation models?",
        r"\bagi\b",
        r"pre-?training",
        r"ai safety",
        r"large-scale training",
        r"state-of-the-art models",
        r"research lab",
    ],
    "search_ir": [
        r"\bsearch\b",
        r"information retrieval",
        r"retrieval",
        r"ranking",
        r"knowledge (graph|base)",
        r"enterprise search",
        r"answer engine",
    ],
    "infra_cloud": [
        r"cloud (platform|provider|services)",
        r"\bgpus?\b",
        r"\bchips?\b",
        r"semiconductor",
        r"data (platform|infrastructure) company",
        r"compute",
        r"datacenter|data center",
        r"infrastructure (company|provider)",
    ],
    "ml_heavy_product": [
        r"recommendations?",
        r"personali[sz]ation",
        r"fraud",
        r"marketplace",
        r"\beta\b",
        r"ranking",
        r"\bads\b|advertising|ad tech",
        r"millions of (users|customers|riders|listeners)",
        r"forecast",
    ],
    "api_adopters": [
        r"openai",
        r"anthropic",
        r"\bgpt",
        r"\bllm",
        r"ai[- ]powered features",
        r"copilot",
        r"generative ai features",
        r"saas",
    ],
    "enterprise_labs": [
        r"fortune (500|100)",
        r"global (leader|bank|retailer)",
        r"\bbank(ing)?\b",
        r"insurance",
        r"retail(er)?",
        r"healthcare system",
        r"enterprise",
        r"\b\d{2,3},000 employees",
        r"worldwide",
        r"pharmaceutical",
    ],
    "funded_startups": [
        r"startup|start-up",
        r"series [abcd]\b",
        r"\bseed\b",
        r"y ?combinator|\byc\b",
        r"founding",
        r"backed by",
        r"fast-paced",
        r"early[- ]stage",
        r"raised \$",
    ],
}
# Matched against the lower-cased text: case-insensitive alternations are twice as slow.
_COMPILED = {k: re.compile("|".join(f"(?:{p})" for p in v)) for k, v in CUES.items()}


class CompanyGuess(BaseModel):
    model_config = ConfigDict(frozen=True)

    archetype: str | None
    name: str | None
    confidence: float
    reason: str


def guess_archetype(kb: Knowledge, text: str, company: str | None = None) -> CompanyGuess:
    """The most likely archetype with the cues that point to it; None when nothing points anywhere."""
    if company:
        low = company.strip().lower()
        for arch in kb.companies.values():
            for example in arch.examples:
                if example.name.lower() == low or low.startswith(example.name.lower() + " "):
                    return CompanyGuess(
                        archetype=arch.id,
                        name=arch.name,
                        confidence=0.9,
                        reason=f"{company} is named as an example of {arch.name} in the landscape",
                    )
    scores: dict[str, list[str]] = {}
    lowered = text.lower()
    for arch_id, pattern in _COMPILED.items():
        scores[arch_id] = list(dict.fromkeys(m.group(0) for m in pattern.finditer(lowered)))
    best = max(scores, key=lambda k: len(scores[k]))
    total = sum(len(v) for v in scores.values())
    if not scores[best] or best not in kb.companies:
        return CompanyGuess(
            archetype=None, name=None, confidence=0.0, reason="the posting says too little about the company to tell"
        )
    confidence = round(len(scores[best]) / total, 2)
    cues = ", ".join(f"“{c}”" for c in dict.fromkeys(scores[best]))
    return CompanyGuess(
        archetype=best, name=kb.companies[best].name, confidence=confidence, reason=f"the posting mentions {cues}"
    )
