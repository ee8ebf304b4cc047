"""SHACL on the built RDF, each finding pointed at the sheet, row and column to fix.

The imported facts and mappings are validated together with the ontology, the vocabularies and
the SDG subset (``kg.validate`` on a graph of all of them). A finding names a focus node (the
thing at fault), often a property path and sometimes the offending value: the value leads to
the exact cell the triple came from; otherwise the focus node leads to the row that defines it
(a period to the row whose period it is) and the path to the column that fills that property.
Findings about a cell that already has a problem are left out: they say the same thing again.
"""

from __future__ import annotations

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from partnergraph.authoring.sheets.build import Built, CellRef
from partnergraph.authoring.sheets.layout import SHEETS, Column, SheetSpec
from partnergraph.authoring.sheets.problems import Problem
from partnergraph.io.loading import GRAPH_BASE, dataset_from_files, ontology_files
from partnergraph.query.knowledge import Knowledge
from partnergraph.query.validate import shapes_graph
from partnergraph.rdf.namespaces import PG, compact

__all__ = ["shacl_problems"]

# Node shapes report no path: the property each is about, so the finding finds its column.
_NODE_SHAPE_PATHS: dict[str, URIRef] = {
    "PrefLabelRequiredShape": SKOS.prefLabel,
    "DanishPrefLabelShape": SKOS.prefLabel,
    "PeriodHasStartOrEndShape": DCAT.startDate,
    "AgreementPeriodShape": DCAT.startDate,
    "DecisionOnePeriodShape": DCAT.startDate,
    "PeriodStartNotAfterEndShape": DCAT.endDate,
    "LoosePeriodLabelShape": RDFS.label,
    "PoliticalTreatmentCommitteeShape": PROV.wasAssociatedWith,
    "PoliticalTreatmentStatusShape": PG.status,
    "ProvenanceShape": DCTERMS.source,
    "UniqueNotationInSchemeShape": SKOS.notation,
}

# What each shape means for the person filling in the workbook, in Danish and English.
_MESSAGES: dict[str, tuple[str, str]] = {
    "PrefLabelRequiredShape": (
        "Rækken har intet navn. Udfyld Navn (da), og gerne også på engelsk.",
        "The row has no name. Fill in Name (da), and preferably English too.",
    ),
    "PrefLabelLanguageTaggedShape": (
        "Et navn skal have et sprog. Skriv det i kolonnen for sproget.",
        "A name must have a language. Write it in the column for its language.",
    ),
    "PrefLabelOnePerLanguageShape": (
        "Rækken har mere end ét navn på samme sprog. Behold ét og skriv de andre under Andre "
        "navne.",
        "The row has more than one name in the same language. Keep one and put the others "
        "under Other names.",
    ),
    "DanishPrefLabelShape": (
        "Rækken har intet dansk navn. Udfyld Navn (da).",
        "The row has no Danish name. Fill in Name (da).",
    ),
    "AgreementPartiesShape": (
        "En aftale skal have mindst to parter, og hver part skal være en organisation.",
        "An agreement needs at least two parties, and each must be an organisation.",
    ),
    "AgreementGovernsShape": (
        "En aftale skal regulere præcis ét partnerskab.",
        "An agreement must govern exactly one partnership.",
    ),
    "AgreementStatusShape": (
        "En aftale skal have præcis én status fra listen (gældende, afløst, foreslået).",
        "An agreement must have exactly one status from the list (in force, replaced, proposed).",
    ),
    "AgreementPeriodShape": (
        "En aftale kan kun have én gyldighedsperiode.",
        "An agreement can have only one period of validity.",
    ),
    "PeriodStartDateShape": (
        "En periode kan kun have én startdato.",
        "A period can have only one start date.",
    ),
    "PeriodEndDateShape": (
        "En periode kan kun have én slutdato.",
        "A period can have only one end date.",
    ),
    "PeriodHasStartOrEndShape": (
        "Perioden har ingen datoer. Udfyld Start, Slut eller begge, med kildens præcision.",
        "The period has no dates. Fill in Start, End or both, in the source's precision.",
    ),
    "PeriodStartNotAfterEndShape": (
        "Perioden begynder efter den slutter. Ret Start eller Slut efter kilden.",
        "The period starts after it ends. Correct Start or End from the source.",
    ),
    "StartDatePrecisionShape": (
        "Startdatoen skal være et år, en måned eller en dag (2025, 2025-09, 2025-09-15).",
        "The start date must be a year, a month or a day (2025, 2025-09, 2025-09-15).",
    ),
    "EndDatePrecisionShape": (
        "Slutdatoen skal være et år, en måned eller en dag (2025, 2025-11, 2025-12-31).",
        "The end date must be a year, a month or a day (2025, 2025-11, 2025-12-31).",
    ),
    "DatePrecisionShape": (
        "En dato skal være et år, en måned eller en dag.",
        "A date must be a year, a month or a day.",
    ),
    "LoosePeriodLabelShape": (
        "Perioden er kun dateret med år eller måned, så kildens egne ord for den skal med. "
        'Udfyld Tidsangivelse (da), fx "efterår 2025".',
        "The period is dated only by a year or a month, so the source's own words for it are "
        'needed. Fill in Time as worded (da), e.g. "efterår 2025".',
    ),
    "UniqueNotationInSchemeShape": (
        "Et andet punkt i samme liste har allerede dette nummer. Giv hvert punkt sit eget "
        "nummer, som i kilden.",
        "Another item in the same list already has this number. Give each item its own "
        "number, as in the source.",
    ),
    "NumberedConceptNotationShape": (
        "Et tema, fokusområde eller handleplanspunkt skal have præcis ét nummer, som i kilden. "
        "Udfyld Nummer.",
        "A theme, focus area or action plan item needs exactly one number, as in the source. "
        "Fill in Number.",
    ),
    "NumberedConceptSchemeShape": (
        "Et tema, fokusområde eller handleplanspunkt skal stå i præcis én liste.",
        "A theme, focus area or action plan item must be in exactly one list.",
    ),
    "ContributesToSdgShape": (
        "Et verdensmål skal angives med FN's officielle adresse, fx 17.17.",
        "An SDG must be given by the UN's official address, e.g. 17.17.",
    ),
    "SdgReferenceShape": (
        "Et verdensmål skal angives med FN's officielle adresse, fx sdg:17.",
        "An SDG must be given by the UN's official address, e.g. sdg:17.",
    ),
    "SdgItemIriShape": (
        "Et verdensmål skal angives med FN's officielle adresse.",
        "An SDG must be given by the UN's official address.",
    ),
    "PartnershipMemberShape": (
        "Et partnerskab skal have mindst én part, og hver part skal være en organisation.",
        "A partnership needs at least one member, and each must be an organisation.",
    ),
    "PartnershipCategoryShape": (
        "Et partnerskab kan kun have én kategori (formelt eller strategisk).",
        "A partnership can have only one category (formal or strategic).",
    ),
    "PartnershipCollaborationTypeShape": (
        "Et partnerskab kan kun have én samarbejdstype, fra samarbejdstypologien.",
        "A partnership can have only one collaboration type, from the typology.",
    ),
    "ForumPartnershipShape": (
        "Et forum skal høre til præcis ét partnerskab.",
        "A forum must belong to exactly one partnership.",
    ),
    "ForumMeetingFrequencyShape": (
        "Et forum skal have præcis én mødefrekvens fra listen.",
        "A forum must have exactly one meeting frequency from the list.",
    ),
    "ForumMeetingsPerYearShape": (
        "Møder om året skal være ét helt tal på mindst 1.",
        "Meetings per year must be one whole number of at least 1.",
    ),
    "MembershipMemberShape": (
        "Et forummedlem skal være præcis én organisation.",
        "A forum member must be exactly one organisation.",
    ),
    "MembershipOrganizationShape": (
        "Et forummedlem skal høre til præcis ét forum.",
        "A forum member must belong to exactly one forum.",
    ),
    "MembershipRoleShape": (
        "Et forummedlem kan højst have én rolle fra listen; lav en række pr. rolle.",
        "A forum member can have at most one role from the list; make one row per role.",
    ),
    "DecisionPeriodShape": (
        "En beslutning skal have præcis ét tidspunkt: udfyld Start og/eller Slut og kildens "
        "ordlyd.",
        "A decision must have exactly one time: fill in Start and/or End and the source's wording.",
    ),
    "DecisionOnePeriodShape": (
        "En beslutning kan kun have ét tidspunkt: behold én Start og én Slut.",
        "A decision can have only one time: keep one Start and one End.",
    ),
    "DecisionTypeShape": (
        "En beslutning skal have præcis én beslutningstype fra listen.",
        "A decision must have exactly one kind of decision from the list.",
    ),
    "DecisionUsedShape": (
        "En beslutning skal sige hvilken aftale eller plan den behandler (Vedrører).",
        "A decision must say which agreement or plan it treats (Concerns).",
    ),
    "DecisionStatusShape": (
        "En beslutning kan højst have én status (gennemført eller planlagt).",
        "A decision can have at most one status (done or planned).",
    ),
    "PoliticalTreatmentCommitteeShape": (
        "En politisk behandling skal nævne udvalget der behandler den (Udvalg).",
        "A political treatment must name the committee that treats it (Committees).",
    ),
    "PoliticalTreatmentStatusShape": (
        "En politisk behandling skal have en status: gennemført eller planlagt.",
        "A political treatment must have a status: done or planned.",
    ),
    "ProvenanceShape": (
        "Rækken siger ikke hvor oplysningerne kommer fra. Udfyld Kilde.",
        "The row does not say where its information comes from. Fill in Source.",
    ),
}

_PERIOD_COLUMNS = {
    DCTERMS.temporal: "start",
    DCAT.startDate: "start",
    DCAT.endDate: "end",
    RDFS.label: "wording_da",
}


def _column_for(spec: SheetSpec, path: Node | None, *, period: bool) -> Column | None:
    if path is None:
        return None
    if (
        (period or path == DCTERMS.temporal)
        and isinstance(path, URIRef)
        and path in _PERIOD_COLUMNS
    ):
        key = _PERIOD_COLUMNS[path]
        return spec.column(key) if spec.has(key) else None
    if path == RDF.type:
        for key in ("kind", "id"):
            if spec.has(key):
                return spec.column(key)
    candidates = [c for c in spec.columns if c.prop == path and not c.inverse]
    for column in candidates:
        if column.lang in (None, "da"):
            return column
    return candidates[0] if candidates else None


def _validation_dataset(built: Built) -> Dataset:
    dataset = dataset_from_files(ontology_files())
    named = (
        ("import", built.facts),
        ("import-mappings", built.mappings),
        ("register", built.context),
    )
    for name, graph in named:
        target = dataset.graph(URIRef(GRAPH_BASE + name))
        for triple in graph:
            target.add(triple)
    return dataset


def shacl_problems(built: Built, lang: str = "da") -> list[Problem]:
    """Validate the built RDF and turn each violation into a problem at its cell."""

    shapes = shapes_graph()
    report = Knowledge(_validation_dataset(built)).validate(lang=lang, shapes=shapes)
    order = {spec.key: i for i, spec in enumerate(SHEETS)}
    seen: set[tuple[str, int, str, str]] = set()
    found: list[tuple[tuple[int, int, int], Problem]] = []
    rows_with_problems = {(s, r) for s, r, _ in built.problem_cells}
    index = _CellIndex(built)
    column_order = {spec.key: {c.key: i for i, c in enumerate(spec.columns)} for spec in SHEETS}
    for issue in report.issues:
        if issue.severity != "Violation":
            continue
        shape_name = (issue.shape or "").rsplit("#", 1)[-1]
        path = _shape_path(shapes, issue.shape, shape_name)
        cells = _cells(built, index, issue.focus, path, issue.value, shape_name)
        if not cells:  # about nothing a row defines: still reported, never dropped
            da, en = _MESSAGES.get(shape_name, (issue.message, issue.message))
            subject = compact(str(issue.focus))
            problem = Problem(
                "",
                0,
                "",
                issue.value or subject,
                f"{subject}: {en if lang == 'en' else da}",
                code=f"shacl:{shape_name}",
            )
            found.append(((len(order), 0, 0), problem))
        for cell in cells:
            spec = cell.sheet.spec
            key = cell.column.key if cell.column is not None else ""
            if (spec.key, cell.row.number, key) in built.problem_cells:
                continue
            if (spec.key, key) in built.missing_columns:
                continue
            if cell.column is None and (spec.key, cell.row.number) in rows_with_problems:
                continue
            da, en = _MESSAGES.get(shape_name, (issue.message, issue.message))
            message = en if lang == "en" else da
            if (spec.key, cell.row.number, key, message) in seen:
                continue
            seen.add((spec.key, cell.row.number, key, message))
            letter = cell.sheet.letter(cell.column) if cell.column is not None else "A"
            value = cell.value() if cell.column is not None else ""
            if not value and issue.value is not None and issue.value != str(issue.focus):
                value = issue.value
            problem = Problem(
                cell.sheet.title,
                cell.row.number,
                cell.column.header(lang) if cell.column is not None else "",
                value,
                message,
                cell=f"{letter}{cell.row.number}",
                code=f"shacl:{shape_name}",
            )
            position = column_order[spec.key][key] if key else -1
            found.append(((order[spec.key], cell.row.number, position), problem))
    found.sort(key=lambda pair: pair[0])
    return [p for _, p in found]


def _shape_path(shapes: Graph, shape: str | None, name: str) -> Node | None:
    if name in _NODE_SHAPE_PATHS:
        return _NODE_SHAPE_PATHS[name]
    if shape is None:
        return None
    path = shapes.value(URIRef(shape), SH.path)
    return path if isinstance(path, URIRef) else None


class _CellIndex:
    """Where each triple and each subject came from, indexed once for all findings.

    Looking a finding's cell up by scanning every triple's provenance made ``import``
    quadratic (each of thousands of findings read every cell); with these dictionaries each
    finding costs a few lookups. The first cell of a subject or a triple wins, as the scan did.
    """

    def __init__(self, built: Built) -> None:
        self.built = built
        self.by_value: dict[tuple[Node, Node, str], CellRef] = {}
        self.by_subject: dict[Node, CellRef] = {}
        for (s, p, o), cell in built.provenance.items():
            self.by_value.setdefault((s, p, str(o)), cell)
            self.by_subject.setdefault(s, cell)
        self._numbered: dict[tuple[Node, Node], list[Node]] | None = None

    def numbered(self, scheme: Node, notation: Literal) -> list[Node]:
        """The members of ``scheme`` with the number ``notation``."""
        if self._numbered is None:
            self._numbered = {}
            union = self.built.facts + self.built.mappings  # only for this rare finding
            for member, scheme_of in union.subject_objects(SKOS.inScheme):
                for number in union.objects(member, SKOS.notation):
                    self._numbered.setdefault((scheme_of, number), []).append(member)
        return self._numbered.get((scheme, notation), [])


def _cells(
    built: Built,
    index: _CellIndex,
    focus: Node,
    path: Node | None,
    value: str | None,
    shape_name: str,
) -> list[CellRef]:
    """The cells a finding is about."""
    if shape_name == "UniqueNotationInSchemeShape" and value is not None:
        # The list is the focus; point at every item with the number after the first.
        number = Literal(value)
        items = sorted(
            (
                cell
                for member in dict.fromkeys(index.numbered(focus, number))
                if (cell := built.provenance.get((member, SKOS.notation, number)))
            ),
            key=lambda c: (c.sheet.title, c.row.number),
        )
        return items[1:]
    if path is not None and value is not None:
        found = index.by_value.get((focus, path, value))
        if found is not None:
            return [found]
    owner: CellRef | None = None
    period = False
    if focus in built.defined:
        defined = built.defined[focus]
        owner = CellRef(defined.sheet, defined.row, None)
    elif isinstance(focus, BNode) and focus in built.periods:
        owner = built.periods[focus]
        period = True
    else:
        owner = index.by_subject.get(focus)
    if owner is None:
        return []
    column = _column_for(owner.sheet.spec, path, period=period)
    if column is None and owner.sheet.spec.key == "extra":
        column = owner.column
    return [CellRef(owner.sheet, owner.row, column)]
