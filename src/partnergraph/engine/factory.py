"""Choosing a store: the one a spec names (:class:`~partnergraph.engine.spec.StoreSpec`)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t
from partnergraph.engine.ondisk import open_on_disk
from partnergraph.engine.oxigraph import OxigraphStore
from partnergraph.engine.spec import StoreSpec
from partnergraph.engine.stores import Store

__all__ = ["open_store"]


def open_store(
    spec: str | StoreSpec | None,
    files: Sequence[Path],
    *,
    sources: Sequence[str | Path] | None = None,
    rebuild: bool = False,
) -> Store:
    """The store ``spec`` names, holding ``files`` (ignored by remote stores).

    ``sources`` and ``rebuild`` matter to on-disk stores only (see
    :func:`partnergraph.engine.ondisk.open_on_disk`)."""
    chosen = spec if isinstance(spec, StoreSpec) else StoreSpec.parse(spec)
    if chosen.kind == "memory":
        from partnergraph.engine.memory import MemoryStore  # late: rdflib, for this store only

        return MemoryStore.from_files(files)
    if chosen.folder is not None:
        if chosen.folder.exists() and not chosen.folder.is_dir():
            why = t("store.needsfolder.file")
            raise ParameterError.of("store.needsfolder", spec=chosen.text, why=why)
        return open_on_disk(chosen.folder, files, sources=sources, rebuild=rebuild)
    if chosen.kind == "oxigraph":
        return OxigraphStore.from_files(files)
    assert chosen.url is not None
    # late: httpx takes a tenth of a second to import; only sparql: stores need it
    from partnergraph.engine.remote import SparqlStore

    return SparqlStore(chosen.url)
