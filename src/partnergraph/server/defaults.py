"""The server's defaults, said once: :class:`~partnergraph.server.config.ServerConfig`,
:func:`~partnergraph.server.serve` and ``partnergraph serve`` all read them from here.

Plain numbers and names with no imports, so the command line can show them in ``--help``
without loading the server (or the message catalogue) first. Sizes a person types are in MB.
"""

from __future__ import annotations

MB = 1024 * 1024

HOST = "127.0.0.1"
PORT = 8000
"""0 picks a free port."""
LOG_LEVEL = "warning"
UPDATE_TOKEN_ENV = "PARTNERGRAPH_UPDATE_TOKEN"
QUERY_TIMEOUT = 10.0
QUEUE_TIMEOUT = 30.0
OVERRUN_COOLDOWN = 60.0
ROW_CAP = 10_000
MAX_QUERY_BYTES = 100 * 1024
MAX_VALUE_MB = 16
MAX_RESULT_MB = 64
QUERY_MEMORY_MB = 1024
WORKERS = 2
SPARE_WORKERS = 1
