"""The command line's help in Danish: ``partnergraph --help`` speaks the user's language.

The help is written in English beside each option in :mod:`partnergraph.cli` (where the
engineers read it); this table gives the Danish of each text, and :func:`translate` puts it in
place before the command runs when the language is Danish. A text missing here stays English,
and ``tests/test_danish.py`` lists any that are missing, so a new option cannot go untranslated
unnoticed.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from collections.abc import Callable
from typing import Any, Final

from partnergraph.cli import value_words

__all__ = ["DANISH", "help_texts", "translate"]

DANISH: Final[dict[str, str]] = {
    "Partnerships between organisations as linked data: query, validate, describe, export.": (
        "Partnerskaber mellem organisationer som åbne data: spørg, tjek, beskriv, eksportér."
    ),
    "RDF file or folder to load instead of the bundled data (repeatable). "
    "The ontology is always included.": (
        "RDF-fil eller mappe der skal indlæses i stedet for de medfølgende data (kan gentages). "
        "Ontologien kommer altid med. Kan også stå i partnergraph.toml."
    ),
    "Where the triples live: oxigraph (default, in memory), memory (rdflib), oxigraph:PATH "
    "(on disk, rebuilt when the data changes) or sparql:URL.": (
        "Hvor data ligger: oxigraph (standard, i hukommelsen), memory (rdflib), oxigraph:STI "
        "(på disken, genopbygges når data ændres) eller sparql:URL."
    ),
    "Show tracebacks on errors.": "Vis hele fejlsporet ved fejl (til udviklere).",
    "Show the version.": "Vis versionen.",
    "Show this message and exit.": "Vis denne hjælp og stop.",
    "List the named queries with their titles and parameters.": (
        "Vis de færdige spørgsmål (forespørgsler) med titler, danske navne og parametre."
    ),
    "Language of labels and messages: da or en.": "Sprog for navne og beskeder: da eller en.",
    "table, json or md.": "table (tabel på skærmen), json (til programmer) eller md (Markdown).",
    "Run a named query, a query file or SPARQL text. Updates are refused.": (
        "Kør et færdigt spørgsmål, en forespørgselsfil eller SPARQL-tekst. Ændringer afvises."
    ),
    "Name of a query in the library.": (
        "Navnet på et færdigt spørgsmål, fx fornyelser (se 'partnergraph queries')."
    ),
    "Query parameter as KEY=VALUE (repeatable).": "Parameter som NAVN=VÆRDI (kan gentages).",
    "Run the SPARQL query in this .rq file.": "Kør SPARQL-forespørgslen i denne .rq-fil.",
    "Run this SPARQL query text.": "Kør denne SPARQL-tekst.",
    "table, csv, csv-excel, tsv, json, md, xlsx for SELECT/ASK; ttl, nt, jsonld, xml for "
    "CONSTRUCT. Default: from the --output file's extension.": (
        "table, csv, csv-excel, tsv, json, md, xlsx for SELECT/ASK; ttl, nt, jsonld, xml for "
        "CONSTRUCT. Standard: efter filendelsen i --output."
    ),
    "CSV for Excel: semicolons, UTF-8 with BOM, Danish dates.": (
        "CSV til Excel: semikolon, UTF-8 med BOM, danske datoer."
    ),
    "Write to this file instead of the terminal.": "Skriv til denne fil i stedet for skærmen.",
    "Permit SERVICE and FROM of graphs not loaded (network and file access).": (
        "Tillad SERVICE og FROM af grafer der ikke er indlæst (adgang til net og filer)."
    ),
    "Check the graph against the SHACL shapes. Exit 0 when clean, 1 on violations.": (
        "Tjek data mod reglerne (SHACL). Slutter med 0 når alt er i orden, 1 ved fejl."
    ),
    "text or json.": "text (læsbar tekst) eller json (til programmer).",
    "Export the whole graph: ontology, vocabularies, data and SDG subset.": (
        "Eksportér hele grafen: ontologi, ordlister, data og verdensmål."
    ),
    "ttl, nt, jsonld, xml or trig.": (
        "ttl (Turtle), nt (N-Triples), jsonld (JSON-LD), xml (RDF/XML) eller trig (TriG, med "
        "de navngivne grafer)."
    ),
    "Write to this file instead of standard output.": "Skriv til denne fil i stedet for skærmen.",
    "Everything known about one entity: labels, types, links out and in, source.": (
        "Alt om én ting: navne, typer, oplysninger, henvisninger og kilde."
    ),
    "A name (Danish or English), an id, a prefixed name (pgid:...) or an IRI.": (
        "Et navn (dansk eller engelsk), et id, et præfiksnavn (pgid:...) eller en IRI."
    ),
    "table or json.": "table (tabel på skærmen) eller json (til programmer).",
    "Counts of triples, entities per class and partnerships per type.": (
        "Antal tripler, ting pr. klasse og partnerskaber pr. type."
    ),
    "Write an interactive network page: one HTML file that works offline.": (
        "Skriv en interaktiv netværksside: én HTML-fil der virker uden net."
    ),
    "collaboration (the whole network: organisations, partnerships, forums, agreements, "
    "themes), actors (organisations linked by the partnerships and forums they share) or themes "
    "(partnerships linked by shared themes and SDGs). The Danish words work too.": (
        "samarbejde (collaboration): hele netværket af organisationer, partnerskaber, fora, "
        "aftaler og temaer; aktører (actors): organisationer forbundet af de partnerskaber og "
        "fora de deler; temaer (themes): partnerskaber forbundet af fælles temaer og verdensmål. "
        "Både det danske og det engelske ord virker."
    ),
    "Only the neighbourhood of this thing (name, id, pgid:... or IRI).": (
        "Kun det der ligger omkring denne ting (navn, id, pgid:... eller IRI)."
    ),
    "Hops around --focus.": "Antal skridt ud fra --focus.",
    "Only links of at least this weight (themes: shared themes and SDGs).": (
        "Kun forbindelser med mindst denne vægt (temaer: fælles temaer og verdensmål)."
    ),
    "Only this many of the heaviest links (0: all).": (
        "Kun så mange af de stærkeste forbindelser (0: alle)."
    ),
    "Only what was in force on this date (YYYY-MM-DD).": (
        "Kun det der var gældende på denne dato (ÅÅÅÅ-MM-DD)."
    ),
    "The HTML file to write.": "HTML-filen der skal skrives.",
    "Title of the page.": "Sidens titel.",
    "Open the page in the default browser.": "Åbn siden i din browser.",
    "Start from an overview (municipalities, or communities, as nodes; click to drill down) or "
    "draw every node. Default: an overview above 3,000 nodes.": (
        "Start med en oversigt (kommuner, eller fællesskaber, som prikker; klik for at se "
        "nærmere) eller tegn hver knude. Standard: en oversigt over 3.000 knuder."
    ),
    "Overview: the fewest shared partners (or links between communities) a line stands for. "
    "Default: chosen so the picture stays readable.": (
        "Oversigt: hvor mange fælles partnere (eller forbindelser mellem fællesskaber) en streg "
        "mindst står for. Standard: valgt så billedet kan læses."
    ),
    "Write a synthetic multi-municipality dataset (example.org IRIs, never real data).\n\n"
    "Each municipality is a dataset of its own, the shared partners a register, as real "
    "sources.\n\nAbout 1,000 triples per municipality; load it with --data FOLDER.": (
        "Skriv et opdigtet datasæt for flere kommuner (example.org-IRI'er, aldrig rigtige "
        "data).\n\nHver kommune er sit eget datasæt, de fælles partnere et register, som "
        "rigtige kilder.\n\nCirka 1.000 tripler pr. kommune; indlæs det med --data MAPPE."
    ),
    "How many municipalities.": "Hvor mange kommuner.",
    "Random seed: same seed, same files.": "Tilfældighedsfrø: samme frø, samme filer.",
    "Folder to write the dataset into.": "Mappen datasættet skrives i.",
    "nt (N-Quads, N-Triples) or ttl (TriG, Turtle).": (
        "nt (N-Quads, N-Triples) eller ttl (TriG, Turtle)."
    ),
    "Write a spreadsheet workbook to author partnership data in (Danish and English headers).": (
        "Skriv et regneark til at registrere partnerskaber i (danske og engelske overskrifter)."
    ),
    "The .xlsx workbook to write (or a folder, for CSV files).": (
        "Regnearket (.xlsx) der skal skrives (eller en mappe, til CSV-filer)."
    ),
    "Fill the sheets with the current data (--data/--store) instead of leaving them empty.": (
        "Udfyld arkene med de nuværende data (--data/--store) i stedet for at lade dem stå tomme."
    ),
    "Turn a filled workbook into RDF. Every problem is listed at once; nothing is written then.": (
        "Lav et udfyldt regneark om til RDF. Alle problemer vises på én gang; så skrives intet."
    ),
    "The filled workbook (.xlsx) or a folder of CSV files, one per sheet.": (
        "Det udfyldte regneark (.xlsx) eller en mappe med CSV-filer, én pr. ark."
    ),
    "The Turtle file for the facts; the mappings go beside it as <name>-mappings.ttl.": (
        "Turtle-filen til oplysningerne; koblingerne lægges ved siden af som <navn>-mappings.ttl."
    ),
    "Upcoming agreement ends, new agreements and planned treatments, in the source's wording.": (
        "Kommende udløb af aftaler, nye aftaler og planlagte behandlinger, med kildens ordlyd."
    ),
    "Only what may come by this date (YYYY-MM-DD).": "Kun det der kan komme før denne dato "
    "(ÅÅÅÅ-MM-DD).",
    "Start of the agenda (YYYY-MM-DD); default today.": (
        "Dagsordenens start (ÅÅÅÅ-MM-DD); standard er i dag."
    ),
    "table, ics or md; default from the --output file's extension.": (
        "table, ics eller md; standard efter filendelsen i --output."
    ),
    "Serve a SPARQL 1.1 endpoint, a query page and linked-data pages until Ctrl-C.": (
        "Start en lokal webserver med overblik, spørgesider, sider for hver ting og et "
        "SPARQL-endpoint, indtil Ctrl+C."
    ),
    "Address to listen on (loopback unless you say so).": (
        "Adressen der lyttes på (kun denne maskine, medmindre du angiver andet)."
    ),
    "Port; 0 picks a free one.": "Port; 0 vælger en ledig.",
    "Accept SPARQL Update (in memory only), with a bearer token from --update-token-env.": (
        "Tillad SPARQL Update (kun i hukommelsen) med et adgangstegn fra --update-token-env."
    ),
    "Environment variable holding the token.": "Miljøvariablen der holder adgangstegnet.",
    "Seconds a query may run before it is stopped.": (
        "Sekunder en forespørgsel må køre før den stoppes."
    ),
    "Seconds a request may wait for a worker.": "Sekunder en forespørgsel må vente i kø.",
    "Seconds a query that overran is refused afterwards.": (
        "Sekunder en forespørgsel der tog for lang tid afvises bagefter."
    ),
    "Most rows an answer holds (then flagged).": "Højst så mange rækker i et svar (så mærkes det).",
    "Largest query accepted, in bytes.": "Største forespørgsel der modtages, i bytes.",
    "Allow this origin to call the endpoint from a browser.": (
        "Tillad dette website at bruge endpointet fra en browser."
    ),
    "Query worker processes.": "Antal arbejdsprocesser.",
    "Loaded spares that replace a stopped worker.": (
        "Klar-til-brug reserveprocesser der afløser en stoppet."
    ),
    "uvicorn log level.": "uvicorns logniveau.",
    "Write a static linked-data website: a page per entity, with Turtle and JSON-LD beside it.": (
        "Skriv et statisk website med en side for hver ting og Turtle og JSON-LD ved siden af."
    ),
    "Folder to write the static site to (replaced only if it holds a previous site).": (
        "Mappen websitet skrives i (erstattes kun hvis den rummer et tidligere website)."
    ),
    "Where it will be published, e.g. https://example.org/partners/ (absolute download URLs, "
    "sitemap.xml).": (
        "Hvor det udgives, fx https://example.org/partners/ (fulde adresser til download, "
        "sitemap.xml)."
    ),
    "Upload the whole graph into one named graph on a SPARQL server, replacing it.": (
        "Læg hele grafen op i én navngiven graf på en SPARQL-server og erstat den."
    ),
    "Graph Store Protocol or SPARQL Update URL, e.g. http://127.0.0.1:7878/store. "
    "Credentials: PARTNERGRAPH_USER and PARTNERGRAPH_PASSWORD, or ~/.netrc.": (
        "Adresse til Graph Store Protocol eller SPARQL Update, fx http://127.0.0.1:7878/store. "
        "Login: PARTNERGRAPH_USER og PARTNERGRAPH_PASSWORD, eller ~/.netrc."
    ),
    "Named graph to replace (default: https://w3id.org/partnergraph/graph/all).": (
        "Den navngivne graf der erstattes (standard: https://w3id.org/partnergraph/graph/all)."
    ),
    "auto (Graph Store Protocol where the URL has it, else SPARQL Update), gsp or update.": (
        "auto (Graph Store Protocol hvor adressen har det, ellers SPARQL Update), gsp eller update."
    ),
    "Download one graph from a SPARQL server into a Turtle file.": (
        "Hent én graf fra en SPARQL-server ned i en Turtle-fil."
    ),
    "Graph Store Protocol or SPARQL query URL of the server.": (
        "Serverens adresse til Graph Store Protocol eller SPARQL-forespørgsler."
    ),
    "Turtle file to write.": "Turtle-filen der skal skrives.",
    "Named graph to fetch, or 'default' for the default graph (default: "
    "https://w3id.org/partnergraph/graph/all).": (
        "Den navngivne graf der hentes, eller 'default' for standardgrafen (standard: "
        "https://w3id.org/partnergraph/graph/all)."
    ),
    "Networks of how the collaborations interconnect: statistics and export.": (
        "Netværk af hvordan samarbejderne hænger sammen: nøgletal og eksport."
    ),
    "Size, density, components, centralities, articulation points and communities.": (
        "Størrelse, tæthed, sammenhængende dele, centrale aktører, bindeled og grupper."
    ),
    "How many nodes per ranking.": "Hvor mange knuder pr. rangliste.",
    "table, csv or json.": (
        "table (tabel på skærmen), csv (til regneark) eller json (til programmer)."
    ),
    "Export a network for Gephi, Cytoscape or networkx.": (
        "Eksportér et netværk til Gephi, Cytoscape eller networkx."
    ),
    "graphml, gexf, json (node-link) or csv.": (
        "graphml eller gexf (til Gephi, Cytoscape), json (node-link, til networkx) eller csv "
        "(knuder og forbindelser til regneark)."
    ),
    "Date that date parameters defaulting to today mean.": (
        "Datoen som datoparametre med standarden i dag skal betyde."
    ),
    "Day of the status of agreements and decisions (default today).": (
        "Dagen som aftalers og beslutningers status gælder for (standard: i dag)."
    ),
    "New edition: the dataset it replaces (IRI, pgid:...); writes <name>-dataset.ttl.": (
        "Ny udgave: det datasæt den afløser (IRI, pgid:...); skriver <navn>-dataset.ttl."
    ),
    "With --replaces: the edition's date (default today).": (
        "Med --replaces: udgavens dato (standard: i dag)."
    ),
    "Overdue treatments and agreements without a successor first, then the next six months.": (
        "Først overskredne behandlinger og aftaler uden afløser, så de næste seks måneder."
    ),
    "Status as of this date (YYYY-MM-DD); default today.": (
        "Status på denne dato (ÅÅÅÅ-MM-DD); standard er i dag."
    ),
    "Only what may come by this date (YYYY-MM-DD); default six months on.": (
        "Kun det der kan komme før denne dato (ÅÅÅÅ-MM-DD); standard er om seks måneder."
    ),
    "Older name of --as-of.": "Ældre navn for --as-of.",
    "table, ics, md or json; default from the --output file's extension.": (
        "table (tabel på skærmen), ics (kalender), md (Markdown) eller json (til programmer); "
        "standard efter filendelsen i --output."
    ),
    "ics: reminder this many weeks before (0: none).": (
        "ics: påmindelse så mange uger før (0: ingen)."
    ),
    "What changed between two editions: partnerships, agreements, themes, forums, decisions.": (
        "Hvad der er ændret mellem to udgaver: partnerskaber, aftaler, temaer, fora, beslutninger."
    ),
    "The earlier edition: an RDF file or folder, or 'bundled'.": (
        "Den tidligere udgave: en RDF-fil eller -mappe, eller 'bundled' (de medfølgende data)."
    ),
    "The later edition: an RDF file or folder, or 'bundled'.": (
        "Den senere udgave: en RDF-fil eller -mappe, eller 'bundled' (de medfølgende data)."
    ),
    "table, md, json or ttl (RDF change set).": (
        "table (tabel på skærmen), md (Markdown), json (til programmer) eller ttl "
        "(RDF-ændringssæt)."
    ),
    "Day of the home page's needs-action list; default today.": (
        "Dagen for forsidens liste over det der kræver handling; standard er i dag."
    ),
    "The previous edition (RDF file or folder): adds a changes page.": (
        "Den forrige udgave (RDF-fil eller -mappe): tilføjer en side med ændringerne."
    ),
    "How many municipalities (1 to 10,000).": "Hvor mange kommuner (1 til 10.000).",
    "Replace an on-disk store (--store oxigraph:PATH) built from other data.": (
        "Erstat et lager på disken (--store oxigraph:STI) der er bygget af andre data."
    ),
    "Seconds a query that overran is refused afterwards (however reworded) and its sender "
    "limited.": (
        "Sekunder en forespørgsel der tog for lang tid afvises bagefter (uanset omformulering), "
        "og afsenderen begrænses."
    ),
    "uvicorn log level: critical, error, warning, info, debug, trace.": (
        "uvicorns logniveau: critical, error, warning, info, debug, trace."
    ),
    "Also answer requests for this host name (NAME or NAME:PORT; repeatable), e.g. behind a "
    "proxy. Other names than the listening address and localhost are refused (DNS "
    "rebinding).": (
        "Svar også på forespørgsler til dette værtsnavn (NAVN eller NAVN:PORT; kan gentages), fx "
        "bag en proxy. Andre navne end lytteadressen og localhost afvises (DNS-rebinding)."
    ),
    "Largest single value in an answer, in MB.": "Største enkeltværdi i et svar, i MB.",
    "Largest answer a query may give, in MB.": "Største svar en forespørgsel må give, i MB.",
    "Memory a query may use in its worker, in MB (then 500).": (
        "Hukommelse en forespørgsel må bruge i sin arbejdsproces, i MB (derefter 500)."
    ),
    "Replace a workbook that already holds filled rows.": (
        "Erstat et regneark der allerede har udfyldte rækker."
    ),
    "gexf: a dynamic graph with start/end per node and edge.": (
        "gexf: en dynamisk graf med start og slut for hver knude og forbindelse."
    ),
    # --- report and network figure (issue 14) -----
    "Write the partnership overview as of a date (Word, PDF, Markdown), every fact sourced.": (
        "Skriv oversigten over partnerskaberne pr. en dato (Word, PDF, Markdown), "
        "hvert udsagn med kilde."
    ),
    "docx, pdf or md (default: from --output, else docx).": (
        "docx (Word), pdf eller md (Markdown) (standard: efter --output, ellers docx)."
    ),
    "File to write (default: rapport-DATE.FORMAT; Markdown to the terminal).": (
        "Filen der skal skrives (standard: rapport-DATO.FORMAT; Markdown til terminalen)."
    ),
    "Only these sections (repeatable): intro, typology, formal, table, strategic, action, "
    "changes, figure. The Danish words work too.": (
        "Kun disse afsnit (kan gentages): indledning (intro), typer (typology) af samarbejder, "
        "formelle (formal) partnerskaber, tabel (table) over partnerskaber, temaer og tidsplan, "
        "andre strategiske (strategic) partnere, handling (action): det der kræver handling, "
        "ændringer (changes) siden forrige udgave, figur (figure) af netværket. Både det danske "
        "og det engelske ord virker."
    ),
    "Only this partnership (name; repeatable).": "Kun dette partnerskab (navn; kan gentages).",
    "Data file or folder of the previous edition: report what changed.": (
        "Datafil eller -mappe med forrige udgave: fortæl hvad der er ændret."
    ),
    "A printable figure of a network: title, date, legend, source line (SVG or PNG).": (
        "En figur af et netværk til tryk: titel, dato, signaturforklaring, kildelinje "
        "(SVG eller PNG)."
    ),
    "The .svg or .png file to write.": "Den .svg- eller .png-fil der skal skrives.",
    "Only nodes of this kind (repeatable), by key or name, e.g. partnership or partnerskab.": (
        "Kun knuder af denne slags (kan gentages), ved navn, fx partnerskab, organisation eller "
        "tværgående tema (eller nøglen: partnership, organisation, theme)."
    ),
    "Title of the figure.": "Figurens titel.",
    # --- import and generate (issue 11) -----
    "Turn a filled workbook into RDF. Every problem is listed at once; nothing is written "
    "then.\n\nIds are minted in the dataset's own namespace (pgid:<name>/...), or the "
    "replaced dataset's.": (
        "Gør et udfyldt regneark til RDF. Alle problemer vises på én gang; så skrives intet."
        "\n\nId'er dannes i datasættets eget navnerum (pgid:<navn>/...), eller i det "
        "erstattede datasæts."
    ),
    "The dataset's date (default: today for an edition, else undated).": (
        "Datasættets dato (standard: i dag for en udgave, ellers udateret)."
    ),
    "The licence's IRI, stated in <name>-dataset.ttl.": (
        "Licensens IRI, angivet i <navn>-dataset.ttl."
    ),
}
"""English help text → its Danish."""

_RICH_DANISH: Final[dict[str, str]] = {
    "ARGUMENTS_PANEL_TITLE": "Argumenter",
    "OPTIONS_PANEL_TITLE": "Tilvalg",
    "COMMANDS_PANEL_TITLE": "Kommandoer",
    "ERRORS_PANEL_TITLE": "Fejl",
    "DEFAULT_STRING": "[standard: {}]",
    "ENVVAR_STRING": "[miljøvariabel: {}]",
    "REQUIRED_LONG_STRING": "[skal angives]",
    "RICH_HELP": "Se '{command_path} {help_option}' for hjælp.",
}
"""typer's own words around the help (panel titles, defaults)."""

TYPER_WORDS: dict[str, str] = {}
"""typer's own English for the words above, kept when :func:`translate` first replaces them."""


def _said_plainly(parse_args: Any, lang: str, *, root: bool) -> Any:
    """click's usage errors ("No such option", "Missing argument", "Invalid value", "Got
    unexpected extra argument", "No such command") are English and typer's value errors
    pydantic's ("Input should be greater than or equal to 0"); they are said in the frame's
    language from the catalogue, a value by its word (:mod:`.value_words`), and an option of
    every command given before the command (``--lang``) says where it goes. Wraps
    ``parse_args`` and a group's ``resolve_command`` alike."""

    def parse(ctx: Any, args: list[str]) -> Any:
        try:
            return parse_args(ctx, args)
        except Exception as caught:
            said = _said_in(caught, lang, root=root)
            if said is None:
                raise
            raise said from None

    return parse


_EXTRA = re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", re.DOTALL)
_NO_COMMAND = re.compile(r"No such command '(?P<name>.*?)'\.(?: Did you mean (?P<names>.*)\?)?")


_USAGE_ERRORS: Final = (
    "NoSuchOption",
    "MissingParameter",
    "BadParameter",
    "BadOptionUsage",
    "UsageError",
)


def _said_in(caught: Exception, lang: str, *, root: bool) -> Exception | None:
    """typer's usage error ``caught`` as one in ``lang``; None for any other error."""
    # typer brings its own copy of click: its errors are known by name
    kind = type(caught).__name__
    if kind not in _USAGE_ERRORS:
        return None
    from typer._click.exceptions import UsageError

    from partnergraph.core.messages import t  # late: the catalogue only on this path

    exc: Any = caught
    if kind == "NoSuchOption":
        message = t("cli.nosuchoption", lang, name=exc.option_name)
        if exc.possibilities:
            message += " " + t("cli.didyoumean", lang, names=", ".join(exc.possibilities))
        if root and exc.option_name in _COMMAND_OPTIONS:
            message += " " + t("cli.aftercommand", lang, name=exc.option_name)
        said: Exception = type(exc)(exc.option_name, message, ctx=exc.ctx)
        return said
    if kind in ("MissingParameter", "BadParameter") and exc.param is not None:
        name = exc.param.get_error_hint()
        if kind == "MissingParameter":
            message = t(f"cli.missing.{exc.param.param_type_name}", lang, name=name)
        else:
            word = value_words.word(exc.param, lang)
            message = t("cli.badvalue", lang, name=name, word=word or "")
    elif kind == "BadOptionUsage":
        needs = exc.message.endswith(("an argument.", "arguments."))
        message = t("cli.needsvalue" if needs else "cli.novalue", lang, name=exc.option_name)
    elif extra := _EXTRA.fullmatch(exc.message):
        message = t("cli.extra", lang, args=extra["args"])
    elif missing := _NO_COMMAND.fullmatch(exc.message):
        message = t("cli.nosuchcommand", lang, name=missing["name"])
        if missing["names"]:
            names = missing["names"].replace("'", "")
            message += " " + t("cli.didyoumean", lang, names=names)
    else:
        return None
    return UsageError(message, ctx=exc.ctx)


_COMMAND_OPTIONS: Final = ("--lang", "-l", "--format", "-f", "--output", "-o", "--as-of")
"""Options every (or many a) command takes, after its name, that people put before it."""


def help_texts(command: Any) -> list[str]:
    """Every help text of ``command`` and its subcommands, in order."""
    found: list[str] = []

    def walk(c: Any) -> None:
        for text in (c.help, getattr(c, "short_help", None)):
            if text and text not in found:
                found.append(text)
        for param in c.params:
            text = getattr(param, "help", None)
            if text and text not in found:
                found.append(text)
        for sub in getattr(c, "commands", {}).values():
            walk(sub)

    walk(command)
    return found


def _danish_words(rich_utils: Any) -> None:
    for name, text in _RICH_DANISH.items():
        if hasattr(rich_utils, name):
            TYPER_WORDS.setdefault(name, getattr(rich_utils, name))
            setattr(rich_utils, name, text)


class _WhenImported:
    """Calls ``then`` with a module right after it is first imported.

    typer's words around the help live in ``typer.rich_utils``, which loads rich's console,
    tables and panels: a command that prints no help and no error should not pay for those,
    so the Danish words are put in place when typer itself imports the module to use it."""

    def __init__(self, name: str, then: Callable[[Any], None]) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)  # the finders after this one
        if spec is None or spec.loader is None:
            return spec
        loader, then = spec.loader, self.then
        load = loader.exec_module

        def exec_module(module: Any) -> None:
            load(module)
            then(module)

        loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


_USAGE_DANISH: Final = {
    "[OPTIONS]": "[TILVALG]",
    "COMMAND [ARGS]...": "KOMMANDO ...",
}
"""click's words in the usage line ("Usage: partnergraph [OPTIONS] COMMAND [ARGS]...")."""


def _usage_in_danish(c: Any) -> None:
    """The usage line, in the help and above every usage error, in Danish."""
    c.options_metavar = _USAGE_DANISH.get(c.options_metavar, c.options_metavar)
    if getattr(c, "subcommand_metavar", None) in _USAGE_DANISH:
        c.subcommand_metavar = _USAGE_DANISH[c.subcommand_metavar]

    def format_usage(ctx: Any, formatter: Any) -> None:  # click's own, with its prefix in Danish
        formatter.write_usage(ctx.command_path, " ".join(c.collect_usage_pieces(ctx)), "Brug: ")

    c.format_usage = format_usage


def translate(command: Any, lang: str = "da") -> Any:
    """Put the Danish help in place on ``command`` (a click command built by typer), and
    click's usage errors in ``lang`` (English too: typer's own are pydantic's words)."""
    if lang != "da":

        def errors_only(c: Any) -> None:
            c.parse_args = _said_plainly(c.parse_args, lang, root=c is command)
            if hasattr(c, "resolve_command"):
                c.resolve_command = _said_plainly(c.resolve_command, lang, root=c is command)
            _each_subcommand(c, errors_only)

        errors_only(command)
        return command
    if "typer.rich_utils" in sys.modules:
        _danish_words(sys.modules["typer.rich_utils"])
    elif not any(isinstance(finder, _WhenImported) for finder in sys.meta_path):
        sys.meta_path.insert(0, _WhenImported("typer.rich_utils", _danish_words))

    def walk(c: Any) -> None:
        if c.help in DANISH:
            c.help = DANISH[c.help]
        if getattr(c, "short_help", None) in DANISH:
            c.short_help = DANISH[c.short_help]
        for param in c.params:
            text = getattr(param, "help", None)
            if text in DANISH:
                param.help = DANISH[text]
            value_words.name_value(param, "da")
        original = c.get_help_option

        def help_option(ctx: Any, original: Any = original) -> Any:
            option = original(ctx)
            if option is not None and option.help in DANISH:
                option.help = DANISH[option.help]
            return option

        c.get_help_option = help_option
        c.parse_args = _said_plainly(c.parse_args, lang, root=c is command)
        _usage_in_danish(c)
        if hasattr(c, "resolve_command"):
            c.resolve_command = _said_plainly(c.resolve_command, lang, root=c is command)
        _each_subcommand(c, walk)

    walk(command)
    return command


def _each_subcommand(c: Any, walk: Callable[[Any], None]) -> None:
    """``walk`` each subcommand of ``c``: now if built, else when built (cli/lazy.py)."""
    subcommands: Any = getattr(c, "commands", {})
    if hasattr(subcommands, "on_build"):
        subcommands.on_build.append(walk)
        subcommands = subcommands.built
    for sub in list(subcommands.values()):
        walk(sub)
