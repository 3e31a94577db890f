import shutil

from sqlalchemy import func, select

from reference import REFERENCE_DIR
from tests import factories
from webapp.accounts.models import Membership, User
from webapp.reference.loader import reference_counts
from webapp.reference.models import Commune, RomeCode


def test_reference_load_twice_leaves_the_same_counts(runner, database):
    before = reference_counts()
    first = runner.invoke(args=["reference", "load"])
    second = runner.invoke(args=["reference", "load"])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert reference_counts() == before
    assert "codes ROME : 1584" in second.output
    assert "communes et arrondissements" in second.output


def test_reference_counts_match_the_brief(database):
    counts = reference_counts()
    assert counts.rome_codes == 1584
    assert counts.poles == 10
    in_13 = database.session.scalar(
        select(func.count(Commune.insee)).where(Commune.departement == "13", Commune.insee != "13055")
    )
    assert in_13 == 118 + 16
    without_pole = database.session.scalar(select(func.count(Commune.insee)).where(
        Commune.departement == "13", Commune.insee != "13055", Commune.pole_id.is_(None)
    ))
    assert without_pole == 0


def test_a_broken_reference_row_stops_the_load_and_changes_nothing(runner, database, tmp_path):
    broken = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, broken, ignore=shutil.ignore_patterns("*.py", "__pycache__", "build"))
    lines = (broken / "rome.csv").read_text(encoding="utf-8").splitlines()
    lines = [
        "K2204,Un libellé modifié qui ne doit pas être écrit" if line.startswith("K2204,") else line
        for line in lines
    ]
    lines.append("ZZZ,Code invalide")
    (broken / "rome.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    label_before = database.session.get(RomeCode, "K2204").label
    result = runner.invoke(args=["reference", "load", "--directory", str(broken)])
    assert result.exit_code != 0
    assert "rome.csv" in result.output and f"ligne {len(lines)}" in result.output
    database.session.expire_all()
    assert database.session.get(RomeCode, "K2204").label == label_before


def test_users_create_gives_a_role(runner, database):
    factories.organisation("PLIE Marseille Provence", kind="plie")
    result = runner.invoke(args=[
        "users", "create", "--email", "nouvelle.cre@exemple.fr", "--name", "Nouvelle CRE",
        "--password", "un-mot-de-passe-solide", "--organisation", "PLIE Marseille Provence",
        "--role", "cre",
    ])
    assert result.exit_code == 0, result.output
    user = database.session.scalar(select(User).where(User.email == "nouvelle.cre@exemple.fr"))
    assert user.check_password("un-mot-de-passe-solide")
    assert [m.role for m in database.session.scalars(select(Membership).where(Membership.user_id == user.id))] == ["cre"]


def test_users_create_refuses_a_short_password_and_writes_nothing(runner, database):
    result = runner.invoke(args=[
        "users", "create", "--email", "court@exemple.fr", "--name", "Court", "--password", "court",
    ])
    assert result.exit_code != 0
    assert "au moins 12 caractères" in result.output
    assert database.session.scalar(select(User).where(User.email == "court@exemple.fr")) is None
