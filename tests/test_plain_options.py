"""Options read without pydantic give what typer's own reader gives: values and errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import pytest
import typer
from typer.testing import CliRunner

from partnergraph.cli import plain_options


def _app(existing: Path) -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def show(
        name: Annotated[str, typer.Argument()],
        top: Annotated[int, typer.Option(min=1, max=50)] = 10,
        share: Annotated[float, typer.Option()] = 0.5,
        port: Annotated[int, typer.Option()] = 0,
        data: Annotated[Optional[list[Path]], typer.Option(exists=True)] = None,  # noqa: UP045
        output: Annotated[Optional[Path], typer.Option(dir_okay=False)] = None,  # noqa: UP045
        param: Annotated[Optional[list[str]], typer.Option()] = None,  # noqa: UP045
        flag: Annotated[bool, typer.Option()] = False,
    ) -> None:
        typer.echo(repr((name, top, share, port, data, output, param, flag)))

    assert existing.exists()
    return app


CASES = [
    ["x"],
    ["x", "--top", "7", "--share", "2", "--port", "-3", "--flag"],
    ["x", "--top", "0"],
    ["x", "--top", "51"],
    ["x", "--top", "seven"],
    ["x", "--top", "7.0"],
    ["x", "--top", " 7"],
    ["x", "--share", "1.25"],
    ["x", "--share", "1e3"],
    ["x", "--share", "many"],
    ["x", "--data", "{existing}", "--data", "{existing}"],
    ["x", "--data", "/no/such/file"],
    ["x", "--data", "{folder}//missing/"],
    ["x", "--data", ""],
    ["x", "--output", "{folder}"],
    ["x", "--output", ""],
    ["x", "--output", "out.csv", "--param", "a=1", "--param", "b=2"],
]


@pytest.mark.parametrize("case", CASES, ids=[" ".join(case) for case in CASES])
def test_plain_reader_gives_what_typers_reader_gives(
    case: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "data.ttl"
    existing.write_text("", encoding="utf-8")
    args = [a.format(existing=existing, folder=tmp_path) for a in case]
    plain_options.install()
    ours = CliRunner().invoke(_app(existing), args, env={"COLUMNS": "200"})
    monkeypatch.setattr(plain_options, "_plain", lambda descriptor: False)
    typers = CliRunner().invoke(_app(existing), args, env={"COLUMNS": "200"})
    assert (ours.exit_code, ours.output) == (typers.exit_code, typers.output)


def test_plain_values_are_read_without_pydantic(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; from partnergraph.cli.app import main\n"
        "sys.argv = ['partnergraph', 'query', 'formal-partnerships', '-f', 'csv', '-o', "
        f"{str(tmp_path / 'out.csv')!r}, '--as-of', '2025-01-01']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('pydantic' in sys.modules, file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "False"
    assert (tmp_path / "out.csv").read_text(encoding="utf-8").count("\n") == 4
