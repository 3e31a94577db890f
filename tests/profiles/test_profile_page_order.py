"""The « Proposer à la cellule » action is near the top of the profile page, not 2,000 px down
behind the facts and the history (issue 17)."""

from tests import factories


def test_the_cellule_section_comes_right_after_the_profile_s_actions(client, login, database):
    org = factories.organisation("Mission locale Étang", kind="mission_locale", pole_code="I")
    ae = factories.user((org, "ae", "I"))
    person = factories.profile(org, ae)
    login(ae)
    page = client.get(f"/profils/{person.id}").get_data(as_text=True)
    journey = page.index(f"/cellule/profils/{person.id}/parcours")
    assert journey < page.index('id="consent-title"')
    assert journey < page.index('id="section-1"')
    assert page.index('id="history-title"') > page.index(f"/profils/{person.id}/a-portee")
