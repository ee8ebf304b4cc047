"""The current graph -> rows, so that a workbook can be written from the data.

The graph is read with SPARQL through the :class:`~partnergraph.query.knowledge.Knowledge`, so this
works on every store. What is exported: every statement about an IRI in the data's named graphs
(not the ontology's, vocabularies' and SDG subset's), except those about the shared controlled
vocabularies and the dataset descriptions (the exemptions of the SHACL provenance rule), with
the blank nodes they point to. Facts come from the data graphs, editorial mappings from the
graphs whose name ends in ``-mappings``.

Each column takes only the values it can write back exactly. The rows are then built again and
compared with the graph: whatever they would not reproduce goes to the extra statements sheet,
so nothing is lost; whatever they would add (a convention the data does not follow, such as a
missing ``dcterms:isReplacedBy``) is returned as a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, RDF, RDFS, SKOS, XSD
from rdflib.term import Node

from partnergraph.authoring.sheets.build import build, looks_like_node
from partnergraph.authoring.sheets.cells import (
    ISO639_1,
    flag_text,
    join_lines,
    join_multi,
    render_iri,
    render_node,
)
from partnergraph.authoring.sheets.layout import EXTRA, ROW_SHEETS, Column, SheetSpec
from partnergraph.authoring.sheets.table import Row, SheetData
from partnergraph.authoring.sheets.vocab import Vocabularies
from partnergraph.core.errors import DataError
from partnergraph.io.loading import GRAPH_BASE, graph_name, ontology_files
from partnergraph.io.results import SelectResult
from partnergraph.io.serialize import XML_FORBIDDEN
from partnergraph.rdf.dates import LooseDate, date_of_literal
from partnergraph.rdf.namespaces import ADMS, FOAF, PG, compact

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = ["Exported", "export_sheets", "fetch_data"]

FIRST_DATA_ROW = 4

_SHEET_TYPES: tuple[tuple[str, frozenset[URIRef]], ...] = (
    ("agreements", frozenset({PG.Agreement, PG.PartnershipAgreement, PG.ActionPlan})),
    ("decisions", frozenset({PG.Decision})),
    ("forums", frozenset({PG.Forum})),
    ("partnerships", frozenset({PG.Partnership})),
    ("members", frozenset({ORG.Membership})),
    ("identifiers", frozenset({ADMS.Identifier})),
    (
        "themes",
        frozenset(
            {
                PG.Theme,
                PG.FocusArea,
                PG.ActionPlanItem,
                PG.CollaborationType,
                PG.InvolvementInstrument,
            }
        ),
    ),
    ("schemes", frozenset({SKOS.ConceptScheme})),
    ("documents", frozenset({PG.StrategyDocument, FOAF.Document})),
    ("organisations", frozenset({ORG.Organization})),
)


@dataclass
class Exported:
    sheets: list[SheetData]
    warnings: list[str] = field(default_factory=list)
    extra_statements: int = 0


def _ontology_graphs() -> str:
    """The graphs a workbook does not describe: the ontology's, the register's (sources refer
    to its organisations; its facts are kept in data/register.ttl) and editorial additions
    (``...-editorial``: what a source implies, kept apart from what it says)."""
    names = [graph_name(path).n3() for path in ontology_files()]
    return ", ".join([*names, f"<{GRAPH_BASE}register>"])


_EXEMPT = """
SELECT DISTINCT ?x WHERE {
    { ?x skos:inScheme ?scheme . ?scheme dcterms:creator ?creator }
    UNION { ?x a skos:ConceptScheme ; dcterms:creator ?creator }
    UNION { ?scheme dcterms:creator ?x . ?scheme a skos:ConceptScheme }
    UNION { ?x a ?cls
            FILTER(?cls IN (dcat:Dataset, dcat:Catalog, dcat:Distribution, void:Dataset)) }
}"""
"""Things the workbook does not describe: the shared controlled vocabularies (concept schemes
with a creator, their concepts, the creator) and dataset descriptions, as the SHACL provenance
rule exempts them."""


def fetch_data(kg: Knowledge) -> tuple[Graph, Graph]:
    """The facts and the editorial mappings the workbook describes, read with SPARQL.

    Every statement of the data's named graphs (not the ontology's) about an IRI that is not
    exempt, and about the blank nodes such statements lead to; read in one query so blank
    nodes keep their identity."""
    quads = kg.sparql(
        f"""SELECT ?g ?s ?p ?o WHERE {{
            GRAPH ?g {{ ?s ?p ?o }}
            FILTER(?g NOT IN ({_ontology_graphs()}) && !STRENDS(STR(?g), "-editorial"))
        }}"""
    )
    exempt = kg.sparql(_EXEMPT)
    assert isinstance(quads, SelectResult) and isinstance(exempt, SelectResult)
    skip = {row[0] for row in exempt.rows}
    by_subject: dict[Node, list[tuple[Node, Node, Node, bool]]] = {}
    for g, s, p, o in quads.rows:
        if s is None or p is None or o is None:
            continue
        by_subject.setdefault(s, []).append((s, p, o, str(g).endswith("-mappings")))
    wanted: list[Node] = [s for s in by_subject if isinstance(s, URIRef) and s not in skip]
    seen: set[Node] = set(wanted)
    facts, mappings = Graph(), Graph()
    while wanted:
        subject = wanted.pop()
        for s, p, o, mapping in by_subject.get(subject, []):
            (mappings if mapping else facts).add((s, p, o))
            if isinstance(o, BNode) and o not in seen:
                seen.add(o)
                wanted.append(o)
    return facts, mappings


def _fits_text(literal: Literal, *, lines: bool = False) -> bool:
    text = str(literal)
    return bool(text) and text == text.strip() and "\r" not in text and not (lines and "\n" in text)


def _natural(text: str) -> tuple[object, ...]:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", text))


class _Exporter:
    def __init__(
        self, facts: Graph, mappings: Graph, vocab: Vocabularies, lang: str = "da"
    ) -> None:
        self.lang = lang
        self.facts = facts
        self.mappings = mappings
        self.union = facts + mappings
        self.vocab = vocab
        self.where: dict[URIRef, tuple[str, str | None]] = {}

    # --- which sheet each thing goes on ------------------------------------------------------

    def assign(self) -> None:
        for subject in sorted({s for s in self.union.subjects() if isinstance(s, URIRef)}):
            types = set(self.union.objects(subject, RDF.type))
            for key, classes in _SHEET_TYPES:
                if types & classes:
                    self.where[subject] = (key, _kind_of(key, types))
                    break

    def _fits_target(self, node: Node, column: Column) -> bool:
        if not isinstance(node, URIRef):
            return False
        if column.sdg and self.vocab["sdg"].by_iri(node) is not None:
            return True
        place = self.where.get(node)
        if place is None:
            return False
        for target in column.targets:
            if target == "*":
                return True
            key, _, kind = target.partition(":")
            if place[0] == key and (not kind or place[1] == kind):
                return True
        return False

    # --- one row -------------------------------------------------------------------------------

    def row(self, spec: SheetSpec, subject: URIRef, kind: str | None, number: int) -> Row:
        cells: dict[str, str] = {"id": render_iri(subject)}
        row = Row(number, cells)
        if kind is not None:
            cells["kind"] = kind
        for column in spec.columns:
            if column.kind in ("id", "kind", "start", "end", "wording"):
                continue
            value = self.cell(spec, subject, column)
            if value:
                cells[column.key] = value
        if spec.has("start"):
            self.period(subject, row)
        return row

    def cell(self, spec: SheetSpec, subject: URIRef, column: Column) -> str:
        graph = self.mappings if column.mapping else self.facts
        prop = column.prop
        assert prop is not None
        kind = column.kind
        if column.inverse:
            values: list[Node] = sorted(graph.subjects(prop, subject), key=_sort_node)
        else:
            values = sorted(graph.objects(subject, prop), key=_sort_node)
        texts: list[str] = []
        if kind in ("text", "lines", "names"):
            texts = [
                str(v)
                for v in values
                if isinstance(v, Literal)
                and v.language == column.lang
                and _fits_text(v, lines=kind != "text")
            ]
            if kind == "text":
                return texts[0] if texts else ""
            return join_lines(texts) if kind == "lines" else join_multi(texts)
        if kind in ("plain", "plains"):
            texts = [
                str(v)
                for v in values
                if isinstance(v, Literal)
                and v.language is None
                and v.datatype is None
                and _fits_text(v, lines=True)
            ]
            if kind == "plain":
                return texts[0] if texts else ""
            return join_multi(texts)
        if kind == "integer":
            for v in values:
                if isinstance(v, Literal) and v.datatype == XSD.integer:
                    lexical = str(v)
                    if re.fullmatch(r"[1-9]\d*", lexical):
                        return lexical
            return ""
        if kind == "flag":
            flagged = any(isinstance(v, Literal) and v.value is True for v in values)
            return flag_text(self.lang) if flagged else ""
        if kind == "language":
            for v in values:
                text = str(v)
                if isinstance(v, URIRef) and text.startswith(str(ISO639_1)):
                    code = text[len(str(ISO639_1)) :]
                    if re.fullmatch(r"[a-z]{2}", code):
                        return code
            return ""
        if kind == "vocab":
            assert column.vocab is not None
            found = self.vocab[column.vocab]
            texts = [
                found.shown(item, self.lang)
                for v in values
                if (item := found.by_iri(v)) is not None
            ]
        elif kind == "ref":
            texts = [self._render_ref(v, column) for v in values if self._fits_target(v, column)]
        if not column.multi:
            return texts[0] if texts else ""
        return join_multi(texts)

    def _render_ref(self, node: Node, column: Column) -> str:
        assert isinstance(node, URIRef)
        if column.sdg and node not in self.where:
            item = self.vocab["sdg"].by_iri(node)
            if item is not None:
                return f"sdg:{item.value}"
        return render_iri(node)

    def period(self, subject: URIRef, row: Row) -> None:
        periods = list(self.facts.objects(subject, DCTERMS.temporal))
        if len(periods) != 1 or not isinstance(periods[0], BNode):
            return
        node = periods[0]
        if len(list(self.union.subject_predicates(node))) != 1:
            return
        if any(True for _ in self.mappings.predicate_objects(node)):
            return
        cells: dict[str, str] = {}
        dates: dict[str, LooseDate] = {}
        typed = False
        for p, o in self.facts.predicate_objects(node):
            if p == RDF.type and o == DCTERMS.PeriodOfTime and not typed:
                typed = True
            elif p in (DCAT.startDate, DCAT.endDate):
                key = "start" if p == DCAT.startDate else "end"
                parsed = date_of_literal(o)
                if parsed is None or key in dates:
                    return
                dates[key] = parsed
                cells[key] = parsed.text
            elif p == RDFS.label and isinstance(o, Literal) and o.language in ("da", "en"):
                key = f"wording_{o.language}"
                if key in cells or not _fits_text(o):
                    return
                cells[key] = str(o)
            else:
                return
        start, end = dates.get("start"), dates.get("end")
        if not typed or not cells or (start and end and start.earliest > end.latest):
            return
        row.cells.update(cells)
        row.nodes["period"] = node

    # --- extra statements ------------------------------------------------------------------

    def extra_rows(self, missing: Iterable[tuple[Node, Node, Node, bool]]) -> list[Row]:
        rows: list[Row] = []
        for number, (s, p, o, mapping) in enumerate(
            sorted(missing, key=lambda t: (_sort_node(t[0]), str(t[1]), _sort_node(t[2]))),
            start=FIRST_DATA_ROW,
        ):
            assert isinstance(s, URIRef | BNode) and isinstance(p, URIRef)
            cells = {
                "subject": render_node(s),
                "property": "a" if p == RDF.type else render_iri(p, bare_ids=False),
            }
            if isinstance(o, URIRef | BNode):
                cells["value"] = render_node(o, bare_ids=False)
            else:
                assert isinstance(o, Literal)
                cells["value"] = str(o)
                if o.language:
                    cells["lang_tag"] = o.language
                elif o.datatype is not None:
                    cells["datatype"] = render_iri(o.datatype, bare_ids=False)
                elif looks_like_node(str(o)):
                    cells["datatype"] = "text"
            if mapping:
                cells["graph"] = "mappings"
            rows.append(Row(number, cells))
        return rows


def _sort_node(node: Node) -> str:
    return ("1" if isinstance(node, BNode) else "0") + str(node)


def _kind_of(key: str, types: set[Node]) -> str | None:
    if key == "agreements":
        return "action-plan" if PG.ActionPlan in types else "partnership-agreement"
    if key == "themes":
        for cls, kind in (
            (PG.ActionPlanItem, "action-plan-item"),
            (PG.FocusArea, "focus-area"),
            (PG.CollaborationType, "collaboration-type"),
            (PG.InvolvementInstrument, "involvement-instrument"),
        ):
            if cls in types:
                return kind
        return "theme"
    if key == "documents":
        return "strategy" if PG.StrategyDocument in types else "source"
    return None


_SORT_KEYS: dict[str, Callable[[Row], tuple[object, ...]]] = {
    "themes": lambda r: (r.get("scheme"), _natural(r.get("number")), r.get("id")),
    "members": lambda r: (r.get("forum"), r.get("id")),
    "forums": lambda r: (r.get("partnership"), r.get("id")),
    "agreements": lambda r: (r.get("governs"), r.get("start"), r.get("id")),
    "decisions": lambda r: (r.get("start"), r.get("end"), r.get("id")),
    "identifiers": lambda r: (r.get("organisation"), r.get("id")),
    "organisations": lambda r: (bool(r.get("unit_of")), r.get("id")),
}


def export_sheets(
    kg: Knowledge, vocab: Vocabularies, lang: str = "da", *, workbook: bool = True
) -> Exported:
    """Rows for every sheet from the graph ``kg``, plus the extra statements they need.

    ``workbook``: the rows go into an .xlsx file (whose XML cannot hold control characters),
    not CSV files."""
    facts, mappings = fetch_data(kg)
    return rows_from_graphs(facts, mappings, vocab, lang, workbook=workbook)


def rows_from_graphs(
    facts: Graph, mappings: Graph, vocab: Vocabularies, lang: str, *, workbook: bool = True
) -> Exported:
    _refuse_inexact_values(facts + mappings, workbook=workbook)
    exporter = _Exporter(facts, mappings, vocab, lang)
    exporter.assign()
    sheets: list[SheetData] = []
    for spec in ROW_SHEETS:
        members = sorted(s for s, (key, _) in exporter.where.items() if key == spec.key)
        rows = [exporter.row(spec, s, exporter.where[s][1], 0) for s in members]
        rows.sort(key=_SORT_KEYS.get(spec.key, lambda r: (r.get("id"),)))
        for number, row in enumerate(rows, start=FIRST_DATA_ROW):
            row.number = number
        sheets.append(SheetData(spec, spec.name(lang), rows=rows))
    built = build(sheets, vocab, lang)
    missing = [(*t, False) for t in facts - built.facts] + [
        (*t, True) for t in mappings - built.mappings
    ]
    extra = SheetData(EXTRA, EXTRA.name(lang), rows=exporter.extra_rows(missing))
    sheets.append(extra)
    surplus = sorted(
        f"{_show(s)} {_show(p)} {_show(o)}"
        for s, p, o in (built.facts - facts) + (built.mappings - mappings)
    )
    return Exported(sheets, surplus, len(extra.rows))


def _cell_trouble(text: str, *, workbook: bool) -> str | None:
    """Why a value would not come back from a workbook cell exactly, or ``None``."""
    if not text:
        return "it is empty, and an empty cell is no value"
    if text != text.strip():
        return "it starts or ends with a space or line break, which cells lose"
    if "\r" in text:
        return "it holds a carriage return, which cells turn into a line break"
    if workbook and XML_FORBIDDEN.search(text):
        return "it holds a control character, which workbooks cannot store"
    return None


def _refuse_inexact_values(graph: Graph, *, workbook: bool) -> None:
    """Refuse, naming the first, values a workbook cannot carry back unchanged.

    A workbook is only useful as a round trip if importing it gives the same graph; a value
    that would silently change (trimmed, its line ends rewritten) or crash the writer (control
    characters) is reported with its subject and property instead, before anything is written.
    """
    bad = sorted(
        (_show(s), _show(p), str(o), trouble)
        for s, p, o in graph
        if isinstance(o, Literal)
        and (trouble := _cell_trouble(str(o), workbook=workbook)) is not None
    )
    if not bad:
        return
    subject, prop, text, trouble = bad[0]
    shown = json.dumps(text if len(text) <= 40 else text[:37] + "...", ensure_ascii=False)
    more = f" (and {len(bad) - 1} more such values)" if len(bad) > 1 else ""
    raise DataError(
        f"{subject} {prop} {shown} cannot go into a workbook cell exactly: {trouble}{more}; "
        "correct the value in the data, or copy the data with 'export' instead"
    )


def _show(node: Node) -> str:
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, BNode):
        return f"_:{node}"
    text = compact(str(node))
    return text if text != str(node) else f"<{node}>"
