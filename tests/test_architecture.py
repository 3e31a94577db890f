"""The layers stay apart: matching/ and ingestion/ never import the web layer or the ORM."""

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


@pytest.mark.parametrize("package", ["matching", "ingestion"])
def test_pure_libraries_do_not_import_the_web_layer(package):
    files = sorted((ROOT / package).rglob("*.py"))
    assert files, f"{package}/ has no Python files"
    offenders = {
        str(path.relative_to(ROOT)): sorted(imported_top_modules(path) & FORBIDDEN)
        for path in files
        if imported_top_modules(path) & FORBIDDEN
    }
    assert offenders == {}


def test_the_checker_sees_a_forbidden_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from flask import Flask\nimport numpy\n", encoding="utf-8")
    assert imported_top_modules(sample) & FORBIDDEN == {"flask"}
