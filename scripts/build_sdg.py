"""Derive the bundled SDG subset (``ontology/sdg.ttl``) from the UN SDG knowledge system.

The UN publishes goals, targets and indicators as SKOS at http://metadata.un.org/sdg/. This script
keeps the goals and targets partnergraph refers to, copies their UN labels and notations, links
each target to its goal, and adds our Danish labels. The output is deterministic: running the
script twice on the same input gives byte-identical files.

Usage (from the repository root)::

    python scripts/build_sdg.py [--vocab PATH] [--output PATH]

It prints nothing unless something goes wrong.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Sequence
from io import BytesIO
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.term import Node

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_VOCAB = REPO_ROOT.parent / "shared" / "vocab" / "sdg-kos-goals-targets-indicators.ttl"
DEFAULT_OUTPUT = REPO_ROOT / "ontology" / "sdg.ttl"

# Same IRIs as partnergraph.namespaces; repeated here so the script needs only rdflib.
SDG = Namespace("http://metadata.un.org/sdg/")
SDGO = Namespace("http://metadata.un.org/sdg/ontology#")
UN_SDG_KOS = URIRef(str(SDG))
"""The UN SDG KOS as a whole, recorded as ``dcterms:source`` of every item."""

PREFIXES: dict[str, Namespace] = {
    "dcterms": Namespace(str(DCTERMS)),
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "sdg": SDG,
    "sdgo": SDGO,
    "skos": Namespace(str(SKOS)),
    "xsd": Namespace(str(XSD)),
}

GOALS: tuple[str, ...] = ("4", "8", "9", "13", "16", "17")
ALL_TARGETS_OF: tuple[str, ...] = ("17",)
"""Goals whose targets are all included (taken from the UN file)."""
EXTRA_TARGETS: tuple[str, ...] = ("4.4", "8.3", "8.9", "9.1", "9.5", "13.2", "16.7")

LABEL_LANGUAGES: tuple[str, ...] = ("en", "es", "fr")
"""UN prefLabel languages that are copied."""

GOAL_TEXT_PROPERTIES: tuple[URIRef, ...] = (
    SKOS.altLabel,
    SKOS.definition,
    SKOS.scopeNote,
    SKOS.note,
    DCTERMS.description,
    RDFS.comment,
)
"""Definition/description/altLabel-style properties copied for goals when short."""
MAX_GOAL_TEXT_LENGTH = 300

# Known defects in the UN file: (code, language) -> the exact broken text, which is skipped.
# Matching the exact text means a corrected UN label is picked up again automatically.
BROKEN_UN_LABELS: dict[tuple[str, str], str] = {
    # Truncated French label spliced with the tail of the English label of indicator 12.2.2.
    ("17.13", "fr"): (
        "Renforcer la stabilité macroéconomique mondiale, notamment en favorisant la coordination "
        "et la  and domestic material consumption per GDP"
    ),
}

DANISH_PREF_LABELS: dict[str, str] = {
    "4": "Kvalitetsuddannelse",
    "8": "Anstændige jobs og økonomisk vækst",
    "9": "Industri, innovation og infrastruktur",
    "13": "Klimaindsats",
    "16": "Fred, retfærdighed og stærke institutioner",
    "17": "Partnerskaber for handling",
    "4.4": (
        "Inden 2030 væsentligt øge antallet af unge og voksne, der har relevante kompetencer, "
        "herunder tekniske og erhvervsfaglige kompetencer, til beskæftigelse, anstændige jobs "
        "og iværksætteri"
    ),
    "8.3": (
        "Fremme udviklingsorienterede politikker, der understøtter produktive aktiviteter, "
        "skabelse af anstændige jobs, iværksætteri, kreativitet og innovation, og tilskynde til "
        "formalisering og vækst af mikrovirksomheder og små og mellemstore virksomheder, "
        "herunder gennem adgang til finansielle tjenesteydelser"
    ),
    "8.9": (
        "Inden 2030 udforme og gennemføre politikker, der fremmer bæredygtig turisme, som skaber "
        "jobs og fremmer lokal kultur og lokale produkter"
    ),
    "9.1": (
        "Udvikle pålidelig, bæredygtig og modstandsdygtig infrastruktur af høj kvalitet, herunder "
        "regional og grænseoverskridende infrastruktur, for at understøtte økonomisk udvikling og "
        "menneskers trivsel med fokus på økonomisk overkommelig og lige adgang for alle"
    ),
    "9.5": (
        "Styrke den videnskabelige forskning og opgradere industrisektorernes teknologiske "
        "kapacitet i alle lande, især udviklingslandene, herunder inden 2030 at tilskynde til "
        "innovation og væsentligt øge antallet af forsknings- og udviklingsmedarbejdere pr. "
        "1 million indbyggere samt de offentlige og private udgifter til forskning og udvikling"
    ),
    "13.2": "Integrere klimatiltag i nationale politikker, strategier og planlægning",
    "16.7": (
        "Sikre lydhør, inkluderende, deltagende og repræsentativ beslutningstagning "
        "på alle niveauer"
    ),
    "17.17": (
        "Tilskynde til og fremme effektive offentlige og offentlig-private partnerskaber samt "
        "partnerskaber med civilsamfundet, der bygger på partnerskabernes erfaringer og "
        "strategier for tilvejebringelse af ressourcer"
    ),
}
DANISH_ALT_LABELS: dict[str, tuple[str, ...]] = {"17": ("Verdensmål 17",)}

HEADER = (
    "# SDG goals and targets used by partnergraph: a subset of the UN SDG KOS\n"
    "# (http://metadata.un.org/sdg/), with Danish labels added by partnergraph.\n"
    "# Generated by scripts/build_sdg.py from the UN SDG KOS - do not edit by hand;\n"
    "# change the script and re-run it instead.\n"
    "\n"
)

_CODE = re.compile(r"^(?P<goal>[1-9][0-9]*)(?:\.(?P<target>[1-9][0-9]*|[a-z]))?$")


class BuildError(Exception):
    """The UN file does not contain what the subset needs."""


def code_sort_key(code: str) -> tuple[int, int, int, str]:
    """Order codes naturally: goal 4, its targets 4.1 .. 4.10 .. 4.a, then goal 8, ..."""
    match = _CODE.match(code)
    if match is None:
        raise BuildError(f"not an SDG goal or target code: {code!r}")
    goal, target = int(match["goal"]), match["target"]
    if target is None:
        return (goal, 0, 0, "")
    if target.isdigit():
        return (goal, 1, int(target), "")
    return (goal, 2, 0, target)


def _subject_sort_key(subject: Node) -> tuple[int, tuple[int, int, int, str], str]:
    text = str(subject)
    local = text.removeprefix(str(SDG))
    if local != text and _CODE.match(local):
        return (0, code_sort_key(local), text)
    return (1, (0, 0, 0, ""), text)


class _SubsetTurtleSerializer(TurtleSerializer):
    """rdflib's Turtle writer with goals and targets in natural order and all prefixes declared."""

    def orderSubjects(self) -> list[Node]:  # rdflib's hook
        return sorted(set(self.store.subjects()), key=_subject_sort_key)

    def startDocument(self) -> None:  # rdflib's hook
        # rdflib declares only the prefixes it used; declare the agreed ones as well.
        for prefix, namespace in PREFIXES.items():
            self.namespaces.setdefault(prefix, URIRef(str(namespace)))
        super().startDocument()


def load_vocab(path: Path) -> Graph:
    """Parse the UN SDG KOS Turtle file."""
    if not path.is_file():
        raise BuildError(f"UN SDG vocabulary not found: {path}")
    graph = Graph(bind_namespaces="none")
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several unrelated types on bad input
        raise BuildError(f"cannot parse {path}: {exc}") from exc
    return graph


def _code_of(iri: Node) -> str | None:
    text = str(iri)
    local = text.removeprefix(str(SDG))
    if local == text or not _CODE.match(local):
        return None
    return local


def _goal_of(code: str) -> str:
    return code.split(".", 1)[0]


def included_codes(un: Graph) -> tuple[list[str], list[str]]:
    """Return the (goals, targets) of the subset, each in natural order."""
    targets = set(EXTRA_TARGETS)
    for goal in ALL_TARGETS_OF:
        for target in un.subjects(SKOS.broader, SDG[goal]):
            code = _code_of(target)
            if code is not None and (target, RDF.type, SDGO.Target) in un:
                targets.add(code)
    for code in targets:
        if _goal_of(code) not in GOALS:
            raise BuildError(f"target {code} belongs to a goal that is not included")
    return sorted(GOALS, key=code_sort_key), sorted(targets, key=code_sort_key)


def _sorted_literals(values: Iterable[Node]) -> list[Literal]:
    literals = [value for value in values if isinstance(value, Literal)]
    return sorted(literals, key=lambda lit: (lit.language or "", str(lit.datatype or ""), lit))


def _copy_item(un: Graph, out: Graph, code: str, kind: URIRef) -> URIRef:
    item = SDG[code]
    if (item, RDF.type, kind) not in un:
        raise BuildError(f"{item} is not typed {kind} in the UN file")
    out.add((item, RDF.type, kind))
    out.add((item, RDF.type, SKOS.Concept))
    out.add((item, DCTERMS.source, UN_SDG_KOS))

    labels = _sorted_literals(un.objects(item, SKOS.prefLabel))
    english = [label for label in labels if label.language == "en"]
    if len(english) != 1:
        raise BuildError(f"{item} has {len(english)} English prefLabels in the UN file, not 1")
    for label in labels:
        if label.language not in LABEL_LANGUAGES:
            continue
        if BROKEN_UN_LABELS.get((code, label.language)) == str(label):
            continue
        out.add((item, SKOS.prefLabel, label))

    notations = _sorted_literals(un.objects(item, SKOS.notation))
    for notation in notations or [Literal(code)]:
        out.add((item, SKOS.notation, notation))

    for scheme in un.objects(item, SKOS.inScheme):
        out.add((item, SKOS.inScheme, scheme))
    return item


def build_subset(un: Graph) -> Graph:
    """Build the subset graph from the parsed UN SDG KOS."""
    goals, targets = included_codes(un)
    out = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        out.bind(prefix, namespace, override=True, replace=True)

    for code in goals:
        goal = _copy_item(un, out, code, SDGO.Goal)
        for prop in GOAL_TEXT_PROPERTIES:
            for value in _sorted_literals(un.objects(goal, prop)):
                if len(value) < MAX_GOAL_TEXT_LENGTH:
                    out.add((goal, prop, value))

    for code in targets:
        target = _copy_item(un, out, code, SDGO.Target)
        goal = SDG[_goal_of(code)]
        if (target, SKOS.broader, goal) not in un:
            raise BuildError(f"the UN file does not state {target} skos:broader {goal}")
        out.add((target, SKOS.broader, goal))
        out.add((goal, SKOS.narrower, target))

    included = set(goals) | set(targets)
    for code, text in DANISH_PREF_LABELS.items():
        if code not in included:
            raise BuildError(f"Danish label given for {code}, which is not in the subset")
        out.add((SDG[code], SKOS.prefLabel, Literal(text, lang="da")))
    for code, texts in DANISH_ALT_LABELS.items():
        if code not in included:
            raise BuildError(f"Danish altLabel given for {code}, which is not in the subset")
        for text in texts:
            out.add((SDG[code], SKOS.altLabel, Literal(text, lang="da")))
    return out


def render(subset: Graph) -> bytes:
    """Serialise the subset as Turtle, preceded by the header comment."""
    stream = BytesIO()
    _SubsetTurtleSerializer(subset).serialize(stream, encoding="utf-8")
    return HEADER.encode("utf-8") + stream.getvalue()


def write_atomically(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` via a temporary file in the same directory."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.chmod(0o644)
        tmp.replace(path)  # os.replace: atomic on POSIX and Windows
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def build(vocab: Path, output: Path) -> None:
    """Read the UN SDG KOS from ``vocab`` and write the subset to ``output``."""
    write_atomically(output, render(build_subset(load_vocab(vocab))))


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Derive ontology/sdg.ttl from the UN SDG knowledge organisation system."
    )
    parser.add_argument(
        "--vocab",
        type=Path,
        default=DEFAULT_VOCAB,
        help="UN SDG KOS Turtle file (default: ../shared/vocab/" + DEFAULT_VOCAB.name + ")",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help="where to write (default: ontology/sdg.ttl)",
    )
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        build(args.vocab, args.output)
    except (BuildError, OSError) as exc:
        print(f"build_sdg: error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
