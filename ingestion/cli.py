"""`python -m ingestion offers|profiles FILE --format ...`: partner files to exchange JSON."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from ingestion.offers import parse_offers
from ingestion.profiles import parse_profiles
from ingestion.report import ImportFileError, ImportResult

EXIT_BAD_INPUT = 2
WRITE_ERRORS = {errno.ENOENT: "dossier introuvable", errno.EACCES: "permission refusée",
                errno.ENOSPC: "disque plein", errno.EISDIR: "c'est un dossier"}


class FrenchParser(argparse.ArgumentParser):
    """argparse, with a usage error reported on one line and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog} : erreur d'utilisation : {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """The command-line parser of `python -m ingestion`."""
    parser = FrenchParser(prog="python -m ingestion",
                          description="Convertit des fichiers partenaires au format d'échange.")
    commands = parser.add_subparsers(dest="kind", required=True, parser_class=FrenchParser)
    for kind, formats, noun in (("offers", ("francetravail", "csv", "xlsx", "json"), "offres"),
                                ("profiles", ("csv", "xlsx", "json"), "profils")):
        command = commands.add_parser(kind, help=f"importer des {noun}")
        command.add_argument("file", metavar="FILE", help="fichier à convertir")
        command.add_argument("--format", required=True, choices=formats, help="format du fichier")
        command.add_argument("--output", metavar=f"{kind.upper()}.json",
                             help="fichier JSON à écrire (sinon sortie standard)")
        command.add_argument("--strict", action="store_true",
                             help="si un enregistrement est rejeté : ne rien écrire, code 2")
    return parser


def write_atomically(path: str, document: Any) -> None:
    """Write JSON to `path` whole or not at all (temporary file, then rename)."""
    folder = Path(path).resolve().parent
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".ingestion-", suffix=".json")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _print_report(name: str, result: ImportResult, refused: bool) -> None:
    """Problems and notes, then the counts line last."""
    report = result.report
    for line in report.problem_lines():
        print(f"{name}, {line}", file=sys.stderr)
    for note in report.notes:
        print(f"{name} : {note}", file=sys.stderr)
    if refused:
        print("--strict : des enregistrements sont rejetés, rien n'est écrit", file=sys.stderr)
    print(report.summary(), file=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; return the exit code (0 done, 2 bad input)."""
    args = build_parser().parse_args(argv)
    parse = parse_offers if args.kind == "offers" else parse_profiles
    try:
        result = parse(args.file, args.format)
    except ImportFileError as error:
        print(f"{args.file} : {error.message}", file=sys.stderr)
        return EXIT_BAD_INPUT
    refused = bool(args.strict and result.report.rejected)
    _print_report(args.file, result, refused)
    if refused:
        return EXIT_BAD_INPUT
    document = {args.kind: result.exchange_dicts()}
    if args.output is None:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    try:
        write_atomically(args.output, document)
    except OSError as error:
        reason = WRITE_ERRORS.get(error.errno or 0, error.strerror)
        print(f"{args.output} : écriture impossible ({reason})", file=sys.stderr)
        return EXIT_BAD_INPUT
    return 0
