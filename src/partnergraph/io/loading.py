"""Reading RDF files into one dataset, one named graph per file.

Each file becomes the named graph ``https://w3id.org/partnergraph/graph/<file stem>`` so that
provenance survives a TriG export and a query can ask which file a fact came from. Parse errors
become :class:`DataError` with the file and line, never a parser traceback.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from partnergraph.core import resources as _resources
from partnergraph.core.errors import DataError
from partnergraph.core.messages import t
from partnergraph.io.bounds import check_xml, file_chunks, jsonld_document
from partnergraph.io.formats import INPUT_SUFFIXES
from partnergraph.rdf.namespaces import BASE

if TYPE_CHECKING:
    from rdflib import Dataset, Graph, URIRef

GRAPH_BASE = BASE + "graph/"

INPUT_FORMATS: dict[str, str] = {suffix: f.parser for suffix, f in INPUT_SUFFIXES.items()}
"""File suffix -> rdflib parser (the format registry's :data:`INPUT_SUFFIXES`)."""


def graph_iri(path: Path) -> str:
    """The IRI of the named graph a file is loaded into."""
    return GRAPH_BASE + path.stem


def graph_name(path: Path) -> URIRef:
    """The named graph a file is loaded into, as an rdflib term."""
    from rdflib import URIRef  # late: rdflib only for callers that hold its terms

    return URIRef(graph_iri(path))


def rdf_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand files and folders into the RDF files they hold, in a stable order."""
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            # Only regular files: a FIFO would block the read forever, a device never end.
            members = sorted(
                p for p in path.rglob("*") if p.suffix.lower() in INPUT_FORMATS and p.is_file()
            )
            if not members:
                raise DataError.of("data.emptyfolder", path=str(path), remedy="data-files")
            found.extend(members)
        elif path.is_file():
            if path.suffix.lower() not in INPUT_FORMATS:
                raise DataError(
                    t("data.suffix", suffix=path.suffix, choices=", ".join(sorted(INPUT_FORMATS))),
                    path=str(path),
                )
            found.append(path)
        elif path.exists():
            raise DataError(t("data.notregular"), path=str(path))
        else:
            raise DataError.of("data.nofile", path=str(path), remedy="data-path")
    return found


def ontology_files() -> list[Path]:
    """The ontology and shared vocabularies, part of every graph."""
    folder = _resources.ontology_dir()
    return [folder / name for name in _resources.ONTOLOGY_FILES]


def bundled_data_files() -> list[Path]:
    return rdf_files([_resources.data_dir()])


def input_files(data: Iterable[str | Path] | None = None) -> list[Path]:
    """The ontology files plus ``data`` (default: the bundled Norddjurs data), in load order."""
    chosen = bundled_data_files() if data is None else rdf_files(data)
    return [*ontology_files(), *chosen]


def named_files(files: Iterable[Path]) -> list[tuple[Path, str]]:
    """Each file with the IRI of the named graph it loads into; files sharing a stem get -2,
    -3 ..."""
    named: list[tuple[Path, str]] = []
    used: set[str] = set()
    for path in files:
        name = graph_iri(path)
        counter = 2
        while name in used:
            name = f"{GRAPH_BASE}{path.stem}-{counter}"
            counter += 1
        used.add(name)
        named.append((path, name))
    return named


def load_dataset(data: Iterable[str | Path] | None = None) -> Dataset:
    """Load the ontology plus ``data`` (default: the bundled Norddjurs data) into rdflib.

    The dataset's default graph is the union of its named graphs, as SPARQL users expect.
    """
    return dataset_from_files(input_files(None if data is None else list(data)))


def dataset_from_files(files: Iterable[Path]) -> Dataset:
    from rdflib import Dataset  # late: rdflib only for the stores and tools that use it

    dataset = Dataset(default_union=True)
    for path, name in named_files(files):
        parse_into(dataset, path, name)
    return dataset


def parse_into(dataset: Dataset, path: Path, name: str) -> None:
    """Parse one file into ``dataset`` (into graph ``name`` unless the file names its own)."""
    from rdflib import URIRef  # late: rdflib only where it parses
    from rdflib.plugins.parsers.notation3 import BadSyntax  # late: as above

    given = INPUT_SUFFIXES[path.suffix.lower()]
    fmt = given.parser
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        line = path.read_bytes()[: exc.start].count(b"\n") + 1
        raise DataError(t("data.utf8"), path=str(path), line=line) from None
    except OSError as exc:
        raise DataError(t("data.unreadable", reason=exc.strerror), path=str(path)) from None
    if fmt == "json-ld":
        jsonld_document(text, path)
    elif fmt == "xml":
        check_xml(file_chunks(path), str(path))
    target: Graph = dataset if given.quads else dataset.graph(URIRef(name))
    invalid = _InvalidIRIs()
    term_log = logging.getLogger("rdflib.term")
    term_log.addHandler(invalid)
    try:
        target.parse(data=text, format=fmt, publicID=str(name))
    except BadSyntax as exc:
        raise DataError(
            t("data.malformed.line", format=given.label, why=exc._why),
            path=str(path),
            line=exc.lines + 1,
        ) from None
    except Exception as exc:  # every parser has its own exception types
        where: object = getattr(exc, "getLineNumber", lambda: None)() or getattr(
            exc, "lineno", None
        )
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(
            t("data.malformed", format=given.label, why=reason),
            path=str(path),
            line=where if isinstance(where, int) else None,
        ) from None
    finally:
        term_log.removeHandler(invalid)
    if invalid.found is not None:
        iri = invalid.found
        at = text.find(iri)
        raise DataError(
            f'the IRI <{iri}> holds a character IRIs cannot contain (space, <, >, ", {{, }}, |, '
            "^, `, backslash): percent-encode it (a space is %20)",
            path=str(path),
            line=text.count("\n", 0, at) + 1 if at >= 0 else None,
        )


class _InvalidIRIs(logging.Handler):
    """Notes the first IRI rdflib's parsers accepted although it is not valid.

    The default store (Oxigraph) refuses such IRIs; rdflib only logs a warning and keeps them,
    so the same file would load on one store and not the other.
    """

    _MESSAGE = re.compile(r"^(?P<iri>.*) does not look like a valid URI", re.DOTALL)

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.found: str | None = None

    def emit(self, record: logging.LogRecord) -> None:
        match = self._MESSAGE.match(record.getMessage())
        if match is not None and self.found is None:
            self.found = match["iri"]


def check_input(path: Path) -> None:
    """Refuse a file that would make a parser fetch something or expand without limit.

    For the engines that read files themselves (Oxigraph): the checks :func:`parse_into`
    makes before rdflib parses (see :mod:`partnergraph.io.bounds`).
    """
    fmt = INPUT_FORMATS.get(path.suffix.lower())
    if fmt == "json-ld":
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return  # the parser reports unreadable files with file and line
        jsonld_document(text, path)
    elif fmt == "xml":
        try:
            check_xml(file_chunks(path), str(path))
        except OSError:
            return
