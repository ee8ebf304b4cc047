"""Writing output files so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import OutputError

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, text: str | bytes) -> Path:
    """Write ``text`` (or bytes, for binary formats) to a temporary file beside ``path``, then
    rename it into place."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path()
    if not folder.is_dir():
        raise OutputError(
            f"{target}: folder {folder} does not exist: create it or pick another path"
        )
    fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    try:
        if isinstance(text, bytes):
            with os.fdopen(fd, "wb") as binary:
                binary.write(text)
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        Path(temp).chmod(0o666 & ~_umask())  # mkstemp makes 0600; give what open() would
        Path(temp).replace(target)
    except BaseException as exc:
        Path(temp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"{target}: cannot write ({exc.strerror})") from None
        raise
    return target


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
