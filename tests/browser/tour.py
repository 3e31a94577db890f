"""The main pages of every role, found the way a user finds them: the entries of the navigation
bar, then the first record of each kind those pages link to (a profile, an offer, a company…).
Shared by the phone-width and the axe-core tests (issue 17, "Readable everywhere")."""

import re

ROLE_ACCOUNTS = {
    "admin": "admin@demo.passerelle.fr",
    "direction": "direction@demo.passerelle.fr",
    "animateur": "animateur@demo.passerelle.fr",
    "cre": "cre@demo.passerelle.fr",
    "ae": "ae@demo.passerelle.fr",
    "employer": "employeur@demo.passerelle.fr",
}
# One page of each kind of record is enough: they share their template.
DETAIL = re.compile(
    r"^/(profils|offres|entreprises|besoins|immersions|promotions|cellule/seances|cellule"
    r"|cellule/evenements|prospection/cibles|espace-employeur/besoins|espace-employeur/profils"
    r")/\d+$"
)
# Pages a role reaches from its home or a record rather than from the bar, and the forms.
EXTRA = {
    "cre": ["/offres/nouvelle", "/prospection/I/liste", "/profils/obstacles"],
    "ae": ["/profils/nouveau"],
    "employer": ["/espace-employeur/besoins/nouveau"],
    "admin": ["/admin/utilisateurs", "/admin/organisations"],
}


def role_pages(page) -> list[str]:
    """Paths of the navigation bar, the extras, then one record page of each kind linked."""
    page.goto("/")
    bar = page.locator("nav[aria-label='Navigation principale'] a")
    paths = [bar.nth(index).get_attribute("href") for index in range(bar.count())]
    kinds = set()
    for path in list(paths):
        page.goto(path)
        hrefs = page.eval_on_selector_all(
            "main a[href]", "links => links.map(link => link.getAttribute('href'))"
        )
        for href in hrefs:
            bare = href.split("?")[0].split("#")[0]
            match = DETAIL.match(bare)
            if match and match.group(1) not in kinds:
                kinds.add(match.group(1))
                paths.append(bare)
    return list(dict.fromkeys(paths))


def log_in_as(page, email: str) -> None:
    from webapp.demo import DEMO_PASSWORD

    page.goto("/connexion")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/")
