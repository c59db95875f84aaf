"""The role-flavour model: TF-IDF over the work text and the title, and a linear softmax layer.

A linear model was chosen by measurement (see the model card): on this data it matches heavier
models, it explains itself (each sentence's contribution to each flavour is a dot product, which
is what the decoder shows as evidence), and it runs in well under a millisecond with numpy only.
Training (``fit``) needs scikit-learn; using a saved model (``load``/``predict``) does not.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from careerlens.decode.text import PostingText
from careerlens.errors import ModelError

MODEL_DIR = Path(__file__).parent / "data"
_TOKEN = re.compile(r"[a-z][a-z0-9+#]*(?:[./-][a-z0-9+#]+)*|\d+\+?")
_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "that",
        "the",
        "this",
        "to",
        "was",
        "we",
        "were",
        "will",
        "with",
        "you",
        "your",
        "their",
        "they",
        "them",
        "who",
        "which",
        "what",
        "when",
        "where",
        "how",
        "can",
        "all",
        "any",
        "may",
        "must",
        "also",
        "such",
        "other",
        "more",
    ]
)

FloatArray = npt.NDArray[np.float32]
RESPONSIBILITY_SECTIONS = frozenset({"responsibilities", "intro"})


def tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.lower()) if t not in _STOP]


def text_terms(text: str) -> list[str]:
    """Unigrams and bigrams of a text, the features the model counts."""
    toks = tokens(text)
    return toks + [f"{a} {b}" for a, b in itertools.pairwise(toks)]


def title_terms(title: str) -> list[str]:
    return ["t:" + t for t in text_terms(title)]


def work_text_for_model(posting: PostingText) -> str:
    """The text the model reads: the work sentences, with responsibilities counted twice.

    LABELS.md judges a posting by its responsibilities first; repeating them gives them that weight."""
    parts = []
    for s in posting.work_sentences:
        parts.append(s.text)
        if s.section in RESPONSIBILITY_SECTIONS:
            parts.append(s.text)
    return "\n".join(parts)


def posting_terms(posting: PostingText, title: str | None) -> list[str]:
    return text_terms(work_text_for_model(posting)) + title_terms(title or "")


@dataclass
class FlavourModel:
    """A fitted model: vocabulary, idf weights, coefficients (V × classes) and intercepts."""

    classes: list[str]
    vocabulary: dict[str, int]
    idf: FloatArray
    coef: FloatArray
    intercept: FloatArray
    card: dict[str, Any]

    # -- features -------------------------------------------------------------------------
    def _vector(self, terms: Iterable[str]) -> tuple[npt.NDArray[np.int64], FloatArray]:
        counts = Counter(i for i in (self.vocabulary.get(t) for t in terms) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter((1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts))
        values = tf * self.idf[idx]
        norm = float(np.sqrt(values @ values)) or 1.0
        return idx, values / norm

    def features(self, work_text: str, title: str | None) -> tuple[npt.NDArray[np.int64], FloatArray]:
        return self._vector(text_terms(work_text) + title_terms(title or ""))

    # -- prediction -----------------------------------------------------------------------
    def logits(self, idx: npt.NDArray[np.int64], values: FloatArray) -> FloatArray:
        out: FloatArray = values @ self.coef[idx] if len(idx) else np.zeros(len(self.classes), np.float32)
        return out + self.intercept

    def predict_proba(self, work_text: str, title: str | None = None) -> dict[str, float]:
        idx, values = self.features(work_text, title)
        return dict(zip(self.classes, softmax(self.logits(idx, values)).tolist(), strict=True))

    def title_proba(self, title: str) -> dict[str, float]:
        """What the title alone suggests: the model applied to the title's terms only."""
        idx, values = self._vector(title_terms(title))
        return dict(zip(self.classes, softmax(self.logits(idx, values)).tolist(), strict=True))

    def sentence_scores(self, sentences: Sequence[str], work_text: str, title: str | None) -> FloatArray:
        """Each sentence's contribution to each class logit (rows: sentences, columns: classes).

        The posting's TF-IDF vector is split among its sentences in proportion to how often each
        sentence uses each term, so the rows add up to the posting's logits (less intercept)."""
        idx, values = self.features(work_text, title)
        weight = dict(zip(idx.tolist(), values.tolist(), strict=True))
        total = Counter(i for i in (self.vocabulary.get(t) for t in text_terms(work_text)) if i is not None)
        scores = np.zeros((len(sentences), len(self.classes)), dtype=np.float32)
        for row, sentence in enumerate(sentences):
            own = Counter(i for i in (self.vocabulary.get(t) for t in text_terms(sentence)) if i is not None)
            if not own:
                continue
            ids = np.fromiter(own.keys(), dtype=np.int64, count=len(own))
            share = np.fromiter(
                (weight.get(i, 0.0) * c / total[i] for i, c in own.items()), dtype=np.float32, count=len(own)
            )
            scores[row] = share @ self.coef[ids]
        return scores

    # -- persistence ----------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        np.savez_compressed(
            directory / "flavour_model.npz",
            idf=self.idf.astype(np.float16),
            coef=self.coef.astype(np.float16),
            intercept=self.intercept.astype(np.float32),
        )
        (directory / "flavour_vocab.json").write_text(json.dumps({"classes": self.classes, "terms": terms}))
        (directory / "flavour_model_card.json").write_text(json.dumps(self.card, indent=1) + "\n")

    @classmethod
    def load(cls, directory: Path = MODEL_DIR) -> FlavourModel:
        try:
            arrays = np.load(directory / "flavour_model.npz")
            meta = json.loads((directory / "flavour_vocab.json").read_text())
            card = json.loads((directory / "flavour_model_card.json").read_text())
        except (OSError, ValueError, KeyError) as exc:
            raise ModelError(
                f"The flavour model in {directory} is missing or unreadable ({exc}); "
                "reinstall careerlens or rebuild it with scripts/train_flavour_model.py."
            ) from exc
        vocabulary = {t: i for i, t in enumerate(meta["terms"])}
        coef = arrays["coef"].astype(np.float32)
        if coef.shape != (len(vocabulary), len(meta["classes"])):
            raise ModelError("The flavour model's weights do not match its vocabulary; rebuild it.")
        return cls(
            meta["classes"],
            vocabulary,
            arrays["idf"].astype(np.float32),
            coef,
            arrays["intercept"].astype(np.float32),
            card,
        )


def softmax(z: FloatArray) -> FloatArray:
    e = np.exp(z - z.max())
    out: FloatArray = e / e.sum()
    return out


def build_vocabulary(
    docs: Sequence[list[str]], min_df: int = 2, max_terms: int = 60000
) -> tuple[dict[str, int], FloatArray]:
    """Terms seen in at least ``min_df`` documents (most frequent first) and their smoothed idf."""
    df: Counter[str] = Counter()
    for terms in docs:
        df.update(set(terms))
    kept = [t for t, n in df.most_common() if n >= min_df][:max_terms]
    n_docs = len(docs)
    idf = np.array([math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in kept], dtype=np.float32)
    return {t: i for i, t in enumerate(kept)}, idf
