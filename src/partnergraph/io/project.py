"""The project file ``partnergraph.toml``: where a team's data and store are, said once.

Staff run the same few commands on the same files every week; repeating ``--data`` on each is
where mistakes come from. A ``partnergraph.toml`` in the working folder (or a folder above it)
says it once::

    data = ["data/norddjurs.ttl", "data/2025"]   # files or folders, relative to this file
    store = "oxigraph:.partnergraph-store"      # optional, as --store

``--data`` and ``--store`` on the command line still win.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from partnergraph.core.errors import DataError
from partnergraph.core.messages import t

__all__ = ["FILE_NAME", "Project", "find_project"]

FILE_NAME = "partnergraph.toml"


@dataclass(frozen=True)
class Project:
    path: Path
    data: list[Path] = field(default_factory=list)
    store: str | None = None
    """The store spec as written: a relative ``oxigraph:PATH`` is relative to this file
    (:meth:`partnergraph.engine.spec.StoreSpec.relative_to`)."""


def find_project(start: Path | None = None) -> Project | None:
    """The nearest ``partnergraph.toml`` from ``start`` (default: the working folder) upwards."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILE_NAME
        if candidate.is_file():
            return read_project(candidate)
    return None


def read_project(path: Path) -> Project:
    """Read one project file; a mistake in it is a one-line :class:`DataError` with its line."""
    import tomllib  # late: only when there is a project file; its parser compiles regexes

    try:
        settings = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise DataError(t("project.toml", problem=exc.args[0]), path=str(path), line=line) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(t("project.unreadable", problem=exc), path=str(path)) from None
    unknown = sorted(set(settings) - {"data", "store"})
    if unknown:
        raise DataError(t("project.key", key=repr(unknown[0])), path=str(path))
    data = settings.get("data", [])
    if isinstance(data, str):
        data = [data]
    if not isinstance(data, list) or not all(isinstance(d, str) for d in data):
        raise DataError(t("project.data"), path=str(path))
    store = settings.get("store")
    if store is not None and not isinstance(store, str):
        raise DataError(t("project.store"), path=str(path))
    return Project(path, [path.parent / d for d in data], store)
