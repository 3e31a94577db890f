"""The headline indicators on a manager's home page, each leading to the dashboard."""

from webapp.accounts.home import HomeCard, HomeRequest
from webapp.core.permissions import ALL, TERRITORY, scopes_of
from webapp.dashboard.indicators import Selection, indicator_result
from webapp.dashboard.indicators.access import access_for
from webapp.dashboard.indicators.period import DEFAULT_PRESET, preset_period

HEADLINES = ("people.ready", "people.stages", "offers.pooled", "immersions.held")


def headline_cards(home: HomeRequest) -> list[HomeCard]:
    """For who sees a territory's dashboard: its first headline figures, on the default period."""
    if not scopes_of(home.user, "dashboard.view") & {TERRITORY, ALL}:
        return []
    access = access_for(home.user)
    pole_id = access.default_pole()
    if not access.allows(pole_id, None):
        return []
    selection = Selection(pole_id, None, preset_period(DEFAULT_PRESET, home.today))
    cards = []
    for key in HEADLINES:
        result = indicator_result(home.user, key, selection, home.now, home.stale_weeks)
        if result is None or not result.headlines:
            continue
        headline = result.headlines[0]
        cards.append(HomeCard(
            headline.label[:1].upper() + headline.label[1:], 0,
            f"{result.title} · {selection.period.label}", shown=headline.value,
            endpoint="dashboard.index", params={"_anchor": "indicateur-" + result.key.replace(".", "-")}))
    return cards
