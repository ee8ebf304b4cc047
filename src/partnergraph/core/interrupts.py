"""SIGTERM and SIGHUP stop a command the way Ctrl-C does, so its clean-up runs.

Python's default for those signals ends the process on the spot: no ``finally`` runs, and a
half-written temporary file or folder stays behind. :func:`stop_cleanly_on_signals` makes them
raise :class:`Terminated` instead, so every ``finally`` and ``except BaseException`` clean-up
(those Ctrl-C relies on) also runs for ``kill``, a closed terminal or a service manager.
It is not a :class:`KeyboardInterrupt`: typer would turn that into a silent exit 130, and the
CLI reports the signal and exits with 128 + its number, as a shell expects.
A second signal ends the process at once, for when the clean-up itself hangs; SIGKILL cannot be
caught at all, and the next run removes what it left (:func:`partnergraph.output.remove_stale`).
"""

from __future__ import annotations

import signal
import threading
from types import FrameType

__all__ = ["Terminated", "stop_cleanly_on_signals"]

_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None
)


class Terminated(BaseException):
    """The process was asked to stop by a signal; ``exit_code`` is 128 + its number."""

    def __init__(self, signum: int) -> None:
        self.signum = signum
        self.exit_code = 128 + signum
        super().__init__(signal.Signals(signum).name)


def _raise(signum: int, _frame: FrameType | None) -> None:
    for number in _SIGNALS:  # a second signal ends the process without waiting for clean-up
        signal.signal(number, signal.SIG_DFL)
    raise Terminated(signum)


def stop_cleanly_on_signals() -> None:
    """Make SIGTERM and SIGHUP raise :class:`Terminated` in the main thread (CLI only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for number in _SIGNALS:
        if signal.getsignal(number) is signal.SIG_IGN:  # nohup: leave it ignored
            continue
        signal.signal(number, _raise)
