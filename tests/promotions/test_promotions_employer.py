"""The employer's side: only the cards sent to their company, never a name, and their answer;
the CRE's pages and the company page's "profils présentés"."""

from datetime import timedelta

from tests import factories
from tests.cellule.cellule_world import NOW, build_world, pdf_text
from webapp.cellule.assign import assign_proposal
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.promotions.preparing import create_promotion, send_promotion

NOTE = ProposalNote("Un poste le matin.", "Ponctuelle et motivée.")


def promoted(world, company=None, send=True):
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    promotion = create_promotion(world.cre, world.person, company or world.company, None, NOW)
    if send:
        send_promotion(world.cre, promotion, NOW, confirmed=True)
    return promotion


def test_the_employer_sees_the_cards_sent_to_them_and_never_a_name(client, login, database):
    world = build_world()
    promotion = promoted(world)
    login(world.employer)
    listing = client.get("/espace-employeur/profils/").get_data(as_text=True)
    assert promotion.reference in listing and "Karima" not in listing
    page = client.get(f"/espace-employeur/profils/{promotion.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    for secret in ("Karima", "FT-123456", world.person.reference, "Garde d"):
        assert secret not in html, secret
    assert "Ponctuelle et motivée." in html
    pdf = client.get(f"/espace-employeur/profils/{promotion.id}/carte.pdf")
    assert pdf.data.startswith(b"%PDF")
    text = pdf_text(pdf.data)
    assert "Ponctuelle" in text and "Karima" not in text and world.person.reference not in text


def test_the_card_pdf_writes_every_french_character(client, login, database):
    world = build_world()
    note = ProposalNote("Un poste le matin.", "Cœur à l’ouvrage, vise 1 800 € nets – « sérieuse ».")
    proposal = put_forward(world.ae, world.person, note, NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    promotion = create_promotion(world.cre, world.person, world.company, None, NOW)
    send_promotion(world.cre, promotion, NOW, confirmed=True)
    login(world.employer)
    pdf = client.get(f"/espace-employeur/profils/{promotion.id}/carte.pdf")
    text = " ".join(pdf_text(pdf.data).split())  # lines wrap where the page is full
    assert "Cœur à l’ouvrage, vise 1 800 € nets – « sérieuse »." in text
    assert b"/FontFile2" in pdf.data  # the font travels inside the file


def test_cards_for_other_employers_and_cards_not_yet_sent_are_a_404(client, login, database):
    world = build_world()
    elsewhere = promoted(world, company=factories.company("Autre hôtel (test)"))
    draft = create_promotion(world.cre, world.person, world.company, None, NOW)
    login(world.employer)
    assert client.get(f"/espace-employeur/profils/{elsewhere.id}").status_code == 404
    assert client.get(f"/espace-employeur/profils/{draft.id}").status_code == 404
    assert client.get(f"/espace-employeur/profils/{draft.id}/carte.pdf").status_code == 404
    assert client.get(f"/promotions/{elsewhere.id}").status_code == 404
    # the professionals' page of their own company's card is not theirs either: drafts,
    # internal steps and notes stay with the professionals
    staff_pages = (f"/promotions/{draft.id}", f"/promotions/{draft.id}/carte.pdf")
    for url in staff_pages:
        assert client.get(url).status_code == 404, url
    send_promotion(world.cre, draft, NOW, confirmed=True)
    assert client.get(f"/espace-employeur/profils/{draft.id}").status_code == 200
    for url in staff_pages:
        assert client.get(url).status_code == 404, url
    assert elsewhere.reference not in client.get("/espace-employeur/profils/").get_data(
        as_text=True
    )


def test_the_employer_answers_interested_with_a_date(client, login, database):
    world = build_world()
    promotion = promoted(world)
    login(world.employer)
    when = (NOW + timedelta(days=3)).date().isoformat()
    response = client.post(
        f"/espace-employeur/profils/{promotion.id}/reponse",
        data={
            "kind": "interested",
            "meeting": "interview",
            "on": when,
            "version": promotion.version,
        },
    )
    assert response.status_code == 303
    database.session.refresh(promotion)
    assert promotion.status == "interested"
    assert promotion.steps[-1].details == {"meeting": "interview"}
    again = client.post(
        f"/espace-employeur/profils/{promotion.id}/reponse",
        data={"kind": "not_interested", "reason": "filled", "version": promotion.version},
    )
    assert again.status_code == 422
    assert "impossible" in again.get_data(as_text=True)


def test_a_refusal_needs_a_reason(client, login, database):
    world = build_world()
    promotion = promoted(world)
    login(world.employer)
    response = client.post(
        f"/espace-employeur/profils/{promotion.id}/reponse",
        data={"kind": "not_interested", "reason": "", "version": promotion.version},
    )
    assert response.status_code == 422
    assert "Motif : choisissez un motif dans la liste." in response.get_data(as_text=True)


def test_the_cre_records_the_hire_on_the_promotion_page(client, login, database):
    world = build_world()
    promotion = promoted(world)
    login(world.cre)
    assert "Karima B." in client.get("/promotions/").get_data(as_text=True)
    page = client.get(f"/promotions/{promotion.id}").get_data(as_text=True)
    assert "Employeur intéressé" in page
    client.post(
        f"/promotions/{promotion.id}/etapes",
        data={
            "kind": "interested",
            "meeting": "interview",
            "on": "2026-12-02",
            "version": promotion.version,
        },
    )
    database.session.refresh(promotion)
    response = client.post(
        f"/promotions/{promotion.id}/etapes",
        data={
            "kind": "hired",
            "on": "2026-12-07",
            "contract": "CDD",
            "hours_per_week": "24,5",
            "version": promotion.version,
        },
    )
    assert response.status_code == 303
    database.session.refresh(world.person)
    assert (world.person.status, world.person.hired_contract) == ("hired", "CDD")
    login(world.ae)
    caseload = client.get("/profils/").get_data(as_text=True)
    assert "Embauché" in caseload


def test_the_company_page_lists_the_profiles_presented(client, login, database):
    world = build_world()
    promotion = promoted(world)
    login(world.cre)
    page = client.get(f"/entreprises/{world.company.id}").get_data(as_text=True)
    assert "Profils présentés" in page and promotion.reference in page
    login(world.employer)
    page = client.get(f"/entreprises/{world.company.id}").get_data(as_text=True)
    assert promotion.reference in page and "Karima" not in page


def test_a_card_leaves_the_employer_s_space_when_the_person_withdraws_consent(
    client, login, database
):
    world = build_world()
    promotion = promoted(world)
    world.person.consent_promotion = False
    database.session.flush()
    login(world.employer)
    assert client.get(f"/espace-employeur/profils/{promotion.id}").status_code == 404
    assert promotion.reference not in client.get("/espace-employeur/profils/").get_data(
        as_text=True
    )


def test_a_refused_step_keeps_the_long_note_typed_and_shows_each_problem_by_its_field(
        client, login, database):
    world = build_world()
    promotion = promoted(world)
    login(world.cre)
    note = "L'employeur rappelle lundi ; " + "il veut d'abord voir l'équipe du matin. " * 20
    response = client.post(
        f"/promotions/{promotion.id}/etapes",
        data={"kind": "interested", "meeting": "", "on": "", "note": note,
              "version": promotion.version},
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert len(note) > 800
    assert note.replace("'", "&#39;") in page
    assert "Date : indiquez la date prévue." in page
    assert "Proposition : choisissez un entretien ou une immersion." in page
    assert page.count('aria-invalid="true"') == 2
    database.session.refresh(promotion)
    assert promotion.status == "sent"
