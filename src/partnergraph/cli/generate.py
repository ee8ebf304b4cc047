"""``generate``: a synthetic multi-municipality dataset to try the tools at scale."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from partnergraph.cli.context import errors, format_option, output_option
from partnergraph.core.messages import number, t


def generate(
    ctx: typer.Context,
    municipalities: Annotated[
        int, typer.Option("--municipalities", "-n", help="How many municipalities (1 to 10,000).")
    ] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same files.")] = 0,
    output: Annotated[Path, output_option("Folder to write the dataset into.")] = Path("synthetic"),
    fmt: Annotated[str, format_option("nt (N-Quads, N-Triples) or ttl (TriG, Turtle).")] = "nt",
) -> None:
    """Write a synthetic multi-municipality dataset (example.org IRIs, never real data).

    Each municipality is a dataset of its own, the shared partners a register, as real sources.

    About 1,000 triples per municipality; load it with --data FOLDER.
    """
    with errors(ctx):
        from partnergraph.synthetic.generate import generate as write  # late: start-up time

        made = write(output, municipalities, seed, fmt=fmt)
        typer.echo(
            t(
                "generate.wrote",
                triples=number(made.triples),
                n=municipalities,
                files=len(made.files),
                output=output,
            ),
            err=True,
        )
