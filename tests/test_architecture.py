"""The layers stay apart: the pure libraries never import the web layer or the ORM, and they
import each other in one direction only: ingestion -> matching -> reference."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {"flask", "sqlalchemy", "webapp", "flask_sqlalchemy", "flask_login", "flask_wtf",
             "flask_migrate", "wtforms"}


def imported_top_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", ["matching", "ingestion", "reference"])
def test_pure_libraries_do_not_import_the_web_layer(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_top_modules(path) & FORBIDDEN)
        for path in files
        if imported_top_modules(path) & FORBIDDEN
    }
    assert offenders == {}


# Each library may import the ones after it in LIBRARY_ORDER, never the ones before it.
LIBRARY_ORDER = ["ingestion", "matching", "reference"]


@pytest.mark.parametrize("package", LIBRARY_ORDER)
def test_libraries_import_each_other_in_one_direction(package):
    upstream = set(LIBRARY_ORDER[:LIBRARY_ORDER.index(package)])
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_top_modules(path) & upstream)
        for path in files
        if imported_top_modules(path) & upstream
    }
    assert offenders == {}


def test_the_checker_sees_an_import_inside_a_function(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def load():\n    from ingestion.places import ImportLookup\n",
                      encoding="utf-8")
    assert imported_top_modules(sample) == {"ingestion"}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from flask import Flask\nimport numpy\n", encoding="utf-8")
    assert imported_top_modules(sample) & FORBIDDEN == {"flask"}
