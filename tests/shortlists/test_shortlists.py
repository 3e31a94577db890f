"""Matching on the screens: candidates of an offer, reach of a person, obstacles, weights."""

import re

from sqlalchemy import select

from tests import factories
from webapp.core import clock
from webapp.core.models import AccessLog
from webapp.profiles.consent import share_profile
from webapp.shortlists.models import MatchingWeights, Shortlist

WALKER = {"mobility_modes": ["walk", "public_transport"], "max_minutes": 45,
          "min_hours_per_week": 15, "max_hours_per_week": 35, "consent_promotion": True}


def _ae_with_people(pole_code="I"):
    org = factories.organisation(kind="france_travail", pole_code=pole_code)
    ae = factories.user((org, "ae"))
    return org, ae


def test_an_ae_sees_their_people_ranked_and_the_others_excluded_with_reasons(client, login, database):
    org, ae = _ae_with_people()
    near = factories.profile(org, ae, insee="13201", label="Amina B.", **WALKER)
    no_licence = factories.profile(org, ae, insee="13205", label="Louis C.", **WALKER)
    someone_else = factories.profile(org, factories.user((org, "ae")), insee="13201", label="Zoé D.", **WALKER)
    offer = factories.offer(org, insee="13201", rome_code="K2204", title="Agent de nettoyage industriel H/F",
                            hours_per_week=24)
    login(ae)
    page = client.get(f"/offres/{offer.id}/candidats", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<html" not in page
    assert "Amina B." in page and "Louis C." in page and "Zoé D." not in page
    assert "Métier visé" in page and "Trajet estimé" in page

    offer.requires_driving_licence = True
    database.session.flush()
    page = client.get(f"/offres/{offer.id}/candidats", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Amina B." not in page and "Louis C." not in page
    assert "2 écartés" in page and "permis" in page
    assert near.id != someone_else.id and no_licence.id


def test_each_candidate_shown_is_written_to_the_access_log(client, login, database):
    org, ae = _ae_with_people()
    person = factories.profile(org, ae, insee="13201", **WALKER)
    offer = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    login(ae)
    client.get(f"/offres/{offer.id}/candidats")
    logged = database.session.scalars(select(AccessLog).where(AccessLog.profile_id == person.id)).all()
    assert [(entry.action, entry.user_id) for entry in logged] == [("shortlist", ae.id)]


def test_a_cre_sees_only_profiles_shared_with_them(client, login, database):
    org, ae = _ae_with_people()
    cre = factories.user((factories.organisation(kind="departement_emploi", pole_code="I"), "cre"))
    shared = factories.profile(org, ae, insee="13201", label="Partagé P.", **WALKER)
    factories.profile(org, ae, insee="13201", label="Privé Q.", **WALKER)
    share_profile(shared, cre, "cellule", by=ae)
    offer = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    login(cre)
    page = client.get(f"/offres/{offer.id}/candidats").get_data(as_text=True)
    assert "Partagé P." in page and "Privé Q." not in page


def test_employers_never_reach_candidates(client, login, database):
    firm = factories.company()
    org, _ = _ae_with_people()
    offer = factories.offer(org, insee="13201", company_id=firm.id)
    login(factories.employer(firm))
    assert client.get(f"/offres/{offer.id}/candidats").status_code == 404


def test_profile_reach_lists_open_offers_and_welcoming_companies(client, login, database):
    org, ae = _ae_with_people()
    person = factories.profile(org, ae, insee="13201", targets=("N1103",), **WALKER)
    factories.offer(org, insee="13205", rome_code="N1103", title="Préparateur de commandes H/F",
                    hours_per_week=30)
    factories.offer(org, insee="13205", rome_code="N1103", title="Offre fermée", status="filled")
    factories.company("Entrepôt Accueillant (fictif)", insee="13203", naf_code="52", welcomes_immersion=True)
    factories.company("Entrepôt Fermé (fictif)", insee="13203", naf_code="52", welcomes_immersion=False)
    login(ae)
    page = client.get(f"/profils/{person.id}/a-portee", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Préparateur de commandes H/F" in page and "Offre fermée" not in page
    assert "Entrepôt Accueillant (fictif)" in page and "Entrepôt Fermé (fictif)" not in page
    assert client.get(f"/profils/{person.id}/a-portee").status_code == 200


def test_another_ae_gets_a_404_on_someone_elses_reach(client, login, database):
    org, ae = _ae_with_people()
    person = factories.profile(org, ae, **WALKER)
    login(factories.user((org, "ae")))
    assert client.get(f"/profils/{person.id}/a-portee").status_code == 404


def test_obstacles_say_what_lifting_the_licence_would_open(client, login, database):
    org, ae = _ae_with_people()
    for label in ("Sans permis A.", "Sans permis B."):
        factories.profile(org, ae, insee="13201", label=label, **WALKER)
    for _ in range(3):
        factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24,
                        requires_driving_licence=True)
    login(ae)
    page = client.get("/profils/obstacles", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Pas de permis B" in page
    assert "<strong>3 offres</strong> à 2 personnes" in page
    assert 'href="/profils/obstacles?obstacle=licence#personnes"' in page


def test_an_obstacle_leads_to_the_people_and_offers_it_counts(client, login, database):
    org, ae = _ae_with_people()
    stuck = [factories.profile(org, ae, insee="13201", label=label, **WALKER)
             for label in ("Sans permis A.", "Sans permis B.")]
    factories.profile(org, ae, insee="13201", label="Avec permis C.", driving_licence=True,
                      **WALKER)
    closed = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24,
                             title="Livreur H/F", requires_driving_licence=True)
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24, title="Agent H/F")
    login(ae)
    response = client.get("/profils/obstacles?obstacle=licence")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "2 personnes concernées" in page and "1 offre écartée" in page
    for person in stuck:
        assert f'href="/profils/{person.id}"' in page
    assert "Avec permis C." not in page and "Agent H/F" not in page
    assert f'href="/offres/{closed.id}"' in page and "<strong>s'ouvrirait</strong>" in page
    logged = set(database.session.scalars(
        select(AccessLog.profile_id).where(AccessLog.user_id == ae.id)))
    assert logged == {person.id for person in stuck}
    assert client.get("/profils/obstacles?obstacle=inconnu").status_code == 404


def test_the_caseload_counts_offers_in_reach(client, login, database):
    org, ae = _ae_with_people()
    factories.profile(org, ae, insee="13201", label="Compté C.", **WALKER)
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24, night=True)
    login(ae)
    page = client.get("/profils/").get_data(as_text=True)
    assert "Offres à portée" in page
    # one offer passes every constraint, the night one is excluded (nobody here works nights)
    assert '<td class="offers-in-reach"><span class="badge good">1</span></td>' in page


def test_a_caseload_too_long_to_count_at_once_shows_calcul_en_cours_then_fills_itself_in(
        app, client, login, database, monkeypatch):
    org, ae = _ae_with_people()
    person = factories.profile(org, ae, insee="13201", label="Compté C.", **WALKER)
    factories.profile(org, ae, insee="13201", label="Embauchée E.", status="hired", hired_contract="CDI")
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    monkeypatch.setitem(app.config, "CASELOAD_REACH_INLINE_WORK", 0)  # any count is too long
    login(ae)
    page = client.get("/profils/").get_data(as_text=True)
    cells = re.findall(r'<td class="offers-in-reach">(.*?)</td>', page)
    assert sorted(cells) == sorted(
        [f'<span id="offres-a-portee-{person.id}" class="muted">calcul en cours…</span>', "—"])
    assert "Offres à portée : calcul en cours… " in page and '<a href="/profils/">Actualisez la page</a>' in page
    wanted = re.search(r'hx-get="(/profils/offres-a-portee\?[^"]*)" hx-trigger="load"', page).group(1)
    assert wanted == f"/profils/offres-a-portee?id={person.id}"

    answer = client.get(wanted, headers={"HX-Request": "true"}).get_data(as_text=True)
    assert answer.strip() == (f'<span id="offres-a-portee-{person.id}" hx-swap-oob="true" '
                              'class="badge good">1</span>')
    page = client.get("/profils/").get_data(as_text=True)  # counted once: shown with the page
    assert '<td class="offers-in-reach"><span class="badge good">1</span></td>' in page
    assert "offres-a-portee" not in page


def test_the_worker_counts_the_offers_in_reach_once_the_waiting_page_is_sent(
        app, client, login, database, monkeypatch):
    org, ae = _ae_with_people()
    factories.profile(org, ae, insee="13201", **WALKER)
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    monkeypatch.setitem(app.config, "CASELOAD_REACH_INLINE_WORK", 0)
    login(ae)
    waiting = client.get("/profils/")
    assert "calcul en cours…</span>" in waiting.get_data(as_text=True)
    waiting.close()  # sent: what the server does then
    # nobody asked for the counts (no htmx): this worker counted them after answering
    page = client.get("/profils/").get_data(as_text=True)
    assert '<td class="offers-in-reach"><span class="badge good">1</span></td>' in page


def test_the_offers_in_reach_counts_are_for_the_user_s_own_caseload(client, login, database):
    org, ae = _ae_with_people()
    mine = factories.profile(org, ae, insee="13201", **WALKER)
    theirs = factories.profile(org, factories.user((org, "ae")), insee="13201", **WALKER)
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    login(ae)
    answer = client.get(f"/profils/offres-a-portee?id={mine.id}&id={theirs.id}").get_data(as_text=True)
    assert f'id="offres-a-portee-{mine.id}"' in answer and f"offres-a-portee-{theirs.id}" not in answer
    assert not database.session.scalars(select(AccessLog)).all()  # figures only, no name shown
    login(factories.user((factories.organisation(kind="departement_emploi", pole_code="I"), "cre")))
    assert client.get(f"/profils/offres-a-portee?id={mine.id}").status_code == 404


def _admin(login):
    admin = factories.user((factories.organisation(kind="departement_emploi", pole_code=None), "admin"))
    login(admin)
    return admin


def test_weights_page_is_for_administrators_only(client, login, database):
    login(factories.user((factories.organisation(), "cre")))
    assert client.get("/admin/ponderations/departement").status_code == 404
    _admin(login)
    assert client.get("/admin/ponderations/departement").status_code == 200
    assert client.get("/admin/ponderations/XX").status_code == 404


def test_weights_preview_ranks_anonymously_and_saving_stores_them(client, login, database):
    org, ae = _ae_with_people("II")
    factories.profile(org, ae, insee="13202", label="Nommé N.", **WALKER)
    factories.offer(org, insee="13202", rome_code="K2204", hours_per_week=24)
    _admin(login)
    form = {"job": "10", "reach": "70", "hours": "10", "availability": "10", "version": "0"}
    preview = client.post("/admin/ponderations/II", data=form, headers={"HX-Request": "true"})
    text = preview.get_data(as_text=True)
    assert preview.status_code == 200 and "Personne A" in text and "Nommé N." not in text
    assert database.session.scalar(select(MatchingWeights)) is None  # a preview writes nothing
    saved = client.post("/admin/ponderations/II", data={**form, "action": "save"})
    assert saved.status_code == 303
    row = database.session.scalar(select(MatchingWeights))
    assert (row.job, row.reach, row.pole_id) == (10, 70, factories.pole("II").id)


def test_a_stale_weights_form_is_refused(client, login, database):
    _admin(login)
    form = {"job": "50", "reach": "25", "hours": "15", "availability": "10", "action": "save"}
    assert client.post("/admin/ponderations/III", data={**form, "version": "0"}).status_code == 303
    stale = client.post("/admin/ponderations/III", data={**form, "reach": "60", "version": "0"})
    assert stale.status_code == 409
    assert "modifié ces pondérations entre-temps" in stale.get_data(as_text=True)


def test_match_all_stores_shortlists_with_weights_and_engine_version(runner, database):
    org, ae = _ae_with_people("II")
    person = factories.profile(org, ae, insee="13202", **WALKER)
    broken = factories.profile(org, ae, insee="13202", **{**WALKER, "max_minutes": 500})
    offer = factories.offer(org, insee="13202", rome_code="K2204", hours_per_week=24)
    result = runner.invoke(args=["match", "all", "--pole", "II"])
    assert result.exit_code == 0, result.output
    assert f"{broken.reference} ignoré" in result.output
    shortlist = database.session.scalar(select(Shortlist).where(Shortlist.offer_id == offer.id))
    assert shortlist.engine_version and shortlist.weights["job"] > 0
    assert [entry.profile_id for entry in shortlist.entries] == [person.id]
    again = runner.invoke(args=["match", "all", "--pole", "II"])
    assert again.exit_code == 0
    assert len(database.session.scalars(select(Shortlist).where(Shortlist.offer_id == offer.id)).all()) == 1


def test_match_all_refuses_an_unknown_pole(runner, database):
    result = runner.invoke(args=["match", "all", "--pole", "XX"])
    assert result.exit_code != 0 and "Pôle inconnu" in result.output


def test_a_purged_person_leaves_the_stored_shortlists(runner, database):
    from datetime import timedelta

    from webapp.profiles.retention import RetentionRule, purge_profiles
    from webapp.shortlists.models import ShortlistEntry

    org, ae = _ae_with_people("II")
    leaving = factories.profile(org, ae, insee="13202", **WALKER)
    factories.offer(org, insee="13202", rome_code="K2204", hours_per_week=24)
    assert runner.invoke(args=["match", "all", "--pole", "II"]).exit_code == 0
    assert database.session.scalar(select(ShortlistEntry).where(ShortlistEntry.profile_id == leaving.id))
    leaving.status, leaving.left_on = "left", (clock.now() - timedelta(days=60)).date()
    database.session.flush()
    purge_profiles(RetentionRule(months_untouched=24, days_after_exit=30), dry_run=False)
    assert database.session.scalar(select(ShortlistEntry)) is None


def test_the_reach_of_a_person_is_written_to_the_access_log(client, login, database):
    org, ae = _ae_with_people()
    person = factories.profile(org, ae, **WALKER)
    login(ae)
    client.get(f"/profils/{person.id}/a-portee")
    logged = database.session.scalars(select(AccessLog).where(AccessLog.profile_id == person.id)).all()
    assert [(entry.action, entry.page) for entry in logged] == [("view", f"/profils/{person.id}/a-portee")]


def test_each_person_listed_on_the_caseload_is_written_to_the_access_log(client, login, database):
    org, ae = _ae_with_people()
    people = [factories.profile(org, ae, **WALKER) for _ in range(3)]
    login(ae)
    client.get("/profils/")
    logged = database.session.scalars(select(AccessLog).where(AccessLog.action == "list")).all()
    assert sorted(entry.profile_id for entry in logged) == sorted(p.id for p in people)


def _people_in_every_status(org, ae):
    return {
        "active": factories.profile(org, ae, insee="13201", label="Active A.", **WALKER),
        "hired": factories.profile(org, ae, insee="13201", label="Embauchée E.", status="hired",
                                   hired_contract="CDI", **WALKER),
        "paused": factories.profile(org, ae, insee="13201", label="En pause P.", status="paused",
                                    **WALKER),
        "left": factories.profile(org, ae, insee="13201", label="Sortie S.", status="left",
                                  left_reason="Déménagement", **WALKER),
    }


def test_hired_and_paused_people_are_never_ranked_on_an_offer(client, login, database):
    # Issue 14: a person "En pause" ranked second on an offer.
    org, ae = _ae_with_people()
    _people_in_every_status(org, ae)
    offer = factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24)
    login(ae)
    page = client.get(f"/offres/{offer.id}/candidats", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "Active A." in page
    assert "Embauchée E." not in page and "En pause P." not in page and "Sortie S." not in page


def test_hired_and_paused_people_get_no_offers_in_reach(client, login, database):
    org, ae = _ae_with_people()
    people = _people_in_every_status(org, ae)
    factories.offer(org, insee="13201", rome_code="K2204", title="Offre proche", hours_per_week=24)
    login(ae)
    page = client.get("/profils/?status=tous").get_data(as_text=True)
    cells = re.findall(r'<td class="offers-in-reach">(.*?)</td>', page)
    assert sorted(cells) == sorted(['<span class="badge good">1</span>', "—", "—", "—"])
    for status in ("hired", "paused", "left"):
        reach = client.get(f"/profils/{people[status].id}/a-portee").get_data(as_text=True)
        assert "Offre proche" not in reach, status
    assert "Offre proche" in client.get(f"/profils/{people['active'].id}/a-portee").get_data(as_text=True)


def test_obstacles_count_only_people_still_looking(client, login, database):
    org, ae = _ae_with_people()
    _people_in_every_status(org, ae)
    factories.offer(org, insee="13201", rome_code="K2204", hours_per_week=24,
                    requires_driving_licence=True)
    login(ae)
    page = client.get("/profils/obstacles", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "<strong>1 offre</strong> à 1 personne" in page


def _across_the_border():
    """An AE of pôle I, their person in Marseille 7e (pôle I), and a job a few minutes away in
    Marseille 8e (pôle III), brought by another organisation."""
    org, ae = _ae_with_people("I")
    person = factories.profile(org, ae, insee="13207", label="Voisine V.", **WALKER)
    other = factories.organisation(kind="plie", pole_code="III")
    offer = factories.offer(other, insee="13208", rome_code="K2204", hours_per_week=24,
                            title="Nettoyage juste en face (8e)")
    assert offer.pole_id != person.pole_id
    return ae, person, offer


def test_a_job_just_across_a_pole_boundary_is_offered_to_the_ae(client, login, database):
    ae, person, _ = _across_the_border()
    login(ae)
    reach = client.get(f"/profils/{person.id}/a-portee").get_data(as_text=True)
    assert "Nettoyage juste en face (8e)" in reach
    page = client.get("/profils/").get_data(as_text=True)
    assert '<td class="offers-in-reach"><span class="badge good">1</span></td>' in page


def test_an_offers_candidates_include_people_across_the_boundary(client, login, database):
    ae, _, offer = _across_the_border()
    login(ae)
    page = client.get(f"/offres/{offer.id}/candidats", headers={"HX-Request": "true"})
    assert page.status_code == 200 and "Voisine V." in page.get_data(as_text=True)


def test_match_all_ranks_a_poles_offers_against_the_whole_departments_people(database):
    from webapp.shortlists.batch import rank_territory

    _, person, offer = _across_the_border()
    report = rank_territory(offer.pole_id)
    assert report.offers_ranked == 1
    [shortlist] = database.session.scalars(select(Shortlist)).all()
    assert [entry.profile_id for entry in shortlist.entries] == [person.id]


def test_a_trip_inside_arles_without_a_village_shows_a_trip_to_check_badge(client, login, database):
    # Issue 14: a person of Arles who walks 30 min at most, a job in Arles, no postal codes.
    org, ae = _ae_with_people()
    walker = {**WALKER, "mobility_modes": ["walk"], "max_minutes": 30}
    factories.profile(org, ae, insee="13004", label="Inès A.", **walker)
    salin = factories.profile(org, ae, insee="13004", label="Rémi S.", postal_code="13129", **walker)
    offer = factories.offer(org, insee="13004", rome_code="K2204", hours_per_week=24)
    login(ae)
    page = client.get(f"/offres/{offer.id}/candidats").get_data(as_text=True)
    assert "Inès A." in page and "Rémi S." in page
    assert page.count('<span class="badge warn">trajet à vérifier</span>') == 2
    assert "Trajet à vérifier : même commune (Arles, 755 km²), lieu précis inconnu" in page
    # Both villages known: the real estimate, Salin-de-Giraud is too far from the town.
    offer.postal_code = "13200"
    database.session.flush()
    page = client.get(f"/offres/{offer.id}/candidats").get_data(as_text=True)
    assert "Inès A." in page and "Rémi S." not in page and "1 écarté : 1 trop loin" in page
    reach = client.get(f"/profils/{salin.id}/a-portee").get_data(as_text=True)
    assert "Aucune offre ouverte à portée" in reach and "trajet à vérifier" not in reach
