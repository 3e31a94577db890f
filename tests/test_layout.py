"""The shape of webapp/: one folder per feature, features depending on each other in one
direction, and every table about a person reached by the access-request export and the purge."""

import ast
from pathlib import Path

from webapp import MODEL_MODULES, VIEWS

ROOT = Path(__file__).resolve().parent.parent
WEBAPP = ROOT / "webapp"

# The order of architecture.md: a feature may import the ones before it, never those after.
ORDER = ("core", "reference", "accounts", "companies", "offers", "needs", "profiles", "shortlists",
         "events", "cellule", "promotions", "immersions", "prospection", "dashboard",
         "employer_space", "notifications", "api", "help", "operations")

# Backward imports that remain, each a known debt with its reason (see README, "Organisation
# du code"). A new backward import fails the test; removing one means removing it here too.
KNOWN_BACKWARD = {
    ("core", "accounts"): "the access log names the user",
    ("core", "profiles"): "the access log and its audit search read profile references",
    ("companies", "offers"): "the company page lists the company's offers",
    ("profiles", "shortlists"): "the caseload counts the offers within each person's reach",
    ("cellule", "promotions"): "a person's journey and the agenda follow the cards sent",
    ("promotions", "immersions"): "a promotion's page lists the immersions it led to",
}


def feature_imports(path: Path) -> set[str]:
    """The webapp features a module imports (type-checking-only imports left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                 and getattr(block.test, "id", "") == "TYPE_CHECKING" for node in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and id(node) not in type_only and node.level == 0 \
                and node.module and node.module.startswith("webapp."):
            found.add(node.module.split(".")[1])
    return found


def backward_imports() -> set[tuple[str, str]]:
    edges = set()
    for feature in ORDER:
        for path in (WEBAPP / feature).rglob("*.py"):
            for target in feature_imports(path):
                if target in ORDER and ORDER.index(target) > ORDER.index(feature):
                    edges.add((feature, target))
    return edges


def test_there_is_no_catch_all_folder():
    assert not (WEBAPP / "services").exists() and not (WEBAPP / "models").exists()


def test_every_feature_folder_is_wired():
    folders = {p.name for p in WEBAPP.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert set(ORDER) | {"demo", "bench"} == folders
    assert set(VIEWS) == set(ORDER) - {"core"}
    assert {module.split(".")[0] for module in MODEL_MODULES} <= set(ORDER)


def test_features_depend_on_each_other_in_one_direction():
    assert backward_imports() == set(KNOWN_BACKWARD)


def test_no_feature_imports_the_demo_or_the_benchmarks():
    for feature in ORDER:
        for path in (WEBAPP / feature).rglob("*.py"):
            assert not feature_imports(path) & {"demo", "bench"}, path


def test_the_checker_sees_a_backward_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("from typing import TYPE_CHECKING\nfrom webapp.cellule.models import Cellule\n"
                      "if TYPE_CHECKING:\n    from webapp.dashboard.routes import blueprint\n")
    assert feature_imports(sample) == {"cellule"}
