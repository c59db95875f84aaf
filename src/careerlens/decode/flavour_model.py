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

from careerlens.decode.text import PostingText, Sentence
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


def sentence_weight(sentence: Sentence) -> int:
    """Responsibilities count twice: LABELS.md judges a posting by its responsibilities first."""
    return 2 if sentence.section in RESPONSIBILITY_SECTIONS else 1


def posting_terms(posting: PostingText, title: str | None) -> list[str]:
    """All the terms the model counts for a posting (training uses this; prediction uses ``encode``)."""
    terms: list[str] = []
    for s in posting.work_sentences:
        terms += text_terms(s.text) * sentence_weight(s)
    return terms + title_terms(title or "")


@dataclass(frozen=True)
class EncodedPosting:
    """A posting as the model sees it: term ids per work sentence, and the whole posting's TF-IDF vector."""

    sentences: list[Sentence]
    sentence_ids: list[list[int]]
    idx: npt.NDArray[np.int64]
    values: FloatArray


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
    def _ids(self, terms: Iterable[str]) -> list[int]:
        get = self.vocabulary.get
        return [i for i in map(get, terms) if i is not None]

    def _tfidf(self, counts: Counter[int]) -> tuple[npt.NDArray[np.int64], FloatArray]:
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
        values: FloatArray = (tf * self.idf[idx]).astype(np.float32)
        norm = float(np.sqrt(values @ values)) or 1.0
        return idx, values / np.float32(norm)

    def vector(self, terms: Iterable[str]) -> tuple[npt.NDArray[np.int64], FloatArray]:
        """The TF-IDF vector (indices, values) of a bag of terms."""
        return self._tfidf(Counter(self._ids(terms)))

    def encode(self, posting: PostingText, title: str | None) -> EncodedPosting:
        sentences = posting.work_sentences
        sentence_ids = [self._ids(text_terms(s.text)) for s in sentences]
        counts: Counter[int] = Counter(self._ids(title_terms(title or "")))
        for s, ids in zip(sentences, sentence_ids, strict=True):
            weight = sentence_weight(s)
            for i in ids:
                counts[i] += weight
        idx, values = self._tfidf(counts)
        return EncodedPosting(sentences, sentence_ids, idx, values)

    # -- prediction -----------------------------------------------------------------------
    def logits(self, idx: npt.NDArray[np.int64], values: FloatArray) -> FloatArray:
        out: FloatArray = values @ self.coef[idx] if len(idx) else np.zeros(len(self.classes), np.float32)
        return out + self.intercept

    def proba(self, encoded: EncodedPosting) -> dict[str, float]:
        return dict(zip(self.classes, softmax(self.logits(encoded.idx, encoded.values)).tolist(), strict=True))

    def predict_proba(self, posting: PostingText, title: str | None = None) -> dict[str, float]:
        return self.proba(self.encode(posting, title))

    def sentence_proba(self, encoded: EncodedPosting) -> FloatArray:
        """Each work sentence read on its own: its flavour probabilities (rows: sentences, columns: classes).

        This is what the decoder shows as evidence: a sentence that, alone, reads as a flavour."""
        out = np.zeros((len(encoded.sentence_ids), len(self.classes)), dtype=np.float32)
        for row, ids in enumerate(encoded.sentence_ids):
            idx, values = self._tfidf(Counter(ids))
            out[row] = softmax(self.logits(idx, values))
        return out

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
