"""``network stats|export|figure`` and ``viz``: the collaborations as a network."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Optional

import typer

from partnergraph.cli.context import (
    Lang,
    MaybeText,
    MaybeTexts,
    OutputFile,
    as_of_option,
    check_format,
    errors,
    format_option,
    options,
)
from partnergraph.cli.render import console, emit, emit_json, plain, text, titled, wrote
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.io.output import write_atomic

network_app = typer.Typer(
    help="Networks of how the collaborations interconnect: statistics and export.",
    no_args_is_help=True,
)

Projection = Annotated[
    str,
    typer.Option(
        "--projection",
        "-P",
        help="collaboration (the whole network: organisations, partnerships, forums, agreements, "
        "themes), actors (organisations linked by the partnerships and forums they share) or "
        "themes (partnerships linked by shared themes and SDGs). The Danish words work too.",
    ),
]
AsOf = Annotated[MaybeText, as_of_option("Only what was in force on this date (YYYY-MM-DD).")]
Focus = Annotated[
    MaybeText,
    typer.Option(
        "--focus", help="Only the neighbourhood of this thing (name, id, pgid:... or IRI)."
    ),
]
Depth = Annotated[int, typer.Option("--depth", help="Hops around --focus.", min=0)]
MinWeight = Annotated[
    int,
    typer.Option(
        "--min-weight", help="Only links of at least this weight (themes: shared themes and SDGs)."
    ),
]
TopEdges = Annotated[
    int, typer.Option("--top-edges", help="Only this many of the heaviest links (0: all).")
]

_SECTIONS = ("degree", "betweenness", "articulation point", "community")


_CHOICE = ("projection", "lang", "as_of", "focus", "depth", "min_weight", "top_edges")
"""The options that choose a network; ``stats`` and ``export`` take all of them."""


def _network(ctx: typer.Context) -> Any:
    """The network the command's :data:`_CHOICE` options ask for, as it parsed them."""
    chosen = {name: ctx.params[name] for name in _CHOICE}
    return options(ctx).graph().network(**chosen)


@network_app.command("stats")
def network_stats(
    ctx: typer.Context,
    projection: Projection = "actors",
    as_of: AsOf = None,
    focus: Focus = None,
    depth: Depth = 1,
    min_weight: MinWeight = 1,
    top_edges: TopEdges = 0,
    lang: Lang = "da",
    top: Annotated[int, typer.Option("--top", help="How many nodes per ranking.", min=1)] = 10,
    fmt: Annotated[str, format_option("table, csv or json.")] = "table",
) -> None:
    """Size, density, components, centralities, articulation points and communities."""
    with errors(ctx):
        check_format(fmt, "network stats", "table", "csv", "json")
        from partnergraph.network.measures import network_stats as compute  # late: start-up time
        from partnergraph.network.projections import projection_name  # late: start-up time

        graph = _network(ctx)
        projection = projection_name(projection)
        s = compute(graph, top=top)
        if fmt == "json":
            emit_json(s.to_dict())
            return
        if fmt == "csv":
            emit(s.to_csv(), None)
            return
        sizes = ", ".join(str(n) for n in s.component_sizes[:10])
        between = (
            t("net.exact") if s.betweenness_exact else t("net.sampled", pivots=s.betweenness_pivots)
        )
        summary = t(
            "net.summary",
            projection=t(f"net.projection.{projection}"),
            nodes=s.nodes,
            edges=s.edges,
            density=f"{s.density:.3f}",
            components=s.components,
            sizes=sizes,
            between=between,
            modularity=f"{s.modularity:.3f}",
        )
        screen = console()
        screen.print(plain(summary))
        rows = s.rows()
        for section in _SECTIONS:
            made = titled(t(f"net.section.{section}"))
            made.add_column("#", justify="right")
            made.add_column(t("net.label"), overflow="fold")
            made.add_column(t("net.value"), justify="right")
            for name, rank, label, value, _iri in rows:
                if name == section:
                    made.add_row(str(rank), text(label), text(value))
            if made.row_count:
                screen.print(made)


@network_app.command("export")
def network_export(
    ctx: typer.Context,
    fmt: Annotated[str, format_option("graphml, gexf, json (node-link) or csv.")] = "graphml",
    projection: Projection = "collaboration",
    as_of: AsOf = None,
    focus: Focus = None,
    depth: Depth = 1,
    min_weight: MinWeight = 1,
    top_edges: TopEdges = 0,
    lang: Lang = "da",
    output: OutputFile = None,
    dynamic: Annotated[
        bool,
        typer.Option("--dynamic", help="gexf: a dynamic graph with start/end per node and edge."),
    ] = False,
) -> None:
    """Export a network for Gephi, Cytoscape or networkx."""
    with errors(ctx):
        from partnergraph.network.export import export_network  # late: start-up time

        graph = _network(ctx)
        emit(export_network(graph, fmt, dynamic=dynamic), output)


@network_app.command("figure")
def network_figure(
    ctx: typer.Context,
    output: Annotated[
        Path,
        typer.Option("--output", "-o", help="The .svg or .png file to write.", show_default=False),
    ],
    projection: Projection = "collaboration",
    as_of: AsOf = None,
    focus: Focus = None,
    depth: Depth = 1,
    kinds: Annotated[
        MaybeTexts,
        typer.Option(
            "--kind",
            help="Only nodes of this kind (repeatable), by key or name, e.g. partnership "
            "or partnerskab.",
        ),
    ] = None,
    title: Annotated[MaybeText, typer.Option("--title", help="Title of the figure.")] = None,
    lang: Lang = "da",
) -> None:
    """A printable figure of a network: title, date, legend, source line (SVG or PNG)."""
    with errors(ctx):
        from partnergraph.views.figure import figure  # late: start-up time

        data = figure(
            options(ctx).graph(),
            projection,
            fmt=output.suffix.lstrip(".").lower(),
            lang=lang,
            as_of=as_of,
            focus=focus,
            depth=depth,
            kinds=kinds,
            title=title,
        )
        write_atomic(output, data)
        wrote(output)


def viz(
    ctx: typer.Context,
    projection: Projection = "collaboration",
    focus: Focus = None,
    depth: Depth = 1,
    as_of: AsOf = None,
    lang: Lang = "da",
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "partnergraph-network.html"
    ),
    title: Annotated[MaybeText, typer.Option("--title", help="Title of the page.")] = None,
    open_it: Annotated[
        bool, typer.Option("--open", help="Open the page in the default browser.")
    ] = False,
    overview: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option(
            "--overview/--detail",
            help="Start from an overview (municipalities, or communities, as nodes; click to "
            "drill down) or draw every node. Default: an overview above 3,000 nodes.",
            show_default=False,
        ),
    ] = None,
    min_weight: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option(
            "--min-weight",
            help="Overview: the fewest shared partners (or links between communities) a line "
            "stands for. Default: chosen so the picture stays readable.",
            min=1,
        ),
    ] = None,
) -> None:
    """Write an interactive network page: one HTML file that works offline."""
    with errors(ctx):
        from partnergraph.views.network_page import LANGUAGES  # late: start-up time
        from partnergraph.views.overview_page import OverviewView  # late: start-up time

        if lang not in LANGUAGES:
            choices = f" {t('or')} ".join(LANGUAGES)
            raise ParameterError.of("lang.unknown", remedy="language", value=lang, choices=choices)
        kwargs: dict[str, Any] = {"title": title} if title else {}
        view = (
            options(ctx)
            .graph()
            .viz(
                projection,
                lang=lang,
                as_of=as_of,
                focus=focus,
                depth=depth,
                overview=overview,
                min_weight=min_weight,
                **kwargs,
            )
        )
        path = view.save(output)
        if isinstance(view, OverviewView):
            found = view.overview
            typer.echo(
                t(
                    "overview.wrote",
                    path=path,
                    groups=found.graph.number_of_nodes(),
                    what=t(f"overview.what.{found.basis}"),
                    links=found.graph.number_of_edges(),
                ),
                err=True,
            )
        else:
            graph = view.graph
            nodes, edges = graph.number_of_nodes(), graph.number_of_edges()
            typer.echo(t("viz.wrote", path=path, nodes=nodes, edges=edges), err=True)
        if open_it:
            import webbrowser

            webbrowser.open(path.resolve().as_uri())
