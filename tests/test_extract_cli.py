"""`alliancegraph extract PATH`: TriG on stdout for any text file, clear errors for bad input."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from server.cli import main

SEED = Path(__file__).resolve().parents[1] / "sources" / "002_62cfefc91660eb91.txt"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


def test_extract_seed_prints_parseable_trig_with_claims() -> None:
    code, out, err = run(str(SEED))
    assert code == 0, err
    assert out.startswith("# alliancegraph-extractor: ")
    quads = list(ox.parse(out.encode(), format=ox.RdfFormat.TRIG))
    graphs = {q.graph_name.value for q in quads}
    assert graphs == {"https://w3id.org/alliancegraph/graph/002_62cfefc91660eb91"}
    assert "claims extracted" in err


def test_id_option_names_the_graph(tmp_path: Path) -> None:
    f = tmp_path / "note.txt"
    f.write_text("Chile and Peru contributed to ISAF.", encoding="utf-8")
    code, out, _ = run(str(f), "--id", "my-note")
    assert code == 0
    assert "aggraph:my-note {" in out and "ag:participatesIn agid:isaf" in out


def test_same_output_twice(tmp_path: Path) -> None:
    assert run(str(SEED))[1] == run(str(SEED))[1]


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"\x00\x01\x02binary", "binary"),
    (b"caf\xe9 au lait", "not UTF-8"),
    (b"   \n\n ", "whitespace"),
])
def test_bad_files_give_a_message_not_a_traceback(tmp_path: Path, content: bytes, message: str) -> None:
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    code, out, err = run(str(f))
    assert code == 1
    assert message in err and "Traceback" not in err + out


def test_missing_file_and_bad_id(tmp_path: Path) -> None:
    code, _, err = run(str(tmp_path / "nope.txt"))
    assert code != 0 and "Traceback" not in err
    f = tmp_path / "ok.txt"
    f.write_text("Japan.", encoding="utf-8")
    code, _, err = run(str(f), "--id", "bad id!")
    assert code == 1 and "article id" in err


def test_text_without_entities_gives_valid_empty_trig(tmp_path: Path) -> None:
    f = tmp_path / "plain.txt"
    f.write_text('He said, "it is raining. Nothing else happened.', encoding="utf-8")
    code, out, _ = run(str(f))
    assert code == 0
    quads = list(ox.parse(out.encode(), format=ox.RdfFormat.TRIG))
    assert not [q for q in quads if q.predicate.value.endswith("#speaker")]


@pytest.mark.slow
def test_ten_megabyte_file(tmp_path: Path) -> None:
    f = tmp_path / "big.txt"
    para = "Japan and Australia contributed to ISAF. “NATO must act,” said Jane Roe.\n"
    f.write_text(para * (10_000_000 // len(para)), encoding="utf-8")
    code, out, err = run(str(f))
    assert code == 0, err[-500:]
    assert "ag:participatesIn" in out
