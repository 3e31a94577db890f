"""A long agenda is folded: past FOLD entries a section offers « voir les autres », which
brings the whole section in (htmx) or the whole agenda (no JavaScript). The people put
forward are never folded, nor a section the animateur arranged."""

from collections import Counter

from sqlalchemy import select

from tests.cellule.cellule_world import build_world
from tests.cellule.test_agenda_queries import NOW, add_items
from webapp.cellule.agenda import FOLD, build_agenda
from webapp.cellule.agenda_edit import annotate_entry
from webapp.cellule.calendar import next_session
from webapp.core.models import AccessLog

HTMX = {"HX-Request": "true"}
FOLDABLE = ("follow_up", "immersions", "prospection", "pooled")
MORE = "autre(s) point(s)"  # « Voir les 2 autre(s) point(s) »


def _long_agenda(database, count: int = FOLD + 2):
    world = build_world()
    session = next_session(world.cellule, NOW)
    add_items(world, 1, count)
    database.session.commit()
    return world, session


def _sections(session, viewer, fold):
    return {section.key: section for section in build_agenda(session, viewer, fold).sections}


def test_past_the_fold_a_section_lists_its_first_entries_and_counts_the_others(database):
    world, session = _long_agenda(database)
    folded = _sections(session, world.animateur, FOLD)
    whole = _sections(session, world.animateur, None)
    for key in FOLDABLE:
        assert len(whole[key].entries) >= FOLD + 2 and whole[key].folded == 0, key
        assert folded[key].entries == whole[key].entries[:FOLD], key
        assert folded[key].folded == len(whole[key].entries) - FOLD, key
    assert len(folded["proposals"].entries) == FOLD + 2 and folded["proposals"].folded == 0


def test_the_agenda_page_folds_and_voir_les_autres_lists_the_whole_section(
        client, login, database):
    world, session = _long_agenda(database)
    url = f"/cellule/seances/{session.id}/ordre-du-jour"
    login(world.animateur)
    page = client.get(url).get_data(as_text=True)
    assert page.count(MORE) == len(FOLDABLE)
    assert "Karima L." in page  # the twelfth person put forward
    assert f"{url}/sections/immersions" in page
    fragment = client.get(f"{url}/sections/immersions", headers=HTMX)
    assert fragment.status_code == 200 and "HX-Request" in fragment.headers["Vary"]
    text = fragment.get_data(as_text=True)
    assert text.count('class="agenda-entry"') == FOLD + 2 and MORE not in text
    assert "Karima L. → Entreprise 12 (test)" in text
    assert client.get(f"{url}/sections/inconnue", headers=HTMX).status_code == 404


def test_without_javascript_voir_les_autres_opens_the_whole_agenda(client, login, database):
    world, session = _long_agenda(database)
    url = f"/cellule/seances/{session.id}/ordre-du-jour"
    login(world.animateur)
    answer = client.get(f"{url}/sections/pooled")
    assert answer.status_code == 303
    assert answer.headers["Location"].endswith(f"{url}?complet=1#bloc-pooled")
    page = client.get(f"{url}?complet=1").get_data(as_text=True)
    assert MORE not in page and "Entreprise 12 (test)" in page


def test_a_section_the_animateur_annotated_is_listed_whole(database):
    world, session = _long_agenda(database)
    last = _sections(session, world.animateur, None)["immersions"].entries[-1]
    annotate_entry(world.animateur, session, last.key, "À suivre de près.", None)
    database.session.commit()
    folded = _sections(session, world.animateur, FOLD)
    assert [e.key for e in folded["immersions"].entries][-1] == last.key
    assert folded["immersions"].folded == 0 and folded["immersions"].entries[-1].note
    assert folded["pooled"].folded > 0  # the others stay folded


def _rows_after(database, last_id: int) -> Counter:
    return Counter(database.session.scalars(
        select(AccessLog.profile_id).where(AccessLog.id > last_id)))


def _last_id(database) -> int:
    return max(database.session.scalars(select(AccessLog.id)), default=0)


def test_a_section_brought_in_logs_only_the_people_its_page_did_not(client, login, database):
    world, session = _long_agenda(database)
    url = f"/cellule/seances/{session.id}/ordre-du-jour"
    login(world.animateur)
    start = _last_id(database)
    fragment = client.get(f"{url}/sections/immersions", headers=HTMX)  # no page read before
    assert fragment.status_code == 200
    first = _rows_after(database, start)
    assert len(first) == FOLD + 2 and set(first.values()) == {1}
    client.get(url)  # the page logs its own people (all put forward) once each
    after_page = _last_id(database)
    assert client.get(f"{url}/sections/immersions", headers=HTMX).status_code == 200
    assert _rows_after(database, after_page) == Counter()  # the page logged them already
