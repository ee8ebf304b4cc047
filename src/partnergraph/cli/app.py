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

from partnergraph.cli import lean_help as _lean_help
from partnergraph.core.version import __version__

_lean_help.install()

if TYPE_CHECKING:
    from partnergraph.graph import PartnerGraph
    from partnergraph.io.results import QueryResult

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
            from partnergraph.graph import PartnerGraph

            extra = {"rebuild": True} if self.rebuild else {}
            self._graph = PartnerGraph.load(self.data or None, store=self.store, **extra)
            from partnergraph.io.loading import input_files
            from partnergraph.io.output import add_input

            for path in input_files(self.data or None):  # each file, also those in folders
                add_input(path)
        return self._graph


_state = _State()


def _use_lang(ctx: typer.Context, value: str) -> str:
    """Every command's --lang: refuse a language partnergraph does not speak, then speak it."""
    from partnergraph.core.errors import PartnergraphError
    from partnergraph.core.messages import reset, use

    try:
        use(value)
        # The choice lasts for this command only, also when several run in one process.
        ctx.call_on_close(reset)
    except PartnergraphError as exc:
        from partnergraph.core.messages import t

        exc.advise("cli")  # what to do, said with this CLI's options
        if _state.debug:
            raise
        typer.echo(t("error", message=exc), err=True)
        raise typer.Exit(exc.exit_code) from None
    return value


Lang = Annotated[
    str,
    typer.Option(
        "--lang",
        "-l",
        help="Language of labels and messages: da or en.",
        envvar="PARTNERGRAPH_LANG",
        show_envvar=False,
        callback=_use_lang,
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
    from partnergraph.io import output

    output.set_inputs(data or [])  # no output may replace them
    output.removed_leftovers()
    ctx.call_on_close(output.clear_inputs)
    ctx.call_on_close(_report_leftovers)
    _state.data = list(data or [])
    _state.store = store
    _state.debug = debug
    _state.rebuild = rebuild
    _state._graph = None
    with _errors():
        import os

        from partnergraph.core.messages import ENV, check_language, reset

        reset()  # each invocation chooses afresh (several may run in one process)

        if os.environ.get(ENV):
            check_language(os.environ[ENV].strip())
        if not data:
            from partnergraph.io.project import find_project

            project = find_project()
            if project is not None:
                # late: only with a project file; --help starts without the message tables
                from partnergraph.engine.spec import project_store

                _state.data = project.data
                _state.store = store or project_store(project)


def _report_leftovers() -> None:
    from partnergraph.core.messages import t
    from partnergraph.io.output import removed_leftovers

    for path in removed_leftovers():
        typer.echo(t("output.leftover", path=path), err=True)


@contextmanager
def _errors() -> Iterator[None]:
    """Turn partnergraph's errors into one line on stderr and an exit code."""
    from partnergraph.core.errors import PartnergraphError

    try:
        yield
    except PartnergraphError as exc:
        exc.advise("cli")  # what to do, said with this CLI's options
        if _state.debug:
            raise
        from partnergraph.core.messages import t
        from partnergraph.io.formats import terminal_safe

        # names from data or input
        typer.echo(t("error", message=terminal_safe(exc.render())), err=True)
        raise typer.Exit(exc.exit_code) from None
    except KeyboardInterrupt:
        from partnergraph.core.messages import t

        typer.echo(t("interrupted"), err=True)
        raise typer.Exit(130) from None


@contextmanager
def _format_errors() -> Iterator[None]:
    """formats reports an unknown format name, or RDF/XML it cannot write, as ValueError."""
    from partnergraph.core.errors import ParameterError

    try:
        yield
    except ValueError as exc:
        raise ParameterError(str(exc)) from None


def _check_format(fmt: str, command: str, *valid: str) -> None:
    if fmt not in valid:
        from partnergraph.core.errors import ParameterError
        from partnergraph.core.messages import t

        choices = f"{', '.join(valid[:-1])} {t('or')} {valid[-1]}"
        raise ParameterError(t("format.unknown", value=fmt, command=command, choices=choices))


def _console() -> object:
    from rich.console import Console

    return Console(highlight=False, markup=False, emoji=False)


def _text(value: str, style: str = "") -> Any:
    """Data for the terminal: a rich Text (never markup) with control sequences shown, not sent."""
    from rich.text import Text

    from partnergraph.io.formats import terminal_safe

    return Text(terminal_safe(value), style=style)


def _emit(text: str | bytes, output: Path | None) -> None:
    from partnergraph.core.messages import t
    from partnergraph.io.output import STDOUT, write_atomic

    if output is None or str(output) == STDOUT:
        if isinstance(text, bytes):
            sys.stdout.buffer.write(text)
            return
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    write_atomic(output, text)
    typer.echo(t("wrote", path=output), err=True)


def _parse_params(params: list[str]) -> dict[str, str]:
    from partnergraph.core.errors import ParameterError

    values: dict[str, str] = {}
    for item in params:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            from partnergraph.core.messages import t

            raise ParameterError(t("param.keyvalue", item=item))
        values[key.strip()] = value
    return values


@app.command()
def queries(
    lang: Lang = "da",
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, json or md.")] = "table",
) -> None:
    """List the named queries with their titles and parameters."""
    with _errors():
        from partnergraph.query.library import load_library

        library = sorted(load_library().values(), key=lambda q: q.name)
        from partnergraph.core.messages import t

        default = t("queries.default")
        rows = [
            {
                "name": q.name,
                "aliases": ", ".join(q.aliases),
                "title": q.title(lang),
                "parameters": ", ".join(
                    f"{p.name} ({p.type}{'' if p.default is None else f', {default} ' + p.default})"
                    for p in q.parameters
                ),
                "description": q.description(lang),
            }
            for q in library
        ]
        heads = [t(f"queries.{k}") for k in ("name", "aliases", "title", "parameters")]
        if fmt == "json":
            _emit(json.dumps(rows, ensure_ascii=False, indent=2), None)
        elif fmt == "md":
            from partnergraph.io.formats import md_cell

            lines = ["| " + " | ".join(heads) + " |", "| --- | --- | --- | --- |"]
            lines += [
                f"| `{r['name']}` | {md_cell(r['aliases'])} | {md_cell(r['title'])} "
                f"| {md_cell(r['parameters'])} |"
                for r in rows
            ]
            _emit("\n".join(lines), None)
        elif fmt == "table":
            from rich.table import Table

            table = Table(show_lines=False)
            for column in heads:
                table.add_column(column, overflow="fold")
            for r in rows:
                table.add_row(*(_text(r[k]) for k in ("name", "aliases", "title", "parameters")))
            _console().print(table)  # type: ignore[attr-defined]
        else:
            _check_format(fmt, "queries", "table", "json", "md")


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
            help="table, csv, csv-excel, tsv, json, md, xlsx for SELECT/ASK; ttl, nt, jsonld, "
            "xml for CONSTRUCT. Default: from the --output file's extension.",
        ),
    ] = "",
    excel: Annotated[
        bool,
        typer.Option("--excel", help="CSV for Excel: semicolons, UTF-8 with BOM, Danish dates."),
    ] = False,
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
        from partnergraph.core.errors import ParameterError
        from partnergraph.core.messages import t

        chosen = [x for x in (name, file, sparql_text) if x is not None]
        if len(chosen) != 1:
            raise ParameterError(t("query.choose"))
        values = _parse_params(param or [])
        kg = _state.graph()
        result: QueryResult
        title: str | None = None
        titles: dict[str, str] = {}
        if name is not None:
            result = kg.query(name, values, lang=lang, as_of=as_of)
            named = kg.named_query(name)
            title, titles = named.title(lang), named.column_titles(lang)
        elif file is not None:
            if not file.is_file():
                raise ParameterError(t("query.nofile", path=file))
            from partnergraph.io.output import add_input

            add_input(file)
            result = kg.query_file(file, values, lang=lang)
        else:
            if values:
                raise ParameterError(t("query.params.named"))
            assert sparql_text is not None
            result = kg.sparql(sparql_text, allow_remote=allow_remote)
        _print_result(result, fmt, output, title, titles, excel=excel)


def _print_result(
    result: QueryResult,
    fmt: str,
    output: Path | None,
    title: str | None,
    titles: dict[str, str] | None = None,
    *,
    excel: bool = False,
) -> None:
    from partnergraph.core.messages import t
    from partnergraph.io import formats
    from partnergraph.io.results import AskResult, GraphResult, SelectResult

    text: str | bytes
    with _format_errors():
        if isinstance(result, GraphResult):
            name = formats.format_for_file(output, fmt, formats.GRAPH_FORMATS, "ttl")
            text = formats.serialize_graph(result.graph, name)
        else:
            offered = formats.RESULTS_FORMATS
            name = formats.format_for_file(output, fmt, offered, "table", excel=excel)
            if isinstance(result, AskResult):
                text = formats.render_ask(result, "json" if name == "json" else "md")
            elif name == "xlsx":
                assert isinstance(result, SelectResult)
                if output is None:
                    raise ValueError(t("format.binary.terminal", fmt=name, extension="xlsx"))
                text = formats.select_workbook(result, titles, title or t("sheet.results"))
            elif name == "table" and output is None:
                console = _console()
                table = formats.select_table(result, title, titles, width=console.width)  # type: ignore[attr-defined]
                console.print(table)  # type: ignore[attr-defined]
                return
            else:
                text = formats.render_select(result, "md" if name == "table" else name, titles)
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
            from partnergraph.core.messages import CATALOGUE, plural, t

            if report.conforms and not report.issues:
                typer.echo(t("validate.clean"))
            from partnergraph.io.formats import terminal_safe

            for thing, issues in report.by_focus().items():
                typer.echo(terminal_safe(thing))
                for issue in issues:
                    where = f" [{issue.path}]" if issue.path else ""
                    value = f" ({t('validate.value')}: {issue.value})" if issue.value else ""
                    key = f"severity.{issue.severity}"
                    severity = t(key) if key in CATALOGUE else issue.severity
                    typer.echo(terminal_safe(f"  - {severity}{where}: {issue.message}{value}"))
            if report.issues:
                typer.echo(plural(len(report.issues), "validate.found"), err=True)
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
        from partnergraph.io import formats

        with _format_errors():
            spec = formats.graph_format(fmt)
            text = _state.graph().export(spec.name)
        _emit(text, output)


@app.command()
def describe(
    thing: Annotated[
        str,
        typer.Argument(
            help="A name (Danish or English), an id, a prefixed name (pgid:...) or an IRI."
        ),
    ],
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

        from partnergraph.query.status import status_lines

        kg = _state.graph()
        d = kg.describe(thing, lang=lang)
        status = status_lines(kg, as_of, lang).get(str(d.iri), "")
        if fmt == "json":
            payload = {
                "iri": str(d.iri),
                "label": d.label,
                "status": status or None,
                "types": d.type_keys,
                "sources": d.sources,
                "outgoing": [
                    {
                        "property": k.predicate_key,
                        "value": k.node_label,
                        "iri": str(k.node) if isinstance(k.node, URIRef) else None,
                        "said_by": list(k.said_by),
                    }
                    for k in d.outgoing
                ],
                "incoming": [
                    {
                        "property": k.predicate_key,
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

        from partnergraph.core.messages import t
        from partnergraph.rdf.namespaces import compact

        console = _console()
        console.print(_text(f"{d.label}  <{d.iri}>", style="bold"))  # type: ignore[attr-defined]
        console.print(_text(f"{t('describe.types')}: " + ", ".join(d.types)))  # type: ignore[attr-defined]
        if status:
            console.print(_text(status))  # type: ignore[attr-defined]
        if d.sources:
            console.print(_text(f"{t('describe.source')}: " + "; ".join(d.sources)))  # type: ignore[attr-defined]
        for heading, links, column in (
            (t("describe.out"), d.outgoing, t("describe.value")),
            (t("describe.in"), d.incoming, t("describe.from")),
        ):
            if not links:
                continue
            table = Table(title=heading, title_justify="left")
            table.add_column(t("describe.property"), overflow="fold")
            table.add_column(column, overflow="fold")
            table.add_column("IRI", overflow="fold", style="dim")
            table.add_column(t("describe.said_by"), overflow="fold")
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

        from partnergraph.core.messages import t
        from partnergraph.rdf.namespaces import compact

        console = _console()
        console.print(Text(t("stats.summary", triples=s.triples, graphs=len(s.graphs))))  # type: ignore[attr-defined]
        graphs = Table(title=t("stats.graphs"), title_justify="left")
        graphs.add_column(t("stats.graph"))
        graphs.add_column(t("stats.triples"), justify="right")
        for g, n in s.graphs:
            graphs.add_row(_text(compact(g)), str(n))
        classes = Table(title=t("stats.classes"), title_justify="left")
        classes.add_column(t("stats.class"))
        classes.add_column(t("stats.label"))
        classes.add_column(t("stats.entities"), justify="right")
        for c, lbl, n in s.classes:
            classes.add_row(_text(compact(c)), _text(lbl), str(n))
        kinds = Table(title=t("stats.kinds"), title_justify="left")
        kinds.add_column(t("stats.by"))
        kinds.add_column(t("stats.kind"))
        kinds.add_column(t("stats.partnerships"), justify="right")
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
    typer.Option(
        "--focus", help="Only the neighbourhood of this thing (name, id, pgid:... or IRI)."
    ),
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

        from partnergraph.network.measures import network_stats as compute

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
            from partnergraph.io.formats import neutralise

            writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
            writer.writerow(["section", "rank", "label", "value", "iri"])
            writer.writerows([[neutralise(str(cell)) for cell in row] for row in rows])
            _emit(out.getvalue(), None)
            return
        from rich.table import Table
        from rich.text import Text

        from partnergraph.core.messages import CATALOGUE, t

        console = _console()
        sizes = ", ".join(str(n) for n in s.component_sizes[:10])
        between = (
            t("net.exact") if s.betweenness_exact else t("net.sampled", pivots=s.betweenness_pivots)
        )
        key = f"net.projection.{projection}"
        console.print(  # type: ignore[attr-defined]
            Text(
                t(
                    "net.summary",
                    projection=t(key) if key in CATALOGUE else projection,
                    nodes=s.nodes,
                    edges=s.edges,
                    density=f"{s.density:.3f}",
                    components=s.components,
                    sizes=sizes,
                    between=between,
                    modularity=f"{s.modularity:.3f}",
                )
            )
        )
        for section in ("degree", "betweenness", "articulation point", "community"):
            table = Table(title=t(f"net.section.{section}"), title_justify="left")
            table.add_column("#", justify="right")
            table.add_column(t("net.label"), overflow="fold")
            table.add_column(t("net.value"), justify="right")
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
        from partnergraph.network.export import export_network

        graph = _state.graph().network(projection, lang=lang, as_of=as_of, focus=focus, depth=depth)
        _emit(export_network(graph, fmt, dynamic=dynamic), output)


@network_app.command("figure")
def network_figure(
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The .svg or .png file to write.", show_default=False),
    ],
    projection: Projection = "collaboration",
    as_of: AsOf = None,
    focus: Focus = None,
    depth: Depth = 1,
    kinds: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--kind", help="Only nodes of this kind (repeatable), e.g. partnership."),
    ] = None,
    title: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--title", help="Title of the figure."),
    ] = None,
    lang: Lang = "da",
) -> None:
    """A printable figure of a network: title, date, legend, source line (SVG or PNG)."""
    with _errors():
        from partnergraph.io.output import write_atomic
        from partnergraph.views.figure import figure

        fmt = output.suffix.lstrip(".").lower()
        data = figure(
            _state.graph(),
            projection,
            fmt=fmt,
            lang=lang,
            as_of=as_of,
            focus=focus,
            depth=depth,
            kinds=kinds,
            title=title,
        )
        write_atomic(output, data)
        from partnergraph.core.messages import t

        typer.echo(t("wrote", path=output), err=True)


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
        from partnergraph.views.network_page import LANGUAGES, write_html

        if lang not in LANGUAGES:
            from partnergraph.core.errors import ParameterError

            raise ParameterError(f"--lang must be one of {', '.join(LANGUAGES)}, not {lang!r}")
        graph = _state.graph().network(projection, lang=lang, as_of=as_of, focus=focus, depth=depth)
        kwargs: dict[str, Any] = {"lang": lang}
        if title:
            kwargs["title"] = title
        path = write_html(graph, output, **kwargs)
        from partnergraph.core.messages import t

        typer.echo(
            t(
                "viz.wrote",
                path=path,
                nodes=graph.number_of_nodes(),
                edges=graph.number_of_edges(),
            ),
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
        from partnergraph.synthetic.generate import generate as write_dataset

        made = write_dataset(output, municipalities, seed, fmt=fmt)
        from partnergraph.core.messages import t

        typer.echo(
            t(
                "generate.wrote",
                triples=f"{made.triples:,}",
                n=municipalities,
                files=len(made.files),
                output=output,
            ),
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
        from partnergraph.authoring.spreadsheet import template as write_template

        result = write_template(
            output, from_graph=_state.graph() if from_graph else None, lang=lang, force=force
        )
        from partnergraph.core.messages import t

        rows = sum(result.rows.values())
        typer.echo(
            t("template.wrote", path=result.path, rows=rows, extra=result.extra_statements),
            err=True,
        )
        for warning in result.warnings:
            typer.echo(t("template.warning", what=warning), err=True)


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
        from partnergraph.authoring.editions import expand_iri, write_edition
        from partnergraph.authoring.spreadsheet import import_to_file
        from partnergraph.core.messages import t
        from partnergraph.engine.datasets import (
            described_as,
            import_namespace,
            other_sources,
            similar_names,
        )

        # a wrong IRI fails before anything is written
        replaced = expand_iri(replaces) if replaces is not None else None
        day = _day("--issued", issued)
        existing = _state.graph().store.to_dataset()
        namespace = import_namespace(existing, output.stem, replaced)
        against = None if replaced is not None else other_sources(existing, output.stem)
        for path in import_to_file(
            workbook, output, lang=lang, namespace=namespace, against=against
        ):
            typer.echo(t("wrote", path=path), err=True)
        if replaced is not None or described_as(existing, output.stem) is None:
            written = write_edition(
                output, replaces=replaces, issued=day, namespace=namespace, license=license
            )
            typer.echo(t("wrote", path=written), err=True)
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
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, ics, md or json; default from the --output file's extension.",
        ),
    ] = "",
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

        from partnergraph.io import formats
        from partnergraph.query.status import as_of_date, status_note
        from partnergraph.views.agenda import agenda as upcoming
        from partnergraph.views.agenda import format_table, to_ics, to_markdown

        with _format_errors():
            fmt = formats.format_for_file(output, fmt, ("table", "ics", "md", "json"), "table")
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
            headers, rows = format_table(items, lang)
            console = _console()
            table = formats.text_table(headers, rows, caption=note, width=console.width)  # type: ignore[attr-defined]
            console.print(table)  # type: ignore[attr-defined]
            if not rows:
                from partnergraph.core.messages import t

                typer.echo(t("agenda.empty"), err=True)


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
        from partnergraph import load
        from partnergraph.core.errors import ParameterError
        from partnergraph.query.diff import diff as compare
        from partnergraph.query.diff import format_table, to_json, to_markdown, to_rdf

        _check_format(fmt, "diff", "table", "md", "json", "ttl")

        def edition(text: str) -> Any:
            if text == "bundled":
                return load()
            if not Path(text).exists():
                raise ParameterError(
                    f"{text}: no such file or folder; give an RDF file, a folder or 'bundled'"
                )
            from partnergraph.io.loading import rdf_files
            from partnergraph.io.output import add_input

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
                from partnergraph.core.messages import t

                typer.echo(t("diff.none"), err=True)


def _day(option: str, value: str | None) -> Any:
    import datetime as dt

    from partnergraph.core.errors import ParameterError

    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        from partnergraph.core.messages import t

        raise ParameterError(t("date.option", option=option, value=value)) from None


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
        from partnergraph.server import ServerConfig
        from partnergraph.server import serve as run_server

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
            from partnergraph.core.messages import t

            typer.echo(t("stopped"), err=True)


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
        from partnergraph import load
        from partnergraph.views.site import build_site

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
        from partnergraph.publish import sync as publish

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
        from partnergraph.publish import sync as publish

        report = publish.pull(from_url, graph=graph, output=output)
        typer.echo(str(report))


@app.command()
def report(
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", "-f", help="docx, pdf or md (default: from --output, else docx)."),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: rapport-DATE.FORMAT; Markdown to the terminal).",
        ),
    ] = None,
    as_of: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--as-of", help="Status as of this date (YYYY-MM-DD); default today."),
    ] = None,
    section: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option(
            "--section",
            help="Only these sections (repeatable): intro, typology, formal, table, strategic, "
            "action, changes, figure.",
        ),
    ] = None,
    partnership: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Option("--partnership", "-p", help="Only this partnership (name; repeatable)."),
    ] = None,
    previous: Annotated[
        Optional[list[Path]],  # noqa: UP045
        typer.Option(
            "--previous", help="Data file or folder of the previous edition: report what changed."
        ),
    ] = None,
    lang: Lang = "da",
) -> None:
    """Write the partnership overview as of a date (Word, PDF, Markdown), every fact sourced."""
    with _errors():
        from partnergraph.io import formats
        from partnergraph.io.output import STDOUT, add_input
        from partnergraph.views.report import FORMATS, write_report
        from partnergraph.views.report import report as make_report

        with _format_errors():
            chosen = formats.format_for_file(output, fmt, FORMATS, "docx")
        day = _day("--as-of", as_of)
        if previous:
            from partnergraph.io.loading import rdf_files

            for path in rdf_files([str(p) for p in previous]):  # -o must not replace them
                add_input(path)
        data = make_report(
            _state.graph(),
            chosen,
            lang=lang,
            as_of=day,
            sections=section,
            partnerships=partnership,
            previous=previous,
        )
        if (output is None and chosen == "md") or str(output) == STDOUT:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
            return
        if output is None:
            import datetime as dt

            stem = "rapport" if lang == "da" else "report"
            output = Path(f"{stem}-{(day or dt.date.today()).isoformat()}.{chosen}")
        write_report(output, data)
        from partnergraph.core.messages import t

        typer.echo(t("wrote", path=output), err=True)


def main() -> None:
    """Entry point of the console script: the help speaks Danish unless asked for English."""
    import logging

    from partnergraph.core.interrupts import Terminated, stop_cleanly_on_signals
    from partnergraph.core.messages import language, t

    stop_cleanly_on_signals()
    # rdflib logs a full traceback for every literal whose value it cannot convert (a date
    # such as 2025-02-30 or year 10000): the data is still shown as written, and validate
    # reports such values, so the noise goes.
    logging.getLogger("rdflib.term").addHandler(logging.NullHandler())
    logging.getLogger("rdflib.term").propagate = False
    try:
        if language() != "da":
            app()
        else:
            import typer.main

            from partnergraph.cli.help_da import translate

            translate(typer.main.get_command(app))(prog_name="partnergraph")
    except Terminated as exc:  # every clean-up has run on the way out
        sys.stderr.write(t("stopped.by", signal=exc) + "\n")
        raise SystemExit(exc.exit_code) from None


if __name__ == "__main__":
    main()
