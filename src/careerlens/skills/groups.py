"""Skills that stand in for each other: a posting asking for AWS, GCP or Azure wants one cloud, not three."""

from __future__ import annotations

ALTERNATIVES: tuple[frozenset[str], ...] = (
    frozenset({"aws", "gcp", "azure"}),
    frozenset({"sagemaker", "vertex-ai"}),
    frozenset({"pytorch", "tensorflow", "jax"}),
    frozenset({"tableau", "power-bi", "looker", "qlik"}),
    frozenset({"java", "scala", "go", "cpp", "csharp", "rust"}),
)


def alternatives_of(skill: str) -> frozenset[str]:
    """The other skills that can stand in for ``skill`` (empty when none)."""
    for group in ALTERNATIVES:
        if skill in group:
            return group - {skill}
    return frozenset()
