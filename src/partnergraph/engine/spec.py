"""The store spec: ``--store``, ``store =`` in ``partnergraph.toml`` and ``ServerConfig.store``.

``memory``            plain rdflib, the reference implementation
``oxigraph``          embedded Oxigraph in memory (the default: see docs/benchmarks.md)
``oxigraph:PATH``     embedded Oxigraph on disk, built once from the data and reused until the
                      data files change (content hashes); a build is never left half done
``sparql:URL``        a remote SPARQL 1.1 endpoint (see :mod:`partnergraph.engine.remote`)

The text is read here and nowhere else: everything that must know which kind of store a spec
names, or where its folder is, asks :meth:`StoreSpec.parse`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.io.project import Project

__all__ = ["DEFAULT_STORE", "StoreKind", "StoreSpec", "project_store"]

DEFAULT_STORE = "oxigraph"

StoreKind = Literal["memory", "oxigraph", "sparql"]


@dataclass(frozen=True)
class StoreSpec:
    """A store spec read: its kind, the folder of an on-disk store, the URL of a remote one."""

    kind: StoreKind
    folder: Path | None = None
    """Where an on-disk Oxigraph store lives (``~`` expanded); ``None``: in memory."""
    url: str | None = None
    """A remote store's endpoint, as given (checked when the store connects)."""
    text: str = field(default="", compare=False)
    """The spec as the user wrote it, for messages."""

    def __post_init__(self) -> None:
        if not self.text:
            object.__setattr__(self, "text", str(self))

    @classmethod
    def parse(cls, text: str | None) -> StoreSpec:
        """Read a spec (``None`` or empty: the default); a bad one is a one-line
        :class:`ParameterError` naming the valid ones."""
        text = text or DEFAULT_STORE
        if text == "memory":
            return cls("memory", text=text)
        if text == "oxigraph":
            return cls("oxigraph", text=text)
        if text.startswith("oxigraph:"):
            given = text.removeprefix("oxigraph:").strip()
            if not given:
                why = t("store.needsfolder.none")
                raise ParameterError.of("store.needsfolder", spec=text, why=why)
            return cls("oxigraph", folder=Path(given).expanduser(), text=text)
        if text.startswith("sparql:"):
            return cls("sparql", url=text.removeprefix("sparql:"), text=text)
        raise ParameterError.of("store.unknown", spec=text)

    @property
    def on_disk(self) -> bool:
        return self.folder is not None

    def relative_to(self, base: Path) -> StoreSpec:
        """The spec with a relative store folder taken as relative to ``base`` (a project
        file's folder) instead of the working folder."""
        if self.folder is None or self.folder.is_absolute():
            return self
        folder = base / self.folder
        return replace(self, folder=folder, text=f"oxigraph:{folder}")

    def __str__(self) -> str:
        if self.folder is not None:
            return f"oxigraph:{self.folder}"
        if self.url is not None:
            return f"sparql:{self.url}"
        return self.kind


def project_store(project: Project) -> str | None:
    """The store a project file names, a relative folder taken from the file's folder."""
    if not project.store:
        return project.store
    return StoreSpec.parse(project.store).relative_to(project.path.parent).text
