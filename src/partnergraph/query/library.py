"""The named query library: one ``.rq`` file per question, with a header the CLI reads.

A header is the block of ``#`` comment lines at the top of the file::

    # title: Agreements due for renewal
    # title@da: Aftaler der skal fornyes
    # description: Agreements and action plans that end, or are due for a new agreement, ...
    # param: before date = 2026-01-01 -- Only what ends or is due before this date
    # param: lang language = da -- Language of the labels
    # alias: fornyelser
    # column: nextTreatment = Next treatment
    # column@da: nextTreatment = Næste behandling

Parameters are SPARQL variables of the same name, bound by the engine as typed RDF terms.
Aliases are other names the query answers to (Danish names for Danish users). Column titles
head the result's columns wherever people read them (terminal, Markdown, workbook, web page);
the variable names stay in CSV and JSON, which programs read.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from partnergraph.core import resources as _resources
from partnergraph.core.errors import (
    ParameterError,
    PartnergraphError,
    QueryError,
    UnknownQueryError,
)
from partnergraph.core.messages import t
from partnergraph.engine.sparql_text import query_form
from partnergraph.rdf.dates import is_date_shaped, parse_date
from partnergraph.rdf.namespaces import PREFIXES

if TYPE_CHECKING:
    from rdflib import URIRef

    from partnergraph.rdf.terms import Bound

__all__ = ["NamedQuery", "Parameter", "find_query", "load_library", "parse_query_file"]

Resolver = Callable[[str, "str | None"], "URIRef"]
"""Looks an entity up by IRI, prefixed name or label, optionally within a class."""

PARAMETER_TYPES = ("date", "string", "integer", "language", "entity", "iri")

_HEADER = re.compile(r"^#\s*(?P<key>[a-z]+)(?:@(?P<lang>[a-z]{2,3}))?\s*:\s*(?P<value>.*)$")
_PARAM = re.compile(
    r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>[a-z]+)(?:\((?P<cls>[^)\s]+)\))?"
    r"(?:\s*=\s*(?P<default>\S+))?(?:\s+--\s*(?P<description>.*))?$"
)
_INTEGER = re.compile(r"^[+-]?[0-9]{1,18}$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


@dataclass(frozen=True)
class Parameter:
    """A query parameter: a SPARQL variable the caller may bind."""

    name: str
    type: str
    default: str | None = None
    description: str = ""
    cls: str | None = None
    """For ``entity`` parameters: the class (prefixed name) the entity must belong to."""
    labels: Mapping[str, str] = field(default_factory=dict)
    """What a form calls the parameter, by language (``# param@da: before = Udløber før``)."""
    helps: Mapping[str, str] = field(default_factory=dict)
    """Its description by language; ``description`` is the English one."""

    def label(self, lang: str = "da") -> str:
        return self.labels.get(lang) or self.name

    def help(self, lang: str = "da") -> str:
        return self.helps.get(lang) or self.description

    @property
    def required(self) -> bool:
        return self.default is None

    def convert(self, value: str, resolve: Resolver | None = None) -> Bound:
        """Turn the text a user typed into the RDF term the query expects, or explain why not.

        The terms are Oxigraph's (an entity's is rdflib's, found in the graph): binding a
        parameter then needs no rdflib, which a cold ``query`` would import only for this."""
        if self.type == "date":
            return _date_literal(self.name, value)
        if self.type == "integer":
            if not _INTEGER.match(value.strip()):
                raise ParameterError(t("param.integer", name=self.name, value=value))
            return ox.Literal(str(int(value)), datatype=_XSD_INTEGER)
        if self.type == "language":
            if not _LANGUAGE.match(value):
                raise ParameterError(t("param.language", name=self.name, value=value))
            return ox.Literal(value)
        if self.type == "iri":
            if not re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:[^\s<>\"{}|\\^`]*$", value):
                raise ParameterError(t("param.iri", name=self.name, value=value))
            try:
                return ox.NamedNode(value)
            except ValueError:
                raise ParameterError(t("param.iri", name=self.name, value=value)) from None
        if self.type == "entity":
            if resolve is None:
                raise ParameterError(f"parameter {self.name!r} needs a graph to look names up in")
            return resolve(value, self.cls)
        return ox.Literal(value)

    def to_dict(self) -> dict[str, Any]:
        """The parameter as the server's query listing gives it to programs."""
        return {
            "name": self.name,
            "type": self.type,
            "default": self.default,
            "required": self.required,
            "description": self.description,
            **({"class": self.cls} if self.cls else {}),
        }

    def summary(self, lang: str = "da") -> str:
        """One line for a listing: the name, the type and the default, if any."""
        default = "" if self.default is None else f", {t('queries.default', lang)} {self.default}"
        return f"{self.name} ({self.type}{default})"


@dataclass(frozen=True)
class NamedQuery:
    """A query of the library, with what the CLI needs to list it and bind its parameters."""

    name: str
    path: Path
    text: str
    titles: Mapping[str, str] = field(default_factory=dict)
    descriptions: Mapping[str, str] = field(default_factory=dict)
    parameters: tuple[Parameter, ...] = ()
    aliases: tuple[str, ...] = ()
    columns: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Column titles by language, then by variable name."""
    limit: str | None = None
    """The integer parameter that caps the number of rows (``# limit: top``; 0 means all).

    SPARQL's ``LIMIT`` takes no variable, so the cap is written into the text to run
    (:meth:`text_for`) instead of being bound like the other parameters."""

    def column_titles(self, lang: str = "da") -> dict[str, str]:
        """Titles of the result's columns in ``lang`` (English, then the variable, if missing)."""
        english = self.columns.get("en", {})
        wanted = self.columns.get(lang, {})
        return {**english, **wanted}

    @property
    def form(self) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE (the first keyword after the prologue)."""
        return query_form(self.text) or "SELECT"

    @property
    def body(self) -> str:
        """The SPARQL without the header: what a reader of a page or the editor needs (the
        header's titles and parameters are shown as a form and headings already)."""
        lines = self.text.splitlines(keepends=True)
        start = 0
        while start < len(lines) and lines[start].startswith("#"):
            start += 1
        return "".join(lines[start:])

    def title(self, lang: str = "da") -> str:
        return self.titles.get(lang) or self.titles.get("en") or self.name

    def description(self, lang: str = "da") -> str:
        return self.descriptions.get(lang) or self.descriptions.get("en") or ""

    def to_dict(self) -> dict[str, Any]:
        """The query as programs read it (the server's ``/api/queries``): both languages."""
        return {
            "name": self.name,
            "form": self.form,
            "title": dict(self.titles),
            "description": dict(self.descriptions),
            "parameters": [p.to_dict() for p in self.parameters],
        }

    def summary(self, lang: str = "da") -> dict[str, str]:
        """The query as ``partnergraph queries`` lists it: one language, parameters as text."""
        return {
            "name": self.name,
            "aliases": ", ".join(self.aliases),
            "title": self.title(lang),
            "parameters": ", ".join(p.summary(lang) for p in self.parameters),
            "description": self.description(lang),
        }

    def parameter(self, name: str) -> Parameter:
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or t("param.none")
        raise ParameterError(t("param.unknown", query=self.name, name=name, known=known))

    def text_for(self, bindings: Mapping[str, Bound]) -> str:
        """The text to run with these bindings: the query's own, with ``LIMIT n`` added when
        its row-limit parameter is bound to a positive number (the engine then stops after
        the first ``n`` rows of the query's order)."""
        if self.limit is None:
            return self.text
        count = _whole_number(bindings.get(self.limit))
        return f"{self.text.rstrip()}\nLIMIT {count}\n" if count > 0 else self.text

    def bindings(
        self,
        values: Mapping[str, str] | None = None,
        resolve: Resolver | None = None,
        as_of: dt.date | None = None,
    ) -> dict[str, Bound]:
        """Every parameter as an RDF term: the value given, else the default. A date parameter
        whose default is ``today`` defaults to ``as_of`` (the status day; default today), so
        "what is due" is due as of the day the user asks about."""
        values = dict(values or {})
        for name in values:
            self.parameter(name)  # unknown names fail loudly, with the list of known ones
        bound: dict[str, Bound] = {}
        for parameter in self.parameters:
            raw = values.get(parameter.name, parameter.default)
            if parameter.type == "date" and raw == "today":
                raw = (as_of or dt.date.today()).isoformat()
            if raw is None:
                raise ParameterError.of(
                    "param.missing",
                    remedy="param",
                    query=self.name,
                    name=parameter.name,
                    type=parameter.type,
                )
            try:
                bound[parameter.name] = parameter.convert(raw, resolve)
                if parameter.name == self.limit and int(raw) < 0:
                    raise ParameterError(t("param.limit", name=parameter.name, value=raw))
            except PartnergraphError as exc:
                # Which field was wrong, so a form can show the message beside it.
                exc.parameter = parameter.name  # type: ignore[attr-defined]
                raise
        return bound


def parse_query_file(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its header."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        lineno = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise QueryError(
            f"{path}:{lineno}: query file is not UTF-8 text: save it as UTF-8 and try again"
        ) from None
    except OSError as exc:
        raise QueryError(f"{path}: cannot read query file ({exc.strerror})") from None
    titles: dict[str, str] = {}
    descriptions: dict[str, str] = {}
    parameters: list[Parameter] = []
    aliases: list[str] = []
    columns: dict[str, dict[str, str]] = {}
    limit: str | None = None
    translated: dict[str, dict[str, tuple[str, str]]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        key, lang, value = match["key"], match["lang"] or "en", match["value"].strip()
        if key == "title":
            titles[lang] = value
        elif key == "description":
            descriptions[lang] = f"{descriptions[lang]} {value}" if lang in descriptions else value
        elif key == "param" and match["lang"]:
            name, _, rest = value.partition("=")
            label, _, help_text = rest.partition("--")
            translated.setdefault(name.strip(), {})[lang] = (label.strip(), help_text.strip())
        elif key == "param":
            parameters.append(_parse_parameter(value, path, number))
        elif key == "limit":
            limit = value.lstrip("?")
        elif key == "alias":
            aliases += [a.strip() for a in value.split(",") if a.strip()]
        elif key == "column":
            variable, sep, title = value.partition("=")
            if not sep or not variable.strip() or not title.strip():
                raise QueryError(
                    f"{path}:{number}: bad column title {value!r}: write "
                    "'# column: VARIABLE = Title' (or '# column@da: ...')"
                )
            columns.setdefault(lang, {})[variable.strip().lstrip("?")] = title.strip()
    parameters = [
        replace(
            p,
            labels={k: v[0] for k, v in translated.get(p.name, {}).items() if v[0]},
            helps={k: v[1] for k, v in translated.get(p.name, {}).items() if v[1]},
        )
        for p in parameters
    ]
    if limit is not None and not any(p.name == limit and p.type == "integer" for p in parameters):
        raise QueryError(
            f"{path}: '# limit: {limit}' names no integer parameter: declare "
            f"'# param: {limit} integer = 0 -- ...' in the header"
        )
    return NamedQuery(
        path.stem,
        path,
        text,
        titles,
        descriptions,
        tuple(parameters),
        tuple(aliases),
        columns,
        limit,
    )


def _parse_parameter(spec: str, path: Path, line: int) -> Parameter:
    match = _PARAM.match(spec)
    if not match or match["type"] not in PARAMETER_TYPES:
        raise QueryError(
            f"{path}:{line}: bad parameter declaration {spec!r}: write "
            f"'# param: NAME TYPE [= DEFAULT] [-- description]' with TYPE one of "
            + ", ".join(PARAMETER_TYPES)
        )
    return Parameter(
        match["name"],
        match["type"],
        match["default"],
        (match["description"] or "").strip(),
        match["cls"],
    )


def load_library(folder: Path | None = None) -> dict[str, NamedQuery]:
    """Every query of the library (default: the bundled one), by name."""
    folder = folder or _resources.queries_dir()
    return {path.stem: parse_query_file(path) for path in sorted(folder.glob("*.rq"))}


def find_query(name: str, library: Mapping[str, NamedQuery] | None = None) -> NamedQuery:
    """The query called ``name``, or an error suggesting the nearest names."""
    library = library if library is not None else load_library()
    if name in library:
        return library[name]
    by_alias = {alias.casefold(): q for q in library.values() for alias in q.aliases}
    if name.casefold() in by_alias:
        return by_alias[name.casefold()]
    names = [*library, *(a for q in library.values() for a in q.aliases)]
    suggestions = difflib.get_close_matches(name, names, n=3, cutoff=0.5)
    suggestions += [n for n in names if name in n and n not in suggestions][:3]
    raise UnknownQueryError(name, suggestions[:3])


def _date_literal(name: str, value: str) -> ox.Literal:
    if not is_date_shaped(value):
        raise ParameterError(t("param.date", name=name, value=value))
    parsed = parse_date(value)
    if parsed is None:
        raise ParameterError(t("param.date.unreal", name=name, value=value))
    return ox.Literal(value, datatype=ox.NamedNode(parsed.datatype))


_XSD_INTEGER = ox.NamedNode(PREFIXES["xsd"] + "integer")


def _whole_number(value: Bound | None) -> int:
    """The number a row-limit parameter is bound to (0 for anything else)."""
    if isinstance(value, ox.Literal):
        text = value.value
    else:
        from rdflib import Literal  # late: rdflib only for a caller's own rdflib terms

        if not isinstance(value, Literal):
            return 0
        text = str(value)
    try:
        return int(text)
    except ValueError:
        return 0
