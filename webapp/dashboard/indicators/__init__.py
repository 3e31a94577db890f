"""Indicators of the task force: one small query function per indicator, grouped in family
modules (offers, needs, people, funnel, employment, in_work, caseload, immersions,
prospection, events, obstacles), computed for a territory, an organisation and a period,
protected by the small-cell rule (`privacy`) and drawn as server-side SVG (`charts`)."""

from webapp.dashboard.indicators.dashboard import (
    Dashboard,
    Section,
    Selection,
    dashboard,
    indicator_result,
    result_csv,
    result_sheet,
)

__all__ = ["Dashboard", "Section", "Selection", "dashboard", "indicator_result", "result_csv", "result_sheet"]
