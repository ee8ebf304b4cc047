"""The ``partnergraph`` command: a thin layer over :class:`partnergraph.PartnerGraph`.

Each command parses options, calls the method of the same name, and prints. Errors the user
can fix are one line on stderr with a non-zero exit code; ``--debug`` shows the traceback.
Heavy libraries are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Optional, cast

import typer

from . import __version__

if TYPE_CHECKING:
    from .graph import PartnerGraph
    from .results import QueryResult

app = typer.Typer(
    name="partnergraph",
    help="Partnerships between organisations as linked data: query, validate, describe, export.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@dataclass
class _State:
    data: list[Path] = field(default_factory=list)
    store: str | None = None
    debug: bool = False
    rebuild: bool = False
    _graph: PartnerGraph | None = None

    def graph(self) -> PartnerGraph:
        if self._graph is None:
            from .graph import PartnerGraph

            extra = {"rebuild": True} if self.rebuild else {}
            self._graph = PartnerGraph.load(self.data or None, store=self.store, **extra)
            from .loading import input_files
            from .output import add_input

            for path in input_files(self.data or None):  # each file, also those in folders
                add_input(path)
        return self._graph


_state = _State()

Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        help="Language of labels: da or en.",
        envvar="PARTNERGRAPH_LANG",
        show_envvar=False,
    ),
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"partnergraph {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    data: Annotated[
        Optional[list[Path]],  # noqa: UP045 - typer needs Optional here
        typer.Option(
            "--data",
            "-d",
            help="RDF file or folder to load instead of the bundled data (repeatable). "
            "The ontology is always included.",
            readable=False,  # the loader says why a file cannot be read, on one line
        ),
    ] = None,
    store: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--store",
            "-s",
            help="Where the triples live: oxigraph (default, in memory), memory (rdflib), "
            "oxigraph:PATH (on disk, rebuilt when the data changes) or sparql:URL.",
            envvar="PARTNERGRAPH_STORE",
        ),
    ] = None,
    rebuild: Annotated[
        bool,
        typer.Option(
            "--rebuild",
            help="Replace an on-disk store (--store oxigraph:PATH) built from other data.",
        ),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Partnerships between organisations as linked data."""
    from . import output

    output.set_inputs(data or [])  # no output may replace them
    output.removed_leftovers()
    ctx.call_on_close(output.clear_inputs)
    ctx.call_on_close(_report_leftovers)
    _state.data = list(data or [])
    _state.store = store
    _state.debug = debug
    _state.rebuild = rebuild
    _state._graph = None


def _report_leftovers() -> None:
    from .output import removed_leftovers

    for path in removed_leftovers():
        typer.echo(f"note: cleaned up {path}, left by a run that was killed", err=True)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn partnergraph's errors into one line on stderr and an exit code."""
    from .errors import PartnergraphError

    try:
        yield
    except PartnergraphError as exc:
        if _state.debug:
            raise
        from .formats import terminal_safe

        typer.echo(f"error: {terminal_safe(str(exc))}", err=True)  # names from data or input
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("interrupted", err=True)
        raise typer.Exit(130) from None


@contextmanager
def _format_errors() -> Iterator[None]:
    """formats reports an unknown format name, or RDF/XML it cannot write, as ValueError."""
    from .errors import ParameterError

    try:
        yield
    except ValueError as exc:
        raise ParameterError(str(exc)) from None


def _check_format(fmt: str, command: str, *valid: str) -> None:
    if fmt not in valid:
        from .errors import ParameterError

        raise ParameterError(
            f"unknown format {fmt!r} for {command!r}: use {', '.join(valid[:-1])} or {valid[-1]}"
        )


def _console() -> object:
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False)


def _text(value: str, style: str = "") -> Any:
    """Data for the terminal: a rich Text (never markup) with control sequences shown, not sent."""
    from rich.text import Text

    from .formats import terminal_safe

    return Text(terminal_safe(value), style=style)


def _emit(text: str, output: Path | None) -> None:
    from .output import STDOUT, write_atomic

    if output is None or str(output) == STDOUT:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_atomic(output, text)
    typer.echo(f"wrote {output}", err=True)


def _parse_params(params: list[str]) -> dict[str, str]:
    from .errors import ParameterError

    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise ParameterError(
                f"--param {item!r} must look like KEY=VALUE, e.g. before=2026-01-01"
            )
        values[key.strip()] = value
    return values


@app.command()
def queries(
    lang: Lang = "da",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or md.")] = "table",
) -> None:
    """List the named queries with their titles and parameters."""
    with _errors():
        from .library import load_library

        library = sorted(load_library().values(), key=lambda q: q.name)
        rows = [
            {
                "name": q.name,
                "title": q.title(lang),
                "parameters": ", ".join(
                    f"{p.name} ({p.type}{'' if p.default is None else ', default ' + p.default})"
                    for p in q.parameters
                ),
                "description": q.description(lang),
            }
            for q in library
        ]
        if fmt == "json":
            _emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
        elif fmt == "md":
            from .formats import md_cell

            lines = ["| name | title | parameters |", "| --- | --- | --- |"]
            lines += [
                f"| `{r['name']}` | {md_cell(r['title'])} | {md_cell(r['parameters'])} |"
                for r in rows
            ]
            _emit("\n".join(lines), None)
        elif fmt == "table":
            from rich.table import Table

            table = Table(show_lines=False)
            for column in ("name", "title", "parameters"):
                table.add_column(column, overflow="fold")
            for r in rows:
                table.add_row(_text(r["name"]), _text(r["title"]), _text(r["parameters"]))
            _console().print(table)  # type: ignore[attr-defined]
        else:
            from .errors import ParameterError

            raise ParameterError(f"unknown format {fmt!r} for 'queries': use table, json or md")


@app.command()
def query(
    name: Annotated[Optional[str], typer.Argument(help="Name of a query in the library.")] = None,  # noqa: UP045
    param: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--param", "-p", help="Query parameter as KEY=VALUE (repeatable)."),
    ] = None,
    file: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--file", help="Run the SPARQL query in this .rq file.", readable=False),
    ] = None,
    sparql_text: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--sparql", help="Run this SPARQL query text."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, csv, tsv, json, md for SELECT/ASK; ttl, nt, jsonld, xml for CONSTRUCT.",
        ),
    ] = "",
    lang: Lang = "da",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file instead of the terminal."),
    ] = None,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Permit SERVICE and FROM of graphs not loaded (network and file access).",
        ),
    ] = False,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Date that date parameters defaulting to today mean."),
    ] = None,
) -> None:
    """Run a named query, a query file or SPARQL text. Updates are refused."""
    with _errors():
        from .errors import ParameterError

        chosen = [x for x in (name, file, sparql_text) if x is not None]
        if len(chosen) != 1:
            raise ParameterError(
                "give exactly one of NAME, --file PATH or --sparql TEXT "
                "(run 'partnergraph queries' to list the names)"
            )
        values = _parse_params(param or [])
        kg = _state.graph()
        result: QueryResult
        title: str | None = None
        if name is not None:
            result = kg.query(name, values, lang=lang, as_of=as_of)
            title = kg.named_query(name).title(lang)
        elif file is not None:
            if not file.is_file():
                raise ParameterError(f"{file}: no such query file")
            from .output import add_input

            add_input(file)
            result = kg.query_file(file, values, lang=lang)
        else:
            if values:
                raise ParameterError("--param works with named queries and query files only")
            assert sparql_text is not None
            result = kg.sparql(sparql_text, allow_remote=allow_remote)
        _print_result(result, fmt, output, title)


def _print_result(result: QueryResult, fmt: str, output: Path | None, title: str | None) -> None:
    from . import formats
    from .results import AskResult, GraphResult

    with _format_errors():
        if isinstance(result, GraphResult):
            spec = formats.graph_format(fmt or "ttl")
            text = formats.serialize_graph(result.graph, spec.name)
        else:
            spec = formats.results_format(fmt or "table")
            if isinstance(result, AskResult):
                text = formats.render_ask(result, spec.name)
            elif spec.name == "table" and output is None:
                _console().print(formats.select_table(result, title))  # type: ignore[attr-defined]
                return
            else:
                name = "md" if spec.name == "table" else spec.name
                text = formats.render_select(result, name)
    _emit(text, output)


@app.command()
def validate(
    lang: Lang = "da",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Check the graph against the SHACL shapes. Exit 0 when clean, 1 on violations."""
    with _errors():
        _check_format(fmt, "validate", "text", "json")
        report = _state.graph().validate(lang=lang)
        if fmt == "json":
            _emit(
                json.dumps(
                    {
                        "conforms": report.conforms,
                        "issues": [
                            {
                                "focus": str(i.focus),
                                "label": i.focus_label,
                                "severity": i.severity,
                                "path": i.path,
                                "value": i.value,
                                "message": i.message,
                                "shape": i.shape,
                            }
                            for i in report.issues
                        ],
                    },
                    ensure_ascii=False,
                    indent=2,
                ),
                None,
            )
        else:
            if report.conforms and not report.issues:
                typer.echo("The graph conforms to the shapes: no problems found.")
            from .formats import terminal_safe

            for thing, issues in report.by_focus().items():
                typer.echo(terminal_safe(thing))
                for issue in issues:
                    where = f" [{issue.path}]" if issue.path else ""
                    value = f" (value: {issue.value})" if issue.value else ""
                    line = f"  - {issue.severity}{where}: {issue.message}{value}"
                    typer.echo(terminal_safe(line))
            if report.issues:
                count = len(report.issues)
                typer.echo(f"{count} problem{'s' if count != 1 else ''} found.", err=True)
        if not report.conforms:
            raise typer.Exit(1)


@app.command()
def export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="ttl, nt, jsonld, xml or trig.")
    ] = "ttl",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
) -> None:
    """Export the whole graph: ontology, vocabularies, data and SDG subset."""
    with _errors():
        from . import formats

        with _format_errors():
            spec = formats.graph_format(fmt)
            text = _state.graph().export(spec.name)
        _emit(text, output)


@app.command()
def describe(
    thing: Annotated[str, typer.Argument(help="IRI, prefixed name (pgid:...) or label.")],
    lang: Lang = "da",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--as-of", help="Day of the status of agreements and decisions (default today)."
        ),
    ] = None,
) -> None:
    """Everything known about one entity: labels, types, links out and in, source."""
    with _errors():
        _check_format(fmt, "describe", "table", "json")
        from rdflib import URIRef

        from .status import status_lines

        kg = _state.graph()
        d = kg.describe(thing, lang=lang)
        status = status_lines(kg, as_of, lang).get(str(d.iri), "")
        if fmt == "json":
            payload = {
                "iri": str(d.iri),
                "label": d.label,
                "status": status or None,
                "types": d.types,
                "sources": d.sources,
                "outgoing": [
                    {
                        "property": k.predicate_label,
                        "value": k.node_label,
                        "iri": str(k.node) if isinstance(k.node, URIRef) else None,
                        "said_by": list(k.said_by),
                    }
                    for k in d.outgoing
                ],
                "incoming": [
                    {
                        "property": k.predicate_label,
                        "from": k.node_label,
                        "iri": str(k.node),
                        "said_by": list(k.said_by),
                    }
                    for k in d.incoming
                ],
            }
            _emit(json.dumps(payload, ensure_ascii=False, indent=2), None)
            return
        from rich.table import Table

        from .namespaces import compact

        console = _console()
        console.print(_text(f"{d.label}  <{d.iri}>", style="bold"))  # type: ignore[attr-defined]
        console.print(_text("types: " + ", ".join(d.types)))  # type: ignore[attr-defined]
        if status:
            console.print(_text(status))  # type: ignore[attr-defined]
        if d.sources:
            console.print(_text("source: " + "; ".join(d.sources)))  # type: ignore[attr-defined]
        for heading, links, column in (
            ("links out", d.outgoing, "value"),
            ("links in", d.incoming, "from"),
        ):
            if not links:
                continue
            table = Table(title=heading, title_justify="left")
            table.add_column("property", overflow="fold")
            table.add_column(column, overflow="fold")
            table.add_column("IRI", overflow="fold", style="dim")
            table.add_column("ifølge" if lang == "da" else "according to", overflow="fold")
            for link in links:
                iri = compact(str(link.node)) if isinstance(link.node, URIRef) else ""
                table.add_row(
                    _text(link.predicate_label),
                    _text(link.node_label),
                    _text(iri),
                    _text("; ".join(link.said_by)),
                )
            console.print(table)  # type: ignore[attr-defined]


@app.command()
def stats(
    lang: Lang = "da",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
) -> None:
    """Counts of triples, entities per class and partnerships per type."""
    with _errors():
        _check_format(fmt, "stats", "table", "json")
        s = _state.graph().stats(lang=lang)
        if fmt == "json":
            payload = {
                "triples": s.triples,
                "graphs": dict(s.graphs),
                "classes": [{"class": c, "label": lbl, "entities": n} for c, lbl, n in s.classes],
                "partnerships": [
                    {"dimension": d, "kind": k, "partnerships": n}
                    for d, k, n in s.partnership_kinds
                ],
            }
            _emit(json.dumps(payload, ensure_ascii=False, indent=2), None)
            return
        from rich.table import Table
        from rich.text import Text

        from .namespaces import compact

        console = _console()
        console.print(Text(f"{s.triples} triples in {len(s.graphs)} graphs"))  # type: ignore[attr-defined]
        graphs = Table(title="graphs", title_justify="left")
        graphs.add_column("graph")
        graphs.add_column("triples", justify="right")
        for g, n in s.graphs:
            graphs.add_row(_text(compact(g)), str(n))
        classes = Table(title="entities per class", title_justify="left")
        classes.add_column("class")
        classes.add_column("label")
        classes.add_column("entities", justify="right")
        for c, lbl, n in s.classes:
            classes.add_row(_text(compact(c)), _text(lbl), str(n))
        kinds = Table(title="partnerships per type", title_justify="left")
        kinds.add_column("by")
        kinds.add_column("kind")
        kinds.add_column("partnerships", justify="right")
        for d, k, n in s.partnership_kinds:
            kinds.add_row(_text(d), _text(k), str(n))
        for table in (graphs, classes, kinds):
            console.print(table)  # type: ignore[attr-defined]


network_app = typer.Typer(
    help="Networks of how the collaborations interconnect: statistics and export.",
    no_args_is_help=True,
)
app.add_typer(network_app, name="network")

Projection = Annotated[
    str,
    typer.Option("--projection", "-P", help="collaboration (everything), actors or themes."),
]
AsOf = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--as-of", help="Only what was in force on this date (YYYY-MM-DD)."),
]
Focus = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--focus", help="Only the neighbourhood of this entity (IRI, pgid:..., label)."),
]
Depth = Annotated[int, typer.Option("--depth", help="Hops around --focus.", min=0)]


@network_app.command("stats")
def network_stats(
    projection: Projection = "actors",
    as_of: AsOf = None,
    focus: Focus = None,
    depth: Depth = 1,
    lang: Lang = "da",
    top: Annotated[int, typer.Option("--top", help="How many nodes per ranking.", min=1)] = 10,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
) -> None:
    """Size, density, components, centralities, articulation points and communities."""
    with _errors():
        _check_format(fmt, "network stats", "table", "csv", "json")
        from dataclasses import asdict

        from .network import network_stats as compute

        graph = _state.graph().network(projection, lang=lang, as_of=as_of, focus=focus, depth=depth)
        s = compute(graph, top=top)
        if fmt == "json":
            _emit(json.dumps(asdict(s), ensure_ascii=False, indent=2), None)
            return
        rows = _network_stat_rows(s)
        if fmt == "csv":
            import csv
            import io

            out = io.StringIO()
            from .formats import neutralise

            writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            writer.writerow(["section", "rank", "label", "value", "iri"])
            writer.writerows([[neutralise(str(cell)) for cell in row] for row in rows])
            _emit(out.getvalue(), None)
            return
        from rich.table import Table
        from rich.text import Text

        console = _console()
        sizes = ", ".join(str(n) for n in s.component_sizes[:10])
        between = "exact" if s.betweenness_exact else f"sampled, {s.betweenness_pivots} pivots"
        console.print(  # type: ignore[attr-defined]
            Text(
                f"{projection} network: {s.nodes} nodes, {s.edges} edges, "
                f"density {s.density:.3f}, {s.components} component(s) ({sizes}); "
                f"betweenness {between}; modularity {s.modularity:.3f}"
            )
        )
        for section in ("degree", "betweenness", "articulation point", "community"):
            table = Table(title=section, title_justify="left")
            table.add_column("#", justify="right")
            table.add_column("label", overflow="fold")
            table.add_column("value", justify="right")
            for name, rank, label, value, _iri in rows:
                if name == section:
                    table.add_row(str(rank), _text(label), _text(value))
            if table.row_count:
                console.print(table)  # type: ignore[attr-defined]


def _network_stat_rows(s: Any) -> list[tuple[str, int, str, str, str]]:
    rows: list[tuple[str, int, str, str, str]] = []
    for i, r in enumerate(s.degree, 1):
        rows.append(("degree", i, r.label, f"{r.score:.3f}", r.iri))
    for i, r in enumerate(s.betweenness, 1):
        rows.append(("betweenness", i, r.label, f"{r.score:.3f}", r.iri))
    for i, p in enumerate(s.articulation_points, 1):
        rows.append(("articulation point", i, p.label, "", p.iri))
    for i, c in enumerate(s.communities, 1):
        for m in c.members:
            rows.append(("community", i, m.label, str(c.size), m.iri))
    return rows


@network_app.command("export")
def network_export(
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="graphml, gexf, json (node-link) or csv.")
    ] = "graphml",
    projection: Projection = "collaboration",
    as_of: AsOf = None,
    focus: Focus = None,
    depth: Depth = 1,
    lang: Lang = "da",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    dynamic: Annotated[
        bool,
        typer.Option("--dynamic", help="gexf: a dynamic graph with start/end per node and edge."),
    ] = False,
) -> None:
    """Export a network for Gephi, Cytoscape or networkx."""
    with _errors():
        from .network import export_network

        graph = _state.graph().network(projection, lang=lang, as_of=as_of, focus=focus, depth=depth)
        _emit(export_network(graph, fmt, dynamic=dynamic), output)


@app.command()
def viz(
    projection: Projection = "collaboration",
    focus: Focus = None,
    depth: Depth = 1,
    as_of: AsOf = None,
    lang: Lang = "da",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "partnergraph-network.html"
    ),
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", help="Title of the page."),
    ] = None,
    open_it: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
) -> None:
    """Write an interactive network page: one HTML file that works offline."""
    with _errors():
        from .viz import LANGUAGES, write_html

        if lang not in LANGUAGES:
            from .errors import ParameterError

            raise ParameterError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        graph = _state.graph().network(projection, lang=lang, as_of=as_of, focus=focus, depth=depth)
        kwargs: dict[str, Any] = {"lang": lang}
        if title:
            kwargs["title"] = title
        path = write_html(graph, output, **kwargs)
        typer.echo(
            f"wrote {path} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)",
            err=True,
        )
        if open_it:
            import webbrowser

            webbrowser.open(path.resolve().as_uri())


@app.command()
def generate(
    municipalities: Annotated[
        int, typer.Option("--municipalities", "-n", help="How many municipalities (1 to 10,000).")
    ] = 10,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same files.")] = 0,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write the dataset into.")
    ] = Path("synthetic"),
    fmt: Annotated[str, typer.Option("--format", "-f", help="nt or ttl.")] = "nt",
) -> None:
    """Write a synthetic multi-municipality dataset (example.org IRIs, never real data).

    About 1,000 triples per municipality; load it with --data FOLDER.
    """
    with _errors():
        from .generate import generate as write_dataset

        made = write_dataset(output, municipalities, seed, fmt=fmt)
        typer.echo(
            f"wrote {made.triples:,} triples for {municipalities} municipalities "
            f"in {len(made.files)} files to {output}",
            err=True,
        )


@app.command()
def template(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", help="The .xlsx workbook to write (or a folder, for CSV files)."
        ),
    ],
    from_graph: Annotated[
        bool,
        typer.Option(
            "--from-graph",
            help="Fill the sheets with the current data (--data/--store) instead of leaving "
            "them empty.",
        ),
    ] = False,
    lang: Lang = "da",
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace a workbook that already holds filled rows."),
    ] = False,
) -> None:
    """Write a spreadsheet workbook to author partnership data in (Danish and English headers)."""
    with _errors():
        from .spreadsheet import template as write_template

        result = write_template(
            output, from_graph=_state.graph() if from_graph else None, lang=lang, force=force
        )
        rows = sum(result.rows.values())
        typer.echo(
            f"wrote {result.path} ({rows} rows, {result.extra_statements} extra statements)",
            err=True,
        )
        for warning in result.warnings:
            typer.echo(f"warning: an import would add: {warning}", err=True)


@app.command("import")
def import_(
    workbook: Annotated[
        Path,
        typer.Argument(
            help="The filled workbook (.xlsx) or a folder of CSV files, one per sheet.",
            readable=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="The Turtle file for the facts; the mappings go beside it as <name>-mappings.ttl.",
        ),
    ],
    lang: Lang = "da",
    replaces: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--replaces",
            help="New edition: the dataset it replaces (IRI, pgid:...); writes <name>-dataset.ttl.",
        ),
    ] = None,
    issued: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--issued", help="The dataset's date (default: today for an edition, else undated)."
        ),
    ] = None,
    license: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--license", help="The licence's IRI, stated in <name>-dataset.ttl."),
    ] = None,
) -> None:
    """Turn a filled workbook into RDF. Every problem is listed at once; nothing is written then.

    Ids are minted in the dataset's own namespace (pgid:<name>/...), or the replaced dataset's.
    """
    with _errors():
        from .datasets import described_as, import_namespace, other_sources, similar_names
        from .editions import expand_iri, write_edition
        from .spreadsheet import import_to_file

        # a wrong IRI fails before anything is written
        replaced = expand_iri(replaces) if replaces is not None else None
        day = _day("--issued", issued)
        existing = _state.graph().store.to_dataset()
        namespace = import_namespace(existing, output.stem, replaced)
        against = None if replaced is not None else other_sources(existing, output.stem)
        for path in import_to_file(
            workbook, output, lang=lang, namespace=namespace, against=against
        ):
            typer.echo(f"wrote {path}", err=True)
        if replaced is not None or described_as(existing, output.stem) is None:
            written = write_edition(
                output, replaces=replaces, issued=day, namespace=namespace, license=license
            )
            typer.echo(f"wrote {written}", err=True)
        if against is not None:
            from rdflib import Graph

            facts = Graph().parse(output, format="turtle")
            for hint in similar_names(facts, against, lang=lang):
                typer.echo(hint, err=True)


@app.command()
def agenda(
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Status as of this date (YYYY-MM-DD); default today."),
    ] = None,
    until: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--until", help="Only what may come by this date (YYYY-MM-DD); default six months on."
        ),
    ] = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--from", hidden=True, help="Older name of --as-of."),
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, ics, md or json.")] = "table",
    alarm_weeks: Annotated[
        int,
        typer.Option("--alarm-weeks", help="ics: reminder this many weeks before (0: none)."),
    ] = 2,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file instead of the terminal."),
    ] = None,
    lang: Lang = "da",
) -> None:
    """Overdue treatments and agreements without a successor first, then the next six months."""
    with _errors():
        import json

        from .agenda import agenda as upcoming
        from .agenda import format_table, to_ics, to_markdown
        from .status import as_of_date, status_note

        _check_format(fmt, "agenda", "table", "ics", "md", "json")
        day = as_of_date(as_of or since)
        kg = _state.graph()
        items = upcoming(kg, until=_day("--until", until), as_of=day, lang=lang)
        note = status_note(kg, day, lang).text
        if fmt == "ics":
            _emit(to_ics(items, alarm_weeks=alarm_weeks, note=note).decode("utf-8"), output)
        elif fmt == "json":
            payload = {"status": note, "items": [i.to_dict() for i in items]}
            _emit(json.dumps(payload, ensure_ascii=False, indent=2), output)
        elif fmt == "md" or output is not None:
            _emit(f"{note}\n\n" + to_markdown(items, lang), output)
        else:
            from rich.table import Table

            headers, rows = format_table(items, lang)
            table = Table(caption=note)
            for header in headers:
                table.add_column(header, overflow="fold")
            for row in rows:
                table.add_row(*(_text(c) for c in row))
            _console().print(table)  # type: ignore[attr-defined]
            if not rows:
                typer.echo(
                    "intet overskredet og intet de næste seks måneder (se --until)"
                    if lang == "da"
                    else "nothing overdue and nothing in the next six months (see --until)",
                    err=True,
                )


@app.command()
def diff(
    old: Annotated[
        str, typer.Argument(help="The earlier edition: an RDF file or folder, or 'bundled'.")
    ],
    new: Annotated[
        str, typer.Argument(help="The later edition: an RDF file or folder, or 'bundled'.")
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="table, md, json or ttl (RDF change set).")
    ] = "table",
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write to this file instead of the terminal."),
    ] = None,
    lang: Lang = "da",
) -> None:
    """What changed between two editions: partnerships, agreements, themes, forums, decisions."""
    with _errors():
        from . import load
        from .diff import diff as compare
        from .diff import format_table, to_json, to_markdown, to_rdf
        from .errors import ParameterError

        _check_format(fmt, "diff", "table", "md", "json", "ttl")

        def edition(text: str) -> Any:
            if text == "bundled":
                return load()
            if not Path(text).exists():
                raise ParameterError(
                    f"{text}: no such file or folder; give an RDF file, a folder or 'bundled'"
                )
            from .loading import rdf_files
            from .output import add_input

            for path in rdf_files([text]):  # -o must not replace an edition being compared
                add_input(path)
            return load([text])

        changes = compare(edition(old), edition(new), lang=lang)
        if fmt == "json":
            _emit(to_json(changes), output)
        elif fmt == "ttl":
            _emit(to_rdf(changes).serialize(format="turtle"), output)
        elif fmt == "md" or output is not None:
            _emit(to_markdown(changes), output)
        else:
            from rich.table import Table

            headers, rows = format_table(changes)
            table = Table()
            for header in headers:
                table.add_column(header, overflow="fold")
            for row in rows:
                table.add_row(*(_text(c) for c in row))
            _console().print(table)  # type: ignore[attr-defined]
            if not rows:
                typer.echo("ingen ændringer" if lang == "da" else "no changes", err=True)


def _day(option: str, value: str | None) -> Any:
    import datetime as dt

    from .errors import ParameterError

    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        raise ParameterError(f"{option} must be a date such as 2025-12-31, got {value!r}") from None


@app.command()
def serve(
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback unless you say so).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port; 0 picks a free one.")] = 8000,
    allow_update: Annotated[
        bool,
        typer.Option(
            "--allow-update",
            help="Accept SPARQL Update (in memory only), with a bearer token from "
            "--update-token-env.",
        ),
    ] = False,
    update_token_env: Annotated[
        str, typer.Option("--update-token-env", help="Environment variable holding the token.")
    ] = "PARTNERGRAPH_UPDATE_TOKEN",
    timeout: Annotated[
        float, typer.Option("--timeout", help="Seconds a query may run before it is stopped.")
    ] = 10.0,
    queue_timeout: Annotated[
        float, typer.Option("--queue-timeout", help="Seconds a request may wait for a worker.")
    ] = 30.0,
    overrun_cooldown: Annotated[
        float,
        typer.Option(
            "--overrun-cooldown",
            help="Seconds a query that overran is refused afterwards (however reworded) and "
            "its sender limited.",
        ),
    ] = 60.0,
    row_cap: Annotated[
        int, typer.Option("--row-cap", help="Most rows an answer holds (then flagged).")
    ] = 10_000,
    max_query_size: Annotated[
        int, typer.Option("--max-query-size", help="Largest query accepted, in bytes.")
    ] = 102_400,
    cors: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--cors", help="Allow this origin to call the endpoint from a browser."),
    ] = None,
    workers: Annotated[int, typer.Option("--workers", help="Query worker processes.")] = 2,
    spare_workers: Annotated[
        int, typer.Option("--spare-workers", help="Loaded spares that replace a stopped worker.")
    ] = 1,
    log_level: Annotated[
        str,
        typer.Option(
            "--log-level", help="uvicorn log level: critical, error, warning, info, debug, trace."
        ),
    ] = "warning",
    allow_host: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--allow-host",
            help="Also answer requests for this host name (NAME or NAME:PORT; repeatable), e.g. "
            "behind a proxy. Other names than the listening address and localhost are refused "
            "(DNS rebinding).",
        ),
    ] = None,
    max_value_size: Annotated[
        int, typer.Option("--max-value-size", help="Largest single value in an answer, in MB.")
    ] = 16,
    max_result_size: Annotated[
        int, typer.Option("--max-result-size", help="Largest answer a query may give, in MB.")
    ] = 64,
    query_memory: Annotated[
        int,
        typer.Option(
            "--query-memory", help="Memory a query may use in its worker, in MB (then 500)."
        ),
    ] = 1024,
) -> None:
    """Serve a SPARQL 1.1 endpoint, a query page and linked-data pages until Ctrl-C."""
    with _errors():
        from .server import ServerConfig
        from .server import serve as run_server

        if _state.rebuild:  # replace the on-disk store once, before the workers open it
            _state.graph().close()
        config = ServerConfig(
            data=_state.data or None,
            store=_state.store,
            allow_update=allow_update,
            update_token_env=update_token_env,
            query_timeout=timeout,
            queue_timeout=queue_timeout,
            overrun_cooldown=overrun_cooldown,
            row_cap=row_cap,
            max_query_bytes=max_query_size,
            cors_origin=cors,
            workers=workers,
            spare_workers=spare_workers,
            allowed_hosts=tuple(allow_host or ()),
            max_value_bytes=_megabytes(max_value_size),
            max_result_bytes=_megabytes(max_result_size),
            query_memory_bytes=_megabytes(query_memory),
        )
        try:
            run_server(config, host=host, port=port, log_level=log_level, announce=typer.echo)
        except KeyboardInterrupt:
            typer.echo("stopped", err=True)


def _megabytes(value: int) -> int:
    """MB on the command line; a negative or absurd value is left for ServerConfig to refuse."""
    return value * 1024 * 1024 if -(2**40) < value < 2**40 else -1


@app.command()
def site(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder to write the static site to (replaced only if it holds a previous site).",
        ),
    ],
    lang: Lang = "da",
    base_url: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--base-url",
            help="Where it will be published, e.g. https://example.org/partners/ "
            "(absolute download URLs, sitemap.xml).",
        ),
    ] = None,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Day of the home page's needs-action list; default today."),
    ] = None,
    previous: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--previous", help="The previous edition (RDF file or folder): adds a changes page."
        ),
    ] = None,
) -> None:
    """Write a static linked-data website: a page per entity, with Turtle and JSON-LD beside it."""
    with _errors():
        from . import load
        from .site import build_site

        before = load([previous]) if previous is not None else None
        report = build_site(
            _state.graph(), output, lang=lang, base_url=base_url, as_of=as_of, previous=before
        )
        typer.echo(report.summary(), err=True)


@app.command()
def push(
    to: Annotated[
        str,
        typer.Option(
            "--to",
            help="Graph Store Protocol or SPARQL Update URL, e.g. http://127.0.0.1:7878/store. "
            "Credentials: PARTNERGRAPH_USER and PARTNERGRAPH_PASSWORD, or ~/.netrc.",
            show_default=False,
        ),
    ],
    graph: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--graph",
            help="Named graph to replace (default: https://w3id.org/partnergraph/graph/all).",
            show_default=False,
        ),
    ] = None,
    protocol: Annotated[
        str,
        typer.Option(
            "--protocol",
            help="auto (Graph Store Protocol where the URL has it, else SPARQL Update), gsp or "
            "update.",
        ),
    ] = "auto",
) -> None:
    """Upload the whole graph into one named graph on a SPARQL server, replacing it."""
    with _errors():
        from . import publish

        report = publish.push(_state.graph(), to, graph=graph, protocol=cast(Any, protocol))
        typer.echo(str(report))


@app.command()
def pull(
    from_url: Annotated[
        str,
        typer.Option(
            "--from",
            help="Graph Store Protocol or SPARQL query URL of the server.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Turtle file to write.", show_default=False)
    ],
    graph: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--graph",
            help="Named graph to fetch, or 'default' for the default graph (default: "
            "https://w3id.org/partnergraph/graph/all).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Download one graph from a SPARQL server into a Turtle file."""
    with _errors():
        from . import publish

        report = publish.pull(from_url, graph=graph, output=output)
        typer.echo(str(report))


def main() -> None:
    """Entry point of the console script."""
    import logging

    from .interrupts import Terminated, stop_cleanly_on_signals

    stop_cleanly_on_signals()
    # rdflib logs a full traceback for every literal whose value it cannot convert (a date
    # such as 2025-02-30 or year 10000): the data is still shown as written, and validate
    # reports such values, so the noise goes.
    logging.getLogger("rdflib.term").addHandler(logging.NullHandler())
    logging.getLogger("rdflib.term").propagate = False
    try:
        app()
    except Terminated as exc:  # every clean-up has run on the way out
        sys.stderr.write(f"stopped by {exc}\n")
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
