"""The model runs its matrix products on numpy's OpenBLAS with one thread (nlp._one_blas_thread),
and that changes no parse and no entity: the same arrays as with BLIS, thinc's default."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from thinc.api import NumpyOps, use_ops
from threadpoolctl import threadpool_info

from loaders.extraction import nlp
from loaders.extraction.gazetteer import load_gazetteer

TEXTS = [p.read_text(encoding="utf-8") for p in sorted((Path(__file__).parent / "corpus" / "dev").glob("*.txt"))]
ATTRS = ["HEAD", "DEP", "ENT_IOB", "ENT_TYPE", "SENT_START"]


@pytest.fixture(scope="module")
def ours() -> spacy.language.Language:
    return nlp.load_pipeline(load_gazetteer())


def test_the_model_uses_numpy_ops_without_blis(ours: spacy.language.Language) -> None:
    for name in ("tok2vec", "parser", "ner"):
        ops = ours.get_pipe(name).model.ops  # type: ignore[attr-defined]
        assert isinstance(ops, NumpyOps) and ops.use_blis is False, name


def test_blas_runs_on_one_thread(ours: spacy.language.Language) -> None:
    blas = [i for i in threadpool_info() if i["user_api"] == "blas"]
    assert blas and all(i["num_threads"] == nlp.BLAS_THREADS == 1 for i in blas)


def test_parses_and_entities_are_those_of_blis(ours: spacy.language.Language) -> None:
    with use_ops("numpy", use_blis=True):
        blis = spacy.load(nlp.MODEL, exclude=list(nlp.EXCLUDE))
    assert blis.get_pipe("parser").model.ops.use_blis is True  # type: ignore[attr-defined]
    assert len(TEXTS) >= 15
    for text in TEXTS:
        a = ours.get_pipe("parser")(ours.get_pipe("tok2vec")(ours.make_doc(text)))
        a = ours.get_pipe("ner")(a)
        b = blis.get_pipe("parser")(blis.get_pipe("tok2vec")(blis.make_doc(text)))
        b = blis.get_pipe("ner")(b)
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
