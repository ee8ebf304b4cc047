"""SHACL shapes compiled to SPARQL: one SELECT of violating focus nodes per constraint.

pySHACL walks the data in Python, focus node by focus node, and re-parses a SPARQL constraint for
each one: past 100,000 triples it takes minutes. The shapes partnergraph uses are almost all
simple property shapes (counts, classes, datatypes, patterns, ``sh:or``), and each of those says
"the focus nodes, or values, for which this condition fails": a SELECT that Oxigraph answers over
the whole store at once. SPARQL-based constraints run as they are, joined to their targets.

Each :class:`Check` yields the rows pySHACL would report as results, with the same focus node,
value, path and shape, so the report built from them is the same (tests/test_validate_engines.py
runs both engines over every planted case). A shape using a feature this compiler does not know
raises :class:`Unsupported`; validation then falls back to pySHACL for the whole shapes graph.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection as Collection_
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["SUBCLASSED", "Check", "Unsupported", "compile_shapes"]

_TYPE = f"{RDF.type.n3()}/{RDFS.subClassOf.n3()}*"
"""SHACL instances: the type or a subclass of it, as pySHACL finds them in the data graph."""

SUBCLASSED = f"SELECT DISTINCT ?class WHERE {{ [] {RDFS.subClassOf.n3()} ?class }}"
"""The classes the data gives subclasses: only their instances need the path through
rdfs:subClassOf; for the others a plain rdf:type is the same and cheaper for the engine."""

_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode)

_ANNOTATIONS = {
    RDF.type,
    SH.severity,
    SH.message,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    SH.declare,
    *_TARGETS,
}
"""Shape parameters that are not constraints (non-SHACL predicates are ignored as pySHACL does)."""

# Lexical forms a well-typed literal of each datatype has (pySHACL refuses ill-typed ones).
_TZ = "(Z|[+-][0-9]{2}:[0-9]{2})?"
_LEXICAL = {
    XSD.gYear: f"^-?[0-9]{{4,}}{_TZ}$",
    XSD.gYearMonth: f"^-?[0-9]{{4,}}-(0[1-9]|1[0-2]){_TZ}$",
    XSD.date: f"^-?[0-9]{{4,}}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]){_TZ}$",
    XSD.integer: "^[+-]?[0-9]+$",
}


_COUNTS_REPEATS = re.compile(
    r"\b(SUM|AVG|GROUP_CONCAT|LIMIT|OFFSET)\b|\bCOUNT\s*\(\s*(?!DISTINCT\b)", re.IGNORECASE
)
"""What makes a SPARQL constraint's distinct rows depend on how often a triple matches: an
aggregate that counts or adds up repeats, or a slice. Such a constraint needs the set union."""


class Unsupported(Exception):
    """The shapes use a SHACL feature the compiler does not translate."""


@dataclass(frozen=True)
class Check:
    """One query whose rows are validation results of one shape.

    Every row binds ``?this`` (the focus node); ``?value`` when the result names a value (for a
    node shape, the focus node itself stands in, as in pySHACL); any other variables fill the
    message's ``{?name}`` slots (SPARQL-based constraints only).
    """

    shape: URIRef
    severity: URIRef
    messages: tuple[Literal, ...]
    text: str
    path: Node | None = None
    value_is_focus: bool = False
    substitutes: bool = False
    extra: tuple[str, ...] = field(default_factory=tuple)
    repeats_harmless: bool = True
    """Whether the distinct rows are the same when a triple stated in two files matches twice
    (SHACL counts distinct value nodes: every compiled query uses DISTINCT, EXISTS, MINUS or
    COUNT(DISTINCT ...)), so the check can run over the union of the graphs as a bag."""


def compile_shapes(shapes: Graph, subclassed: Collection_[Node] | None = None) -> list[Check]:
    """Every constraint of every targeted shape as a :class:`Check`, in a stable order.

    ``subclassed``: the classes with subclasses in the data (:data:`SUBCLASSED`); ``None``
    when not known, then every class test follows rdfs:subClassOf.
    """
    if any(shapes.triples((None, SH.rule, None))) or any(shapes.triples((None, SH.target, None))):
        raise Unsupported("SHACL rules and SPARQL targets")
    found = {s for p in _TARGETS for s in shapes.subjects(p, None)}
    for kind in (RDFS.Class, OWL.Class):
        if any(s in found for s in shapes.subjects(RDF.type, kind)):
            raise Unsupported("implicit class targets")
    checks: list[Check] = []
    for shape in sorted(found, key=str):
        if not isinstance(shape, URIRef):
            raise Unsupported("a targeted blank-node shape")
        if shapes.value(shape, SH.deactivated) == Literal(True):
            continue
        checks.extend(_ShapeCompiler(shapes, shape, subclassed).checks())
    return checks


class _ShapeCompiler:
    def __init__(self, graph: Graph, shape: URIRef, subclassed: Collection_[Node] | None) -> None:
        self.g = graph
        self.shape = shape
        self.subclassed = subclassed
        self._names = itertools.count(1)
        severity = graph.value(shape, SH.severity)
        self.severity = severity if isinstance(severity, URIRef) else SH.Violation
        self.messages = tuple(
            sorted((m for m in graph.objects(shape, SH.message) if isinstance(m, Literal)), key=str)
        )

    # --- the shape's checks -----------------------------------------------------------------

    def checks(self) -> Iterator[Check]:
        targets = self._targets()
        path = self.g.value(self.shape, SH.path)
        if path is None:
            yield from self._node_checks(targets)
        else:
            yield from self._property_checks(targets, path)

    def _check(self, text: str, **kwargs: object) -> Check:
        return Check(self.shape, self.severity, self.messages, text, **kwargs)  # type: ignore[arg-type]

    def _node_checks(self, targets: str) -> Iterator[Check]:
        for prop, value in self._constraints(self.shape):
            if prop == SH.flags:
                continue  # with sh:pattern
            if prop == SH.sparql:
                yield self._sparql_check(targets, value)
                continue
            if prop == SH.property:
                raise Unsupported("sh:property on a targeted node shape")
            yield self._check(
                f"SELECT DISTINCT ?this WHERE {{ {targets} {self._fails(prop, value)} }}",
                value_is_focus=prop != SH.hasValue,
            )

    def _fails(self, prop: URIRef, value: Node, var: str = "?this") -> str:
        """The pattern that keeps the nodes ``var`` failing one value-level constraint.

        A class, and the members of an ``sh:or`` that are plain graph patterns (a class, a
        required property), become MINUS: Oxigraph removes the conforming nodes by a join,
        several times faster than testing each node with EXISTS."""
        if prop == SH["class"]:
            return f"MINUS {{ {var} {self._type(value)} {value.n3()} . }}"
        members = list(Collection(self.g, value)) if prop == SH["or"] else []
        patterns = [self._pattern(m, var) for m in members]
        if not members or not any(patterns):
            return f"FILTER (!({self._node_condition(prop, value, var, self.shape)}))"
        minus = " ".join(f"MINUS {{ {p} }}" for p in patterns if p is not None)
        pairs = zip(members, patterns, strict=True)
        rest = [self._shape_condition(m, var) for m, p in pairs if p is None]
        return minus + (f" FILTER (!({' || '.join(rest)}))" if rest else "")

    def _pattern(self, shape: Node, var: str) -> str | None:
        """A graph pattern matching exactly the nodes ``var`` that conform to ``shape``, when
        the shape is only classes, required properties and required values; else ``None``."""
        path_node = self.g.value(shape, SH.path)
        parts = []
        for prop, value in self._constraints(shape):
            if path_node is None and prop == SH["class"]:
                parts.append(f"{var} {self._type(value)} {value.n3()} .")
            elif path_node is not None and prop == SH.minCount and _int(value) == 1:
                parts.append(f"{var} {self._path(path_node)} {self._var()} .")
            elif path_node is not None and prop == SH.hasValue:
                parts.append(f"{var} {self._path(path_node)} {value.n3()} .")
            elif path_node is not None and prop == SH.qualifiedValueShape:
                # At least one value conforming to a shape: that value.
                if self.g.value(shape, SH.qualifiedMaxCount) is not None:
                    return None
                least = self.g.value(shape, SH.qualifiedMinCount)
                if least is None or _int(least) != 1:
                    return None
                # Only when that shape is a pattern itself: a FILTER inside MINUS makes
                # Oxigraph filter every value of the path (measured slower than EXISTS).
                v = self._var()
                inner = self._pattern(value, v)
                if inner is None:
                    return None
                parts.append(f"{var} {self._path(path_node)} {v} . {inner}")
            elif path_node is not None and prop == SH.qualifiedMinCount:
                continue  # with sh:qualifiedValueShape
            elif path_node is None and prop == SH.property:
                inner = self._pattern(value, var)
                if inner is None:
                    return None
                parts.append(inner)
            else:
                return None
        return " ".join(parts) or None

    def _property_checks(self, targets: str, path_node: Node) -> Iterator[Check]:
        path = self._path(path_node)
        # The checks that match ``?this <path> ?value`` need no targets when the only target is
        # the subjects of that same property: the pattern finds exactly them, without Oxigraph
        # first collecting every target and joining (the name shapes: a third of their time).
        within = "" if self._targets_are_subjects_of(path_node) else targets
        for prop, value in self._constraints(self.shape):
            if prop in (
                SH.qualifiedMinCount,
                SH.qualifiedMaxCount,
                SH.qualifiedValueShapesDisjoint,
                SH.flags,
            ):
                continue  # read with sh:qualifiedValueShape or sh:pattern
            if prop == SH.minCount:
                yield self._check(_count_query(targets, path, "<", _int(value)), path=path_node)
            elif prop == SH.maxCount:
                yield self._check(_count_query(within, path, ">", _int(value)), path=path_node)
            elif prop == SH.uniqueLang:
                if value != Literal(True):
                    continue
                # Grouped by language rather than every pair of values joined: one pass.
                yield self._check(
                    f"SELECT ?this ?lang WHERE {{ {within} ?this {path} ?a . "
                    "FILTER (isLiteral(?a) && LANG(?a) != '') BIND (LCASE(LANG(?a)) AS ?lang) } "
                    "GROUP BY ?this ?lang HAVING (COUNT(DISTINCT ?a) > 1)",
                    path=path_node,
                    extra=("lang",),
                )
            elif prop == SH.qualifiedValueShape:
                yield from self._qualified_checks(targets, path, path_node, value)
            elif prop == SH.hasValue:
                yield self._check(
                    f"SELECT DISTINCT ?this WHERE {{ {targets} "
                    f"FILTER NOT EXISTS {{ ?this {path} {value.n3()} }} }}",
                    path=path_node,
                )
            elif prop in (SH.sparql, SH.property):
                raise Unsupported(f"{prop.n3()} on a property shape")
            else:
                fails = self._fails(prop, value, "?value")
                yield self._check(
                    f"SELECT DISTINCT ?this ?value WHERE {{ {within} ?this {path} ?value . "
                    f"{fails} }}",
                    path=path_node,
                )

    def _qualified_checks(
        self, targets: str, path: str, path_node: Node, shape: Node
    ) -> Iterator[Check]:
        if self.g.value(self.shape, SH.qualifiedValueShapesDisjoint) == Literal(True):
            raise Unsupported("sh:qualifiedValueShapesDisjoint")
        conforms = self._shape_condition(shape, "?value")
        for prop, op in ((SH.qualifiedMinCount, "<"), (SH.qualifiedMaxCount, ">")):
            bound = self.g.value(self.shape, prop)
            if bound is None:
                continue
            yield self._check(
                f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?value) AS ?n) WHERE {{ "
                f"{targets} OPTIONAL {{ ?this {path} ?value FILTER ({conforms}) }} }} "
                f"GROUP BY ?this }} FILTER (?n {op} {_int(bound)}) }}",
                path=path_node,
            )

    def _sparql_check(self, targets: str, constraint: Node) -> Check:
        select = self.g.value(constraint, SH.select)
        if select is None or self.g.value(constraint, SH.message) is not None:
            raise Unsupported("a SPARQL constraint without sh:select, or with its own message")
        if self.g.value(constraint, SH.deactivated) == Literal(True):
            return self._check("SELECT ?this WHERE { FILTER (false) }")
        text = str(select)
        if "$PATH" in text or "$currentShape" in text or "$shapesGraph" in text:
            raise Unsupported("pre-bound variables other than $this")
        body = text.strip()
        prefixes = "".join(
            f"PREFIX {prefix}: <{namespace}>\n"
            for prefix, namespace in self._prefixes(self.g.value(constraint, SH.prefixes))
        )
        # The constraint's own SELECT, evaluated once for all focus nodes and joined to the
        # targets by ?this (pySHACL binds $this before each evaluation: the same rows).
        return self._check(
            f"{prefixes}SELECT * WHERE {{ {targets} {{ {body} }} }}",
            value_is_focus=True,
            substitutes=True,
            repeats_harmless=not _COUNTS_REPEATS.search(body),
        )

    # --- pieces ---------------------------------------------------------------------------

    def _constraints(self, shape: Node) -> list[tuple[URIRef, Node]]:
        found = []
        for prop, value in self.g.predicate_objects(shape):
            if prop in _ANNOTATIONS or prop == SH.path or not str(prop).startswith(str(SH)):
                continue
            assert isinstance(prop, URIRef)
            found.append((prop, value))
        return sorted(found, key=lambda pv: (str(pv[0]), str(pv[1])))

    def _targets(self) -> str:
        parts = []
        for cls in sorted(self.g.objects(self.shape, SH.targetClass), key=str):
            parts.append(f"{{ ?this {self._type(cls)} {cls.n3()} }}")
        for prop in sorted(self.g.objects(self.shape, SH.targetSubjectsOf), key=str):
            parts.append(f"{{ ?this {prop.n3()} [] }}")
        for prop in sorted(self.g.objects(self.shape, SH.targetObjectsOf), key=str):
            parts.append(f"{{ [] {prop.n3()} ?this }}")
        for node in sorted(self.g.objects(self.shape, SH.targetNode), key=str):
            if isinstance(node, BNode):
                raise Unsupported("a blank node as sh:targetNode")
            parts.append(f"{{ VALUES ?this {{ {node.n3()} }} }}")
        return f"{{ SELECT DISTINCT ?this WHERE {{ {' UNION '.join(parts)} }} }}"

    def _targets_are_subjects_of(self, path_node: Node) -> bool:
        """Whether the shape's only target is ``sh:targetSubjectsOf`` its own (plain) path."""
        found = [(p, o) for p in _TARGETS for o in self.g.objects(self.shape, p)]
        return isinstance(path_node, URIRef) and found == [(SH.targetSubjectsOf, path_node)]

    def _prefixes(self, holder: Node | None) -> list[tuple[str, str]]:
        if holder is None:
            return []
        found = []
        for declaration in self.g.objects(holder, SH.declare):
            prefix = self.g.value(declaration, SH.prefix)
            namespace = self.g.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                found.append((str(prefix), str(namespace)))
        return sorted(found)

    def _path(self, node: Node) -> str:
        g = self.g
        if isinstance(node, URIRef):
            return node.n3()
        if g.value(node, RDF.first) is not None:
            return "(" + "/".join(self._path(m) for m in Collection(g, node)) + ")"
        alternatives = g.value(node, SH.alternativePath)
        if alternatives is not None:
            return "(" + "|".join(self._path(m) for m in Collection(g, alternatives)) + ")"
        inverse = g.value(node, SH.inversePath)
        if inverse is not None:
            return f"(^{self._path(inverse)})"
        for prop, suffix in (
            (SH.zeroOrMorePath, "*"),
            (SH.oneOrMorePath, "+"),
            (SH.zeroOrOnePath, "?"),
        ):
            inner = g.value(node, prop)
            if inner is not None:
                return f"({self._path(inner)}){suffix}"
        raise Unsupported(f"path {node!r}")

    def _type(self, cls: Node) -> str:
        if self.subclassed is None or cls in self.subclassed:
            return _TYPE
        return RDF.type.n3()

    def _var(self) -> str:
        return f"?v{next(self._names)}"

    def _shape_condition(self, shape: Node, var: str) -> str:
        """Whether ``var`` conforms to ``shape`` (a node or property shape), never an error."""
        path_node = self.g.value(shape, SH.path)
        parts = []
        if path_node is None:
            for prop, value in self._constraints(shape):
                parts.append(self._node_condition(prop, value, var, shape))
        else:
            parts.extend(self._property_conditions(shape, var, self._path(path_node)))
        return "(" + " && ".join(parts or ["true"]) + ")"

    def _property_conditions(self, shape: Node, var: str, path: str) -> Iterator[str]:
        value_parts = []
        for prop, value in self._constraints(shape):
            if prop == SH.minCount:
                yield _at_least(var, path, _int(value), self._var)
            elif prop == SH.maxCount:
                yield f"!{_at_least(var, path, _int(value) + 1, self._var)}"
            elif prop == SH.hasValue:
                yield f"EXISTS {{ {var} {path} {value.n3()} }}"
            elif prop == SH.qualifiedValueShape:
                if self.g.value(shape, SH.qualifiedMaxCount) is not None:
                    raise Unsupported("nested sh:qualifiedMaxCount")
                least = self.g.value(shape, SH.qualifiedMinCount)
                if least is None or _int(least) != 1:
                    raise Unsupported("nested sh:qualifiedMinCount other than 1")
                v = self._var()
                yield f"EXISTS {{ {var} {path} {v} FILTER ({self._shape_condition(value, v)}) }}"
            elif prop in (SH.qualifiedMinCount, SH.qualifiedMaxCount):
                continue
            elif prop in (SH.uniqueLang, SH.sparql, SH.qualifiedValueShapesDisjoint):
                raise Unsupported(f"nested {prop.n3()}")
            else:
                value_parts.append((prop, value))
        if value_parts:
            v = self._var()
            ok = " && ".join(self._node_condition(p, o, v, shape) for p, o in value_parts)
            yield f"NOT EXISTS {{ {var} {path} {v} FILTER (!({ok})) }}"

    def _node_condition(self, prop: URIRef, value: Node, var: str, shape: Node) -> str:
        """Whether the node ``var`` meets one value-level constraint, never an error."""
        g = self.g
        if prop == SH["class"]:
            return f"EXISTS {{ {var} {self._type(value)} {value.n3()} }}"
        if prop == SH.datatype:
            return _datatype(var, value)
        if prop == SH.nodeKind:
            return _node_kind(var, value)
        if prop == SH.pattern:
            flags = g.value(shape, SH.flags)
            extra = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            return f"(!isBlank({var}) && REGEX(STR({var}), {Literal(str(value)).n3()}{extra}))"
        if prop == SH.flags:
            return "true"  # with sh:pattern
        if prop == SH.languageIn:
            tags = [str(t) for t in Collection(g, value)]
            matches = " || ".join(f"langMatches(LANG({var}), {Literal(t).n3()})" for t in tags)
            return f"(isLiteral({var}) && ({matches or 'false'}))"
        if prop == SH["in"]:
            options = " || ".join(f"sameTerm({var}, {m.n3()})" for m in Collection(g, value))
            return f"({options or 'false'})"
        if prop == SH.hasValue:
            return f"sameTerm({var}, {value.n3()})"
        if prop in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive):
            op = {
                SH.minInclusive: ">=",
                SH.maxInclusive: "<=",
                SH.minExclusive: ">",
                SH.maxExclusive: "<",
            }[prop]
            return f"COALESCE({var} {op} {value.n3()}, false)"
        if prop in (SH["or"], SH["and"]):
            joiner = " || " if prop == SH["or"] else " && "
            members = [self._shape_condition(m, var) for m in Collection(g, value)]
            return "(" + joiner.join(members or ["false" if prop == SH["or"] else "true"]) + ")"
        if prop == SH["not"]:
            return f"!{self._shape_condition(value, var)}"
        if prop in (SH.node, SH.property):
            return self._shape_condition(value, var)
        raise Unsupported(f"constraint {prop.n3()}")


def _int(value: Node) -> int:
    if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
        raise Unsupported(f"count {value!r}")
    return int(value.toPython())


def _count_query(targets: str, path: str, op: str, bound: int) -> str:
    if op == "<" and bound == 1:
        return (
            f"SELECT DISTINCT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ ?this {path} ?v }} }}"
        )
    optional = f"OPTIONAL {{ ?this {path} ?v }}" if op == "<" else f"?this {path} ?v ."
    return (
        f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {targets} "
        f"{optional} }} GROUP BY ?this }} FILTER (?n {op} {bound}) }}"
    )


def _at_least(var: str, path: str, count: int, fresh: object) -> str:
    if count <= 0:
        return "true"
    names = [fresh() for _ in range(count)]  # type: ignore[operator]
    distinct = " && ".join(f"!sameTerm({a}, {b})" for a, b in itertools.combinations(names, 2))
    return f"EXISTS {{ {var} {path} {' , '.join(names)} FILTER ({distinct or 'true'}) }}"


def _datatype(var: str, datatype: Node) -> str:
    if datatype == RDF.langString:
        return f"(isLiteral({var}) && LANG({var}) != '')"
    if datatype == RDFS.Literal:
        return f"isLiteral({var})"
    typed = f"isLiteral({var}) && sameTerm(DATATYPE({var}), {datatype.n3()})"
    lexical = _LEXICAL.get(datatype)  # type: ignore[call-overload]
    if lexical is not None:
        typed += f" && REGEX(STR({var}), {Literal(lexical).n3()})"
    elif datatype != XSD.string:
        raise Unsupported(f"datatype {datatype!r}")
    return f"({typed})"


def _node_kind(var: str, kind: Node) -> str:
    tests = {
        SH.IRI: f"isIRI({var})",
        SH.BlankNode: f"isBlank({var})",
        SH.Literal: f"isLiteral({var})",
        SH.BlankNodeOrIRI: f"(isBlank({var}) || isIRI({var}))",
        SH.BlankNodeOrLiteral: f"(isBlank({var}) || isLiteral({var}))",
        SH.IRIOrLiteral: f"(isIRI({var}) || isLiteral({var}))",
    }
    if kind not in tests:
        raise Unsupported(f"node kind {kind!r}")
    return tests[kind]  # type: ignore[index]
