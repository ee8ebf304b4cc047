"""Oxigraph stores on disk (``--store oxigraph:PATH``): built once, reused until the data changes.

A store folder records what it was built from in a manifest (the sources as the user named
them, each file's size, modification time and content hash, and our version). Opening it checks
the manifest against the data: unchanged, it is opened read-only; changed, it is rebuilt in a
sibling folder and swapped in, so a build is never left half done; built from other sources, it
is refused unless asked to rebuild. A lock on the parent folder lets concurrent commands share
one build.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from partnergraph.core.errors import DataError, OutputError, ParameterError
from partnergraph.core.messages import t
from partnergraph.core.version import __version__
from partnergraph.engine.oxigraph import (
    OxigraphStore,
    cannot_read,
    largest_graph,
    load_into,
    overlap,
    write_set_union,
)
from partnergraph.io.loading import bundled_data_files, ontology_files
from partnergraph.io.output import write_atomic

__all__ = ["MANIFEST", "open_on_disk"]

MANIFEST = "partnergraph-store.json"


def open_on_disk(
    folder: Path,
    files: Sequence[Path],
    *,
    sources: Sequence[str | Path] | None = None,
    rebuild: bool = False,
) -> OxigraphStore:
    """Open the store in ``folder``, building it, or rebuilding it if the data changed.

    ``sources`` are what the user named (files and folders; ``None``: the bundled data).
    A store built from other sources is refused unless ``rebuild``: one mistyped command
    must not replace a big store with the bundled memo. Builds and swaps hold an exclusive
    lock on the folder's parent folder, and readers a shared one while they check and open
    it, so concurrent commands wait for one build and then share it.
    """
    folder = folder.resolve()
    if folder.exists() and not folder.is_dir():
        raise ParameterError.of("store.isfile", remedy="store-folder", folder=folder)
    identity = _identity(files, sources)
    try:
        folder.parent.mkdir(parents=True, exist_ok=True)
        lock = _FolderLock(folder)
    except OSError as exc:
        raise ParameterError.of("store.cannot", folder=folder, reason=exc.strerror) from None
    hashed: dict[Any, str] = {}
    with lock:
        lock.acquire(exclusive=False)
        state = _state(folder, files, identity, hashed)
        if state != "fresh":
            lock.acquire(exclusive=True)  # and look again: another build may have finished
            _recover(folder)
            state = _state(folder, files, identity, hashed)
        if state == "other" and not rebuild:
            raise _other_data(folder, identity)
        _remove_leftovers(folder)
        if state == "touched":
            _refresh_manifest(folder, files, identity)
        elif state != "fresh":
            _build(folder, files, _fingerprint(files, identity))
        return OxigraphStore.read_only(folder)


class _FolderLock:
    """An fcntl lock on the folder that holds a store folder (the store itself is swapped).

    Locking the parent folder leaves no lock file behind; the price is that builds of two
    stores in one folder take turns. flock locks belong to the open file, so they are released
    when the process ends however it ends, and a lock never outlives its holder.
    """

    def __init__(self, folder: Path) -> None:
        self.fd: int | None = None
        with contextlib.suppress(OSError):  # a folder we cannot open: nobody can build there
            self.fd = os.open(folder.parent, os.O_RDONLY | os.O_DIRECTORY)

    def acquire(self, *, exclusive: bool) -> None:
        import fcntl  # not on Windows, where nothing else here needs it

        if self.fd is not None:
            fcntl.flock(self.fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)

    def __enter__(self) -> _FolderLock:
        return self

    def __exit__(self, *_: object) -> None:
        if self.fd is not None:
            os.close(self.fd)  # releases the lock


def _identity(files: Sequence[Path], sources: Sequence[str | Path] | None) -> list[str]:
    """What a store is built from, as the user named it: ``["bundled"]`` or resolved paths."""
    if sources is not None:
        return sorted({str(Path(source).resolve()) for source in sources})
    data = [path for path in files if path not in set(ontology_files())]
    if data == bundled_data_files():
        return ["bundled"]
    return sorted({str(path.resolve()) for path in data})


def _fingerprint(files: Sequence[Path], identity: Sequence[str] | None = None) -> dict[str, Any]:
    """What the on-disk store was built from: the sources, each file's size, modification
    time and content hash, and our version."""
    return {
        "partnergraph": __version__,
        "set-union": 1,  # stores built before overlapping files got a set union are rebuilt
        "sources": list(identity if identity is not None else _identity(files, None)),
        "files": {str(path.resolve()): {**_stat(path), "sha256": _hash(path)} for path in files},
    }


def _stat(path: Path) -> dict[str, int]:
    info = path.stat()
    return {"size": info.st_size, "mtime_ns": info.st_mtime_ns}


def _hash(path: Path) -> str:
    import hashlib  # late: a file is hashed only when its size or time changed

    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError as exc:
        raise DataError(cannot_read(exc), path=str(path)) from None
    return digest.hexdigest()


def _state(folder: Path, files: Sequence[Path], identity: list[str], hashed: dict[Any, str]) -> str:
    """``fresh``, ``touched`` (fresh, but modification times to record), ``changed`` (same
    sources, other content: rebuild), ``other`` (built from other sources) or ``missing``.

    A file whose size and modification time are as recorded is taken as unchanged without
    reading it; only a file where either differs is hashed, so a touched file does not cost a
    rebuild and an unchanged store costs one ``stat`` per file.
    """
    manifest = _manifest(folder)
    if manifest is None:
        if folder.exists() and any(folder.iterdir()):
            raise ParameterError.of("store.foreign", folder=folder)
        return "missing"
    recorded = manifest.get("files")
    if not isinstance(recorded, dict):
        return "changed"
    built_from = manifest.get("sources")
    if built_from is None:  # a store built by an earlier version: judge by its files
        wanted = {str(path.resolve()) for path in files}
        if set(recorded) != wanted:
            return "other"
    elif built_from != identity:
        return "other"
    if manifest.get("set-union") != 1:
        return "changed"  # built before overlapping files got their set union
    if manifest.get("partnergraph") != __version__:
        return "changed"
    if set(recorded) != {str(path.resolve()) for path in files}:
        return "changed"  # a file added to or removed from a folder named as a source
    touched = False
    for path in files:
        entry = recorded[str(path.resolve())]
        try:
            now = _stat(path)
        except OSError:
            return "changed"
        if isinstance(entry, dict) and all(entry.get(k) == v for k, v in now.items()):
            continue
        digest = entry.get("sha256") if isinstance(entry, dict) else entry
        key = (str(path.resolve()), now["size"], now["mtime_ns"])
        if key not in hashed:  # looked at again under the exclusive lock: hash once
            hashed[key] = _hash(path)
        if digest != hashed[key]:
            return "changed"
        touched = True
    return "touched" if touched else "fresh"


def _other_data(folder: Path, identity: list[str]) -> ParameterError:
    manifest = _manifest(folder) or {}
    built_from = manifest.get("sources") or sorted(manifest.get("files") or [])
    return ParameterError.of(
        "store.other",
        remedy="store-rebuild",
        folder=folder,
        built=_shown(built_from),
        wanted=_shown(identity),
    )


def _shown(sources: Sequence[str]) -> str:
    names = [t("store.bundled") if s == "bundled" else s for s in sources]
    more = t("store.more", n=len(names) - 3) if len(names) > 3 else ""
    return ", ".join(names[:3]) + more


def _manifest(folder: Path) -> dict[str, Any] | None:
    try:
        data: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _leftovers(folder: Path) -> list[Path]:
    """Temporary folders of earlier builds of ``folder`` that were killed before cleaning up."""
    parent = folder.parent
    return [
        *parent.glob(f".{folder.name}.building-*"),
        *parent.glob(f".{folder.name}.old-*"),
    ]


def _remove_leftovers(folder: Path) -> None:
    """Remove what killed builds left; safe only under the lock, when no build is running."""
    for stale in _leftovers(folder):
        shutil.rmtree(stale, ignore_errors=True)


def _recover(folder: Path) -> None:
    """Put back a finished build that was killed between the two renames of its swap.

    A build writes its manifest last, so a temporary folder holding one is complete; the
    newest such folder becomes the store (it is checked against the data like any other).
    """
    if folder.exists():
        return
    finished = [stale for stale in _leftovers(folder) if (stale / MANIFEST).is_file()]
    finished.sort(key=lambda stale: (stale / MANIFEST).stat().st_mtime_ns, reverse=True)
    for candidate in finished:
        try:
            candidate.rename(folder)
            return
        except OSError:
            continue


def _refresh_manifest(folder: Path, files: Sequence[Path], identity: list[str]) -> None:
    """Record new modification times of files whose content did not change (no rebuild).

    Called when :func:`_state` found every file either as recorded or with its recorded
    hash, so the recorded hashes still hold.
    """
    manifest = _manifest(folder)
    if manifest is None:
        return
    recorded = manifest["files"]
    for path in files:
        entry = recorded[str(path.resolve())]
        digest = entry.get("sha256") if isinstance(entry, dict) else entry
        recorded[str(path.resolve())] = {**_stat(path), "sha256": digest}
    manifest["sources"] = identity  # a store built by an earlier version learns its sources
    with contextlib.suppress(OutputError):  # a read-only store: hash again next time
        write_atomic(folder / MANIFEST, json.dumps(manifest, indent=2))


def _build(folder: Path, files: Sequence[Path], fingerprint: dict[str, Any]) -> None:
    """Build in a sibling temporary folder, then swap it in: an interrupted build leaves the
    previous store (or nothing) in place, never a half-built one. The caller holds the
    exclusive lock, so no other build or swap of ``folder`` runs meanwhile, and the next run
    removes whatever a killed build left (:func:`_remove_leftovers`)."""
    import tempfile  # late: only a build needs it, not a query on a built store

    building = Path(tempfile.mkdtemp(prefix=f".{folder.name}.building-", dir=folder.parent))
    try:
        store = ox.Store(str(building))
        load_into(store, files, bulk=True)
        if overlap(store, largest_graph(files)):
            write_set_union(store)
        store.flush()
        store.optimize()
        del store
        (building / MANIFEST).write_text(json.dumps(fingerprint, indent=2), encoding="utf-8")
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        if folder.exists():
            folder.rename(old)
        building.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(building, ignore_errors=True)
