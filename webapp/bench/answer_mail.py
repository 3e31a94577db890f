"""Benchmark: the delay between an employer's answer to a card and the CRE's e-mail, on the
demo territory, through the real path: the answer is posted (the web request commits and hands
the notification to the queue), a real `flask worker` process takes it from the queue and
sends it to an SMTP server (aiosmtpd, in this process) that stamps each arrival. While it runs,
the worker's resident memory (RSS, read from /proc) is sampled.

    python -m webapp.bench.answer_mail [--count 40] [--pause 0.5] [--queue-url redis://127.0.0.1:6379/0]
                                       [--database-url postgresql://…]

The queue is SQLite in a temporary folder by default (the embedded mode), or the given Redis
under a queue name of its own. Prints one JSON object: delay p50/p95/max (ms), worker RSS (idle,
peak, end, MB)."""

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import timedelta
from pathlib import Path

from aiosmtpd.controller import Controller

from webapp.bench.dashboard import fill
from webapp.bench.database import bench_app
from webapp.core import clock


class _Stamps:
    """Each message's subject and arrival time."""

    def __init__(self):
        self.arrivals: dict[str, float] = {}

    async def handle_DATA(self, server, session, envelope):
        from email import message_from_bytes, policy

        message = message_from_bytes(envelope.content, policy=policy.default)
        self.arrivals.setdefault(str(message["Subject"]), time.perf_counter())
        return "250 OK"


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class _Sampler(threading.Thread):
    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.samples, self.running = pid, [], True

    def run(self):
        while self.running:
            try:
                self.samples.append(_rss_mb(self.pid))
            except OSError:
                return
            time.sleep(0.05)


def _cards(count: int) -> list[tuple[int, str, str, int]]:
    """(promotion id, card reference, an employer's e-mail, version) of cards waiting for an
    answer."""
    from sqlalchemy import select

    from webapp.accounts.models import User
    from webapp.accounts.recipients import employer_user_ids
    from webapp.extensions import db
    from webapp.promotions.models import Promotion

    found = []
    for promotion in db.session.scalars(select(Promotion).where(Promotion.status == "sent")
                                        .order_by(Promotion.id)):
        ids = employer_user_ids(promotion.company_id)
        if ids and promotion.cre_id:
            found.append((promotion.id, promotion.reference, db.session.get(User, ids[0]).email,
                          promotion.version))
        if len(found) == count:
            break
    return found


def _worker(env: dict) -> subprocess.Popen:
    from webapp.config import REPOSITORY_ROOT

    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--workers", "2"],
                              env=env, cwd=REPOSITORY_ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    worker.stdout.readline()  # « Travailleur : … » once the app is built: it is ready
    threading.Thread(target=worker.stdout.read, daemon=True).start()
    return worker


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m webapp.bench.answer_mail", description=__doc__)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL; a SQLite file of its own when empty")
    parser.add_argument("--queue-url", default="", help="redis://…; a SQLite queue of its own when empty")
    parser.add_argument("--count", type=int, default=40)
    parser.add_argument("--pause", type=float, default=0.5, help="secondes entre deux réponses")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args(argv)

    from webapp.demo import DEMO_PASSWORD
    from webapp.extensions import db

    stamps = _Stamps()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(stamps, hostname="127.0.0.1", port=port)
    controller.start()
    folder = tempfile.mkdtemp(prefix="bench-mail-")
    queue_url = args.queue_url or f"sqlite:///{folder}/huey.sqlite"
    queue_name = f"bench-mail-{os.getpid()}"
    settings = {"QUEUE_URL": queue_url, "QUEUE_NAME": queue_name, "MAIL_HOST": "127.0.0.1",
                "MAIL_PORT": port, "MAIL_STARTTLS": False}
    for key, value in settings.items():
        os.environ[f"PASSERELLE_{key}"] = json.dumps(value) if not isinstance(value, str) else value
    with bench_app(args.database_url, "mail", args.keep) as (app, facts):
        app.config.update(settings)
        from webapp.core.queue import configure_queue

        configure_queue(app)
        with app.app_context():
            fill(1)
            cards = _cards(args.count)
            db.session.remove()
        env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"]}
        worker = _worker(env)
        sampler = _Sampler(worker.pid)
        sampler.start()
        time.sleep(2)  # the consumer's threads start
        idle = _rss_mb(worker.pid)
        sent_at = {}
        meeting_on = (clock.today() + timedelta(days=3)).isoformat()
        for promotion_id, reference, email, version in cards:
            client = app.test_client()
            client.post("/connexion", data={"email": email, "password": DEMO_PASSWORD})
            subject = f"Réponse de l'employeur sur la carte {reference}"
            sent_at[subject] = time.perf_counter()
            answer = client.post(f"/espace-employeur/profils/{promotion_id}/reponse", data={
                "kind": "interested", "meeting": "interview", "on": meeting_on, "version": version})
            if answer.status_code != 303:
                raise SystemExit(f"réponse refusée ({answer.status_code}) pour la carte {reference}")
            time.sleep(args.pause)
        deadline = time.perf_counter() + 60
        while time.perf_counter() < deadline and not all(s in stamps.arrivals for s in sent_at):
            time.sleep(0.05)
        sampler.running = False
        end = _rss_mb(worker.pid)
        worker.terminate()
        worker.wait(10)
        from webapp.core.queue import huey

        huey.storage.flush_all()  # nothing of the bench's queue is left (Redis keys, file rows)
    controller.stop()
    delays = sorted((stamps.arrivals[s] - t) * 1000 for s, t in sent_at.items() if s in stamps.arrivals)
    if not delays:
        raise SystemExit("aucun e-mail reçu")
    report = {**facts, "queue": "redis" if queue_url.startswith("redis") else "sqlite",
              "answers": len(sent_at), "emails_received": len(delays),
              "delay_ms_p50": round(statistics.median(delays)),
              "delay_ms_p95": round(delays[min(len(delays) - 1, int(len(delays) * 0.95))]),
              "delay_ms_max": round(delays[-1]),
              "worker_rss_mb_idle": round(idle, 1), "worker_rss_mb_peak": round(max(sampler.samples), 1),
              "worker_rss_mb_end": round(end, 1)}
    json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
