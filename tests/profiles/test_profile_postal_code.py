"""A person's optional postal code: a finer place inside a large commune (Arles's villages)."""

from sqlalchemy import select

from tests import factories
from tests.profiles.profile_forms import valid_form
from webapp.profiles.models import Profile


def _world(database):
    org = factories.organisation("France Travail Arles", pole_code="I")
    ae = factories.user((org, "ae"), email="nadia@exemple.fr")
    database.session.commit()
    return org, ae


def test_the_profile_form_keeps_a_postal_code_of_the_commune_and_the_page_shows_it(
        client, login, database):
    org, ae = _world(database)
    login(ae)
    assert 'name="postal_code"' in client.get("/profils/nouveau").get_data(as_text=True)
    response = client.post("/profils/nouveau", data=valid_form(org, ae, commune_insee="13004",
                                                                postal_code="13129"))
    assert response.status_code == 303, response.get_data(as_text=True)
    profile = database.session.scalar(select(Profile))
    assert (profile.commune_insee, profile.postal_code) == ("13004", "13129")
    assert "Arles, 13129 (Salin-de-Giraud)" in client.get(f"/profils/{profile.id}").get_data(as_text=True)
    assert 'value="13129"' in client.get(f"/profils/{profile.id}/modifier").get_data(as_text=True)


def test_a_postal_code_outside_the_commune_or_malformed_is_refused_on_its_field(client, login, database):
    org, ae = _world(database)
    login(ae)
    outside = client.post("/profils/nouveau", data=valid_form(org, ae, commune_insee="13201",
                                                               postal_code="13129"))
    assert outside.status_code == 422
    assert "Code postal « 13129 » hors de la commune Marseille 1er" in outside.get_data(as_text=True)
    malformed = client.post("/profils/nouveau", data=valid_form(org, ae, postal_code="abc"))
    assert malformed.status_code == 422
    assert "Code postal : 5 chiffres attendus (ex. 13129)." in malformed.get_data(as_text=True)
    assert database.session.scalar(select(Profile)) is None


def test_the_caseload_import_reads_code_postal_and_a_file_without_it_keeps_it(
        runner, database, tmp_path):
    _world(database)
    header = "reference;commune_insee;code_postal;codes_rome;modes;temps_max_min\n"
    path = tmp_path / "profils.csv"
    path.write_text(header + "P-1;13004;13280;K2204;marche;30\n", encoding="utf-8")
    args = ["import", "profiles", str(path), "--format", "csv", "--org", "France Travail Arles",
            "--ae", "nadia@exemple.fr"]
    assert "créés : 1" in runner.invoke(args=args).output
    assert database.session.scalar(select(Profile.postal_code)) == "13280"
    path.write_text(header + "P-1;13004;;K2204;marche;30\n", encoding="utf-8")
    assert "inchangés : 1" in runner.invoke(args=args).output
    assert database.session.scalar(select(Profile.postal_code)) == "13280"
    path.write_text(header + "P-1;13004;13005;K2204;marche;30\n", encoding="utf-8")
    refused = runner.invoke(args=args)
    assert refused.exit_code == 2
    assert ("profils.csv, ligne 2 (réf. P-1), colonne « code_postal » : code postal « 13005 » "
            "hors de la commune Arles") in refused.output
