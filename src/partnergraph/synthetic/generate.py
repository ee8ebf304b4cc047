"""Synthetic partnership data for many municipalities: for scale tests, benchmarks and demos.

:func:`generate` writes a reproducible dataset (the same seed gives byte-identical files) that
follows the partnergraph ontology the way ``data/norddjurs.ttl`` does and passes the same SHACL
shapes, but describes invented Danish and Swedish municipalities and invented partners. Every
IRI it mints is under ``https://example.org/partnergraph-synthetic/id/`` and the dataset
description says that the data is synthetic, so it can never be mistaken for real data. The
shared controlled vocabularies (statuses, frequencies, roles, kinds, categories, cross-cutting
themes, countries) and the UN SDG IRIs are used by reference, never copied.

What one municipality gets (about 1,000 triples; the dataset grows linearly):

* a dataset of its own, laid out as ``partnergraph import`` lays out a source: a named graph
  of what its memo states (``graph/<municipality>``), one of editorial mappings
  (``graph/<municipality>-mappings``) and a DCAT description (publisher the municipality,
  issued, licence, ``void:uriSpace``, derived from its memo). What the memo introduces is
  minted in the dataset's namespace (``…/id/<municipality>/…``);
* a source document (its memo), which every thing it describes names with dcterms:source;
* the municipality, its committees (Økonomiudvalget and Kommunalbestyrelsen, or Kommunstyrelsen
  and Kommunfullmäktige), a secretariat and its departments; its typology of collaboration
  types, strategy documents and citizen-involvement instruments;
* formal partnerships with universities and university colleges drawn from a shared pool whose
  popularity is skewed (Zipf-like), each with a chain of one to three agreements (periods in
  mixed date precision, renewals chained with dcterms:replaces and dcterms:isReplacedBy, often
  a proposed next agreement), two to five numbered themes with proposed focus areas continuing
  them, forums with memberships, roles and meeting frequencies, and decisions done or planned;
* strategic partnerships with universities, schools, foundations and companies;
* for many, a twin-town partnership across the Danish-Swedish border, governed by an agreement
  and a chain of action plans with numbered items, with shared stakeholders;
* membership of regional inter-municipal collaborations with several members; one run through
  a company is the company (``org:FormalOrganization``) and the collaboration
  (``collaboration-<key>``, ``pg:operatedBy`` the company), as in ``data/``.

What several memos mention is shared on purpose, as in ``data/``: the partners live in a
register (``register.<fmt>``, graph ``graph/register``, every fact citing the register, with
the municipalities' synthetic codes), and the municipalities, inter-municipal bodies and
twin-town partnerships keep IRIs in the shared namespace, so that a memo never states anything
about an IRI of another municipality's namespace.

Editorial interpretation (skos:broadMatch to the cross-cutting themes, pg:contributesTo SDG
targets, dcterms:subject of the inter-municipal collaborations) goes to each dataset's mappings
graph, just as ``data/norddjurs-mappings.ttl`` keeps it apart from the memo's facts.

Triples are written as text straight into temporary files in the output folder: the datasets
as N-Quads (``nt``) or TriG (``ttl``), many whole datasets per file
(``municipalities-NNNN.nq``), the register as N-Triples or Turtle, the descriptions as Turtle
(``dataset.ttl``). Only when everything is written are they renamed into place, so a failure
leaves no half-written file. A manifest (``.partnergraph-generated``) marks the folder as
generate's own: a later run may replace its files, but a folder holding anything else is
refused.

This module is the orchestrator: the plan (:mod:`.plan`) decides what ties the municipalities
together, then each municipality's block is written by the builders (:mod:`.municipality` and
the modules it calls, one per kind of thing) into the files of :mod:`.files`, and the register
(:mod:`.register`) and the descriptions (:mod:`.dataset`) follow. The words come from
``tables/`` (:mod:`.tables`).
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from partnergraph.core.errors import OutputError, PartnergraphError
from partnergraph.io.loading import GRAPH_BASE
from partnergraph.io.ntriples import TermSyntax, escape_literal
from partnergraph.io.output import StagedFiles, check_output_folder, write_atomic
from partnergraph.rdf.namespaces import PREFIXES
from partnergraph.synthetic.block import Block
from partnergraph.synthetic.dataset import (
    DESCRIPTION,
    SYNTHETIC_BASE,
    Described,
    namespace_of,
    write_dataset,
    write_description,
)
from partnergraph.synthetic.files import DatasetFiles, Sink
from partnergraph.synthetic.municipality import write_municipality
from partnergraph.synthetic.plan import Plan
from partnergraph.synthetic.register import REGISTER, write_register

__all__ = [
    "DESCRIPTION",
    "FORMATS",
    "MANIFEST_NAME",
    "SYNTHETIC_BASE",
    "GenerateError",
    "GeneratedDataset",
    "escape_literal",
    "generate",
]

MANIFEST_NAME = ".partnergraph-generated"
"""The file that marks a folder as written by :func:`generate`."""

FORMATS = {"nt": "N-Triples", "ttl": "Turtle"}
"""Output formats, by file suffix."""

TRIPLES_PER_FILE = 100_000
"""A data file is closed after the dataset (municipality) that takes it past this many triples.

One file per dataset would mirror the sources of ``data/`` file for file, but at thousands of
municipalities creating and loading the files costs more than their triples (see
:class:`.files.DatasetFiles`); the named graphs are the same."""

MAX_MUNICIPALITIES = 10_000
"""Most municipalities in one dataset (~10 million triples): more is refused before any work,
since the plan alone grows with the count (about 4 KB each) and would exhaust memory."""

_GENERATOR = "partnergraph generate"
_NAMESPACES: dict[str, str] = {**PREFIXES, "syn": SYNTHETIC_BASE}


class GenerateError(PartnergraphError, ValueError):
    """generate was asked for something it will not do: a bad size, a folder not its own..."""


@dataclass(frozen=True)
class GeneratedDataset:
    """What :func:`generate` wrote."""

    output_dir: Path
    files: tuple[Path, ...]
    """The RDF files written (datasets, register and ``dataset.ttl``), sorted by name."""
    triples: int
    """Triples in all those files together; no triple is written twice."""
    counts: dict[str, int]
    """How many things of each kind: municipalities, partnerships, agreements, forums..."""
    municipalities: int
    seed: int
    fmt: str
    manifest: Path

    @property
    def triples_per_municipality(self) -> float:
        return self.triples / self.municipalities


# =============================================================================================
# The folder: refuse foreign ones, replace our own
# =============================================================================================

# The names of earlier versions (synthetic-facts-0001.nt ...) stay ours, to be replaced.
_NAMES = (
    r"dataset\.ttl|register\.(?:nt|ttl)|municipalities-\d{4}\.(?:nq|trig)"
    r"|synthetic-[a-z]+-\d{4}\.(?:nt|ttl)"
)
_OUR_FILE = re.compile(rf"^(?:{_NAMES})$")
_OUR_TEMP = re.compile(
    rf"^\.(?:{_NAMES}|\.partnergraph-generated)\.(?:[0-9a-f]+|pg-\d+-[0-9a-f]{{8}})\.part$"
)


def _read_manifest(path: Path) -> list[str] | None:
    """The files a generate manifest lists, or None if ``path`` is not a generate manifest."""
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(content, dict) or content.get("generator") != _GENERATOR:
        return None
    files = content.get("files")
    if not isinstance(files, list) or not all(isinstance(name, str) for name in files):
        return None
    return [name for name in files if _OUR_FILE.match(name)]


def _previous_files(folder: Path) -> list[str] | None:
    """What a previous run wrote to ``folder``; None if the folder is new or empty.

    Raises GenerateError when the folder holds anything generate did not write.
    """
    if not folder.exists():
        return None
    if not folder.is_dir():
        raise GenerateError(f"{folder} is a file: choose a folder for the generated data")
    entries = sorted(p.name for p in folder.iterdir())
    if not entries:
        return None
    listed = _read_manifest(folder / MANIFEST_NAME)
    if listed is None:
        shown = ", ".join(entries[:5]) + (", ..." if len(entries) > 5 else "")
        raise GenerateError(
            f"{folder} is not empty ({shown}) and was not written by partnergraph generate: "
            "choose an empty or new folder, so that nothing in it is overwritten"
        )
    foreign = [
        name
        for name in entries
        if name != MANIFEST_NAME
        and name not in listed
        and not (_OUR_TEMP.match(name) and (folder / name).is_file())
    ]
    if foreign:
        shown = ", ".join(foreign[:5]) + (", ..." if len(foreign) > 5 else "")
        raise GenerateError(
            f"{folder} holds files that partnergraph generate did not write ({shown}): "
            "move them away or choose another folder, so that nothing of yours is overwritten"
        )
    return listed


def _manifest(
    files: Iterable[str], *, seed: int, municipalities: int, fmt: str, triples: int | None
) -> str:
    content: dict[str, object] = {
        "generator": _GENERATOR,
        "note": DESCRIPTION,
        "seed": seed,
        "municipalities": municipalities,
        "format": fmt,
        "files": sorted(files),
    }
    if triples is not None:
        content["triples"] = triples
    return json.dumps(content, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


# =============================================================================================
# generate()
# =============================================================================================


def generate(
    output_dir: str | Path, municipalities: int, seed: int = 0, *, fmt: str = "nt"
) -> GeneratedDataset:
    """Write a synthetic dataset of ``municipalities`` invented municipalities to ``output_dir``.

    Each municipality is a dataset of its own, as a source imported by ``partnergraph import``
    is: its facts and its editorial mappings in named graphs of their own
    (``graph/<municipality>``, ``graph/<municipality>-mappings``), written many municipalities
    to a file (``municipalities-NNNN.nq`` or ``.trig``, a file per ~100,000 triples, a
    municipality never split). The shared partners and the municipalities' codes are in
    ``register.<fmt>`` (graph ``graph/register``), the DCAT/VoID descriptions of every dataset
    and of the whole (which says the data is synthetic) in ``dataset.ttl``, and the manifest in
    ``.partnergraph-generated``. Load it with ``partnergraph.load([folder])``; the SDG goals and
    targets come with the ontology.

    The same ``seed`` gives byte-identical files; ``fmt`` is ``"nt"`` (N-Quads and N-Triples)
    or ``"ttl"`` (TriG and Turtle). Raises :class:`GenerateError` (a ValueError) for fewer than
    one municipality or more than :data:`MAX_MUNICIPALITIES`, an unknown format or a folder
    that holds files generate did not write; the output of a previous run is replaced.
    Whatever fails, no new or half-written file is left behind.
    """
    if isinstance(municipalities, bool) or not isinstance(municipalities, int):
        raise GenerateError(f"municipalities must be a whole number, not {municipalities!r}")
    if not 1 <= municipalities <= MAX_MUNICIPALITIES:
        raise GenerateError(
            f"municipalities must be from 1 to {MAX_MUNICIPALITIES:,}, not {municipalities:,} "
            "(about 1,000 triples each)"
        )
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise GenerateError(f"seed must be a whole number, not {seed!r}")
    if fmt not in FORMATS:
        raise GenerateError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    folder = Path(output_dir)
    check_output_folder(folder)
    previous = _previous_files(folder)
    created = not folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    manifest = folder / MANIFEST_NAME

    def manifest_text(files: Iterable[str], triples: int | None = None) -> str:
        return _manifest(files, seed=seed, municipalities=municipalities, fmt=fmt, triples=triples)

    staging = StagedFiles(folder)
    try:
        for name in sorted(p.name for p in folder.iterdir()):
            if _OUR_TEMP.match(name):  # left behind by a run that was killed
                (folder / name).unlink(missing_ok=True)
        if previous is None:  # mark the folder as ours before a temporary file appears in it
            write_atomic(manifest, manifest_text([]))
        syntax = TermSyntax(fmt, _NAMESPACES, "syn")
        plan = Plan(municipalities, seed)
        files = DatasetFiles(staging, "municipalities", syntax, limit=TRIPLES_PER_FILE)
        block = Block(plan, seed, syntax, files.facts, files.mappings)
        described = []
        for municipality in plan.municipalities:
            graphs = files.begin(municipality.key, namespace_of(municipality))
            write_municipality(block, municipality)
            triples = sum(files.end())
            memo = namespace_of(municipality) + municipality.memo
            described.append(Described(municipality, memo, graphs, triples))
        files.close()
        register = Sink(staging, REGISTER, syntax, limit=10**9, name=f"{REGISTER}.{fmt}")
        write_register(block, register, f"<{GRAPH_BASE}{REGISTER}>")
        register.close()
        data_files = files.files + register.files
        data_triples = files.total + register.total
        counts = dict(sorted(block.counts.items()))
        description = Sink(
            staging,
            "dataset",
            TermSyntax("ttl", _NAMESPACES, "syn"),
            limit=10**9,
            name="dataset.ttl",
        )
        datasets = [write_dataset(description, seed, d) for d in described]
        datasets.append(description.syntax.node(f"dataset-{REGISTER}"))
        write_description(
            description,
            municipalities=municipalities,
            seed=seed,
            data_triples=data_triples,
            datasets=datasets,
            counts=counts,
        )
        description.close()
        names = sorted([name for name, _triples in data_files] + ["dataset.ttl"])
        triples = data_triples + description.total
        stale = [name for name in previous or [] if name not in names]
        # While files are swapped the manifest lists old and new ones, so that a folder left
        # by a crash between the renames is still recognised as generate's own.
        write_atomic(manifest, manifest_text({*names, *stale}))
        written = staging.commit()
        for name in stale:
            (folder / name).unlink(missing_ok=True)
        write_atomic(manifest, manifest_text(names, triples))
    except BaseException as exc:
        staging.discard()
        if previous is None:
            for path in staging.committed:
                path.unlink(missing_ok=True)
            manifest.unlink(missing_ok=True)
            if created:
                with contextlib.suppress(OSError):
                    folder.rmdir()
        if isinstance(exc, OSError):
            raise OutputError(f"{folder}: cannot write ({exc.strerror or exc})") from None
        raise
    return GeneratedDataset(
        output_dir=folder,
        files=tuple(sorted(written)),
        triples=triples,
        counts=counts,
        municipalities=municipalities,
        seed=seed,
        fmt=fmt,
        manifest=manifest,
    )
