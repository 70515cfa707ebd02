"""Django's development server as `manage.py runserver --noreload` runs it, with TCP_NODELAY.

    .venv/bin/python bench/_review_server.py PORT

The same threaded WSGIServer, WSGIRequestHandler and WSGI application as runserver (DEBUG
as the environment says, no autoreloader, no static-file handler), but with Nagle's algorithm
off on each accepted connection. wsgiref writes the status line, each preamble header and the
body in separate small send() calls; on a keep-alive connection Nagle holds the later ones
until the client's delayed ACK (about 40 ms on Linux), so plain runserver adds ~40 ms to every
response — a property of the development server, not of the pages being measured.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    port = int(sys.argv[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guongsang.settings")
    import django

    django.setup()
    from django.core.servers.basehttp import (
        WSGIRequestHandler,
        WSGIServer,
        get_internal_wsgi_application,
        run,
    )

    class NoDelayHandler(WSGIRequestHandler):
        disable_nagle_algorithm = True

    class NoDelayServer(WSGIServer):
        def __init__(self, address, handler, **kwargs):
            super().__init__(address, NoDelayHandler, **kwargs)

    run(
        "127.0.0.1", port, get_internal_wsgi_application(), threading=True, server_cls=NoDelayServer
    )


if __name__ == "__main__":
    main()
