"""A walk of every route of the app, by every role, over a small world whose personal and private
fields carry unique markers (issue 13, "Tested like the best").

Every rule of `app.url_map` is filled with the ids of the world's records, once for pôle I and
once for pôle VII, then requested by each role: each GET plainly and as htmx, each POST with an
empty body. The walk fails on a 500, on a marker reaching a role the permission table keeps it
from (MARKERS below), and on a page showing the person's name without an access-log row for
that person written by that very request (a lazy htmx section whose page logged the person a
moment before is the one exception, webapp/profiles/shown.py). It prints its figures; when
written, on SQLite and on PostgreSQL alike: 221 route/methods x 9 roles (the eight
roles and an anonymous visitor), 4482 requests, leaks found 0, 500s 0, unlogged displays 0.
"""

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from tests import factories
from tests.cellule.cellule_world import NOW, build_world, pdf_text, person
from webapp.cellule.assign import assign_proposal
from webapp.cellule.calendar import next_session
from webapp.cellule.cellules import CelluleSettings, create_cellule
from webapp.cellule.models import CelluleMember
from webapp.cellule.proposals import ProposalNote, put_forward
from webapp.core.models import AccessLog
from webapp.core.notify import Notification
from webapp.events.models import EmploymentEvent, EventInvitation
from webapp.extensions import db
from webapp.promotions.models import Promotion
from webapp.promotions.preparing import create_promotion
from webapp.prospection.models import CompanyContactLog

HTMX = {"HX-Request": "true"}
ROLES = ("anonyme", "employer", "other_employer", "cre_other_pole", "ae", "cre", "animateur",
         "direction", "admin")  # the administrator last: its empty posts reach the most

# marker -> the roles that may read it (permissions.py): the person's name to whoever may see
# the profile (their AE, the direction of their organisation, the CRE and the animateur of the
# cellule they were put forward to), never to an employer before a signed convention; the
# external reference to their AE and direction only; a company's internal notes to the task
# force, never to employers; an organisation-private offer to its organisation (and the admin).
MARKERS: dict[str, set[str]] = {
    "Marqueur-Perso": {"ae", "direction", "cre", "animateur"},
    "EXT-MARQUEUR": {"ae", "direction"},
    "NOTE-MARQUEUR": {"admin", "direction", "animateur", "cre", "ae", "cre_other_pole"},
    "OFFRE-PRIVEE-MARQUEUR": {"admin", "direction", "ae"},
    "Marqueur-Loin": set(),  # pôle VII's person: followed by an AE who does not walk
    "REF-LOIN-MARQUEUR": set(),
}
PERSON_MARKERS = ("Marqueur-Perso", "Marqueur-Loin")

# Rules left out, and why: nothing else is skipped.
SKIPPED = {
    "/static/<path:filename>": "files of the repository, no data",
}
# Records the world does not build: their rules are walked with an id that matches no record,
# so only their refusal (404) path is exercised.
ABSENT = 10**6
NOT_BUILT = ("token_id", "notification_id", "line_id", "registration_id", "invitation_id",
             "action_id", "request_id", "mark_id")
# The lazy sections of the profile page (section_of=): asked by htmx right after their page,
# they do not log again the person the page logged.
LAZY_SECTIONS = {"/cellule/profils/<int:profile_id>/parcours", "/profils/<int:profile_id>/a-portee"}
# A parameter name meaning different things on different rules.
RULE_FILLS = {"/immersions/<int:immersion_id>/etapes/<key>": {"key": "accept"}}
# Pages that show a person through their query string, walked with it too.
QUERIES = {"/immersions/nouvelle": ("profile_id={profile_id}", "promotion_id={promotion_id}")}
QUERIES["/profils/obstacles"] = ("obstacle=licence", "obstacle=travel")
UNKNOWN_TOKEN = "jeton-inconnu"  # the token routes are walked with a token that matches nothing


@dataclass
class Walk:
    requests: int = 0
    routes: set = field(default_factory=set)
    errors: list = field(default_factory=list)
    leaks: list = field(default_factory=list)
    unlogged: list = field(default_factory=list)
    seen: set = field(default_factory=set)  # (marker, role): the markers did reach someone


def _first_id(model, **where):
    return db.session.scalar(select(model.id).filter_by(**where).order_by(model.id).limit(1))


def _event(org, insee: str, title: str) -> EmploymentEvent:
    record = EmploymentEvent(kind="forum", title=title, on=date(2026, 12, 8), commune_insee=insee,
                             pole_id=factories.commune(insee).pole_id, organisation_id=org.id)
    db.session.add(record)
    db.session.flush()
    return record


def _build():
    """Pôle I's world (tests/cellule/cellule_world.py) with markers, and pôle VII's records."""
    world = build_world()
    ft, far = world.ae_org, world.outsider_cre.memberships[0].organisation
    people = {
        "admin": world.admin, "animateur": world.animateur, "cre": world.cre, "ae": world.ae,
        "direction": factories.user((ft, "direction", "I"), name="Dominique Direction"),
        "employer": world.employer,
        "other_employer": factories.employer(factories.company("Boulangerie (test)")),
        "cre_other_pole": world.outsider_cre,
    }
    person_a = world.person
    person_a.label, person_a.external_ref = "Zoé Marqueur-Perso M.", "EXT-MARQUEUR"
    world.company.notes = "NOTE-MARQUEUR"
    private = factories.offer(ft, title="OFFRE-PRIVEE-MARQUEUR", visibility="organisation")
    proposal = put_forward(world.ae, person_a, ProposalNote("Le matin.", "Motivée."), NOW)
    assign_proposal(world.animateur, proposal, world.cre, None, NOW)
    promotion = create_promotion(world.cre, person_a, world.company, world.offer, NOW)
    immersion = factories.immersion(person_a, world.company, status="proposed")
    employer_org = world.employer.memberships[0].organisation
    need = factories.need(employer_org, world.company, author=world.employer)
    cre_org = world.cre.memberships[0].organisation
    target = factories.target(world.company, lead=world.cre, org=cre_org)
    event = _event(ft, "13201", "Forum de Marseille (test)")
    db.session.add(EventInvitation(event_id=event.id, profile_id=person_a.id,
                                   invited_by_id=world.ae.id))
    factories.contact_entry(world.company, world.cre, cre_org)

    far_ae = factories.user((far, "ae", "VII"), name="Fabien AE d'Arles")
    person_b = person(far, far_ae, insee="13004", label="Yves Marqueur-Loin L.",
                      external_ref="REF-LOIN-MARQUEUR")
    far_company = factories.company("Mas d'Arles (test)", insee="13004")
    far_employer = factories.employer(far_company)
    far_offer = factories.offer(far, insee="13004", company_id=far_company.id)
    far_need = factories.need(far_employer.memberships[0].organisation, far_company, insee="13004",
                              author=far_employer)
    far_cellule = create_cellule(world.admin, CelluleSettings(
        "Cellule emploi Arles (test)", (factories.pole("VII").id,), place="Salle 1"), NOW)
    far_promotion = Promotion(profile=person_b, company_id=far_company.id,
                              cre_id=world.outsider_cre.id)
    db.session.add(far_promotion)
    far_immersion = factories.immersion(person_b, far_company, status="proposed")
    far_target = factories.target(far_company, lead=world.outsider_cre, org=far, pole_code="VII")
    far_event = _event(far, "13004", "Forum d'Arles (test)")

    spare_org = factories.organisation("Organisation annexe (test)", pole_code="I")
    spare = factories.user((spare_org, "ae", "I"), name="Compte annexe")
    db.session.flush()
    session_a, session_b = next_session(world.cellule, NOW), next_session(far_cellule, NOW)
    common = {
        "user_id": spare.id, "organisation_id": spare_org.id,
        "membership_id": spare.memberships[0].id, "insee": "13201", "territory": "I",
        "kind": "csv", "key": "caseload.ratio", "rest": "inconnu", "token": UNKNOWN_TOKEN,
        **dict.fromkeys(NOT_BUILT, ABSENT), "proposal_id": proposal.id,
        "member_id": _first_id(CelluleMember, cellule_id=world.cellule.id),
    }
    fill_a = {
        **common, "offer_id": private.id, "company_id": world.company.id,
        "profile_id": person_a.id, "need_id": need.id, "promotion_id": promotion.id,
        "immersion_id": immersion.id, "session_id": session_a.id, "cellule_id": world.cellule.id,
        "event_id": event.id, "target_id": target.id, "code": "I", "reference": private.reference,
    }
    fill_b = {
        **common, "offer_id": far_offer.id, "company_id": far_company.id,
        "profile_id": person_b.id, "need_id": far_need.id, "promotion_id": far_promotion.id,
        "immersion_id": far_immersion.id, "session_id": session_b.id, "cellule_id": far_cellule.id,
        "event_id": far_event.id, "target_id": far_target.id, "code": "VII",
        "reference": far_offer.reference, "insee": "13004", "territory": "VII",
    }
    for fill in (fill_a, fill_b):  # the records the services above wrote along the way
        fill["entry_id"] = _first_id(CompanyContactLog)
        fill["notification_id"] = _first_id(Notification) or ABSENT
    db.session.commit()
    users = {role: (u.id, u.email) for role, u in people.items()}
    return users, {"Marqueur-Perso": person_a.id, "Marqueur-Loin": person_b.id}, fill_a, fill_b


def _text(response) -> str:
    data = response.get_data()
    if response.mimetype == "application/pdf":
        return pdf_text(data)
    return data.decode("utf-8", errors="replace") + str(response.headers)


def _requests(app, fills):
    """(rule, method, url, headers) for every rule, filled with each world's ids."""
    unfillable = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if rule.rule in SKIPPED:
            continue
        names = sorted(set(rule.arguments) - set(rule.defaults or {}))
        urls = []
        for fill in fills if rule.arguments else fills[:1]:
            fill = {**fill, **RULE_FILLS.get(rule.rule, {})}
            missing = [name for name in names if fill.get(name) is None]
            if missing:
                unfillable.append((rule.rule, missing))
                break
            url = rule.build({name: fill[name] for name in names}, append_unknown=False)[1]
            queries = QUERIES.get(rule.rule, ())
            urls += [url] + [f"{url}?{query.format(**fill)}" for query in queries]
        for url in dict.fromkeys(urls):
            if "GET" in rule.methods:
                yield rule.rule, "GET", url, {}
                yield rule.rule, "GET", url, HTMX
            if "POST" in rule.methods:
                yield rule.rule, "POST", url, {}
    assert not unfillable, f"rules whose parameters the world cannot fill: {unfillable}"


def _last_log_id() -> int:
    return db.session.scalar(select(func.max(AccessLog.id))) or 0


def _logged(user_id: int, profile_id: int, after: int | None) -> bool:
    query = select(AccessLog.id).where(AccessLog.user_id == user_id,
                                       AccessLog.profile_id == profile_id)
    if after is not None:
        query = query.where(AccessLog.id > after)
    return db.session.scalar(query.limit(1)) is not None


def _visit(client, walk, role, user_id, rule, method, url, headers, people):
    before = _last_log_id()
    walk.requests += 1
    walk.routes.add((rule, method))
    try:
        response = client.open(url, method=method, headers=headers, data={})
    except Exception as error:  # noqa: BLE001 - TESTING propagates what would be a 500
        db.session.rollback()
        walk.errors.append((role, method, url, headers, repr(error)[:300]))
        return
    if response.status_code >= 500:
        walk.errors.append((role, method, url, headers, response.status_code))
        return
    text = _text(response)
    for marker, allowed in MARKERS.items():
        if marker in text:
            walk.seen.add((marker, role))
        if marker in text and role not in allowed:
            walk.leaks.append((role, method, url, headers, marker))
    for marker in PERSON_MARKERS:
        if marker in text and user_id is not None:
            logged = _logged(user_id, people[marker], before)
            if not logged and headers == HTMX and rule in LAZY_SECTIONS:
                logged = _logged(user_id, people[marker], None)
            if not logged:
                walk.unlogged.append((role, method, url, headers, marker))


def test_every_route_by_every_role(app, client, login, database):
    users, people, fill_a, fill_b = _build()
    requests = list(_requests(app, (fill_a, fill_b)))
    walk = Walk()
    for phase in ("GET", "POST"):
        for role in ROLES:
            user_id = None
            if role != "anonyme":
                user_id, email = users[role]
                login(email)
            for rule, method, url, headers in requests:
                if method != phase:
                    continue
                _visit(client, walk, role, user_id, rule, method, url, headers, people)
                if rule == "/deconnexion" and role != "anonyme":
                    login(email)
            client.post("/deconnexion")
    figures = (f"route walk: {len(walk.routes)} route/methods x {len(ROLES)} roles, "
               f"{walk.requests} requests, leaks found {len(walk.leaks)}, "
               f"500s {len(walk.errors)}, unlogged displays {len(walk.unlogged)}")
    print(figures)
    for name in ("errors", "leaks", "unlogged"):
        for line in getattr(walk, name):
            print(name, *line)
    assert not walk.errors, "\n".join(map(str, walk.errors))
    assert not walk.leaks, "\n".join(map(str, walk.leaks))
    assert not walk.unlogged, "\n".join(map(str, walk.unlogged))
    assert walk.requests > 3000  # the walk really walked, and each marker reached its readers
    assert {marker: {r for m, r in walk.seen if m == marker} for marker in MARKERS} == MARKERS
