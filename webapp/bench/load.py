"""Load test of issue 18: the slow pages under gunicorn on PostgreSQL, at demo ×1 and ×10.

    python -m webapp.bench.load [--database-url URL] [--factors 1,10] [--duration 5]
                                [--workers 3] [--port 8077] [--json FILE] [--keep]

Fills a private schema (`bench_load`, created then dropped) with the demo territory, starts
gunicorn on it with the production configuration (`deploy/gunicorn.conf.py`: 3 workers,
preloaded app; workers not recycled during the measure), logs each demo account in over HTTP, then runs
`wrk` (Debian's package) against each page of the issue's table alone: requests per second at
4 connections and the ratio to the empty login page measured in the same run, p90 at 16
connections; then the mixed load of every role at 4 and 16 users. The demo's activity is then
multiplied (`webapp.bench.multiply`) and everything measured again. Prints one table per
factor (and the JSON with --json). Not part of `make test`: it takes minutes and its figures
depend on the machine.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from webapp.bench.database import bench_app
from webapp.bench.load_pages import Page, mixed, pages

DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REPOSITORY = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("load.wrk.lua")
SECRET = "load-test-secret"  # every gunicorn worker signs the session cookies alike


def start_server(database_url: str, port: int, workers: int) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url, "SECRET_KEY": SECRET,
           "PASSERELLE_WTF_CSRF_ENABLED": "false", "RATELIMIT_STORAGE_URI": "memory://"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "--config", str(REPOSITORY / "deploy" / "gunicorn.conf.py"),
         "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--max-requests", "0",
         "--graceful-timeout", "3", "--timeout", "120", "--log-level", "warning", "wsgi:app"],
        env=env, cwd=REPOSITORY, start_new_session=True)
    for _ in range(120):
        try:
            if _get(port, "/connexion")[0] == 200:
                return server
        except OSError:
            time.sleep(0.5)
    stop_server(server)
    raise SystemExit("gunicorn n'a pas démarré")


def stop_server(server: subprocess.Popen) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def _get(port: int, path: str, cookie: str = "", htmx: bool = False) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"User-Agent": "passerelle-load", **({"Cookie": cookie} if cookie else {}),
               **({"HX-Request": "true"} if htmx else {})}
    connection.request("GET", path, headers=headers)
    answer = connection.getresponse()
    return answer.status, answer.read()


def login(port: int, email: str, password: str) -> str:
    """The session cookie of a real login over HTTP."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    connection.request("POST", "/connexion", body=urlencode({"email": email, "password": password}),
                       headers={"Content-Type": "application/x-www-form-urlencoded",
                                "User-Agent": "passerelle-load"})
    answer = connection.getresponse()
    answer.read()
    cookie = answer.getheader("Set-Cookie") or ""
    if answer.status != 303 or not cookie:
        raise SystemExit(f"connexion impossible pour {email} ({answer.status})")
    return cookie.split(";")[0]


def wrk(port: int, targets: list[Page], connections: int, duration: int) -> dict:
    """One wrk run over the targets (one page, or the mix); its figures."""
    rows = (f"{{{json.dumps(t.path)}, {json.dumps(t.cookie)}, {'true' if t.htmx else 'false'}}}"
            for t in targets)
    lua = "targets = {" + ",".join(rows) + "}\n" + SCRIPT.read_text()
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(lua)
    try:
        output = subprocess.run(
            ["wrk", "-t", str(min(2, connections)), "-c", str(connections), "-d", f"{duration}s",
             "--timeout", "10s", "-s", script.name, f"http://127.0.0.1:{port}"],
            capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(script.name)
    settle(port)
    line = re.search(r"LOADJSON (\{.*\})", output)
    if not line:
        raise SystemExit(f"wrk : sortie inattendue\n{output}")
    figures = json.loads(line.group(1))
    return {"requests_per_s": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
            "p50_ms": round(figures["p50_us"] / 1000, 1), "p90_ms": round(figures["p90_us"] / 1000, 1),
            "errors": figures["errors"] + figures["bad_status"]}


def warm_up(port: int, targets: list[Page], workers: int) -> None:
    """Every page answers 200 to its account, and every worker has built its caches (the
    matching engine's, the referential's) before anything is timed: as many requests at once
    as there are workers, twice."""
    with ThreadPoolExecutor(workers) as pool:
        for target in targets:
            for _ in range(2):
                answers = list(pool.map(lambda t: _get(port, t.path, t.cookie, t.htmx), [target] * workers))
                if any(status != 200 for status, _ in answers):
                    raise SystemExit(f"{target.name} ({target.path}) : réponses {[s for s, _ in answers]}")


def settle(port: int, workers: int = 3) -> None:
    """Wait for the requests wrk left queued when it stopped: a few empty pages at once, which
    the workers answer after the backlog, so the next measure starts on an idle server."""
    with ThreadPoolExecutor(workers * 2) as pool:
        list(pool.map(lambda _: _get(port, "/connexion"), range(workers * 2)))


def measure(port: int, targets: list[Page], duration: int) -> dict:
    """Each page alone at 4 then 16 connections, the empty login page first; the mix."""
    rows = []
    for target in targets:
        alone = wrk(port, [target], 4, duration)
        busy = wrk(port, [target], 16, duration)
        rows.append({"page": target.name, "path": target.path, "requests_per_s_4": alone["requests_per_s"],
                     "p90_ms_16": busy["p90_ms"], "errors": alone["errors"] + busy["errors"]})
    empty = rows[0]["requests_per_s_4"]
    for row in rows:
        row["times_below_empty"] = round(empty / row["requests_per_s_4"], 1) if row["requests_per_s_4"] else None
    mix = mixed(targets[1:])
    return {"pages": rows, "mixed": {users: wrk(port, mix, users, duration) for users in (4, 16)}}


def table(factor: int, figures: dict) -> str:
    lines = [f"## Démo ×{factor}", "",
             "| page | requêtes/s à 4 connexions | fois sous la page vide | p90 à 16 connexions | erreurs |",
             "|---|---|---|---|---|"]
    lines += [f"| {r['page']} | {r['requests_per_s_4']:.1f} | {r['times_below_empty']} | "
              f"{r['p90_ms_16']:.0f} ms | {r['errors']} |" for r in figures["pages"]]
    lines.append("")
    for users, mix in figures["mixed"].items():
        lines.append(f"Charge mixte, {users} utilisateurs : {mix['requests_per_s']:.1f} requêtes/s, "
                     f"médiane {mix['p50_ms']:.0f} ms, p90 {mix['p90_ms']:.0f} ms, {mix['errors']} erreurs")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.load", description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL, help="PostgreSQL (a private schema is used)")
    parser.add_argument("--factors", default="1,10", help="facteurs de la démo, croissants (1,10)")
    parser.add_argument("--duration", type=int, default=5, help="secondes par mesure wrk")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8077)
    parser.add_argument("--json", default="", help="écrire aussi les chiffres dans ce fichier JSON")
    parser.add_argument("--keep", action="store_true", help="garder le schéma après la mesure")
    parser.add_argument("--name", default="load", help="schéma bench_<name> (deux mesures à la fois)")
    args = parser.parse_args(argv)
    factors = sorted(int(f) for f in args.factors.split(","))

    from sqlalchemy import text

    from webapp.bench.dashboard import fill
    from webapp.bench.multiply import multiply
    from webapp.extensions import db

    report = {"workers": args.workers, "duration_s": args.duration, "factors": {}}
    with bench_app(args.database_url, args.name, args.keep) as (app, facts):
        report.update(facts)
        grown = 0
        for factor in factors:
            with app.app_context():
                if not grown:
                    fill(1)
                    grown = 1
                if factor > grown:  # multiply() copies what is there: ×1 → ×factor
                    multiply(factor // grown)
                    db.session.commit()
                    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
                        c.execute(text("VACUUM ANALYZE"))
                grown = factor
                url = db.engine.url.render_as_string(hide_password=False)
                db.session.remove()
            server = start_server(url, args.port, args.workers)
            try:
                targets = pages(app, lambda email, password: login(args.port, email, password))
                warm_up(args.port, targets, args.workers)
                figures = measure(args.port, targets, args.duration)
                report["factors"][factor] = figures
                sys.stdout.write(table(factor, figures) + "\n")
                sys.stdout.flush()
                if args.json:
                    Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2))
            finally:
                stop_server(server)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
