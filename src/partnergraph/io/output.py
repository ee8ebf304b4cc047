"""Writing output files so that neither a failure, a signal nor a careless path costs a file.

Every file partnergraph writes goes through here. The rules, in the order they are applied:

* ``-`` is standard output; devices, pipes and sockets (``/dev/null``, a FIFO, ``/dev/stdout``)
  are written to in place, never replaced by a regular file.
* A regular file is written to a temporary file beside it and renamed over it, so a failure,
  Ctrl-C, SIGTERM or SIGHUP never leaves half a file. A symbolic link is followed: its target
  gets the new content and the link stays a link.
* An output that is one of this run's inputs (:func:`set_inputs`: the same file, also by way of
  a symbolic or hard link, or a folder holding one) is refused before anything is written.
* Temporary files and folders are named ``.<name>.pg-<pid>-<random>.<kind>``, so they are
  recognisable; the next write beside them removes those whose process is gone (killed with
  SIGKILL, or the machine stopped) -- :func:`remove_stale`.
* :func:`write_files` writes several files all or nothing; :class:`StagedFiles` does the same
  for files too large to hold in memory, streamed to their temporary names first.
* :func:`replace_folder` builds a folder beside the old one and swaps it in;
  :func:`making_folder` creates one that a failed run removes again.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO

from partnergraph.core.errors import OutputError

__all__ = [
    "STDOUT",
    "StagedFiles",
    "add_input",
    "check_output",
    "check_output_folder",
    "clear_inputs",
    "inputs",
    "making_folder",
    "remove_stale",
    "removed_leftovers",
    "replace_folder",
    "set_inputs",
    "temp_path",
    "write_atomic",
    "write_files",
]

STDOUT = "-"
"""The output path that means standard output."""

_TEMP = re.compile(r"^\.(?P<name>.+)\.pg-(?P<pid>\d+)-[0-9a-f]{8}\.(?P<kind>part|building|old)$")
_LEGACY = re.compile(r"^\.(?P<name>.+)\.(?:[a-z0-9_]{8}\.part|(?:building|old)-[a-z0-9_]{8})$")
"""Temporary names of earlier versions (no process id): removed once they are a day old."""
_STALE_AFTER = 24 * 3600.0
"""A temporary file this old is stale even if a process with its id is running."""

_inputs: list[Path] = []
_removed: list[Path] = []


# ---------------------------------------------------------------------------------------------
# Inputs of this run
# ---------------------------------------------------------------------------------------------


def set_inputs(paths: Iterable[str | Path]) -> None:
    """Declare the files and folders this run reads; writing over any of them is refused."""
    _inputs[:] = [Path(p) for p in paths if str(p) != STDOUT]


def add_input(path: str | Path) -> None:
    """Declare one more input (a query file, a workbook)."""
    _inputs.append(Path(path))


def clear_inputs() -> None:
    _inputs.clear()


def inputs() -> list[Path]:
    return list(_inputs)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return info.st_dev, info.st_ino


def _input_for(target: Path, extra: Sequence[Path] = ()) -> Path | None:
    """The input ``target`` is (same inode, so symbolic and hard links count), if any."""
    me = _identity(target)
    if me is None:
        return None
    for path in [*_inputs, *extra]:
        if path.is_dir():
            continue
        if _identity(path) == me:
            return path
    return None


def check_output_folder(folder: Path) -> None:
    """Refuse a folder output that is, or holds, one of this run's inputs."""
    if not folder.exists():
        return
    real = Path(os.path.realpath(folder))
    for path in _inputs:
        try:
            inside = Path(os.path.realpath(path)).is_relative_to(real)
        except (OSError, ValueError):
            continue
        if inside:
            raise OutputError.of("output.holds.input", folder=folder, path=path)


def check_output(target: str | Path, *sources: str | Path) -> None:
    """Raise :class:`OutputError` now if writing ``target`` would fail or destroy an input.

    For commands that work a while before they write: its folder must exist, it must not be a
    folder, nor one of ``sources`` or of this run's inputs (by any link).
    """
    target = Path(target)
    if not _is_special(target):
        _check_regular(target, _real_target(target), [Path(s) for s in sources])


def _refuse_input(shown: Path, real: Path, extra: Sequence[Path] = ()) -> None:
    source = _input_for(real, extra)
    if source is not None:
        raise OutputError.of("output.is.input", path=shown, source=source)


# ---------------------------------------------------------------------------------------------
# Temporary names and leftovers
# ---------------------------------------------------------------------------------------------


def temp_path(target: Path, kind: str = "part") -> Path:
    """A new recognisable temporary name beside ``target`` (``part``, ``building`` or ``old``)."""
    return target.parent / f".{target.name}.pg-{os.getpid()}-{os.urandom(4).hex()}.{kind}"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _kind(name: str) -> str:
    match = _TEMP.match(name)
    if match is not None:
        return match["kind"]
    return "old" if ".old-" in name else "building" if ".building-" in name else "part"


def _is_stale(entry: Path, now: float) -> bool:
    try:
        age = now - entry.lstat().st_mtime
    except OSError:
        return False
    match = _TEMP.match(entry.name)
    if match is not None:
        return not _alive(int(match["pid"])) or age > _STALE_AFTER
    return _LEGACY.match(entry.name) is not None and age > _STALE_AFTER


def remove_stale(target: Path) -> list[Path]:
    """Remove temporary files and folders of ``target`` left by a process that is gone.

    A leftover ``.old`` copy of a folder whose replacement never arrived is put back in place
    instead. Returns what was removed or restored.
    """
    folder = target.parent if str(target.parent) else Path()
    try:
        entries = [e for e in folder.iterdir() if e.name.startswith(f".{target.name}.")]
    except OSError:
        return []
    now = time.time()
    done: list[Path] = []
    for entry in sorted(entries):
        if not _is_stale(entry, now):
            continue
        try:
            if _kind(entry.name) == "old" and not target.exists() and not target.is_symlink():
                entry.rename(target)  # killed between the two renames of a swap
                done.append(entry)
                continue
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            done.append(entry)
        except OSError:
            continue
    _removed.extend(done)
    return done


def removed_leftovers() -> list[Path]:
    """What :func:`remove_stale` removed or restored since the last call (for the CLI to say)."""
    done = list(_removed)
    _removed.clear()
    return done


# ---------------------------------------------------------------------------------------------
# Single files
# ---------------------------------------------------------------------------------------------


def _is_special(path: Path) -> bool:
    """Standard output, devices, pipes, sockets and /proc: written in place, never replaced.

    ``/dev/stdout`` and ``/dev/fd/N`` count even when they lead to a regular file: that file
    is the one the shell opened, and renaming another over it would lose the output.
    """
    text = str(path)
    if text == STDOUT or text.startswith(("/dev/fd/", "/dev/std", "/proc/")):
        return True
    try:
        mode = path.stat().st_mode
    except (OSError, ValueError):
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _real_target(path: Path) -> Path:
    """The regular file to replace: a symbolic link's target (the link stays), else ``path``."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _check_regular(shown: Path, real: Path, sources: Sequence[Path] = ()) -> None:
    folder = real.parent if str(real.parent) else Path()
    if not folder.is_dir():
        raise OutputError.of("output.nofolder", path=shown, folder=folder)
    if real.is_dir():
        raise OutputError.of("output.isfolder", path=shown)
    _refuse_input(shown, real, sources)


def _encode(content: str | bytes) -> bytes:
    return content if isinstance(content, bytes) else content.encode("utf-8")


def _write_special(path: Path, content: str | bytes) -> None:
    data = _encode(content)
    try:
        if str(path) == STDOUT:
            sys.stdout.flush()
            buffer = getattr(sys.stdout, "buffer", None)
            if buffer is None:  # a text-only stream (a test runner's capture)
                sys.stdout.write(data.decode("utf-8"))
            else:
                buffer.write(data)
                buffer.flush()
            return
        with open(path, "wb") as handle:  # noqa: PTH123 - a device or pipe, opened in place
            handle.write(data)
    except OSError as exc:
        raise OutputError.of("output.cannot", path=path, reason=exc.strerror or exc) from None


def _mode_for(real: Path) -> int:
    """Keep the mode of the file replaced; a new file gets what open() would give it."""
    try:
        return real.stat().st_mode & 0o7777
    except OSError:
        current = os.umask(0)
        os.umask(current)
        return 0o666 & ~current


def _write_temp(temp: Path, real: Path, data: bytes) -> None:
    """Write ``data`` to the new temporary file ``temp`` beside ``real``.

    The caller chose the name and removes it on any failure: a signal can arrive between the
    file's creation and the next line, where only a name known beforehand can clean up.
    """
    remove_stale(real)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    temp.chmod(_mode_for(real))


def write_atomic(path: str | Path, content: str | bytes) -> Path:
    """Write ``content`` (text as UTF-8, or bytes) to ``path`` by the rules of this module.

    Raises :class:`OutputError` with one line when it cannot; then nothing new is left.
    """
    target = Path(path)
    if _is_special(target):
        _write_special(target, content)
        return target
    real = _real_target(target)
    _check_regular(target, real)
    temp = temp_path(real)  # named first, so that any failure from here on can remove it
    try:
        _write_temp(temp, real, _encode(content))
        temp.replace(real)
    except BaseException as exc:
        temp.unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError.of("output.cannot", path=target, reason=exc.strerror or exc) from None
        raise
    return target


# ---------------------------------------------------------------------------------------------
# Several files, all or nothing
# ---------------------------------------------------------------------------------------------


def write_files(items: Sequence[tuple[str | Path, str | bytes]]) -> list[Path]:
    """Write several files all or nothing: if any one fails, none is new or changed.

    Every target is checked first; then all are written to temporary files; then each is
    renamed into place, keeping a hard link to the file it replaces, so a failure on the
    second rename puts the first file back as it was. Devices and pipes are written last.
    """
    targets = [Path(p) for p, _ in items]
    reals: list[Path | None] = []
    seen: set[str] = set()
    for target in targets:
        if _is_special(target):
            reals.append(None)
            continue
        real = _real_target(target)
        _check_regular(target, real)
        key = os.path.realpath(real)
        if key in seen:
            raise OutputError.of("output.twice", path=target)
        seen.add(key)
        reals.append(real)
    # Every temporary name is chosen before anything is created, so that whatever stops the
    # run (an error, a signal between two lines) the clean-up knows what to remove.
    temps = [
        (target, temp_path(real), real, content)
        for target, (_, content), real in zip(targets, items, reals, strict=True)
        if real is not None
    ]
    kept: list[tuple[Path, Path | None]] = []  # (real target, hard link to what it replaced)
    current = targets[0] if targets else Path()
    try:
        for target, temp, real, content in temps:
            current = target
            _write_temp(temp, real, _encode(content))
        for target, temp, real, _ in temps:
            current = target
            backup = temp_path(real, "old") if real.exists() else None
            kept.append((real, backup))
            if backup is not None:
                try:
                    os.link(real, backup)
                except OSError:
                    shutil.copy2(real, backup)
            temp.replace(real)
        for target, (_, content), maybe in zip(targets, items, reals, strict=True):
            current = target
            if maybe is None:
                _write_special(target, content)
    except BaseException as exc:
        for _, temp, _, _ in temps:
            temp.unlink(missing_ok=True)
        for real, backup in reversed(kept):
            with suppress(OSError):
                if backup is None:
                    real.unlink(missing_ok=True)
                elif backup.exists():
                    backup.replace(real)
        if isinstance(exc, OSError):
            raise OutputError.of(
                "output.cannot.none", path=current, reason=exc.strerror or exc
            ) from None
        raise
    for _, backup in kept:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return targets


class StagedFiles:
    """Files streamed to temporary names beside their targets, renamed into place only by
    :meth:`commit`; :meth:`discard` removes them. For outputs too large for :func:`write_files`,
    which takes the content in memory."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pending: list[tuple[Path, Path]] = []
        self.committed: list[Path] = []
        self._handles: list[IO[str]] = []

    def open(self, name: str) -> IO[str]:
        """A new text file (UTF-8, newlines as written) that becomes ``folder/name``."""
        temp = temp_path(self.folder / name)
        self.pending.append((temp, self.folder / name))  # known before it exists: see discard
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # mode as open() gives
        handle = os.fdopen(fd, "w", encoding="utf-8", newline="")
        self._handles.append(handle)
        return handle

    def discard(self) -> None:
        for handle in self._handles:
            handle.close()
        for temp, _target in self.pending:
            temp.unlink(missing_ok=True)
        self.pending.clear()

    def commit(self) -> list[Path]:
        for handle in self._handles:
            handle.close()
        while self.pending:
            temp, target = self.pending[0]
            temp.replace(target)
            self.committed.append(target)
            self.pending.pop(0)
        return list(self.committed)


# ---------------------------------------------------------------------------------------------
# Folders
# ---------------------------------------------------------------------------------------------


@contextmanager
def replace_folder(output: Path) -> Iterator[Path]:
    """A temporary folder beside ``output``, put in its place when the block succeeds.

    Until then ``output`` is untouched; a failure or signal removes the temporary folder, and
    a previous ``output`` is swapped out only for the moment of the two renames.
    """
    output = _real_target(Path(output))  # a symbolic link to a site stays a link
    parent = output.parent if str(output.parent) else Path()
    check_output_folder(output)
    folder = temp_path(output, "building")
    try:
        parent.mkdir(parents=True, exist_ok=True)
        remove_stale(output)
        folder.mkdir(mode=0o700)
    except BaseException as exc:
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError.of("output.cannot.beside", path=output, reason=exc.strerror) from None
        raise
    old: Path | None = None
    try:
        yield folder
        folder.chmod(0o755)
        if output.exists():
            old = temp_path(output, "old")
            output.rename(old)
        folder.rename(output)
    except BaseException as exc:
        if old is not None and not output.exists():
            with suppress(OSError):
                old.rename(output)
        shutil.rmtree(folder, ignore_errors=True)
        if isinstance(exc, OSError):
            raise OutputError.of("output.cannot", path=output, reason=exc.strerror) from None
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


@contextmanager
def making_folder(folder: Path) -> Iterator[Path]:
    """``folder``, created if it does not exist (its parent must); if the block fails, a folder
    created here is removed again with whatever was put in it, so a failed run leaves nothing."""
    created = not folder.exists()
    if created:
        if not folder.parent.is_dir():
            raise OutputError(f"{folder}: folder {folder.parent} does not exist")
        try:
            folder.mkdir()
        except OSError as exc:
            raise OutputError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    try:
        yield folder
    except BaseException:
        if created:
            shutil.rmtree(folder, ignore_errors=True)
        raise
