"""The minutes of a session: the printable page, the PDF and the CSV of actions."""

import csv
import io
from datetime import datetime, timedelta

from tests.cellule.cellule_world import NOW, build_world, pdf_text
from tests.xlsx_helpers import workbook_rows
from webapp.cellule.agenda import build_agenda
from webapp.cellule.agenda_edit import annotate_entry
from webapp.cellule.assign import assign_proposal
from webapp.cellule.calendar import next_session
from webapp.cellule.minutes import CSV_HEADER, actions_csv
from webapp.cellule.pdf import Document
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.cellule.session import LineInput, add_line, close_session, mark_done

NOTE = ProposalNote("Un poste le matin.", "Motivée, ponctuelle.")


def held_session(world):
    session = next_session(world.cellule, NOW)
    proposal = put_forward(world.ae, world.person, NOTE, NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    key = build_agenda(session, world.animateur).sections[0].entries[0].key
    annotate_entry(world.animateur, session, key, "Présenter à l'hôtel en priorité", None)
    add_line(
        world.animateur,
        session,
        LineInput(
            "decision", "Présenter d'abord à l'hôtellerie œuvrant l’été", proposal_id=proposal.id
        ),
        NOW,
    )
    done = add_line(
        world.animateur,
        session,
        LineInput(
            "action", "Appeler l'hôtel", world.cre.id, NOW.date() + timedelta(days=7), proposal.id
        ),
        NOW,
    )
    add_line(
        world.animateur,
        session,
        LineInput(
            "action",
            "Inviter trois employeurs au forum",
            world.animateur.id,
            NOW.date() + timedelta(days=14),
        ),
        NOW,
    )
    mark_done(world.cre, done, NOW + timedelta(days=2))
    close_session(
        world.animateur, session, session.version, session.scheduled_at + timedelta(hours=2)
    )
    return session


def test_the_csv_lists_the_actions_with_their_owner_and_state(database):
    world = build_world()
    session = held_session(world)
    text = actions_csv(session, world.animateur)
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert tuple(rows[0]) == CSV_HEADER
    assert rows[1][1:6] == [
        "Karima B.",
        "Appeler l'hôtel",
        "Claire CRE",
        "27/11/2026",
        "Faite le 22/11/2026",
    ]
    assert rows[2][1:6] == [
        "",
        "Inviter trois employeurs au forum",
        "Anne Animatrice",
        "04/12/2026",
        "À faire",
    ]
    assert len(rows) == 3  # decisions are in the minutes, not in the actions file


def test_the_minutes_page_pdf_and_csv_are_served_to_members(client, login, database):
    world = build_world()
    session = held_session(world)
    login(world.cre)
    page = client.get(f"/cellule/seances/{session.id}/compte-rendu").get_data(as_text=True)
    for text in (
        "Présenter à l&#39;hôtel en priorité",
        "Appeler l&#39;hôtel",
        "Compte rendu clos le",
        "Récapitulatif des actions",
        '<button type="button" class="button" data-print>Imprimer</button>',  # static/js/app.js prints
    ):
        assert text in page, text
    pdf = client.get(f"/cellule/seances/{session.id}/compte-rendu.pdf")
    assert pdf.headers["Content-Type"] == "application/pdf" and pdf.data.startswith(b"%PDF")
    drawn = pdf_text(pdf.data)
    assert "Appeler l'hôtel" in drawn
    assert "œuvrant l’été" in drawn  # œ and ’ as typed, in the embedded font
    csv_response = client.get(f"/cellule/seances/{session.id}/actions.csv")
    assert csv_response.mimetype == "text/csv" and "Appeler l'hôtel" in csv_response.get_data(
        as_text=True
    )
    login(world.outsider_cre)
    assert client.get(f"/cellule/seances/{session.id}/compte-rendu.pdf").status_code == 404


def test_the_actions_workbook_is_served_to_members_only(client, login, database):
    world = build_world()
    session = held_session(world)
    login(world.cre)
    assert f"/cellule/seances/{session.id}/actions.xlsx" in client.get(
        f"/cellule/seances/{session.id}/compte-rendu").text
    _sheet, rows = workbook_rows(client.get(f"/cellule/seances/{session.id}/actions.xlsx"))
    assert tuple(rows[0]) == CSV_HEADER and any(row[2] == "Appeler l'hôtel" for row in rows[1:])
    assert isinstance(rows[1][0], datetime) and isinstance(rows[1][7], datetime)
    login(world.outsider_cre)
    assert client.get(f"/cellule/seances/{session.id}/actions.xlsx").status_code == 404


def test_the_pdf_font_writes_every_french_character():
    document = Document("Compte rendu – Œuvre", "Cellule d’essai")
    document.paragraph("Œuvre l’été : 5 € – déjà… « cœur » ÀÉÈÇ ÿ")
    drawn = pdf_text(document.to_bytes())
    assert "Œuvre l’été : 5 € – déjà… « cœur » ÀÉÈÇ ÿ" in drawn
    assert "Cellule d’essai – page 1/1" in drawn
