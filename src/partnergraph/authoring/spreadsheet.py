"""Authoring partnership data in a spreadsheet: a template to fill in, and its import as RDF.

Municipal staff know spreadsheets, not Turtle. :func:`template` writes an .xlsx workbook with
one sheet per kind of thing (organisations, partnerships, agreements, themes, theme lists,
forums, forum members, decisions, documents, identifiers, extra statements), headers in Danish
and English, an explanation of every column, a guide and drop-down lists of the controlled
values; with ``from_graph`` it holds the current data, read with SPARQL so any store will do.
:func:`import_workbook` turns a filled workbook (or a folder of CSV files, one per sheet) into
RDF that follows the ontology exactly as the bundled data does; :func:`import_to_file` writes it
as Turtle. The round trip is exact: the bundled data written to a workbook and imported again is
isomorphic to ``data/norddjurs.ttl`` and ``data/norddjurs-mappings.ttl``.

**Facts and mappings stay apart.** The import returns an rdflib :class:`~rdflib.Dataset` with
two named graphs, as the loader names them: ``.../graph/<name>`` holds the facts from the
source, ``.../graph/<name>-mappings`` the editorial mappings (the columns marked *mapping*:
cross-cutting themes and SDG targets). :func:`import_to_file` writes them to ``<name>.ttl`` and
``<name>-mappings.ttl`` side by side, the layout of ``data/``. The dataset description
(``data/dataset.ttl``), the ontology and the controlled vocabularies are not authored in
sheets: the workbook refers to them and never changes them.

**Problems are reported all at once.** Every cell is checked (required cells, references to ids
no sheet defines or that are of the wrong kind, dates, periods that end before they start,
duplicate ids, values outside the controlled lists, numbers ...), then SHACL runs on the result
and each finding is pointed back at the sheet, row and column to fix. Any problem raises
:class:`SpreadsheetError` carrying the list of :class:`Problem`, in Danish or English
(``lang``), and nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl.utils import column_index_from_string
from rdflib import Dataset, Graph, URIRef

from partnergraph.authoring.register import (
    Register,
    bundled_register,
    read_register,
    register_hints,
)
from partnergraph.authoring.sheets.build import Built, build
from partnergraph.authoring.sheets.cells import COUNTRY, ids_in, join_multi
from partnergraph.authoring.sheets.export import export_sheets
from partnergraph.authoring.sheets.layout import SHEETS
from partnergraph.authoring.sheets.problems import LANGUAGES, Problem, SpreadsheetError
from partnergraph.authoring.sheets.reader import read_path
from partnergraph.authoring.sheets.shacl import shacl_problems
from partnergraph.authoring.sheets.table import SheetData
from partnergraph.authoring.sheets.vocab import bundled_vocabularies, load_vocabularies
from partnergraph.authoring.sheets.writer import write_csv_folder, write_workbook
from partnergraph.core.errors import OutputError, ParameterError, PartnergraphError
from partnergraph.engine.datasets import check_conflicts
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.io.output import check_output, write_files
from partnergraph.query.term_labels import term_labels
from partnergraph.rdf.namespaces import PGID, bind_prefixes

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = [
    "Problem",
    "SpreadsheetError",
    "TemplateResult",
    "facts_and_mappings",
    "import_to_file",
    "import_with_hints",
    "import_workbook",
    "template",
]


@dataclass(frozen=True)
class TemplateResult:
    """What :func:`template` wrote."""

    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    """Rows per sheet (sheet name in the workbook's language)."""
    extra_statements: int = 0
    """Statements that no column holds, written to the extra statements sheet."""
    warnings: list[str] = field(default_factory=list)
    """Statements an import would add that the graph lacks (conventions the data does not
    follow, such as a missing dcterms:isReplacedBy); empty for the bundled data."""


def _check_lang(lang: str) -> None:
    if lang not in LANGUAGES:
        raise ParameterError(f"unknown language {lang!r}: use da or en")


def template(
    output: Path,
    *,
    from_graph: Knowledge | None = None,
    lang: str = "da",
    force: bool = False,
) -> TemplateResult:
    """Write a workbook to fill in: ``output`` ending in ``.xlsx``, or a folder of CSV files.

    With ``from_graph`` the sheets hold the graph's data (read with SPARQL, any store), and the
    drop-down lists its vocabularies; otherwise they are empty and the lists come from the
    bundled vocabularies. The Register sheet lists the register's organisations (the graph's
    register, or the bundled one), whose ids the rows may use without describing them.
    Headers are in Danish and English; ``lang`` chooses the language of sheet names,
    explanations and the guide. A workbook (or CSV folder) that already holds filled rows, or
    that cannot be read as one, is replaced only with ``force``: a template written over
    someone's work by mistake would lose it.
    """
    _check_lang(lang)
    output = Path(output)
    is_workbook = output.suffix.lower() == ".xlsx"
    if not is_workbook and not (output.is_dir() or output.suffix == ""):
        raise OutputError(
            f"{output}: write the template to an .xlsx file, or to a folder for CSV files"
        )
    if not force:
        _refuse_filled(output, lang)
    sheets: list[SheetData] = []
    warnings: list[str] = []
    extra = 0
    if from_graph is not None:
        vocab = load_vocabularies(from_graph)
        exported = export_sheets(from_graph, vocab, lang, workbook=is_workbook)
        sheets, warnings, extra = exported.sheets, exported.warnings, exported.extra_statements
        register = read_register(from_graph.store)
    else:
        vocab = bundled_vocabularies()
        register = bundled_register()
    rows = [
        (e.id, e.names.get("da", ""), e.names.get("en", ""), join_multi(list(e.other_names)))
        for e in register.entries
    ]
    if is_workbook:
        write_workbook(output, sheets, vocab, lang, rows)
    else:
        write_csv_folder(output, sheets, lang, rows)
    return TemplateResult(output, {data.title: len(data.rows) for data in sheets}, extra, warnings)


def _refuse_filled(output: Path, lang: str) -> None:
    """Refuse to replace a workbook or CSV folder that holds data (or is not a workbook)."""
    if not output.exists():
        return
    if output.is_dir():
        names = {f"{spec.name(code)}.csv" for spec in SHEETS for code in LANGUAGES}
        if not any((output / name).exists() for name in names):
            return  # writing adds CSV files beside whatever else is there, replacing none
    try:
        sheets, _problems = read_path(output, lang)
    except PartnergraphError:
        raise OutputError.of("template.notworkbook", remedy="replace-file", path=output) from None
    rows = sum(len(data.rows) for data in sheets)
    if rows:
        raise OutputError.of(
            f"template.filled.{'one' if rows == 1 else 'many'}",
            remedy="filled-rows",
            path=output,
            n=rows,
        )


def _read_and_build(
    path: Path,
    lang: str,
    *,
    shacl: bool = True,
    namespace: str | None = None,
    register: Register | None = None,
) -> Built:
    _check_lang(lang)
    shared = bundled_register() if register is None else register
    with ids_in(namespace or str(PGID)):
        sheets, problems = read_path(Path(path), lang)
        external = dict.fromkeys(shared.iris(), "organisations")
        built = build(sheets, bundled_vocabularies(), lang, external=external, context=shared.graph)
    problems = problems + built.problems
    if shacl:
        problems += shacl_problems(built, lang)
    if problems:
        order = {data.title: i for i, data in enumerate(sheets)}
        problems.sort(
            key=lambda p: (
                order.get(p.sheet, -1 if p.row <= 1 else 99),
                p.row,
                _column_index(p.cell),
            )
        )
        raise SpreadsheetError(problems, source=str(path), lang=lang)
    return built


def _column_index(cell: str) -> int:
    letters = "".join(ch for ch in cell if ch.isalpha())
    return column_index_from_string(letters) if letters else 0


def import_workbook(
    path: Path,
    *,
    lang: str = "da",
    name: str | None = None,
    shacl: bool = True,
    namespace: str | None = None,
    register: Register | None = None,
) -> Dataset:
    """Turn a filled workbook (.xlsx) or a folder of CSV files into RDF.

    Returns a :class:`~rdflib.Dataset` with the facts in the named graph
    ``https://w3id.org/partnergraph/graph/<name>`` and the editorial mappings in
    ``.../<name>-mappings`` (``name`` defaults to the workbook's file name without suffix).
    Raises :class:`SpreadsheetError` listing every problem; ``shacl=False`` skips the SHACL
    check (the sheet checks always run). Bare ids are minted in ``namespace`` (default the shared
    ``pgid:`` namespace; see :mod:`partnergraph.datasets`). A reference may name one of the
    ``register``'s organisations without a row of its own (default: the bundled register).
    """
    path = Path(path)
    built = _read_and_build(path, lang, shacl=shacl, namespace=namespace, register=register)
    stem = name or path.stem
    dataset = Dataset(default_union=True)
    for graph_name, graph in ((stem, built.facts), (f"{stem}-mappings", built.mappings)):
        target = dataset.graph(URIRef(GRAPH_BASE + graph_name))
        for triple in graph:
            target.add(triple)
    return dataset


def facts_and_mappings(dataset: Dataset) -> tuple[Graph, Graph]:
    """The facts graph and the mappings graph of what :func:`import_workbook` returned."""
    facts, mappings = Graph(), Graph()
    for graph in dataset.graphs():
        name = str(graph.identifier)
        target = mappings if name.endswith("-mappings") else facts
        for triple in graph:
            target.add(triple)
    return facts, mappings


_HEADER = {
    "facts": "# Facts from the source, imported from {source} by partnergraph import.\n"
    "# Edit the workbook and import it again rather than editing this file.\n"
    "# Editorial mappings (cross-cutting themes, SDG targets) are in {other}.\n\n",
    "mappings": "# Editorial mappings (cross-cutting themes, SDG targets), imported from {source}\n"
    "# by partnergraph import; the facts from the source are in {other}.\n\n",
}


def _turtle(graph: Graph) -> str:
    out = Graph()
    bind_prefixes(out)
    out.bind("country", str(COUNTRY))
    for triple in graph:
        out.add(triple)
    return out.serialize(format="turtle")


def import_to_file(
    path: Path,
    output: Path,
    *,
    lang: str = "da",
    namespace: str | None = None,
    against: Graph | None = None,
    register: Register | None = None,
) -> list[Path]:
    """Import a workbook and write Turtle: the facts to ``output``, the mappings beside it
    (``<stem>-mappings.ttl``). Both are written atomically, and only when there is no problem.
    Returns the paths written. Both outputs are checked before the workbook is read: an output
    that is the workbook (or a CSV file of the folder) is refused, as is any other input.

    Bare ids are minted in ``namespace`` (default the shared ``pgid:`` namespace). With
    ``against`` (the data already loaded), an id that data already describes differently is
    refused (:func:`partnergraph.datasets.check_conflicts`). References may name the
    ``register``'s organisations (default: the bundled register).
    """
    written, _hints = import_with_hints(
        path, output, lang=lang, namespace=namespace, against=against, register=register
    )
    return written


def import_with_hints(
    path: Path,
    output: Path,
    *,
    lang: str = "da",
    namespace: str | None = None,
    against: Graph | None = None,
    register: Register | None = None,
) -> tuple[list[Path], list[str]]:
    """:func:`import_to_file`, and a hint for each organisation the workbook introduces whose
    name is close to one of the register's (:func:`partnergraph.authoring.register.register_hints`):
    the import goes ahead, since only the person who read the source knows if it is the same."""
    path, output = Path(path), Path(output)
    mappings_path = output.with_name(f"{output.stem}-mappings{output.suffix or '.ttl'}")
    sources = sorted(path.glob("*.csv")) if path.is_dir() else [path]
    for target in (output, mappings_path):
        check_output(target, *sources)
    shared = bundled_register() if register is None else register
    built = _read_and_build(path, lang, namespace=namespace, register=shared)
    if against is not None:
        check_conflicts(
            built.facts, against, source=path.name, lang=lang, term_name=term_labels().label
        )
    texts = (
        (
            output,
            _HEADER["facts"].format(source=path.name, other=mappings_path.name)
            + _turtle(built.facts),
        ),
        (
            mappings_path,
            _HEADER["mappings"].format(source=path.name, other=output.name)
            + _turtle(built.mappings),
        ),
    )
    return write_files(texts), register_hints(built, shared, lang=lang)
