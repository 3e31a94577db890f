"""Benchmark: compose 10,000 digest e-mails and hand them to a local SMTP server.

    python -m webapp.bench.digests [--count 10000] [--items 5]

Runs an aiosmtpd server in this process (it receives and discards), composes each digest
(French text + HTML, unsubscribe links) and sends it over one SMTP connection, the way
`send_digests()` does. Prints one JSON object (compose and hand-over time, rate, peak memory).
"""

import argparse
import json
import resource
import socket
import time

from aiosmtpd.controller import Controller


class _Sink:
    received = 0

    async def handle_DATA(self, server, session, envelope):
        _Sink.received += 1
        return "250 OK"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=5)
    args = parser.parse_args()

    from webapp import create_app
    from webapp.accounts.models import User
    from webapp.config import TestConfig
    from webapp.core.mail import transport
    from webapp.core.notify import Notification
    from webapp.notifications.compose import digest_message

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(_Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    app = create_app(type("BenchConfig", (TestConfig,), {
        "MAIL_HOST": "127.0.0.1", "MAIL_PORT": port, "MAIL_STARTTLS": False}))
    items = [Notification(kind="card_received", url=f"/espace-employeur/profils/{n}",
                          params={"card": f"C-{n:05d}", "job": "Agent d'entretien H/F"})
             for n in range(args.items)]
    compose_s = send_s = 0.0
    with app.app_context(), transport() as out:
        for number in range(args.count):
            user = User(id=number + 1, email=f"employeur{number}@exemple.fr", display_name="")
            started = time.perf_counter()
            message = digest_message(user, "daily", items)
            composed = time.perf_counter()
            out.send(message)
            compose_s += composed - started
            send_s += time.perf_counter() - composed
    controller.stop()
    total = compose_s + send_s
    print(json.dumps({
        "digests": args.count, "items_per_digest": args.items, "received": _Sink.received,
        "compose_s": round(compose_s, 2), "hand_over_s": round(send_s, 2),
        "total_s": round(total, 2), "per_second": round(args.count / total),
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }, ensure_ascii=False))


if __name__ == "__main__":
    main()
