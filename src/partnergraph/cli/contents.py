"""``validate``, ``export``, ``describe``, ``stats`` and ``diff``: what the graph holds."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from partnergraph.cli.context import (
    Lang,
    MaybeText,
    Output,
    OutputFile,
    as_of_option,
    check_format,
    errors,
    format_errors,
    format_option,
    options,
)
from partnergraph.cli.render import console, emit, emit_json, plain, table, text, titled
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import CATALOGUE, plural, t
from partnergraph.io.output import add_input

if TYPE_CHECKING:
    from partnergraph.graph import PartnerGraph


def validate(
    ctx: typer.Context,
    lang: Lang = "da",
    fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
) -> None:
    """Check the graph against the SHACL shapes. Exit 0 when clean, 1 on violations."""
    with errors(ctx):
        check_format(fmt, "validate", "text", "json")
        report = options(ctx).graph().validate(lang=lang)
        if fmt == "json":
            emit_json(report.to_dict())
        else:
            from partnergraph.io.tables import terminal_safe  # late: start-up time

            if report.conforms and not report.issues:
                typer.echo(t("validate.clean"))
            for thing, issues in report.by_focus().items():
                typer.echo(terminal_safe(thing))
                for issue in issues:
                    where = f" [{issue.path}]" if issue.path else ""
                    shown = issue.value_shown
                    value = f" ({t('validate.value')}: {shown})" if shown else ""
                    key = f"severity.{issue.severity}"
                    severity = t(key) if key in CATALOGUE else issue.severity
                    typer.echo(terminal_safe(f"  - {severity}{where}: {issue.message}{value}"))
            if report.issues:
                typer.echo(plural(len(report.issues), "validate.found"), err=True)
        if not report.conforms:
            raise typer.Exit(1)


def export(
    ctx: typer.Context,
    fmt: Annotated[str, format_option("ttl, nt, jsonld, xml or trig.")] = "ttl",
    output: OutputFile = None,
) -> None:
    """Export the whole graph: ontology, vocabularies, data and SDG subset."""
    with errors(ctx):
        from partnergraph.io.formats import graph_format  # late: start-up time

        with format_errors():
            content = options(ctx).graph().export(graph_format(fmt).name)
        emit(content, output)


def describe(
    ctx: typer.Context,
    thing: Annotated[
        str,
        typer.Argument(
            help="A name (Danish or English), an id, a prefixed name (pgid:...) or an IRI."
        ),
    ],
    lang: Lang = "da",
    fmt: Annotated[str, format_option("table or json.")] = "table",
    as_of: Annotated[
        MaybeText, as_of_option("Day of the status of agreements and decisions (default today).")
    ] = None,
) -> None:
    """Everything known about one entity: labels, types, links out and in, source."""
    with errors(ctx):
        check_format(fmt, "describe", "table", "json")
        from rdflib import URIRef  # late: start-up time

        from partnergraph.rdf.namespaces import compact  # late: start-up time

        d = options(ctx).graph().describe(thing, lang=lang, as_of=as_of)
        if fmt == "json":
            emit_json(d.to_dict())
            return
        screen = console()
        screen.print(text(f"{d.label}  <{d.iri}>", style="bold"))
        screen.print(text(f"{t('describe.types')}: " + ", ".join(d.types)))
        if d.status:
            screen.print(text(d.status))
        if d.sources:
            screen.print(text(f"{t('describe.source')}: " + "; ".join(d.sources)))
        for heading, links, column in (
            (t("describe.out"), d.outgoing, t("describe.value")),
            (t("describe.in"), d.incoming, t("describe.from")),
        ):
            if not links:
                continue
            made = titled(heading)
            made.add_column(t("describe.property"), overflow="fold")
            made.add_column(column, overflow="fold")
            made.add_column("IRI", overflow="fold", style="dim")
            made.add_column(t("describe.said_by"), overflow="fold")
            for link in links:
                iri = compact(str(link.node)) if isinstance(link.node, URIRef) else ""
                made.add_row(
                    text(link.predicate_label),
                    text(link.node_label),
                    text(iri),
                    text("; ".join(link.said_by)),
                )
            screen.print(made)


def stats(
    ctx: typer.Context,
    lang: Lang = "da",
    fmt: Annotated[str, format_option("table or json.")] = "table",
) -> None:
    """Counts of triples, entities per class and partnerships per type."""
    with errors(ctx):
        check_format(fmt, "stats", "table", "json")
        s = options(ctx).graph().stats(lang=lang)
        if fmt == "json":
            emit_json(s.to_dict())
            return
        from partnergraph.rdf.namespaces import compact  # late: start-up time

        screen = console()
        screen.print(plain(t("stats.summary", triples=s.triples, graphs=len(s.graphs))))
        title, rows = s.graph_rows()
        graphs = titled(title)
        graphs.add_column(t("stats.graph"))
        graphs.add_column(t("stats.source"))
        graphs.add_column(t("stats.triples"), justify="right")
        for g, source, n in rows:
            graphs.add_row(text(g), text(source), str(n))
        classes = titled(t("stats.classes"))
        classes.add_column(t("stats.class"))
        classes.add_column(t("stats.label"))
        classes.add_column(t("stats.entities"), justify="right")
        for c, lbl, n in s.classes:
            classes.add_row(text(compact(c)), text(lbl), str(n))
        kinds = titled(t("stats.kinds"))
        kinds.add_column(t("stats.by"))
        kinds.add_column(t("stats.kind"))
        kinds.add_column(t("stats.partnerships"), justify="right")
        for d, k, n in s.partnership_kinds:
            kinds.add_row(text(d), text(k), str(n))
        for made in (graphs, classes, kinds):
            screen.print(made)


def _edition(given: str) -> PartnerGraph:
    """An edition to compare: 'bundled', or an RDF file or folder (never to be overwritten)."""
    from partnergraph.graph import load  # late: start-up time
    from partnergraph.io.loading import rdf_files  # late: start-up time

    if given == "bundled":
        return load()
    if not Path(given).exists():
        raise ParameterError(t("diff.noedition", path=given))
    for path in rdf_files([given]):  # -o must not replace an edition being compared
        add_input(path)
    return load([given])


def diff(
    ctx: typer.Context,
    old: Annotated[
        str, typer.Argument(help="The earlier edition: an RDF file or folder, or 'bundled'.")
    ],
    new: Annotated[
        str, typer.Argument(help="The later edition: an RDF file or folder, or 'bundled'.")
    ],
    fmt: Annotated[str, format_option("table, md, json or ttl (RDF change set).")] = "table",
    output: Output = None,
    lang: Lang = "da",
) -> None:
    """What changed between two editions: partnerships, agreements, themes, forums, decisions."""
    with errors(ctx):
        from partnergraph.query.diff import diff as compare  # late: start-up time
        from partnergraph.query.diff import (  # late: start-up time
            format_table,
            to_json,
            to_markdown,
            to_rdf,
        )

        check_format(fmt, "diff", "table", "md", "json", "ttl")
        changes = compare(_edition(old), _edition(new), lang=lang)
        if fmt == "json":
            emit(to_json(changes), output)
        elif fmt == "ttl":
            emit(to_rdf(changes).serialize(format="turtle"), output)
        elif fmt == "md" or output is not None:
            emit(to_markdown(changes), output)
        else:
            headers, rows = format_table(changes)
            console().print(table(headers, rows))
            if not rows:
                typer.echo(t("diff.none"), err=True)
