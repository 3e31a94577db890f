"""`python -m matching rank | suggest-rome | bench | bench-suggest`: the command-line contract of the spec."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from matching.weights import ENGINE_VERSION

if TYPE_CHECKING:  # imported when a command needs them (the command line starts fast)
    from matching.engine import Engine
    from matching.exchange import Offer, Profile

EXIT_OK, EXIT_BAD_INPUT = 0, 2
# Wall seconds at each step of `rank` since main() began: referential, load (referential +
# both files read and validated), rank, write, total; and the CPU seconds of each step:
# imports (the process's own until main() began), load, rank (pools, pairs, match records),
# write (JSON and file), total (the process's).
STARTED = time.perf_counter()
TIMINGS: dict[str, float] = {}
_CPU_MARK = [0.0]


def _cpu_step(name: str) -> None:
    """Record the CPU seconds since the previous step under `<name>_cpu_seconds`."""
    now = time.process_time()
    TIMINGS[f"{name}_cpu_seconds"] = round(now - _CPU_MARK[0], 3)
    _CPU_MARK[0] = now


class BadInput(Exception):
    """Input the command refuses, with one French line per problem."""

    def __init__(self, lines: list[str] | tuple[str, ...]):
        self.lines = tuple(lines)
        super().__init__("\n".join(self.lines))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse exits 2 too; only the wording changes
        self.print_usage(sys.stderr)
        self.exit(EXIT_BAD_INPUT, f"{self.prog} : erreur : {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m matching",
                     description="Matching Passerelle : classement, suggestion ROME, mesure.")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    rank = commands.add_parser("rank", help="classer profils et offres")
    rank.add_argument("--offers", required=True, help="fichier JSON des offres")
    rank.add_argument("--profiles", required=True, help="fichier JSON des profils")
    rank.add_argument("--direction", choices=("offers", "profiles"), default="offers",
                      help="offers : profils classés par offre ; profiles : offres par profil")
    rank.add_argument("--top", type=int, default=20, help="nombre de résultats gardés")
    rank.add_argument("--explain", action="store_true", help="lister aussi les écartés")
    rank.add_argument("--output", help="fichier de sortie (sinon la sortie standard)")
    rank.add_argument("--today", type=date.fromisoformat,
                      help="date de référence AAAA-MM-JJ pour les dates absentes (par défaut aujourd'hui)")
    rank.add_argument("--timings", action="store_true",
                      help="écrire sur la sortie d'erreur la durée de chaque étape (JSON)")
    suggest = commands.add_parser("suggest-rome", help="codes ROME pour un intitulé")
    suggest.add_argument("title", nargs="?", help="intitulé de poste")
    suggest.add_argument("--file", help="fichier d'intitulés, un par ligne (UTF-8)")
    suggest.add_argument("--limit", type=int, default=5)
    evaluate = commands.add_parser(
        "evaluate-rome", aliases=["bench-suggest"],
        help="mesurer la justesse de la suggestion ROME (appellations mises de côté, offres bruitées)")
    evaluate.add_argument("--every", type=int, default=10,
                          help="mettre de côté une appellation sur N (par défaut 10)")
    evaluate.add_argument("--offset", type=int, default=0,
                          help="à partir de la N+1-ième (par défaut 0 ; 5 : la partition de réglage)")
    bench_rank = commands.add_parser(
        "bench-rank", help="mesurer la commande rank de bout en bout contre un script scalaire")
    bench_rank.add_argument("--profiles", type=int, default=20_000)
    bench_rank.add_argument("--offers", type=int, default=2_000)
    bench_rank.add_argument("--top", type=int, default=20)
    bench_rank.add_argument("--seed", type=int, default=1)
    bench = commands.add_parser("bench", help="mesurer les performances")
    bench.add_argument("--profiles", type=int, default=60_000)
    bench.add_argument("--offers", type=int, default=5_000)
    bench.add_argument("--top", type=int, default=20)
    bench.add_argument("--seed", type=int, default=1)
    return parser


def rank(args: argparse.Namespace) -> Iterator[bytes]:
    """Check and load `rank`'s input, then return its output document as _dump would write
    it, in pieces: the results are ranked as the pieces are asked for, a chunk of people at a
    time in the profiles direction (each chunk's matches built, then written, before the
    next: they are never all held). Call it, and write the pieces, inside json_written()."""
    from matching.engine import Engine
    from matching.exchange import FileError, load_offers_file, load_profiles_file
    from matching.referential import Referential

    if args.top < 1:
        raise BadInput(["--top : un entier positif est attendu"])
    ref = Referential.load_default()
    TIMINGS["referential_seconds"] = round(time.perf_counter() - STARTED, 3)
    lines: list[str] = []
    loaded = []
    for loader, path in ((load_offers_file, args.offers), (load_profiles_file, args.profiles)):
        try:
            loaded.append(loader(path, ref))
        except FileError as exc:
            lines += exc.lines
    if lines:
        raise BadInput(lines)
    offers, profiles = loaded
    engine = Engine(ref, today=args.today or local_today())
    TIMINGS["load_seconds"] = round(time.perf_counter() - STARTED, 3)
    _cpu_step("load")
    return _ranked_pieces(engine, offers, profiles, args)


class _Stopwatch:
    """Wall and CPU seconds spent inside its `with` blocks, added up."""

    def __init__(self) -> None:
        self.seconds = self.cpu_seconds = 0.0

    def __enter__(self) -> None:
        self._started = (time.perf_counter(), time.process_time())

    def __exit__(self, *_: object) -> None:
        self.seconds += time.perf_counter() - self._started[0]
        self.cpu_seconds += time.process_time() - self._started[1]


RESULTS_PER_PIECE = 256  # results encoded together when `rank` writes its document


def _ranked_pieces(engine: Engine, offers: list[Offer], profiles: list[Profile],
                   args: argparse.Namespace) -> Iterator[bytes]:
    """`rank`'s document (results, then meta) in pieces of a few hundred results: neither
    the whole text (108 MB for 20,000 people) nor every match is ever held at once. The
    ranking's own time (`meta.seconds`, `rank_seconds`) leaves out the writing."""
    import orjson

    from matching.match_json import results_json

    ranking = _Stopwatch()
    with ranking:
        offer_pool = engine.offer_pool(offers)
        if args.direction == "offers":
            chunks = iter([engine.rank_all(offer_pool, engine.profile_pool(profiles), args.top,
                                           args.explain)])
        else:
            chunks = engine.rank_all_profiles_in_chunks(profiles, offer_pool, args.top,
                                                        args.explain)
        chunk = next(chunks, None)
    pairs_scored, comma = 0, b""
    yield b'{"results":['
    while chunk is not None:
        pairs_scored += sum(r.candidates for r in chunk)
        results = results_json(chunk, args.explain)
        for start in range(0, len(results), RESULTS_PER_PIECE):
            yield comma + orjson.dumps(results[start:start + RESULTS_PER_PIECE])[1:-1]
            comma = b","
        del chunk, results  # this chunk's matches freed before the next is built
        with ranking:
            chunk = next(chunks, None)
    meta = {"engine_version": ENGINE_VERSION, "weights": engine.weights.to_dict(),
            "thresholds": engine.thresholds.to_dict(),
            "today": engine.today.isoformat(), "direction": args.direction,
            "pairs_scored": pairs_scored, "pairs_total": len(offers) * len(profiles),
            "seconds": round(ranking.seconds, 3)}
    yield b'],"meta":' + orjson.dumps(meta) + b"}\n"
    TIMINGS["rank_seconds"] = round(ranking.seconds, 3)
    TIMINGS["rank_cpu_seconds"] = round(ranking.cpu_seconds, 3)


def write_atomically(path: str, data: bytes | Iterable[bytes]) -> None:
    """Write the whole file or nothing: a temporary file in the same folder, then rename.
    `data`: the bytes, or their pieces in order."""
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent or Path("."),
                                             prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise BadInput([f"{path}: impossible d'écrire ({exc.strerror or exc})"]) from None
    try:
        with os.fdopen(handle, "wb") as out:
            for piece in [data] if isinstance(data, bytes) else data:
                out.write(piece)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _pretty(document: Any) -> str:
    """Indented JSON for the small reports people read (bench, bench-suggest)."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _dump(document: Any) -> bytes:
    """Compact JSON, one document, as UTF-8 bytes, by orjson (10 times faster than the
    standard library): UTF-8 text, not \\u escapes; never `indent`. `rank` writes its
    document in pieces (_ranked_pieces), its matches already encoded (match_json.py)."""
    import orjson

    return orjson.dumps(document, option=orjson.OPT_APPEND_NEWLINE)


def _write_stdout(data: bytes | Iterable[bytes]) -> None:
    """UTF-8 bytes (or their pieces in order) to the standard output, after any text already
    written to it."""
    sys.stdout.flush()
    binary = getattr(sys.stdout, "buffer", None)
    for piece in [data] if isinstance(data, bytes) else data:
        if binary is None:  # a text-only stream (some test harnesses)
            sys.stdout.write(piece.decode())
        else:
            binary.write(piece)
    if binary is not None:
        binary.flush()


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code (0 done, 2 bad input)."""
    global STARTED
    STARTED = time.perf_counter()
    TIMINGS.clear()
    _CPU_MARK[0] = 0.0
    _cpu_step("imports")
    args = _parser().parse_args(argv)
    try:
        if args.command == "rank":
            from matching.gc_pause import collector_paused

            with collector_paused():  # a batch of acyclic records: see matching/gc_pause.py
                run_rank(args)
        elif args.command == "suggest-rome":
            suggest_rome(args)
        elif args.command in ("evaluate-rome", "bench-suggest"):
            if args.every < 2:
                raise BadInput(["--every : un entier supérieur à 1 est attendu"])
            from matching.evaluate_rome import run_evaluation

            if not 0 <= args.offset < args.every:
                raise BadInput(["--offset : un entier entre 0 et --every - 1 est attendu"])
            sys.stdout.write(_pretty(run_evaluation(args.every, args.offset)))
        elif args.command == "bench-rank":
            from matching.bench_rank import run_bench_rank

            sys.stdout.write(_pretty(run_bench_rank(args.profiles, args.offers, args.top,
                                                    args.seed)))
        else:
            from matching.bench import run_bench

            sys.stdout.write(_pretty(run_bench(args.profiles, args.offers, args.top, args.seed)))
    except BadInput as exc:
        for line in exc.lines:
            print(line, file=sys.stderr)
        return EXIT_BAD_INPUT
    return EXIT_OK


def run_rank(args: argparse.Namespace) -> None:
    """`rank`: rank and write the document (to --output or the standard output), a chunk of
    results at a time."""
    from matching.match_json import json_written

    with json_written():  # each match's JSON written in its batch, from its columns
        data = rank(args)
        written = time.perf_counter()
        if args.output:
            write_atomically(args.output, data)
        else:
            _write_stdout(data)
    # The ranking and the writing interleave: each step's own seconds, the ranking's added up.
    TIMINGS["write_seconds"] = round(time.perf_counter() - written - TIMINGS["rank_seconds"], 3)
    TIMINGS["total_seconds"] = round(time.perf_counter() - STARTED, 3)
    _cpu_step("write")
    TIMINGS["write_cpu_seconds"] = round(TIMINGS["write_cpu_seconds"]
                                         - TIMINGS["rank_cpu_seconds"], 3)
    TIMINGS["total_cpu_seconds"] = round(time.process_time(), 3)
    if args.timings:
        print(json.dumps(TIMINGS), file=sys.stderr)


def suggest_rome(args: argparse.Namespace) -> None:
    """`suggest-rome TITLE` prints a JSON list; `--file` one JSON line per title, in order."""
    if args.limit < 1:
        raise BadInput(["--limit : un entier positif est attendu"])
    if (args.title is None) == (args.file is None):
        raise BadInput(["donner un intitulé ou --file FICHIER, pas les deux"])
    titles: list[str] = []
    if args.file is not None:
        try:
            titles = Path(args.file).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise BadInput([f"{args.file}: lecture impossible ({exc})"]) from None
    from matching.referential import Referential

    suggester = Referential.load_default().suggester
    if args.file is None:
        _write_stdout(_dump([s.to_dict() for s in suggester.suggest(args.title, args.limit)]))
        return
    for title in titles:
        suggestions = suggester.suggest(title, args.limit) if title.strip() else []
        line = {"title": title, "suggestions": [s.to_dict() for s in suggestions]}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")


def local_today() -> date:
    """Today in Paris: this standalone command's one reading of the clock (the library itself
    never reads it; the web application passes its own clock's date)."""
    return datetime.now(ZoneInfo("Europe/Paris")).date()
