"""Rows -> RDF that follows the ontology exactly as the bundled data does.

Every cell is checked and every problem is collected (nothing stops at the first); a cell with a
problem adds no triple, so later checks do not repeat it. Each triple remembers the cell it came
from, so a SHACL finding about it can point at that cell.

What the rows say, and what the builder adds by the data's conventions:

- every thing gets its types stated explicitly, the standard ones too (an organisation is also
  org:Organization, foaf:Agent and prov:Agent; a municipality also cv:PublicOrganisation and
  schema:GovernmentOrganization ...);
- a period is a blank dcterms:PeriodOfTime with dcat:startDate / dcat:endDate typed by their
  form (xsd:gYear, xsd:gYearMonth, xsd:date) and the source's wording as rdfs:label;
- an agreement that replaces another: dcterms:replaces, and dcterms:isReplacedBy back;
- an item in a list: skos:inScheme and skos:topConceptOf; in an action plan also pg:hasItem;
- columns marked as mappings (cross-cutting themes, SDG targets) go to the mappings graph.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, ORG, RDF, RDFS, SKOS
from rdflib.term import Node

from partnergraph.authoring.sheets.cells import (
    ISO639_1,
    PREFIX_MAP,
    is_valid_id,
    parse_flag,
    parse_iri,
    parse_node,
    split_lines,
    split_multi,
)
from partnergraph.authoring.sheets.layout import KIND_TYPES, SHEETS, Column, target_names
from partnergraph.authoring.sheets.problems import Problem, text
from partnergraph.authoring.sheets.table import Row, SheetData
from partnergraph.authoring.sheets.vocab import Vocabularies
from partnergraph.rdf.dates import LooseDate, parse_date
from partnergraph.rdf.namespaces import PG, PGID

__all__ = ["Built", "CellRef", "build", "looks_like_node"]

Triple = tuple[Node, Node, Node]

_SDG_LIKE = re.compile(r"^(sdg[: ]\s*)?\d{1,2}(\.[0-9a-z]{1,2})?$", re.IGNORECASE)
_LANG_TAG = re.compile(r"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$")
_TEXT_DATATYPES = {"text", "tekst", "literal"}


@dataclass(frozen=True)
class CellRef:
    """A cell of a sheet: where a triple came from, or where a problem is."""

    sheet: SheetData
    row: Row
    column: Column | None

    def value(self) -> str:
        return self.row.get(self.column.key) if self.column is not None else ""


@dataclass
class Defined:
    """A row that defines a thing: its sheet, the row, its kind (for sheets with kinds)."""

    sheet: SheetData
    row: Row
    kind: str | None


@dataclass
class Built:
    facts: Graph = field(default_factory=Graph)
    mappings: Graph = field(default_factory=Graph)
    problems: list[Problem] = field(default_factory=list)
    provenance: dict[Triple, CellRef] = field(default_factory=dict)
    defined: dict[Node, Defined] = field(default_factory=dict)
    periods: dict[Node, CellRef] = field(default_factory=dict)
    sheets: list[SheetData] = field(default_factory=list)
    problem_cells: set[tuple[str, int, str]] = field(default_factory=set)
    missing_columns: set[tuple[str, str]] = field(default_factory=set)
    context: Graph = field(default_factory=Graph)
    """What other datasets state about the things the rows refer to without defining them
    (the register's organisations): checked with the rows, never written with them."""


class _Builder:
    def __init__(
        self,
        sheets: list[SheetData],
        vocab: Vocabularies,
        lang: str,
        external: Mapping[URIRef, str],
    ) -> None:
        self.sheets = sheets
        self.vocab = vocab
        self.lang = lang
        self.external = external
        self.out = Built(sheets=sheets)
        self._order = {spec.key: i for i, spec in enumerate(SHEETS)}
        self._sorted: list[tuple[tuple[int, int, int], Problem]] = []

    # --- problems ------------------------------------------------------------------------------

    def problem(
        self,
        sheet: SheetData,
        row: Row,
        column: Column | None,
        value: str,
        code: str,
        *,
        wording: str | None = None,
        **values: object,
    ) -> None:
        """Report ``code`` at the cell, in the words of ``wording`` (default: the code's)."""
        header = column.header(self.lang) if column is not None else ""
        letter = sheet.letter(column) if column is not None else "A"
        message = text(wording or code, self.lang, value=value, **values)
        problem = Problem(
            sheet.title, row.number, header, value, message, cell=f"{letter}{row.number}", code=code
        )
        index = [c.key for c in sheet.spec.columns].index(column.key) if column else -1
        self._sorted.append(((self._order[sheet.spec.key], row.number, index), problem))
        self.out.problem_cells.add(
            (sheet.spec.key, row.number, column.key if column is not None else "")
        )

    def _missing(self, sheet: SheetData, column: Column) -> bool:
        """The column is not in the file at all (reported once, by the reader)."""
        if sheet.letters and column.key not in sheet.letters:
            self.out.missing_columns.add((sheet.spec.key, column.key))
            return True
        return False

    # --- output --------------------------------------------------------------------------------

    def add(self, triple: Triple, where: CellRef | None, *, mapping: bool = False) -> None:
        graph = self.out.mappings if mapping else self.out.facts
        graph.add(triple)
        if where is not None:
            self.out.provenance.setdefault(triple, where)

    # --- the passes ----------------------------------------------------------------------------

    def run(self) -> Built:
        subjects = self._index()
        for sheet in self.sheets:
            for row in sheet.rows:
                if sheet.spec.key == "extra":
                    self._extra(sheet, row)
                    continue
                subject, keep = subjects[(sheet.spec.key, row.number)]
                if keep:
                    self._row(sheet, row, subject)
                else:  # checked all the same, its triples thrown away
                    saved = self.out.facts, self.out.mappings, dict(self.out.provenance)
                    self.out.facts, self.out.mappings = Graph(), Graph()
                    self._row(sheet, row, subject)
                    self.out.facts, self.out.mappings, self.out.provenance = saved
        self._sorted.sort(key=lambda pair: pair[0])
        self.out.problems = [p for _, p in self._sorted]
        return self.out

    def _index(self) -> dict[tuple[str, int], tuple[Node, bool]]:
        """Every row's subject; ids that are malformed or taken are reported here."""
        subjects: dict[tuple[str, int], tuple[Node, bool]] = {}
        for sheet in self.sheets:
            if sheet.spec.key == "extra":
                continue
            id_column = sheet.spec.column("id")
            for row in sheet.rows:
                raw = row.get("id")
                iri = parse_iri(raw) if raw else None
                keep = False
                if not raw:
                    self.problem(
                        sheet, row, id_column, raw, "required", expected=id_column.help(self.lang)
                    )
                elif iri is None:
                    self.problem(sheet, row, id_column, raw, "bad-id")
                elif iri in self.out.defined:
                    first = self.out.defined[iri]
                    self.problem(
                        sheet,
                        row,
                        id_column,
                        raw,
                        "duplicate-id",
                        first=first.sheet.title,
                        first_row=first.row.number,
                    )
                else:
                    keep = True
                    self.out.defined[iri] = Defined(sheet, row, self._kind(sheet, row))
                subjects[(sheet.spec.key, row.number)] = (
                    (iri, True) if keep and iri is not None else (BNode(), False)
                )
        return subjects

    def _kind(self, sheet: SheetData, row: Row) -> str | None:
        if sheet.spec.kind_vocab is None:
            return None
        item = self.vocab[sheet.spec.kind_vocab].find(row.get("kind"))
        return item.value if item is not None else None

    # --- one row -------------------------------------------------------------------------------

    def _row(self, sheet: SheetData, row: Row, subject: Node) -> None:
        spec = sheet.spec
        kind: str | None = None
        for column in spec.columns:
            where = CellRef(sheet, row, column)
            value = row.get(column.key)
            if not value:
                if column.required and not self._missing(sheet, column):
                    self.problem(
                        sheet, row, column, value, "required", expected=column.help(self.lang)
                    )
                continue
            if column.kind == "id":
                continue
            if column.kind == "kind":
                assert column.vocab is not None
                item = self.vocab[column.vocab].find(value)
                if item is None:
                    self._not_in_list(sheet, row, column, value)
                else:
                    kind = item.value
                continue
            if column.kind in ("start", "end", "wording"):
                continue  # the period is built as a whole below
            self._cell(where, subject, column, value)
        self._period(sheet, row, subject)
        self._types(sheet, row, subject, kind)

    def _types(self, sheet: SheetData, row: Row, subject: Node, kind: str | None) -> None:
        spec = sheet.spec
        where = CellRef(sheet, row, spec.column("kind") if spec.has("kind") else None)
        types: list[URIRef] = list(spec.base_types)
        if spec.kind_types:
            types += spec.kind_types.get(kind or "", ())
        if spec.key == "organisations":
            types.append(ORG.OrganizationalUnit if row.get("unit_of") else ORG.FormalOrganization)
            item = self.vocab["organisation-kind"].find(row.get("kind"))
            if item is not None:
                types += KIND_TYPES.get(item.value, ())
        for cls in types:
            self.add((subject, RDF.type, cls), where)

    def _cell(self, where: CellRef, subject: Node, column: Column, value: str) -> None:
        sheet, row = where.sheet, where.row
        kind = column.kind
        prop = column.prop
        assert prop is not None
        if kind == "text":
            self.add((subject, prop, Literal(value, lang=column.lang)), where)
        elif kind == "lines":
            for line in split_lines(value):
                self.add((subject, prop, Literal(line, lang=column.lang)), where)
        elif kind == "names":
            for name in split_multi(value):
                self.add((subject, prop, Literal(name, lang=column.lang)), where)
        elif kind == "plain":
            self.add((subject, prop, Literal(value)), where)
        elif kind == "plains":
            for part in split_multi(value):
                self.add((subject, prop, Literal(part)), where)
        elif kind == "integer":
            if re.fullmatch(r"\d+", value) and int(value) >= 1:
                self.add((subject, prop, Literal(int(value))), where)
            else:
                self.problem(sheet, row, column, value, "bad-integer")
        elif kind == "flag":
            flag = parse_flag(value)
            if flag is None:
                self.problem(sheet, row, column, value, "bad-flag")
            elif flag:
                self.add((subject, prop, Literal(True)), where)
        elif kind == "language":
            if re.fullmatch(r"[a-z]{2}", value):
                self.add((subject, prop, ISO639_1[value]), where)
            else:
                self.problem(sheet, row, column, value, "bad-language")
        elif kind == "vocab":
            for target in self._values(where, value):
                self._vocab_value(where, subject, target)
        elif kind == "ref":
            for target in self._values(where, value):
                self._ref_value(where, subject, target)
        else:  # pragma: no cover - the layout has no other kinds on row sheets
            raise AssertionError(kind)

    def _values(self, where: CellRef, value: str) -> list[str]:
        assert where.column is not None
        parts = split_multi(value)
        if not where.column.multi and len(parts) > 1:
            self.problem(where.sheet, where.row, where.column, value, "one-value", count=len(parts))
            return []
        return parts

    def _not_in_list(self, sheet: SheetData, row: Row, column: Column, value: str) -> None:
        assert column.vocab is not None
        allowed = self.vocab[column.vocab].values()
        shown = ", ".join(allowed[:15]) + (", ..." if len(allowed) > 15 else "")
        self.problem(sheet, row, column, value, "not-in-list", allowed=shown)

    def _vocab_value(self, where: CellRef, subject: Node, value: str) -> None:
        column = where.column
        assert column is not None and column.vocab is not None and column.prop is not None
        item = self.vocab[column.vocab].find(value)
        if item is None:
            self._not_in_list(where.sheet, where.row, column, value)
            return
        self.add((subject, column.prop, item.iri), where, mapping=column.mapping)

    def _ref_value(self, where: CellRef, subject: Node, value: str) -> None:
        column = where.column
        assert column is not None and column.prop is not None
        sheet, row = where.sheet, where.row
        target: Node | None = None
        if column.sdg and _SDG_LIKE.match(value):
            code = re.sub(r"^sdg[: ]\s*", "", value, flags=re.IGNORECASE)
            item = self.vocab["sdg"].find(code)
            if item is None:
                allowed = ", ".join(self.vocab["sdg"].values())
                self.problem(sheet, row, column, value, "not-in-list", allowed=allowed)
                return
            target = item.iri
        else:
            iri = parse_iri(value)
            defined = self.out.defined.get(iri) if iri is not None else None
            if iri is not None and defined is None and column.sdg:
                sdg = self.vocab["sdg"].by_iri(iri)
                if sdg is not None:
                    target = sdg.iri
            shared = self.external.get(iri) if iri is not None and not is_valid_id(value) else None
            if target is None and defined is None and shared is not None:
                if not _matches_sheet(column.targets, shared):
                    wanted = target_names(column.targets, self.lang)
                    self.problem(sheet, row, column, value, "unknown-reference", targets=wanted)
                    return
                target = iri  # the register's organisation: referred to, not described here
            if target is None:
                wanted = target_names(column.targets, self.lang)
                if defined is None and URIRef(str(PGID) + value) in self.external:
                    self.problem(
                        sheet,
                        row,
                        column,
                        value,
                        "unknown-reference",
                        wording="register-reference",  # the bare id of a register entry
                        shared=f"pgid:{value}",
                    )
                    return
                if defined is None or iri is None:
                    self.problem(sheet, row, column, value, "unknown-reference", targets=wanted)
                    return
                if not _matches(column.targets, defined):
                    self.problem(
                        sheet,
                        row,
                        column,
                        value,
                        "wrong-reference",
                        targets=wanted,
                        found=defined.sheet.title,
                        found_row=defined.row.number,
                    )
                    return
                target = iri
        if column.inverse:
            self.add((target, column.prop, subject), where, mapping=column.mapping)
        else:
            self.add((subject, column.prop, target), where, mapping=column.mapping)
        # conventions the data follows: both directions of a replacement, lists and their items
        if column.prop == DCTERMS.replaces:
            # "is replaced by" only once the successor is real: a proposed or planned one may
            # never come (the data's editorial graph may still say so, with a note)
            status = self.vocab["status"].find(row.get("status") or "")
            if status is None or status.value not in _NOT_YET:
                self.add((target, DCTERMS.isReplacedBy, subject), where)
        elif column.prop == SKOS.inScheme:
            self.add((subject, SKOS.topConceptOf, target), where)
            defined_target = self.out.defined.get(target)
            if defined_target is not None and defined_target.kind == "action-plan":
                self.add((target, PG.hasItem, subject), where)

    # --- periods -------------------------------------------------------------------------------

    def _period(self, sheet: SheetData, row: Row, subject: Node) -> None:
        spec = sheet.spec
        if not spec.has("start"):
            return
        keys = ("start", "end", "wording_da", "wording_en")
        if not any(row.get(k) for k in keys):
            return
        node = row.nodes.get("period") or BNode()
        where = CellRef(sheet, row, spec.column("start"))
        self.out.periods[node] = where
        self.add((subject, DCTERMS.temporal, node), where)
        self.add((node, RDF.type, DCTERMS.PeriodOfTime), where)
        dates: dict[str, LooseDate] = {}
        for key in ("start", "end"):
            value = row.get(key)
            if not value:
                continue
            parsed = parse_date(value)
            if parsed is None:
                self.problem(sheet, row, spec.column(key), value, "bad-date")
                continue
            dates[key] = parsed
        start, end = dates.get("start"), dates.get("end")
        if start is not None and end is not None and start.earliest > end.latest:
            self.problem(
                sheet,
                row,
                spec.column("end"),
                end.text,
                "end-before-start",
                latest=end.latest.isoformat(),
                start=start.text,
                earliest=start.earliest.isoformat(),
            )
            del dates["end"]
        for key, prop in (("start", DCAT.startDate), ("end", DCAT.endDate)):
            if key in dates:
                self.add((node, prop, dates[key].literal), CellRef(sheet, row, spec.column(key)))
        for key in ("wording_da", "wording_en"):
            value = row.get(key)
            if value:
                column = spec.column(key)
                self.add(
                    (node, RDFS.label, Literal(value, lang=column.lang)),
                    CellRef(sheet, row, column),
                )

    # --- extra statements ----------------------------------------------------------------------

    def _extra(self, sheet: SheetData, row: Row) -> None:
        spec = sheet.spec
        ok = True
        for column in spec.columns:
            if column.required and not row.get(column.key):
                self.problem(sheet, row, column, "", "required", expected=column.help(self.lang))
                ok = False
        raw_subject, raw_property, raw_value = (
            row.get("subject"),
            row.get("property"),
            row.get("value"),
        )
        subject = parse_node(raw_subject) if raw_subject else None
        if raw_subject and subject is None:
            self.problem(sheet, row, spec.column("subject"), raw_subject, "bad-subject")
            ok = False
        prop: URIRef | None = None
        if raw_property in ("a", "rdf:type"):
            prop = RDF.type
        elif raw_property:
            prop = parse_iri(raw_property, bare_ids=False)
            if prop is None:
                self.problem(sheet, row, spec.column("property"), raw_property, "bad-property")
                ok = False
        lang_tag, datatype_text = row.get("lang_tag"), row.get("datatype")
        obj: Node | None = None
        if lang_tag and datatype_text:
            self.problem(
                sheet, row, spec.column("datatype"), datatype_text, "language-and-datatype"
            )
            ok = False
        elif lang_tag:
            if _LANG_TAG.match(lang_tag):
                obj = Literal(raw_value, lang=lang_tag)
            else:
                self.problem(sheet, row, spec.column("lang_tag"), lang_tag, "bad-language")
                ok = False
        elif datatype_text:
            if datatype_text.casefold() in _TEXT_DATATYPES:
                obj = Literal(raw_value)
            else:
                datatype = parse_iri(datatype_text, bare_ids=False)
                if datatype is None:
                    self.problem(sheet, row, spec.column("datatype"), datatype_text, "bad-datatype")
                    ok = False
                else:
                    literal = Literal(raw_value, datatype=datatype)
                    if getattr(literal, "ill_typed", False):
                        self.problem(
                            sheet,
                            row,
                            spec.column("value"),
                            raw_value,
                            "bad-literal",
                            datatype=datatype_text,
                        )
                        ok = False
                    obj = literal
        elif raw_value:
            node = parse_node(raw_value) if looks_like_node(raw_value) else None
            obj = node if node is not None else Literal(raw_value)
        graph_text = row.get("graph")
        mapping = False
        if graph_text:
            item = self.vocab["graph"].find(graph_text)
            if item is None:
                self._not_in_list(sheet, row, spec.column("graph"), graph_text)
                ok = False
            else:
                mapping = item.value == "mappings"
        if ok and subject is not None and prop is not None and obj is not None:
            self.add(
                (subject, prop, obj), CellRef(sheet, row, spec.column("value")), mapping=mapping
            )


_NOT_YET = {"status-proposed", "status-planned"}
"""Statuses of a successor that does not (yet) replace anything."""


def looks_like_node(value: str) -> bool:
    """A value written as a reference: ``<IRI>``, ``prefix:local`` (known prefix), ``_:x``."""
    if value.startswith("_:") or (value.startswith("<") and value.endswith(">")):
        return True
    prefix, sep, _ = value.partition(":")
    return bool(sep) and prefix in PREFIX_MAP and " " not in value


def _matches(targets: tuple[str, ...], defined: Defined) -> bool:
    for target in targets:
        if target == "*":
            return True
        key, _, kind = target.partition(":")
        if defined.sheet.spec.key == key and (not kind or defined.kind == kind):
            return True
    return False


def _matches_sheet(targets: tuple[str, ...], key: str) -> bool:
    """Whether a column referring to ``targets`` may name a thing of sheet ``key``."""
    return any(t == "*" or t == key for t in targets)


def build(
    sheets: list[SheetData],
    vocab: Vocabularies,
    lang: str = "da",
    *,
    external: Mapping[URIRef, str] | None = None,
    context: Graph | None = None,
) -> Built:
    """The RDF the rows say, every problem found, and where each triple came from.

    ``external`` maps things described outside the workbook (the register's organisations) to
    the sheet whose rows they stand in for (``organisations``): a reference that names one by
    its IRI (``pgid:aarhus-universitet``; a bare id is always the workbook's own) needs no row.
    ``context`` is what is known about them, for the SHACL check."""
    built = _Builder(sheets, vocab, lang, external or {}).run()
    for triple in context or ():  # what a row describes itself is the row's to say
        if triple[0] not in built.defined:
            built.context.add(triple)
    return built
