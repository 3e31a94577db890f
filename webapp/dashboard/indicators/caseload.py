"""The accompaniment today: people followed per accompagnateur (AE) against the 1:50
(Département) and 1:70 (France Travail) ratios, and profiles not updated for a long time."""


from sqlalchemy import select

from webapp.accounts.organisation_models import Organisation
from webapp.core.formatting import number_fr
from webapp.dashboard.indicators.charts import Bar, bar_chart
from webapp.dashboard.indicators.counting import bars, figure_rows, snapshot_headline
from webapp.dashboard.indicators.privacy import Shown, protect
from webapp.dashboard.indicators.registry import Context, indicator
from webapp.dashboard.indicators.results import Headline, Result, Table, rate_text
from webapp.dashboard.indicators.summary import counts, profile_summary
from webapp.dashboard.indicators.targets import CASELOAD_DEPARTEMENT, CASELOAD_FRANCE_TRAVAIL
from webapp.extensions import db

SNAPSHOT_NOTE = "Situation actuelle, quelle que soit la période choisie."
LOAD_BANDS = ((50, "Jusqu'à 50 personnes"), (70, "De 51 à 70 personnes"), (None, "Plus de 70 personnes"))


def _caseloads(ctx: Context) -> list[tuple[int, int, int]]:
    """(organisation id, AE id, people followed) for the AEs of the territory: a small array."""
    loads = counts(profile_summary(ctx), lambda g: g.ae_id, lambda g: g.status != "left" and g.ae_id is not None)
    return [(organisation, ae, n) for (organisation, ae), n in loads.items()]


def _band(load: int) -> str:
    return next(label for limit, label in LOAD_BANDS if limit is None or load <= limit)


@indicator("caseload.ratio", "caseload", "Personnes suivies par accompagnateur", 10)
def ratio(ctx: Context) -> Result:
    """Average caseload per AE, per organisation, against the 1:50 and 1:70 ratios."""
    loads, people = _caseloads(ctx), {}
    for organisation, _, n in loads:
        people[organisation, "total"] = people.get((organisation, "total"), 0) + n
    protected = protect(people, ["total"], additive=False)  # across every organisation
    if ctx.organisation_id is not None:
        loads = [row for row in loads if row[0] == ctx.organisation_id]
    advisers = {o: sum(1 for row in loads if row[0] == o) for o, _, _ in loads}
    names = dict(db.session.execute(select(Organisation.id, Organisation.name)
                                     .where(Organisation.id.in_(advisers))).all())
    rows, chart_bars = [], []
    for organisation in sorted(advisers, key=lambda o: names.get(o, "")):
        followed = protected.cells[organisation, "total"]
        average = None if followed.hidden else followed.value / advisers[organisation]
        text = "n.c." if average is None else number_fr(average, 1)
        chart_bars.append(Bar(names.get(organisation, "?"), average, text))
        rows.append((names.get(organisation, "?"), number_fr(advisers[organisation]), followed.text, text))
    total = protected.view(ctx.organisation_id)["total"]
    count = len(loads)
    average = None if total.hidden or not count else total.value / count
    bands = {label: sum(1 for *_, n in loads if _band(n) == label) for _, label in LOAD_BANDS}
    targets = (CASELOAD_DEPARTEMENT, CASELOAD_FRANCE_TRAVAIL)
    return Result(
        key="caseload.ratio", title="Personnes suivies par accompagnateur",
        explanation="Personnes en accompagnement (hors sorties) rapportées au nombre "
        "d'accompagnateurs qui en suivent au moins une, par organisation.",
        headlines=(Headline("personnes par accompagnateur en moyenne",
                            "n.c." if average is None else number_fr(average, 1),
                            f"{number_fr(count)} accompagnateurs, {total.text} personnes suivies"),
                   Headline("accompagnateurs au-delà de 70 personnes", number_fr(bands[LOAD_BANDS[-1][1]]))),
        chart=bar_chart("chart-caseload", "Personnes suivies par accompagnateur, par organisation",
                        chart_bars, [t.line() for t in targets]) if chart_bars else None,
        table=Table(("Organisation", "Accompagnateurs", "Personnes suivies", "Par accompagnateur"),
                    tuple(rows) + tuple((f"Accompagnateurs : {label.lower()}", number_fr(n), "", "")
                                        for label, n in bands.items())),
        targets=tuple(t.sentence() for t in targets),
        note=SNAPSHOT_NOTE,
        has_masked=total.hidden or any(bar.value is None for bar in chart_bars),
    )


@indicator("caseload.stale", "caseload", "Profils sans mise à jour depuis longtemps", 20)
def stale(ctx: Context) -> Result:
    """People in accompaniment by how long ago their profile was last updated."""
    labels = {"fresh": f"Moins de {ctx.stale_weeks} semaines", "stale": f"{ctx.stale_weeks} semaines à 6 mois",
              "old": "Plus de 6 mois"}
    table = protect(counts(profile_summary(ctx), lambda g: g.freshness, lambda g: g.status != "left"), labels)
    figures, total = table.view(ctx.organisation_id), table.view_total(ctx.organisation_id)
    late = (Shown(None, "secondary") if figures["stale"].hidden or figures["old"].hidden
            else Shown(figures["stale"].value + figures["old"].value))
    return Result(
        key="caseload.stale", title="Profils sans mise à jour depuis longtemps",
        explanation="Personnes en accompagnement (hors sorties) selon la date de la dernière mise "
        "à jour de leur profil : un profil ancien fausse les rapprochements avec les offres.",
        headlines=(snapshot_headline(f"profils sans mise à jour depuis plus de {ctx.stale_weeks} semaines", late),
                   Headline("des personnes suivies", rate_text(late, total))),
        chart=bar_chart("chart-stale", "Personnes suivies selon l'ancienneté de la dernière mise à jour",
                        bars(labels, figures)),
        table=Table(("Dernière mise à jour il y a", "Personnes"), figure_rows(labels, figures) + (("Total", total.text),)),
        note=SNAPSHOT_NOTE,
        has_masked=total.hidden or any(f.hidden for f in figures.values()),
    )
