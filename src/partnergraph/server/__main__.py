"""``python -m partnergraph.server``: the options ``partnergraph serve`` is meant to have."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from partnergraph.server.config import DEFAULT_TOKEN_ENV


def main(argv: list[str] | None = None) -> int:
    # Imported here: worker processes import this module again and need none of it.
    from partnergraph.core.errors import PartnergraphError
    from partnergraph.server.config import ServerConfig
    from partnergraph.server.launch import serve

    parser = argparse.ArgumentParser(
        prog="python -m partnergraph.server", description="Serve SPARQL 1.1 over HTTP."
    )
    parser.add_argument("--data", "-d", action="append", type=Path, help="RDF file or folder")
    parser.add_argument("--store", "-s", help="memory, oxigraph (default) or oxigraph:PATH")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--allow-update", action="store_true")
    parser.add_argument("--update-token-env", default=DEFAULT_TOKEN_ENV)
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per query")
    parser.add_argument("--queue-timeout", type=float, default=30.0, help="seconds")
    parser.add_argument("--overrun-cooldown", type=float, default=60.0, help="seconds")
    parser.add_argument("--row-cap", type=int, default=10_000)
    parser.add_argument("--max-query-size", type=int, default=100 * 1024, help="bytes")
    parser.add_argument("--cors", metavar="ORIGIN")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--spare-workers", type=int, default=1)
    parser.add_argument("--log-level", default="warning")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME[:PORT]")
    parser.add_argument("--max-value-size", type=int, default=16, help="MB")
    parser.add_argument("--max-result-size", type=int, default=64, help="MB")
    parser.add_argument("--query-memory", type=int, default=1024, help="MB")
    args = parser.parse_args(argv)
    mb = 1024 * 1024
    config = ServerConfig(
        data=args.data,
        store=args.store,
        allow_update=args.allow_update,
        update_token_env=args.update_token_env,
        query_timeout=args.timeout,
        queue_timeout=args.queue_timeout,
        overrun_cooldown=args.overrun_cooldown,
        row_cap=args.row_cap,
        max_query_bytes=args.max_query_size,
        cors_origin=args.cors,
        workers=args.workers,
        spare_workers=args.spare_workers,
        allowed_hosts=tuple(args.allow_host),
        max_value_bytes=args.max_value_size * mb,
        max_result_bytes=args.max_result_size * mb,
        query_memory_bytes=args.query_memory * mb,
    )
    try:
        serve(
            config,
            host=args.host,
            port=args.port,
            log_level=args.log_level,
            announce=lambda line: print(line, flush=True),
        )
    except PartnergraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
