"""The message catalogue: every sentence partnergraph says to a person, in Danish and English.

The users are Danish municipal staff, so Danish is the default; ``--lang en`` or
``PARTNERGRAPH_LANG=en`` switches to English. Code asks for a message by key and fills its
``{placeholders}``::

    from .messages import t
    raise ParameterError(t("param.date", name="before", value="soon"))

The language is the one chosen for this run (:func:`use`), else ``PARTNERGRAPH_LANG``, else
Danish. Keeping both languages side by side in one table makes a missing translation an error
a test can find (every key has both), not a sentence that silently stays English.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Final

__all__ = [
    "CATALOGUE",
    "LANGUAGES",
    "check_language",
    "language",
    "plural",
    "reset",
    "t",
    "use",
    "using",
]

LANGUAGES: Final = ("da", "en")
"""The languages partnergraph speaks; the first is the default."""

ENV: Final = "PARTNERGRAPH_LANG"

_chosen: ContextVar[str | None] = ContextVar("partnergraph_lang", default=None)


def check_language(lang: str) -> str:
    """``lang`` if partnergraph speaks it; else a :class:`ParameterError` naming the choices."""
    if lang in LANGUAGES:
        return lang
    from .errors import ParameterError

    raise ParameterError(t("lang.unknown", value=lang, choices=f" {t('or')} ".join(LANGUAGES)))


def language() -> str:
    """The language of this run: chosen with :func:`use`, else the environment, else Danish."""
    chosen = _chosen.get()
    if chosen:
        return chosen
    wanted = os.environ.get(ENV, "").strip()
    return wanted if wanted in LANGUAGES else LANGUAGES[0]


def use(lang: str) -> None:
    """Speak ``lang`` from now on in this context (the CLI calls this once per command)."""
    _chosen.set(check_language(lang))


def reset() -> None:
    """Forget a language chosen with :func:`use` (back to the environment's, or Danish)."""
    _chosen.set(None)


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Speak ``lang`` inside the block only (a server request, a test)."""
    token = _chosen.set(check_language(lang))
    try:
        yield
    finally:
        _chosen.reset(token)


def t(key: str, lang: str | None = None, /, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: :func:`language`) with its values filled in."""
    entry = CATALOGUE[key]
    text = entry.get(lang or language()) or entry["da"]
    return text.format(**values) if values else text


def plural(n: int, key: str, lang: str | None = None) -> str:
    """``n`` with the singular (``key.one``) or plural (``key.many``) noun."""
    return t(f"{key}.{'one' if n == 1 else 'many'}", lang, n=n)


CATALOGUE: Final[Mapping[str, Mapping[str, str]]] = {
    # --- general -----
    "error": {"da": "fejl: {message}", "en": "error: {message}"},
    "interrupted": {"da": "afbrudt", "en": "interrupted"},
    "stopped": {"da": "stoppet", "en": "stopped"},
    "stopped.by": {"da": "stoppet af {signal}", "en": "stopped by {signal}"},
    "wrote": {"da": "skrev {path}", "en": "wrote {path}"},
    "warning": {"da": "advarsel: {message}", "en": "warning: {message}"},
    "lang.unknown": {
        "da": "ukendt sprog {value!r} (--lang eller PARTNERGRAPH_LANG): vælg {choices}",
        "en": "unknown language {value!r} (--lang or PARTNERGRAPH_LANG): choose {choices}",
    },
    "rows.one": {"da": "{n} række", "en": "{n} row"},
    "rows.many": {"da": "{n} rækker", "en": "{n} rows"},
    "yes": {"da": "ja", "en": "true"},
    "no": {"da": "nej", "en": "false"},
    # --- formats and output files -----
    "format.unknown": {
        "da": "ukendt format {value!r} til {command!r}: brug {choices}",
        "en": "unknown format {value!r} for {command!r}: use {choices}",
    },
    "format.unknown.kind": {
        "da": "ukendt {kind}format {value!r}; vælg et af: {choices}",
        "en": "unknown {kind} format {value!r}; choose one of: {choices}",
    },
    "format.kind.results": {"da": "svar", "en": "results"},
    "format.kind.graph": {"da": "graf", "en": "graph"},
    "format.mismatch": {
        "da": "{path}: filendelsen {suffix} passer ikke til formatet {fmt}: "
        "brug filendelsen .{extension} eller udelad --format",
        "en": "{path}: the extension {suffix} does not fit the format {fmt}: "
        "name the file .{extension} or leave out --format",
    },
    "format.excel.only.csv": {
        "da": "--excel gælder kun CSV: brug -o FIL.csv eller --format csv-excel",
        "en": "--excel is for CSV only: use -o FILE.csv or --format csv-excel",
    },
    "format.binary.terminal": {
        "da": "formatet {fmt} er en fil, ikke tekst til terminalen: angiv -o FIL.{extension}",
        "en": "the format {fmt} is a file, not text for the terminal: give -o FILE.{extension}",
    },
    "table.folded": {
        "da": "Tabellen er for bred til terminalen ({width} tegn): "
        "udeladt {columns}. Se alt med --format md, eller gør vinduet bredere.",
        "en": "The table is too wide for the terminal ({width} characters): "
        "left out {columns}. See everything with --format md, or widen the window.",
    },
    "sheet.results": {"da": "Svar", "en": "Results"},
    # --- parameters -----
    "param.keyvalue": {
        "da": "--param {item!r} skal skrives NAVN=VÆRDI, fx before=2026-01-01",
        "en": "--param {item!r} must look like KEY=VALUE, e.g. before=2026-01-01",
    },
    "param.date": {
        "da": "parameteren {name!r} skal være en dato som 2026-01-01 (eller 2026, eller "
        "2026-01), ikke {value!r}",
        "en": "parameter {name!r} must be a date such as 2026-01-01 (or 2026, or 2026-01), "
        "got {value!r}",
    },
    "param.date.unreal": {
        "da": "parameteren {name!r} skal være en dato som 2026-01-01 (eller 2026, eller "
        "2026-01): {value!r} er ikke en rigtig dato",
        "en": "parameter {name!r} must be a date such as 2026-01-01 (or 2026, or 2026-01), "
        "got {value!r} which is not a real date",
    },
    "param.integer": {
        "da": "parameteren {name!r} skal være et helt tal skrevet med cifrene 0-9, ikke {value!r}",
        "en": "parameter {name!r} must be a whole number written with the digits 0-9, "
        "got {value!r}",
    },
    "param.language": {
        "da": "parameteren {name!r} skal være en sprogkode som da eller en, ikke {value!r}",
        "en": "parameter {name!r} must be a language code such as da or en, got {value!r}",
    },
    "param.iri": {
        "da": "parameteren {name!r} skal være en absolut IRI, ikke {value!r}",
        "en": "parameter {name!r} must be an absolute IRI, got {value!r}",
    },
    "param.unknown": {
        "da": "forespørgslen {query!r} har ingen parameter {name!r} (dens parametre: {known})",
        "en": "query {query!r} has no parameter {name!r} (its parameters: {known})",
    },
    "param.none": {"da": "ingen", "en": "none"},
    "param.missing": {
        "da": "forespørgslen {query!r} skal have parameteren {name!r} ({type}): "
        "angiv --param {name}=VÆRDI",
        "en": "query {query!r} needs parameter {name!r} ({type}): pass --param {name}=VALUE",
    },
    "query.choose": {
        "da": "angiv præcis én af NAVN, --file STI eller --sparql TEKST "
        "(kør 'partnergraph queries' for at se navnene)",
        "en": "give exactly one of NAME, --file PATH or --sparql TEXT "
        "(run 'partnergraph queries' to list the names)",
    },
    "query.nofile": {
        "da": "{path}: ingen sådan forespørgselsfil",
        "en": "{path}: no such query file",
    },
    "query.params.named": {
        "da": "--param virker kun med navngivne forespørgsler og forespørgselsfiler",
        "en": "--param works with named queries and query files only",
    },
    "query.unknown": {
        "da": "ingen forespørgsel hedder {name!r}: {hint}",
        "en": "no query named {name!r} in the library: {hint}",
    },
    "query.unknown.list": {
        "da": "kør 'partnergraph queries' for at se dem",
        "en": "run 'partnergraph queries' to list them",
    },
    "mean": {"da": "mente du {options}?", "en": "did you mean {options}?"},
    "or": {"da": "eller", "en": "or"},
    # --- names -----
    "name.none": {
        "da": "intet i grafen hedder {text!r}: {hint}",
        "en": "nothing in the graph is called {text!r}: {hint}",
    },
    "name.spelling": {"da": "tjek stavningen", "en": "check the spelling"},
    "name.ambiguous": {
        "da": "{text!r} kan være {n} ting: {options}{more}. Vælg én og skriv dens navn "
        "eller id (fx {example})",
        "en": "{text!r} is ambiguous: it names {n} things: {options}{more}. Choose one and "
        "give its name or id (e.g. {example})",
    },
    "name.class": {
        "da": "klassen {cls!r} er ikke en IRI eller et præfiksnavn",
        "en": "class {cls!r} is not an IRI or prefixed name",
    },
    "name.page.ambiguous": {"da": "Flere ting passer", "en": "Several things match"},
    "name.page.ambiguous.text": {
        "da": "{text!r} kan være flere ting. Vælg den du mener:",
        "en": "{text!r} could be several things. Choose the one you mean:",
    },
    "name.page.none": {"da": "Ikke fundet", "en": "Not found"},
    # --- validate -----
    "validate.clean": {
        "da": "Grafen overholder reglerne (SHACL-formerne): ingen problemer fundet.",
        "en": "The graph conforms to the shapes: no problems found.",
    },
    "validate.nonconform": {"da": "overholder ikke reglen", "en": "does not conform"},
    "validate.value": {"da": "værdi", "en": "value"},
    "validate.found.one": {"da": "{n} problem fundet.", "en": "{n} problem found."},
    "validate.found.many": {"da": "{n} problemer fundet.", "en": "{n} problems found."},
    "severity.Violation": {"da": "Fejl", "en": "Violation"},
    "severity.Warning": {"da": "Advarsel", "en": "Warning"},
    "severity.Info": {"da": "Info", "en": "Info"},
    # --- stats -----
    "stats.summary": {
        "da": "{triples} tripler i {graphs} grafer",
        "en": "{triples} triples in {graphs} graphs",
    },
    "stats.graphs": {"da": "grafer", "en": "graphs"},
    "stats.graph": {"da": "graf", "en": "graph"},
    "stats.triples": {"da": "tripler", "en": "triples"},
    "stats.classes": {"da": "ting pr. klasse", "en": "entities per class"},
    "stats.class": {"da": "klasse", "en": "class"},
    "stats.label": {"da": "navn", "en": "label"},
    "stats.entities": {"da": "antal", "en": "entities"},
    "stats.kinds": {"da": "partnerskaber pr. type", "en": "partnerships per type"},
    "stats.by": {"da": "efter", "en": "by"},
    "stats.kind": {"da": "type", "en": "kind"},
    "stats.partnerships": {"da": "partnerskaber", "en": "partnerships"},
    # --- network stats -----
    "net.summary": {
        "da": "{projection}: {nodes} knuder, {edges} forbindelser, tæthed {density}, "
        "{components} sammenhængende dele ({sizes}); mellemliggende centralitet {between}; "
        "modularitet {modularity}",
        "en": "{projection} network: {nodes} nodes, {edges} edges, density {density}, "
        "{components} component(s) ({sizes}); betweenness {between}; modularity {modularity}",
    },
    "net.exact": {"da": "præcis", "en": "exact"},
    "net.sampled": {"da": "stikprøve, {pivots} knuder", "en": "sampled, {pivots} pivots"},
    "net.projection.collaboration": {"da": "samarbejdsnetværket", "en": "collaboration"},
    "net.projection.actors": {"da": "aktørnetværket", "en": "actors"},
    "net.projection.themes": {"da": "temanetværket", "en": "themes"},
    "net.section.degree": {"da": "antal forbindelser (grad)", "en": "degree"},
    "net.section.betweenness": {"da": "brobyggere (mellemliggende)", "en": "betweenness"},
    "net.section.articulation point": {
        "da": "bindeled (uden dem falder netværket fra hinanden)",
        "en": "articulation point",
    },
    "net.section.community": {"da": "grupper", "en": "community"},
    "net.label": {"da": "navn", "en": "label"},
    "net.value": {"da": "værdi", "en": "value"},
    "viz.wrote": {
        "da": "skrev {path} ({nodes} knuder, {edges} forbindelser)",
        "en": "wrote {path} ({nodes} nodes, {edges} edges)",
    },
    # --- describe -----
    "describe.types": {"da": "typer", "en": "types"},
    "describe.source": {"da": "kilde", "en": "source"},
    "describe.out": {"da": "oplysninger", "en": "links out"},
    "describe.in": {"da": "henvisninger hertil", "en": "links in"},
    "describe.property": {"da": "egenskab", "en": "property"},
    "describe.value": {"da": "værdi", "en": "value"},
    "describe.from": {"da": "fra", "en": "from"},
    "describe.said_by": {"da": "ifølge", "en": "according to"},
    # --- agenda -----
    "agenda.empty": {
        "da": "intet overskredet og intet de næste seks måneder (se --until)",
        "en": "nothing overdue and nothing in the next six months (see --until)",
    },
    "diff.none": {"da": "ingen ændringer", "en": "no changes"},
    "date.option": {
        "da": "{option} skal være en dato som 2025-12-31, ikke {value!r}",
        "en": "{option} must be a date such as 2025-12-31, got {value!r}",
    },
    # --- queries listing -----
    "queries.name": {"da": "navn", "en": "name"},
    "queries.title": {"da": "titel", "en": "title"},
    "queries.aliases": {"da": "også", "en": "aliases"},
    "queries.parameters": {"da": "parametre", "en": "parameters"},
    "queries.default": {"da": "standard", "en": "default"},
    # --- writing files ------------------------------------------------------------------
    "site.wrote": {
        "da": "skrev {pages} sider ({entities} ting på {languages}) og {files} datafiler til "
        "{output} på {seconds} s",
        "en": "wrote {pages} pages ({entities} entities in {languages}) and {files} data files "
        "to {output} in {seconds} s",
    },
    "generate.wrote": {
        "da": "skrev {triples} tripler for {n} kommuner i {files} filer til {output}",
        "en": "wrote {triples} triples for {n} municipalities in {files} files to {output}",
    },
    "template.wrote": {
        "da": "skrev {path} ({rows} rækker, {extra} ekstra udsagn)",
        "en": "wrote {path} ({rows} rows, {extra} extra statements)",
    },
    "template.warning": {
        "da": "advarsel: en import ville tilføje: {what}",
        "en": "warning: an import would add: {what}",
    },
    # --- reading files ------------------------------------------------------------------
    "data.nofile": {
        "da": "ingen sådan fil eller mappe: tjek stien til --data",
        "en": "no such file or folder: check the path given to --data",
    },
    "data.emptyfolder": {
        "da": "mappen har ingen RDF-filer (.ttl, .nt, .nq, .trig, .jsonld, .rdf): "
        "peg --data på filer eller en mappe med dem",
        "en": "folder holds no RDF files (.ttl, .nt, .nq, .trig, .jsonld, .rdf): "
        "point --data at files or a folder of them",
    },
    "data.suffix": {
        "da": "ukendt RDF-filtype {suffix!r}: brug en af {choices}",
        "en": "unknown RDF file type {suffix!r}: use one of {choices}",
    },
    "data.utf8": {
        "da": "filen er ikke UTF-8-tekst: gem den som UTF-8 og prøv igen",
        "en": "file is not UTF-8 text: save it as UTF-8 and try again",
    },
    "data.unreadable": {
        "da": "kan ikke læse filen ({reason})",
        "en": "cannot read file ({reason})",
    },
    "data.malformed.line": {
        "da": "fejl i {format}: {why}; ret syntaksen på den linje",
        "en": "malformed {format}: {why}; fix the syntax on that line",
    },
    "data.malformed": {
        "da": "fejl i {format}: {why}; ret filen og prøv igen",
        "en": "malformed {format}: {why}; fix the file and try again",
    },
    # --- SPARQL -------------------------------------------------------------------------
    "sparql.update": {
        "da": "ændringer (INSERT, DELETE, LOAD, CLEAR, ...) afvises: 'query' læser kun; "
        "ret i datafilerne i stedet",
        "en": "updates (INSERT, DELETE, LOAD, CLEAR, ...) are refused: 'query' only reads; "
        "edit the data files instead",
    },
    "sparql.syntax.at": {
        "da": "fejl i SPARQL på linje {line}, kolonne {column}: {why}",
        "en": "malformed SPARQL at line {line}, column {column}: {why}",
    },
    "sparql.syntax": {"da": "fejl i SPARQL: {why}", "en": "malformed SPARQL: {why}"},
    "sparql.service": {
        "da": "SERVICE <{iri}> afvises: forespørgsler kontakter aldrig andre servere; "
        "angiv --allow-remote for at tillade det",
        "en": "SERVICE <{iri}> is refused: queries never contact other servers; "
        "pass --allow-remote to permit it",
    },
    "sparql.from": {
        "da": "FROM <{iri}> nævner en graf der ikke er indlæst og ville blive hentet: "
        "indlæs filen med --data, eller angiv --allow-remote for at tillade det",
        "en": "FROM <{iri}> names a graph that is not loaded, which would be fetched: "
        "load the file with --data, or pass --allow-remote to permit it",
    },
    # --- server -----
    "serve.open": {
        "da": "Åbn {url} i din browser (SPARQL-endpoint: {sparql}). Stop med Ctrl+C.",
        "en": "Open {url} in your browser (SPARQL endpoint: {sparql}). Stop with Ctrl+C.",
    },
    "server.error": {"da": "Fejl {status}", "en": "Error {status}"},
    "server.back": {"da": "Tilbage til forsiden", "en": "Back to the home page"},
    "server.notfound": {"da": "ikke fundet", "en": "not found"},
    "server.method": {
        "da": "denne adresse tager ikke imod den slags forespørgsel",
        "en": "this address does not accept that kind of request",
    },
    "server.projection": {
        "da": "ukendt netværk {value!r}: brug {choices}",
        "en": "unknown projection {value!r}: use one of {choices}",
    },
}
