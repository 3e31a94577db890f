"""The agenda builds itself from what happened since the previous session: people put forward
(with the offers matching suggests), promotions followed up, offers and needs pooled, events
coming, sections other areas register; the animateur reorders and annotates it."""

from datetime import date, timedelta

from sqlalchemy import func, select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world
from webapp.cellule.agenda import AgendaEntry, AgendaSection, build_agenda
from webapp.cellule.agenda_edit import add_free_entry, annotate_entry, move_entry
from webapp.cellule.assign import assign_proposal
from webapp.cellule.calendar import next_session, previous_session
from webapp.cellule.models import CelluleSession
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.core import registries
from webapp.core.clock import aware
from webapp.core.models import AccessLog
from webapp.events.planning import EventInput, add_company, create_event
from webapp.promotions.preparing import create_promotion, send_promotion

NOTE = ProposalNote("Un poste le matin.", "Motivée.")


def sections(agenda) -> dict[str, AgendaSection]:
    return {section.key: section for section in agenda.sections}


def upcoming(world) -> CelluleSession:
    return next_session(world.cellule, NOW)


def test_the_next_agenda_holds_what_happened_since_the_previous_session(database):
    world = build_world()
    session = upcoming(world)  # Tuesday 1 December; the previous one is Tuesday 17 November
    previous = CelluleSession(
        cellule=world.cellule, scheduled_at=session.scheduled_at - timedelta(days=14), status="held"
    )
    database.session.add(previous)
    database.session.flush()
    assert previous_session(session) == previous
    world.offer.created_at = NOW  # after the previous session
    old_offer = factories.offer(world.ae_org, title="Offre ancienne", company_id=world.company.id)
    old_offer.created_at = NOW - timedelta(days=30)
    factories.need(world.ae_org, world.company, title="Plongeur pour l'été", created_at=NOW)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    send_promotion(
        world.cre, create_promotion(world.cre, world.person, world.company, None, NOW), NOW
    )
    create_event(
        world.animateur,
        EventInput("job_dating", "Job dating propreté", date(2026, 12, 10), "13201", sector="K"),
        NOW,
    )
    found = sections(build_agenda(session, world.animateur))
    assert [e.title for e in found["proposals"].entries] == ["Karima B."]
    assert any(
        "Ce que l'accompagnateur garantit : Motivée." == line
        for line in found["proposals"].entries[0].lines
    )
    follow_up = found["follow_up"].entries[0]
    assert follow_up.title.startswith("Karima B. → Hôtel du Vieux-Port (test)")
    assert any("Carte envoyée à l'employeur" in line for line in follow_up.lines)
    pooled = [e.title for e in found["pooled"].entries]
    assert any("Agent d'entretien H/F" in t for t in pooled) and not any(
        "Offre ancienne" in t for t in pooled
    )
    assert any("Plongeur pour l'été" in t for t in pooled)
    assert [e.title for e in found["events"].entries] == [
        "10/12/2026 · Job dating · Job dating propreté"
    ]


def test_a_session_shows_only_the_people_put_forward_to_it(database):
    world = build_world()
    later = CelluleSession(
        cellule=world.cellule,
        scheduled_at=upcoming(world).scheduled_at + timedelta(days=14),
        status="planned",
    )
    database.session.add(later)
    put_forward(world.ae, world.person, NOTE, NOW)
    assert sections(build_agenda(later, world.animateur))["proposals"].entries == ()


def test_other_areas_add_their_sections(database):
    world = build_world()

    def prospection(window):
        return AgendaSection(
            "prospection",
            "5. Prospection : actions à échéance",
            35,
            (AgendaEntry("prospection:1", f"Relancer ({len(window.pole_ids)} pôle)"),),
        )

    saved = tuple(registries.agenda_sections)
    registries.agenda_sections.fill([*saved, prospection])
    try:
        agenda = build_agenda(upcoming(world), world.animateur)
    finally:
        registries.agenda_sections.fill(saved)
    keys = [s.key for s in agenda.sections]
    assert keys.index("pooled") < keys.index("prospection") < keys.index("events")
    assert sections(agenda)["prospection"].entries[0].title == "Relancer (1 pôle)"


def test_the_animateur_reorders_annotates_and_adds_points(database):
    world = build_world()
    session = upcoming(world)
    for label in ("Ana B.", "Lou C."):
        put_forward(
            world.ae,
            factories.profile(world.ae_org, ae=world.ae, label=label, consent_promotion=True),
            NOTE,
            NOW,
        )
    first, second = (
        e.key for e in sections(build_agenda(session, world.animateur))["proposals"].entries
    )
    move_entry(world.animateur, session, second, "up")
    annotate_entry(world.animateur, session, first, "À présenter à l'hôtel", None)
    add_free_entry(world.animateur, session, "events", "Bilan du forum")
    found = sections(build_agenda(session, world.animateur))
    assert [e.key for e in found["proposals"].entries] == [second, first]
    assert found["proposals"].entries[1].note == "À présenter à l'hôtel"
    assert (
        found["events"].entries[-1].title == "Bilan du forum" and found["events"].entries[-1].free
    )


def test_a_stale_note_is_refused_with_the_current_text(client, login, database):
    world = build_world()
    session = upcoming(world)
    put_forward(world.ae, world.person, NOTE, NOW)
    key = sections(build_agenda(session, world.animateur))["proposals"].entries[0].key
    item = annotate_entry(world.animateur, session, key, "Première note", None)
    login(world.animateur)
    response = client.post(
        f"/cellule/seances/{session.id}/ordre-du-jour/note",
        headers={"HX-Request": "true"},
        data={"key": key, "note": "Ma note", "version": ""},
    )
    assert response.status_code == 422
    assert "Première note" in response.get_data(as_text=True) and "<html" not in response.get_data(
        as_text=True
    )
    fresh = client.post(
        f"/cellule/seances/{session.id}/ordre-du-jour/note",
        headers={"HX-Request": "true"},
        data={"key": key, "note": "Ma note", "version": str(item.version)},
    )
    assert fresh.status_code == 200 and "Ma note" in fresh.get_data(as_text=True)


def test_the_agenda_page_logs_each_person_shown_and_loads_suggested_offers(client, login, database):
    world = build_world()
    session = upcoming(world)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    login(world.animateur)
    page = client.get(f"/cellule/seances/{session.id}/ordre-du-jour")
    assert page.status_code == 200 and "Karima B." in page.get_data(as_text=True)
    assert (
        database.session.scalar(
            select(func.count(AccessLog.id)).where(
                AccessLog.profile_id == world.person.id, AccessLog.user_id == world.animateur.id
            )
        )
        == 1
    )
    offers = client.get(
        f"/cellule/propositions/{proposal.id}/offres-suggerees", headers={"HX-Request": "true"}
    )
    assert "Agent d&#39;entretien H/F" in offers.get_data(as_text=True)
    moved = client.post(
        f"/cellule/seances/{session.id}/ordre-du-jour/deplacer",
        headers={"HX-Request": "true"},
        data={"key": f"proposal:{proposal.id}", "direction": "down"},
    )
    assert moved.status_code == 200 and 'id="agenda"' in moved.get_data(as_text=True)


def test_suggested_offers_load_as_their_entry_comes_into_view_or_as_a_page(
        client, login, database):
    world = build_world()
    session = upcoming(world)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    login(world.animateur)
    suggested = f"/cellule/propositions/{proposal.id}/offres-suggerees"
    page = client.get(f"/cellule/seances/{session.id}/ordre-du-jour").get_data(as_text=True)
    assert f'hx-get="{suggested}" hx-trigger="revealed"' in page  # not on every page load
    assert f'<a href="{suggested}">Offres suggérées par le matching</a>' in page  # no JavaScript
    logged = select(func.count(AccessLog.id)).where(AccessLog.profile_id == world.person.id)
    before = database.session.scalar(logged)
    alone = client.get(suggested)  # followed without JavaScript: a page naming the person
    text = alone.get_data(as_text=True)
    assert alone.status_code == 200 and "<html" in text and "Karima B." in text
    assert "Agent d&#39;entretien H/F" in text and database.session.scalar(logged) == before + 1


def test_non_members_do_not_see_the_agenda(client, login, database):
    world = build_world()
    login(world.outsider_cre)
    assert client.get(f"/cellule/seances/{upcoming(world).id}/ordre-du-jour").status_code == 404
    login(world.employer)
    assert client.get(f"/cellule/seances/{upcoming(world).id}/ordre-du-jour").status_code == 404


def test_the_proposals_and_immersions_sections_agree_on_the_persons_name(database):
    world = build_world()
    session = upcoming(world)
    put_forward(world.ae, world.person, NOTE, NOW)  # the animateur may now see the person
    today = NOW.date()
    factories.immersion(world.person, world.company, status="under_way",
                        start_date=today - timedelta(days=2), end_date=today + timedelta(days=10))
    found = sections(build_agenda(session, world.animateur))
    assert [e.title for e in found["proposals"].entries] == ["Karima B."]
    assert [e.title.split(" → ")[0] for e in found["immersions"].entries] == ["Karima B."]
    assert found["immersions"].entries[0].profile_id == world.person.id  # logged as shown
    assert found["immersions"].entries[0].profile_reference == world.person.reference
    hidden = sections(build_agenda(session, world.outsider_cre))  # no right to the person
    assert all("Karima" not in e.title for e in hidden["immersions"].entries)
    assert all(e.profile_id is None and e.profile_reference is None
               for e in hidden["immersions"].entries)


def test_the_agenda_window_starts_at_the_previous_session_not_cancelled_or_a_month_back(database):
    world = build_world()
    session = upcoming(world)
    until = aware(session.scheduled_at)
    assert build_agenda(session, world.animateur).window.since == until - timedelta(days=30)
    held = CelluleSession(cellule=world.cellule, scheduled_at=session.scheduled_at
                          - timedelta(days=14), status="held")
    cancelled = CelluleSession(cellule=world.cellule, scheduled_at=session.scheduled_at
                               - timedelta(days=7), status="cancelled")
    database.session.add_all([held, cancelled])
    database.session.flush()
    window = build_agenda(session, world.animateur).window
    assert (window.since, window.until) == (aware(held.scheduled_at), until)


def test_each_coming_event_lists_its_own_employers_by_name(database):
    world = build_world()
    session = upcoming(world)
    forum = create_event(world.animateur, EventInput(
        "forum", "Forum de l'emploi", date(2026, 12, 8), "13201"), NOW)
    create_event(world.animateur, EventInput(
        "job_dating", "Job dating propreté", date(2026, 12, 10), "13201"), NOW)
    add_company(world.animateur, forum, factories.company("Zèbre Nettoyage (test)"))
    add_company(world.animateur, forum, factories.company("Atelier Durance (test)"))
    database.session.flush()
    events = sections(build_agenda(session, world.animateur))["events"].entries
    assert [entry.title for entry in events] == [
        "08/12/2026 · Forum emploi · Forum de l'emploi", "10/12/2026 · Job dating · Job dating propreté"]
    assert "Employeurs : Atelier Durance (test), Zèbre Nettoyage (test)" in events[0].lines
    assert not any(line.startswith("Employeurs") for line in events[1].lines)
