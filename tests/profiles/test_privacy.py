"""Who may see a profile (everyone else gets a 404), the access log, consent and the export."""

import json

import pytest
from sqlalchemy import select

from tests import factories
from tests.profiles.profile_forms import valid_form
from webapp.core.errors import NotAllowed
from webapp.core.models import AccessLog
from webapp.profiles.consent import can_be_promoted, require_promotable, share_profile
from webapp.profiles.models import Profile


def _urls(profile):
    return [f"/profils/{profile.id}", f"/profils/{profile.id}/modifier",
            f"/profils/{profile.id}/export.json"]


def _statuses(client, profile):
    return [client.get(url).status_code for url in _urls(profile)]


@pytest.fixture
def world(database):
    org_a = factories.organisation("France Travail Marseille Centre", pole_code="I")
    org_b = factories.organisation("PLIE Marseille Provence", kind="plie", pole_code="I")
    ae_a = factories.user((org_a, "ae"))
    ae_b = factories.user((org_b, "ae"))
    profile_a = factories.profile(org_a, ae=ae_a, external_ref="SOLIS-000111", consent_promotion=True)
    profile_b = factories.profile(org_b, ae=ae_b, external_ref="SOLIS-000222")
    return org_a, org_b, ae_a, ae_b, profile_a, profile_b


def test_an_ae_sees_their_own_profile(client, login, world):
    _, _, ae_a, _, profile_a, _ = world
    login(ae_a)
    assert _statuses(client, profile_a) == [200, 200, 200]


def test_an_ae_of_another_organisation_gets_a_404_by_url(client, login, world):
    _, _, ae_a, _, _, profile_b = world
    login(ae_a)
    assert _statuses(client, profile_b) == [404, 404, 404]
    assert client.post(f"/profils/{profile_b.id}/modifier", data={}).status_code == 404


def test_an_ae_does_not_see_a_colleague_s_people(client, login, world):
    org_a, _, _, _, profile_a, _ = world
    colleague = factories.user((org_a, "ae"))
    login(colleague)
    assert _statuses(client, profile_a) == [404, 404, 404]
    assert profile_a.label not in client.get("/profils/").get_data(as_text=True)


def test_managers_see_their_organisation_s_profiles_only(client, login, world):
    org_a, _, _, _, profile_a, profile_b = world
    login(factories.user((org_a, "direction")))
    assert _statuses(client, profile_a) == [200, 200, 200]
    assert _statuses(client, profile_b) == [404, 404, 404]
    caseload = client.get("/profils/").get_data(as_text=True)
    assert profile_a.label in caseload and profile_b.label not in caseload


def test_an_employer_gets_a_404_on_every_profile_url(client, login, world):
    _, _, _, _, profile_a, profile_b = world
    firm = factories.company("Nettoyage du Vieux-Port")
    employer_org = factories.organisation(kind="employer", company_id=firm.id)
    login(factories.user((employer_org, "employer")))
    for profile in (profile_a, profile_b):
        assert _statuses(client, profile) == [404, 404, 404]
    assert client.get("/profils/").status_code == 404
    assert client.get("/profils/nouveau").status_code == 404
    assert client.get("/audit/acces").status_code == 404


def test_an_administrator_reads_the_log_but_not_the_profiles(client, login, world):
    _, _, _, _, profile_a, _ = world
    login(factories.user((factories.organisation(kind="departement_emploi", pole_code=None), "admin")))
    assert _statuses(client, profile_a) == [404, 404, 404]
    assert client.get("/profils/").status_code == 404
    assert client.get("/audit/acces").status_code == 200


def test_a_cre_sees_a_profile_only_once_it_is_shared_and_never_its_external_reference(client, login, world):
    org_a, _, ae_a, _, profile_a, _ = world
    cre = factories.user((org_a, "cre"))
    login(cre)
    assert _statuses(client, profile_a) == [404, 404, 404]
    share_profile(profile_a, cre, "cellule", by=ae_a)
    page = client.get(f"/profils/{profile_a.id}").get_data(as_text=True)
    assert profile_a.label in page
    assert "SOLIS-000111" not in page and "Référence du dossier" not in page
    assert client.get(f"/profils/{profile_a.id}/modifier").status_code == 404
    assert client.get(f"/profils/{profile_a.id}/export.json").status_code == 404
    assert client.get("/profils/").status_code == 404  # shared profiles are not a caseload


def test_the_external_reference_is_hidden_from_a_cre_in_the_history_too(client, login, world, database):
    org_a, _, ae_a, _, _, _ = world
    login(ae_a)
    client.post("/profils/nouveau", data=valid_form(org_a, ae_a, external_ref="SOLIS-SECRET"))
    created = database.session.scalar(select(Profile).where(Profile.external_ref == "SOLIS-SECRET"))
    cre = factories.user((org_a, "cre"))
    share_profile(created, cre, "promotion", by=ae_a)
    login(cre)
    page = client.get(f"/profils/{created.id}").get_data(as_text=True)
    assert "Historique des modifications" in page and "Commune de résidence" in page
    assert "SOLIS-SECRET" not in page


def test_each_display_and_export_lands_in_the_access_log(client, login, world, database):
    _, _, ae_a, _, profile_a, _ = world
    login(ae_a)
    for url in _urls(profile_a):
        client.get(url)
    rows = database.session.scalars(
        select(AccessLog).where(AccessLog.profile_id == profile_a.id).order_by(AccessLog.id)).all()
    assert [(r.user_id, r.action, r.page, r.profile_reference) for r in rows] == [
        (ae_a.id, "view", f"/profils/{profile_a.id}", profile_a.reference),
        (ae_a.id, "edit", f"/profils/{profile_a.id}/modifier", profile_a.reference),
        (ae_a.id, "export", f"/profils/{profile_a.id}/export.json", profile_a.reference),
    ]


def test_a_refused_display_writes_nothing_to_the_log(client, login, world, database):
    _, _, ae_a, _, _, profile_b = world
    login(ae_a)
    client.get(f"/profils/{profile_b.id}")
    assert database.session.scalar(select(AccessLog).where(AccessLog.profile_id == profile_b.id)) is None


def test_the_audit_page_filters_by_user_reference_and_date_and_pages(client, login, world, app):
    _, _, ae_a, ae_b, profile_a, profile_b = world
    login(ae_a)
    for _ in range(app.config["PAGE_SIZE"] + 2):
        client.get(f"/profils/{profile_a.id}")
    login(ae_b)
    client.get(f"/profils/{profile_b.id}")
    login(factories.user((factories.organisation(kind="departement_emploi", pole_code=None), "admin")))
    by_user = client.get("/audit/acces", query_string={"user": ae_b.email}).get_data(as_text=True)
    assert "1 accès" in by_user and profile_b.reference in by_user and profile_a.reference not in by_user
    by_reference = client.get("/audit/acces", query_string={"reference": "solis-000111"}).get_data(as_text=True)
    assert f"{app.config['PAGE_SIZE'] + 2} accès" in by_reference and "Page 1 sur 2" in by_reference
    second = client.get("/audit/acces", query_string={"reference": profile_a.reference, "page": 2},
                        headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in second and "Page 2 sur 2" in second
    old = client.get("/audit/acces", query_string={"end": "2020-01-01"}).get_data(as_text=True)
    assert "Aucun accès ne correspond" in old


def test_without_consent_a_profile_never_leaves_the_professionals(world):
    org_a, _, ae_a, _, profile_a, _ = world
    without = factories.profile(org_a, ae=ae_a, consent_promotion=False)
    assert can_be_promoted(profile_a) and not can_be_promoted(without)
    with pytest.raises(NotAllowed, match="pas donné son accord"):
        require_promotable(without)
    left = factories.profile(org_a, ae=ae_a, consent_promotion=True, status="left", left_reason="Déménagement")
    assert not can_be_promoted(left)


def test_the_export_holds_everything_and_is_logged(client, login, world, database):
    _, _, ae_a, _, profile_a, _ = world
    login(ae_a)
    client.get(f"/profils/{profile_a.id}")
    response = client.get(f"/profils/{profile_a.id}/export.json")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{profile_a.reference}.json"'
    assert response.headers["Cache-Control"] == "no-store"
    document = json.loads(response.get_data(as_text=True))
    assert set(document) >= {"format", "genere_le", "profil", "historique", "consentement",
                             "partages", "journal_des_acces"}
    assert document["profil"]["reference_plateforme"] == profile_a.reference
    assert document["profil"]["format_d_echange"]["id"] == profile_a.reference
    assert document["profil"]["champs"]["Référence du dossier (Département ou France Travail)"] == "SOLIS-000111"
    assert [a["action"] for a in document["journal_des_acces"]] == ["Consultation", "Export (droit d'accès)"]


def test_the_export_command_finds_a_profile_by_either_reference(runner, world, tmp_path, database):
    _, _, _, _, profile_a, _ = world
    output = tmp_path / "export.json"
    result = runner.invoke(args=["profiles", "export", "SOLIS-000111", "--output", str(output)])
    assert result.exit_code == 0, result.output
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["profil"]["reference_plateforme"] == profile_a.reference
    assert document["journal_des_acces"][-1]["par"] == "Plateforme (commande ou import)"
    stdout = runner.invoke(args=["profiles", "export", profile_a.reference])
    assert json.loads(stdout.output)["profil"]["organisation"] == "France Travail Marseille Centre"
    missing = runner.invoke(args=["profiles", "export", "P-INCONNU"])
    assert missing.exit_code == 1 and "Aucun profil ne porte la référence « P-INCONNU »" in missing.output


def test_the_export_is_a_registry_other_modules_extend(world):
    from webapp.core import registries
    from webapp.core.registries import ExportSection
    from webapp.profiles.access_request import export_profile

    _, _, ae_a, _, profile_a, _ = world
    saved = tuple(registries.export_sections)
    registries.export_sections.fill(
        [*saved, ExportSection("essai", lambda profile: [{"entreprise": "Test"}], ())]
    )
    try:
        assert export_profile(profile_a, ae_a, "test")["essai"] == [{"entreprise": "Test"}]
    finally:
        registries.export_sections.fill(saved)
