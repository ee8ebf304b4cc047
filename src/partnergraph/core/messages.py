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
    from partnergraph.core.errors import ParameterError

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
    # --- output safety (issue 9) -------------------------------------------------------
    "output.holds.input": {
        "da": "{folder}: rummer inddatafilen {path}, som ville blive overskrevet: "
        "vælg en anden mappe til uddata",
        "en": "{folder}: holds the input {path}, which writing here would replace: "
        "choose another output folder",
    },
    "output.is.input": {
        "da": "{path}: er også en inddatafil ({source}); at skrive her ville ødelægge den: "
        "vælg en anden fil til uddata",
        "en": "{path}: is also an input ({source}); writing here would destroy it: "
        "choose another output file",
    },
    "output.nofolder": {
        "da": "{path}: mappen {folder} findes ikke: opret den eller vælg en anden sti",
        "en": "{path}: folder {folder} does not exist: create it or pick another path",
    },
    "output.isfolder": {
        "da": "{path}: kan ikke skrive (det er en mappe): angiv et filnavn",
        "en": "{path}: cannot write (it is a folder): give a file name",
    },
    "output.cannot": {
        "da": "{path}: kan ikke skrive ({reason})",
        "en": "{path}: cannot write ({reason})",
    },
    "output.cannot.none": {
        "da": "{path}: kan ikke skrive ({reason}); intet blev skrevet",
        "en": "{path}: cannot write ({reason}); nothing was written",
    },
    "output.cannot.beside": {
        "da": "{path}: kan ikke skrive ved siden af den ({reason})",
        "en": "{path}: cannot write beside it ({reason})",
    },
    "output.twice": {
        "da": "{path}: skrives to gange i samme omgang: vælg forskellige navne",
        "en": "{path}: written twice in one go: choose distinct names",
    },
    "output.leftover": {
        "da": "bemærk: ryddede op i {path}, efterladt af en kørsel der blev afbrudt",
        "en": "note: cleaned up {path}, left by a run that was killed",
    },
    "template.notworkbook": {
        "da": "{path}: findes og er ikke en partnergraph-projektmappe: angiv --force for at "
        "erstatte den, eller vælg en anden fil",
        "en": "{path}: exists and is not a partnergraph workbook: pass --force to replace it, "
        "or choose another file",
    },
    "template.filled.one": {
        "da": "{path}: har {n} udfyldt række, som en skabelon ville erstatte: importér den "
        "først, vælg en anden fil, eller angiv --force",
        "en": "{path}: holds {n} filled row, which a template would replace: import it first, "
        "choose another file, or pass --force",
    },
    "template.filled.many": {
        "da": "{path}: har {n} udfyldte rækker, som en skabelon ville erstatte: importér den "
        "først, vælg en anden fil, eller angiv --force",
        "en": "{path}: holds {n} filled rows, which a template would replace: import it first, "
        "choose another file, or pass --force",
    },
    # --- parser bounds (issue 9) --------------------------------------------------------
    "jsonld.malformed": {
        "da": "fejl i JSON-LD: {why}; ret JSON-syntaksen",
        "en": "malformed JSON-LD: {why}; fix the JSON syntax",
    },
    "jsonld.deep": {
        "da": "JSON-LD indlejrer objekter og lister mere end {depth} niveauer dybt, mere end "
        "der kan læses sikkert: gør den fladere (giv knuderne et @id og henvis til dem)",
        "en": "JSON-LD nests objects and lists more than {depth} levels deep, more than "
        "is read safely: flatten it (give nodes an @id and refer to them)",
    },
    "jsonld.remote": {
        "da": "JSON-LD henviser til en @context på nettet ({reference}), som aldrig hentes: "
        "skriv konteksten ind i selve filen",
        "en": "JSON-LD names a remote @context ({reference}), which is never fetched: "
        "put the context inline in the file",
    },
    "xml.declares": {
        "da": "{what} erklærer {declared} i sin DOCTYPE, og det afvises: entiteter kan "
        "vokse uden grænse eller læse andre filer; {advice}",
        "en": "{what} declares {declared} in its DOCTYPE, which is refused: entities can "
        "expand without limit or read other files; {advice}",
    },
    "xml.dtd": {"da": "en ekstern DTD ({name})", "en": "an outside DTD ({name})"},
    "xml.entity": {"da": "entiteten {name!r}", "en": "the entity {name!r}"},
    "xml.what.rdfxml": {"da": "RDF/XML", "en": "RDF/XML"},
    "xml.what.workbook": {
        "da": "projektmappens del {name}",
        "en": "the workbook part {name}",
    },
    "xml.what.answer": {"da": "XML-svaret", "en": "the XML answer"},
    "xml.advice.rdfxml": {
        "da": "skriv teksten ud i stedet for hver henvisning til en entitet",
        "en": "write the text out in place of each entity reference",
    },
    "xml.advice.workbook": {
        "da": "gem projektmappen igen fra Excel eller LibreOffice",
        "en": "save the workbook again from Excel or LibreOffice",
    },
    "xml.advice.answer": {
        "da": "en SPARQL-server har ikke brug for dem",
        "en": "a SPARQL server has no need of them",
    },
    "sparql.deep": {
        "da": "forespørgslen indlejrer grupper og parenteser mere end {depth} niveauer dybt "
        "(linje {line}, kolonne {column}): gør den enklere",
        "en": "the query nests groups and parentheses more than {depth} levels deep "
        "(line {line}, column {column}): simplify it",
    },
    "sparql.engine": {
        "da": "motoren kunne ikke udføre denne forespørgsel: {why}",
        "en": "the engine could not evaluate this query: {why}",
    },
    "data.malformed.rdf": {
        "da": "fejl i RDF: ret filen og prøv igen",
        "en": "malformed RDF: fix the file and try again",
    },
    # --- the on-disk store (issue 9) ----------------------------------------------------
    "store.isfile": {
        "da": "{folder} er en fil, ikke en lagermappe: angiv --store oxigraph:MAPPE",
        "en": "{folder} is a file, not a store folder: give --store oxigraph:FOLDER",
    },
    "store.cannot": {
        "da": "{folder}: kan ikke bruge denne lagermappe ({reason}): vælg en anden sti",
        "en": "{folder}: cannot use this store folder ({reason}): pick another path",
    },
    "store.other": {
        "da": "{folder} rummer et lager bygget af andre data ({built}), ikke af {wanted}: "
        "angiv samme --data, en anden --store-sti, eller --rebuild for at erstatte det",
        "en": "{folder} holds a store built from other data ({built}), not from {wanted}: "
        "give the same --data, another --store path, or --rebuild to replace it",
    },
    "store.bundled": {"da": "de medfølgende data", "en": "the bundled data"},
    "store.more": {"da": " og {n} mere", "en": " and {n} more"},
    "store.foreign": {
        "da": "{folder} findes og er ikke et partnergraph-lager: vælg en tom eller ny mappe",
        "en": "{folder} exists and is not a partnergraph store: choose an empty or new folder",
    },
    "store.needsfolder": {
        "da": "--store {spec}: oxigraph:STI skal være en mappe til lageret ({why}): "
        "angiv en ny eller tom mappe, fx oxigraph:.partnergraph-store",
        "en": "--store {spec}: oxigraph:PATH needs a folder for the store ({why}): "
        "give a new or empty folder, e.g. oxigraph:.partnergraph-store",
    },
    "store.needsfolder.none": {"da": "ingen angivet", "en": "none given"},
    "store.needsfolder.file": {"da": "stien er en fil", "en": "that path is a file"},
    "store.unknown": {
        "da": "ukendt lager {spec!r}: brug memory, oxigraph, oxigraph:STI eller sparql:URL",
        "en": "unknown store {spec!r}: use memory, oxigraph, oxigraph:PATH or sparql:URL",
    },
    # --- serve options (issue 9) --------------------------------------------------------
    "serve.seconds": {
        "da": "{option} skal være {least} sekunder og højst et døgn (86400), ikke {value:g}",
        "en": "{option} must be {least} seconds and at most a day (86400), got {value:g}",
    },
    "serve.seconds.zero": {"da": "0 eller flere", "en": "0 or more"},
    "serve.seconds.positive": {"da": "mere end 0", "en": "more than 0"},
    "serve.rowcap": {
        "da": "rækkeloftet (--row-cap) skal være mindst 1",
        "en": "the row cap (--row-cap) must be at least 1",
    },
    "serve.querysize": {
        "da": "den største forespørgsel (--max-query-size) skal være mellem 16 byte og 64 MB",
        "en": "the maximum query size (--max-query-size) must be between 16 bytes and 64 MB",
    },
    "serve.size": {
        "da": "{option} skal være mindst {unit} og højst 1 TB",
        "en": "{option} must be at least {unit} and at most 1 TB",
    },
    "serve.value.result": {
        "da": "--max-value-size kan ikke være større end --max-result-size",
        "en": "--max-value-size cannot be larger than --max-result-size",
    },
    "serve.workers": {
        "da": "serveren skal have 1 til {most} arbejdere (--workers) og 0 til {most} "
        "reserver (--spare-workers)",
        "en": "the server needs 1 to {most} workers (--workers) and 0 to {most} spares "
        "(--spare-workers)",
    },
    "serve.cors": {
        "da": "--cors {origin!r} er ikke en oprindelse: angiv fx https://example.org "
        "(skema og vært, ingen sti)",
        "en": "--cors {origin!r} is not an origin: give one such as https://example.org "
        "(scheme and host, no path)",
    },
    "serve.tokenenv": {
        "da": "--update-token-env {name!r} er ikke navnet på en miljøvariabel: brug bogstaver, "
        "cifre og _ (fx PARTNERGRAPH_UPDATE_TOKEN)",
        "en": "--update-token-env {name!r} is not an environment variable name: use letters, "
        "digits and _ (e.g. PARTNERGRAPH_UPDATE_TOKEN)",
    },
    "serve.update.store": {
        "da": "--allow-update virker kun med Oxigraph-lageret i hukommelsen, ikke {store!r}: "
        "udelad --store (ændringer rammer den kørende servers kopi, aldrig filerne)",
        "en": "--allow-update works with the in-memory Oxigraph store only, not {store!r}: "
        "drop --store (updates change the running server's copy, never the files)",
    },
    "serve.update.token": {
        "da": "--allow-update kræver en hemmelig nøgle i miljøvariablen {name}: sæt den (fx "
        "til det 'python -c \"import secrets; print(secrets.token_urlsafe())\"' skriver) og "
        "send den som 'Authorization: Bearer <nøgle>' med hver ændring",
        "en": "--allow-update needs a secret token in the environment variable {name}: set it "
        "(e.g. to the output of 'python -c \"import secrets; print(secrets.token_urlsafe())\"') "
        "and send it as 'Authorization: Bearer <token>' with each update",
    },
    "serve.allowhost": {
        "da": "--allow-host {entry!r} er ikke et værtsnavn: angiv fx data.example.org eller "
        "data.example.org:8000 (uden skema og sti)",
        "en": "--allow-host {entry!r} is not a host name: give a name such as "
        "data.example.org or data.example.org:8000 (no scheme, no path)",
    },
    # --- the server's answers (issue 9) ---------------------------------------------------
    "server.busy": {
        "da": "alle forespørgselsarbejdere er optaget: prøv igen om et øjeblik",
        "en": "every query worker is busy: try again in a moment",
    },
    "server.closing": {"da": "serveren lukker ned", "en": "the server is shutting down"},
    "server.memory": {
        "da": "forespørgslen skulle bruge mere hukommelse end serveren giver én forespørgsel og "
        "blev stoppet: den bygger værdier eller svar der er for store; afgræns den eller "
        "tilføj LIMIT",
        "en": "the query needed more memory than this server allows one query and was stopped: "
        "it builds values or results that are too large; narrow it down or add a LIMIT",
    },
    "server.worker.died": {
        "da": "forespørgselsarbejderen stoppede uventet: prøv igen",
        "en": "the query worker stopped unexpectedly: try again",
    },
    "server.update.died": {
        "da": "ændringen mislykkedes: arbejderen stoppede uventet",
        "en": "the update failed: the worker stopped unexpectedly",
    },
    "server.timeout": {
        "da": "forespørgslen kørte længere end serverens grænse på {seconds:g} s og blev "
        "stoppet: afgræns den eller tilføj LIMIT",
        "en": "the query ran longer than this server's limit of {seconds:g} s and was "
        "stopped: narrow it down or add a LIMIT",
    },
    "server.update.timeout": {
        "da": "ændringen kørte længere end serverens grænse på {seconds:g} s og blev "
        "stoppet; intet blev ændret",
        "en": "the update ran longer than this server's limit of {seconds:g} s and was "
        "stopped; nothing was changed",
    },
    "server.cooldown": {
        "da": "denne forespørgsel blev stoppet ved grænsen på {seconds:g} s for et øjeblik "
        "siden og køres ikke igen de næste {wait} s: afgræns den eller tilføj LIMIT",
        "en": "this query was stopped at the {seconds:g} s limit a moment ago and is not "
        "run again for {wait} s: narrow it down or add a LIMIT",
    },
    "server.toolarge.value": {
        "da": "en værdi i svaret er større end serveren sender ({size}): vælg kortere "
        "værdier (fx SUBSTR eller STRLEN i stedet for hele teksten)",
        "en": "a value in this answer is larger than this server sends ({size}): select "
        "shorter values (e.g. SUBSTR or STRLEN instead of the whole text)",
    },
    "server.toolarge.answer": {
        "da": "svaret er større end serveren sender ({size}): vælg færre eller kortere "
        "værdier, eller tilføj LIMIT",
        "en": "this answer is larger than this server sends ({size}): select fewer or shorter "
        "values, or add a LIMIT",
    },
    "server.strikes": {
        "da": "{strikes} forespørgsler i træk fra denne adresse blev stoppet ved grænsen på "
        "{seconds:g} s: dens SPARQL-forespørgsler afvises de næste {wait} s "
        "(forespørgselsbiblioteket og siderne svarer stadig); afgræns forespørgslen eller "
        "tilføj LIMIT",
        "en": "{strikes} queries from this address were stopped at the {seconds:g} s limit "
        "in a row: its SPARQL queries are refused for {wait} s (the query library and the "
        "pages still answer); narrow the query down or add a LIMIT",
    },
    # --- push and pull ------------------------------------------------------------------
    "push.report": {
        "da": "sendte {triples} tripler til <{graph}> på {url} ({how}, {requests}, "
        "{seconds:.1f} s)",
        "en": "pushed {triples} triples into <{graph}> at {url} ({how}, {requests}, "
        "{seconds:.1f} s)",
    },
    "push.requests.one": {"da": "{n} forespørgsel", "en": "{n} request"},
    "push.requests.many": {"da": "{n} forespørgsler", "en": "{n} requests"},
    "pull.report": {
        "da": "hentede {triples} tripler fra <{graph}> på {url} til {output}",
        "en": "pulled {triples} triples of <{graph}> from {url} into {output}",
    },
    "remote.connect": {
        "da": "kan ikke forbinde til {url}: {reason}: kører serveren?",
        "en": "cannot connect to {url}: {reason}: is the server running?",
    },
    "remote.connect.timeout": {
        "da": "kan ikke forbinde til {url}: intet svar inden for {seconds:g} s",
        "en": "cannot connect to {url}: no answer within {seconds:g} s",
    },
    "remote.password": {
        "da": "{url} beder om brugernavn og adgangskode: sæt {user} og {password}, eller "
        "tilføj {host} til din netrc-fil",
        "en": "{url} asks for a user name and password: set {user} and {password}, or add "
        "{host} to your netrc file",
    },
    "remote.unauthorized": {
        "da": "{url} afviste brugernavnet eller adgangskoden (HTTP 401 Unauthorized): tjek "
        "{user} og {password} eller din netrc-fil",
        "en": "{url} refused the user name or password (HTTP 401 Unauthorized): check {user} "
        "and {password} or your netrc file",
    },
    "remote.protocol": {
        "da": "ukendt protokol {protocol!r}: brug {choices}",
        "en": "unknown protocol {protocol!r}: use {choices}",
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
    # --- report and figure (issue 14) ---------------------------------------------------
    "report.section": {
        "da": "ukendt afsnit {section!r}: vælg blandt {choices}",
        "en": "unknown report section {section!r}: choose from {choices}",
    },
    "report.changes.previous": {
        "da": "afsnittet 'changes' skal bruge forrige udgave: angiv --previous med dens data",
        "en": "the section 'changes' needs the previous edition: pass --previous with its data",
    },
    "report.pdf": {
        "da": "PDF'en kunne ikke sættes: {why}",
        "en": "the PDF could not be typeset: {why}",
    },
    "typst.missing": {
        "da": "{fmt} kræver pakken typst: pip install typst",
        "en": "{fmt} needs the typst package: pip install typst",
    },
    "figure.kind": {
        "da": "ukendt slags knude {kind!r}: vælg blandt {choices}",
        "en": "unknown node kind {kind!r}: choose from {choices}",
    },
    "figure.many": {
        "da": "{n} knuder er for mange til at læse på papir (højst {most}): afgræns med "
        "--focus, --kinds eller --projection",
        "en": "{n} nodes are too many to read on paper (at most {most}): narrow it with "
        "--focus, --kinds or --projection",
    },
    "figure.empty": {
        "da": "netværket er tomt: intet at tegne (tjek --as-of og --focus)",
        "en": "the network is empty: nothing to draw (check --as-of and --focus)",
    },
    # --- pages: the server's pages and the static site (was pages/vocab.TEXT) -----------
    "page.site": {
        "da": "partnergraph",
        "en": "partnergraph",
    },
    "page.skip": {
        "da": "Spring til indholdet",
        "en": "Skip to content",
    },
    "page.nav.home": {
        "da": "Forside",
        "en": "Home",
    },
    "page.nav.queries": {
        "da": "Forespørgsler",
        "en": "Queries",
    },
    "page.nav.query": {
        "da": "Spørg grafen",
        "en": "Ask the graph",
    },
    "page.nav.network": {
        "da": "Netværk",
        "en": "Network",
    },
    "page.nav.ontology": {
        "da": "Ontologi",
        "en": "Ontology",
    },
    "page.nav.dataset": {
        "da": "Datasættet",
        "en": "The dataset",
    },
    "page.switch": {
        "da": "English",
        "en": "Dansk",
    },
    "page.switch.title": {
        "da": "Read this page in English",
        "en": "Læs siden på dansk",
    },
    "page.names": {
        "da": "Navne",
        "en": "Names",
    },
    "page.also": {
        "da": "Også kendt som",
        "en": "Also known as",
    },
    "page.types": {
        "da": "Typer",
        "en": "Types",
    },
    "page.facts": {
        "da": "Oplysninger",
        "en": "Facts",
    },
    "page.links.in": {
        "da": "Henvisninger hertil",
        "en": "Linked from",
    },
    "page.links.in.intro": {
        "da": "Andre ting i grafen, der peger på denne.",
        "en": "Other things in the graph that point here.",
    },
    "page.network": {
        "da": "Netværket omkring",
        "en": "The network around",
    },
    "page.network.none": {
        "da": "Ingen forbindelser at vise.",
        "en": "No connections to show.",
    },
    "page.network.more": {
        "da": "og {n} flere",
        "en": "and {n} more",
    },
    "page.network.full": {
        "da": "Åbn hele netværket",
        "en": "Open the whole network",
    },
    "page.provenance": {
        "da": "Kilde",
        "en": "Source",
    },
    "page.provenance.none": {
        "da": "Ingen kilde angivet.",
        "en": "No source given.",
    },
    "page.provenance.quote": {
        "da": "Kildens ordlyd",
        "en": "In the source's words",
    },
    "page.data": {
        "da": "Data om denne side",
        "en": "Data about this page",
    },
    "page.data.thing": {
        "da": "Tingen",
        "en": "The thing",
    },
    "page.data.thing.help": {
        "da": "Denne IRI navngiver selve tingen, ikke denne side.",
        "en": "This IRI names the thing itself, not this page.",
    },
    "page.data.doc": {
        "da": "Dette dokument",
        "en": "This document",
    },
    "page.data.formats": {
        "da": "Hent beskrivelsen som",
        "en": "Get the description as",
    },
    "page.data.html": {
        "da": "HTML",
        "en": "HTML",
    },
    "page.data.ttl": {
        "da": "Turtle",
        "en": "Turtle",
    },
    "page.data.jsonld": {
        "da": "JSON-LD",
        "en": "JSON-LD",
    },
    "page.lang.tag": {
        "da": "sprog",
        "en": "language",
    },
    "page.value.none": {
        "da": "(ingen)",
        "en": "(none)",
    },
    "page.footer.licence": {
        "da": "Indhold: CC BY 4.0. Kode: MIT.",
        "en": "Content: CC BY 4.0. Code: MIT.",
    },
    "page.footer.made": {
        "da": "Lavet med partnergraph",
        "en": "Made with partnergraph",
    },
    "page.footer.source": {
        "da": "Data fra",
        "en": "Data from",
    },
    "page.home.title": {
        "da": "Partnerskaber som åbne data",
        "en": "Partnerships as open data",
    },
    "page.home.lead": {
        "da": "",
        "en": "",
    },
    "page.home.counts": {
        "da": "I tal",
        "en": "In numbers",
    },
    "page.home.partnerships": {
        "da": "Partnerskaber og samarbejder",
        "en": "Partnerships and collaborations",
    },
    "page.home.organisations": {
        "da": "Organisationer og enheder",
        "en": "Organisations and units",
    },
    "page.home.agreements": {
        "da": "Aftaler og handleplaner",
        "en": "Agreements and action plans",
    },
    "page.home.more": {
        "da": "Mere",
        "en": "More",
    },
    "page.home.explore": {
        "da": "Udforsk",
        "en": "Explore",
    },
    "page.home.queries.text": {
        "da": "Færdige spørgsmål til grafen med svar, fx aftaler der skal fornyes.",
        "en": "Ready-made questions with their answers, e.g. agreements due for renewal.",
    },
    "page.home.network.text": {
        "da": "Interaktivt kort over hvem der samarbejder med hvem.",
        "en": "An interactive map of who collaborates with whom.",
    },
    "page.home.ontology.text": {
        "da": "Begreberne bag data: klasser og egenskaber.",
        "en": "The terms behind the data: classes and properties.",
    },
    "page.home.query.text": {
        "da": "Skriv dine egne SPARQL-forespørgsler.",
        "en": "Write your own SPARQL queries.",
    },
    "page.home.downloads": {
        "da": "Hent data",
        "en": "Download the data",
    },
    "page.home.downloads.text": {
        "da": "Hele grafen i standardformater, fri at genbruge (CC BY 4.0).",
        "en": "The whole graph in standard formats, free to reuse (CC BY 4.0).",
    },
    "page.home.description": {
        "da": "Beskrivelse af datasættet (DCAT/VoID)",
        "en": "Description of the dataset (DCAT/VoID)",
    },
    "page.home.about": {
        "da": "Om adresserne",
        "en": "About the addresses",
    },
    "page.home.about.text": {
        "da": "Hver ting har en fast IRI under …/id/. Den navngiver tingen selv: en "
        "organisation, et partnerskab. Beskrivelsen af tingen er et dokument med sin egen"
        " adresse under …/doc/, som HTML, Turtle og JSON-LD. For eksempel:",
        "en": "Every thing has a stable IRI under …/id/. It names the thing itself: an "
        "organisation, a partnership. The description of the thing is a document with its"
        " own address under …/doc/, as HTML, Turtle and JSON-LD. For example:",
    },
    "page.home.publisher": {
        "da": "Udgiver",
        "en": "Publisher",
    },
    "page.home.licence": {
        "da": "Licens",
        "en": "Licence",
    },
    "page.home.derived": {
        "da": "Bygger på",
        "en": "Derived from",
    },
    "page.home.keywords": {
        "da": "Nøgleord",
        "en": "Keywords",
    },
    "page.home.triples": {
        "da": "tripler",
        "en": "triples",
    },
    "page.home.endpoint": {
        "da": "SPARQL-endpoint",
        "en": "SPARQL endpoint",
    },
    "page.count.partnerships": {
        "da": "partnerskaber",
        "en": "partnerships",
    },
    "page.count.organisations": {
        "da": "organisationer",
        "en": "organisations",
    },
    "page.count.agreements": {
        "da": "aftaler",
        "en": "agreements",
    },
    "page.count.forums": {
        "da": "samarbejdsfora",
        "en": "governance forums",
    },
    "page.count.decisions": {
        "da": "beslutninger",
        "en": "decisions",
    },
    "page.count.themes": {
        "da": "temaer",
        "en": "themes",
    },
    "page.count.entities": {
        "da": "ting i alt",
        "en": "things in all",
    },
    "page.formal": {
        "da": "Formelle partnerskaber",
        "en": "Formal partnerships",
    },
    "page.strategic": {
        "da": "Strategiske partnerskaber",
        "en": "Strategic partnerships",
    },
    "page.other": {
        "da": "Andre samarbejder",
        "en": "Other collaborations",
    },
    "page.ontology.title": {
        "da": "Ontologien",
        "en": "The ontology",
    },
    "page.ontology.classes": {
        "da": "Klasser",
        "en": "Classes",
    },
    "page.ontology.properties": {
        "da": "Egenskaber",
        "en": "Properties",
    },
    "page.ontology.iri": {
        "da": "IRI",
        "en": "IRI",
    },
    "page.ontology.version": {
        "da": "Version",
        "en": "Version",
    },
    "page.ontology.super.class": {
        "da": "Underklasse af",
        "en": "Subclass of",
    },
    "page.ontology.super.property": {
        "da": "Underegenskab af",
        "en": "Subproperty of",
    },
    "page.ontology.sub": {
        "da": "Underbegreber",
        "en": "Narrower terms",
    },
    "page.ontology.domain": {
        "da": "Domæne",
        "en": "Domain",
    },
    "page.ontology.range": {
        "da": "Værdiområde",
        "en": "Range",
    },
    "page.ontology.kind": {
        "da": "Slags",
        "en": "Kind",
    },
    "page.ontology.used": {
        "da": "Bruges af egenskaberne",
        "en": "Used by the properties",
    },
    "page.ontology.download": {
        "da": "Hent ontologien som",
        "en": "Get the ontology as",
    },
    "page.ontology.toc": {
        "da": "Indhold",
        "en": "Contents",
    },
    "page.ontology.class": {
        "da": "klasse",
        "en": "class",
    },
    "page.ontology.object": {
        "da": "objektegenskab",
        "en": "object property",
    },
    "page.ontology.datatype": {
        "da": "dataegenskab",
        "en": "datatype property",
    },
    "page.ontology.annotation": {
        "da": "annotationsegenskab",
        "en": "annotation property",
    },
    "page.ontology.property": {
        "da": "egenskab",
        "en": "property",
    },
    "page.queries.title": {
        "da": "Forespørgsler",
        "en": "Queries",
    },
    "page.queries.lead": {
        "da": "Hver forespørgsel er et spørgsmål til grafen i standard-SPARQL. Svarene herunder"
        " er beregnet med standardværdierne for parametrene.",
        "en": "Each query is a question to the graph in standard SPARQL. The answers below are "
        "computed with the parameters' default values.",
    },
    "page.queries.params": {
        "da": "Parametre",
        "en": "Parameters",
    },
    "page.queries.param.none": {
        "da": "Ingen parametre.",
        "en": "No parameters.",
    },
    "page.queries.default": {
        "da": "standard",
        "en": "default",
    },
    "page.queries.required": {
        "da": "skal angives",
        "en": "required",
    },
    "page.queries.text": {
        "da": "SPARQL",
        "en": "SPARQL",
    },
    "page.queries.result": {
        "da": "Svar",
        "en": "Answer",
    },
    "page.queries.rows": {
        "da": "{n} rækker",
        "en": "{n} rows",
    },
    "page.queries.example": {
        "da": "Eksempel med {param} = {value}",
        "en": "Example with {param} = {value}",
    },
    "page.queries.noresult": {
        "da": "Kræver en værdi for {param}.",
        "en": "Needs a value for {param}.",
    },
    "page.queries.empty": {
        "da": "Ingen rækker.",
        "en": "No rows.",
    },
    "page.queries.yes": {
        "da": "ja",
        "en": "yes",
    },
    "page.queries.no": {
        "da": "nej",
        "en": "no",
    },
    "page.queries.run": {
        "da": "Kør i forespørgselssiden",
        "en": "Run in the query page",
    },
    "page.queries.sort": {
        "da": "Klik på en kolonneoverskrift for at sortere.",
        "en": "Click a column heading to sort.",
    },
    "page.type.date": {
        "da": "dato",
        "en": "date",
    },
    "page.type.string": {
        "da": "tekst",
        "en": "text",
    },
    "page.type.integer": {
        "da": "heltal",
        "en": "whole number",
    },
    "page.type.language": {
        "da": "sprog",
        "en": "language",
    },
    "page.type.entity": {
        "da": "ting",
        "en": "thing",
    },
    "page.type.iri": {
        "da": "IRI",
        "en": "IRI",
    },
    "page.qp.title": {
        "da": "Spørg grafen",
        "en": "Ask the graph",
    },
    "page.qp.lead": {
        "da": "Vælg et færdigt spørgsmål eller skriv din egen SPARQL. Svarene kommer fra denne "
        "servers SPARQL-endpoint.",
        "en": "Pick a ready-made question or write your own SPARQL. The answers come from this "
        "server's SPARQL endpoint.",
    },
    "page.qp.library": {
        "da": "Færdige spørgsmål",
        "en": "Ready-made questions",
    },
    "page.qp.networks": {
        "da": "Netværk",
        "en": "Networks",
    },
    "page.qp.editor": {
        "da": "SPARQL",
        "en": "SPARQL",
    },
    "page.qp.run": {
        "da": "Kør",
        "en": "Run",
    },
    "page.qp.running": {
        "da": "Kører …",
        "en": "Running …",
    },
    "page.qp.load": {
        "da": "Vis SPARQL",
        "en": "Show SPARQL",
    },
    "page.qp.results": {
        "da": "Svar",
        "en": "Answer",
    },
    "page.qp.table": {
        "da": "Tabel",
        "en": "Table",
    },
    "page.qp.graph": {
        "da": "Graf",
        "en": "Graph",
    },
    "page.qp.download": {
        "da": "Hent",
        "en": "Download",
    },
    "page.qp.permalink": {
        "da": "Permanent link",
        "en": "Permalink",
    },
    "page.qp.copied": {
        "da": "Linket er kopieret",
        "en": "Link copied",
    },
    "page.qp.rows": {
        "da": "{n} rækker",
        "en": "{n} rows",
    },
    "page.qp.triples": {
        "da": "{n} tripler",
        "en": "{n} triples",
    },
    "page.qp.truncated": {
        "da": "Svaret er afkortet ved serverens grænse.",
        "en": "The answer was cut at the server's limit.",
    },
    "page.qp.error": {
        "da": "Fejl",
        "en": "Error",
    },
    "page.qp.empty": {
        "da": "Ingen rækker.",
        "en": "No rows.",
    },
    "page.qp.yes": {
        "da": "Ja",
        "en": "Yes",
    },
    "page.qp.no": {
        "da": "Nej",
        "en": "No",
    },
    "page.qp.sorted": {
        "da": "Sorteret efter {col}",
        "en": "Sorted by {col}",
    },
    "page.qp.hint": {
        "da": "Ctrl+Enter kører forespørgslen.",
        "en": "Ctrl+Enter runs the query.",
    },
    "page.qp.edited": {
        "da": "Redigeret: køres som egen SPARQL.",
        "en": "Edited: runs as your own SPARQL.",
    },
    "page.qp.network.collaboration": {
        "da": "Samarbejdsnetværket",
        "en": "Collaboration network",
    },
    "page.qp.network.collaboration.text": {
        "da": "Organisationer, partnerskaber, fora, aftaler og temaer.",
        "en": "Organisations, partnerships, forums, agreements, themes.",
    },
    "page.qp.network.actors": {
        "da": "Aktørnetværket",
        "en": "Actor network",
    },
    "page.qp.network.actors.text": {
        "da": "Organisationer der deltager i de samme partnerskaber.",
        "en": "Organisations that take part in the same partnerships.",
    },
    "page.qp.network.themes": {
        "da": "Temanetværket",
        "en": "Theme network",
    },
    "page.qp.network.themes.text": {
        "da": "Partnerskaber der deler tværgående temaer og verdensmål.",
        "en": "Partnerships that share cross-cutting themes and SDG targets.",
    },
    "page.qp.show": {
        "da": "Vis",
        "en": "Show",
    },
    "page.qp.nothing": {
        "da": "Vælg et spørgsmål eller skriv en forespørgsel, og tryk Kør.",
        "en": "Pick a question or write a query, then press Run.",
    },
    "page.qp.choose": {
        "da": "Vælg …",
        "en": "Choose …",
    },
    "page.find.label": {
        "da": "Find en ting ved navn",
        "en": "Find a thing by name",
    },
    "page.find.placeholder": {
        "da": "Find, fx Halmstad",
        "en": "Find, e.g. Halmstad",
    },
    "page.find.button": {
        "da": "Find",
        "en": "Find",
    },
    "page.qp.subject": {
        "da": "subjekt",
        "en": "subject",
    },
    "page.qp.predicate": {
        "da": "egenskab",
        "en": "predicate",
    },
    "page.qp.object": {
        "da": "værdi",
        "en": "object",
    },
    "page.lang.da": {
        "da": "dansk",
        "en": "Danish",
    },
    "page.lang.en": {
        "da": "engelsk",
        "en": "English",
    },
    "page.notfound.title": {
        "da": "Ikke fundet",
        "en": "Not found",
    },
    "page.notfound.text": {
        "da": "Der er ingen ting med adressen {iri} i grafen.",
        "en": "Nothing in the graph has the address {iri}.",
    },
    "page.dataset": {
        "da": "Datasættet",
        "en": "The dataset",
    },
}
