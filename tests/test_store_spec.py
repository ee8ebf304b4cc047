"""A store spec is read in one place: every kind, every mistake in one line, project folders."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from partnergraph.cli.app import app
from partnergraph.core.errors import ParameterError
from partnergraph.engine.sparql_text import query_form, tokens, where_brace
from partnergraph.engine.spec import StoreSpec, project_store
from partnergraph.io.project import read_project


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARTNERGRAPH_LANG", "en")


@pytest.mark.parametrize(
    ("text", "kind", "folder", "url"),
    [
        (None, "oxigraph", None, None),
        ("", "oxigraph", None, None),
        ("memory", "memory", None, None),
        ("oxigraph", "oxigraph", None, None),
        ("oxigraph:/srv/store", "oxigraph", Path("/srv/store"), None),
        ("oxigraph: /srv/store ", "oxigraph", Path("/srv/store"), None),
        ("oxigraph:~/store", "oxigraph", Path.home() / "store", None),
        ("sparql:http://127.0.0.1:7878/query", "sparql", None, "http://127.0.0.1:7878/query"),
    ],
)
def test_every_kind_of_spec_is_read_into_its_parts(
    text: str | None, kind: str, folder: Path | None, url: str | None
) -> None:
    spec = StoreSpec.parse(text)
    assert (spec.kind, spec.folder, spec.url) == (kind, folder, url)
    assert spec.on_disk is (folder is not None)
    assert StoreSpec.parse(str(spec)) == spec  # what it prints reads back as itself


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("postgres", "memory, oxigraph, oxigraph:PATH or sparql:URL"),
        ("oxigraph:", "oxigraph:PATH needs a folder"),
        ("Memory", "unknown store 'Memory'"),
    ],
)
def test_a_bad_spec_is_one_line_naming_what_to_write(text: str, says: str) -> None:
    with pytest.raises(ParameterError) as refused:
        StoreSpec.parse(text)
    message = refused.value.render("en")
    assert says in message and "\n" not in message


def test_a_project_store_folder_is_relative_to_the_project_file(tmp_path: Path) -> None:
    (tmp_path / "partnergraph.toml").write_text(
        'store = "oxigraph:.partnergraph-store"\n', encoding="utf-8"
    )
    project = read_project(tmp_path / "partnergraph.toml")
    assert project_store(project) == f"oxigraph:{tmp_path / '.partnergraph-store'}"
    (tmp_path / "partnergraph.toml").write_text('store = "memory"\n', encoding="utf-8")
    assert project_store(read_project(tmp_path / "partnergraph.toml")) == "memory"


def test_a_project_store_is_built_beside_the_project_file_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "one.nt").write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    project = 'data = ["one.nt"]\nstore = "oxigraph:store"\n'
    (tmp_path / "partnergraph.toml").write_text(project, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    monkeypatch.chdir(tmp_path / "reports")
    result = CliRunner().invoke(app, ["stats"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "store").is_dir() and not (tmp_path / "reports" / "store").exists()
    assert list((tmp_path / "reports").iterdir()) == []


@pytest.mark.parametrize(
    ("text", "form"),
    [
        (
            "# title: x\nPREFIX ex: <http://example.org/select#>\nCONSTRUCT { ?s ?p ?o } WHERE {}",
            "CONSTRUCT",
        ),
        ("BASE <http://x/>\n  ask { ?s ?p ?o }", "ASK"),
        ("# SELECT in a comment\nDESCRIBE <x>", "DESCRIBE"),
        ("INSERT DATA { <a> <b> <c> }", None),
    ],
)
def test_the_form_is_the_keyword_after_the_prologue(text: str, form: str | None) -> None:
    assert query_form(text) == form


def test_the_where_clause_of_a_construct_is_found_past_its_template_and_comments() -> None:
    text = 'CONSTRUCT { ?s ?p "{" } # {\nWHERE { ?s ?p ?o }'
    assert text[where_brace(text) :].startswith("{ ?s ?p ?o }")
    short = "CONSTRUCT # the template is the pattern\nWHERE { ?s ?p ?o }"
    assert short[where_brace(short) :].startswith("{ ?s ?p ?o }")


def test_tokens_tell_code_from_strings_iris_and_comments() -> None:
    kinds = [k for k, _ in tokens('SELECT ?x { ?x <p> "a # b" } # done') if k != "space"]
    assert kinds == ["word", "var", "other", "var", "iri", "string", "other", "comment"]
