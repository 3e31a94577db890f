"""What each page of the load test costs the web side, request by request, on an existing demo
database (×1 or ×10): a quick, quiet companion to `make load`.

    python -m webapp.bench.page_costs --database-url URL [--repeat 20] [--only texte]

Requests the load test's pages (`webapp.bench.load_pages`) through the Flask test client, each
as the demo account that reads it: CPU milliseconds of this process per request (median), wall
milliseconds (median, with the database's share), the most SQL statements one request issued,
the HTML size, and the CPU ratio to the empty login page (an estimate of the load test's
"times below the empty page", which `make load` measures under wrk). Reads the database only:
point it at a copy. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys

from webapp.bench.pages import sample_requests


def _clients(app, accounts: set[str]) -> dict:
    """A logged-in test client per demo account; an anonymous one for the login page."""
    from webapp.bench.dashboard import _client

    clients = {account: _client(app, account) for account in accounts if account}
    clients[""] = app.test_client()
    return clients


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.page_costs",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", required=True, help="an existing demo database (read only)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--only", default="", help="ne mesurer que les pages dont le nom contient ce texte")
    args = parser.parse_args(argv)

    from webapp import create_app
    from webapp.bench.load_pages import pages
    from webapp.config import Config

    config = type("BenchConfig", (Config,), {"SQLALCHEMY_DATABASE_URI": args.database_url,
                                             "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False})
    app = create_app(config)
    listed = pages(app, lambda _email, _password: "")
    clients = _clients(app, {page.account for page in listed})
    reference_cpu = None
    measured = []
    for page in listed:
        if reference_cpu is not None and args.only not in page.name:
            continue
        headers = {"HX-Request": "true"} if page.htmx else None
        samples = sample_requests(app, clients[page.account], page.path, args.repeat, warm_up=3,
                                  headers=headers)
        cpu = statistics.median(samples.cpu_ms)
        if reference_cpu is None:
            reference_cpu = cpu
        measured.append({"page": page.name, "url": page.path, "statements": samples.statements,
                         "cpu_median_ms": round(cpu, 1),
                         "wall_median_ms": round(statistics.median(samples.wall_ms), 1),
                         "html_bytes": samples.html_bytes,
                         "cpu_times_login_page": round(cpu / reference_cpu, 1)})
    json.dump({"repeat": args.repeat, "pages": measured}, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
