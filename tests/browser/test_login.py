from playwright.sync_api import expect


def test_demo_cre_logs_in_and_sees_what_is_waiting(page, log_in):
    log_in("cre@demo.passerelle.fr")
    assert page.get_by_role("heading", name="Ce qui vous attend").is_visible()
    assert page.locator(".stat-card").count() >= 1
    assert "Offres ouvertes" in page.locator(".cards").inner_text()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/connexion")
    assert page.get_by_role("heading", name="Connexion").is_visible()


def test_wrong_password_shows_the_generic_message(page):
    page.goto("/connexion")
    page.get_by_label("Adresse e-mail").fill("cre@demo.passerelle.fr")
    page.get_by_label("Mot de passe").fill("pas-le-bon")
    page.get_by_role("button", name="Se connecter").click()
    assert page.get_by_text("Adresse e-mail ou mot de passe incorrect.").is_visible()


def test_a_post_without_the_csrf_token_is_refused(page):
    from webapp.demo import DEMO_PASSWORD

    page.goto("/connexion")
    answer = page.request.post("/connexion", form={"email": "cre@demo.passerelle.fr",
                                                   "password": DEMO_PASSWORD})
    assert answer.status == 400
    page.goto("/")
    expect(page.get_by_role("heading", name="Connexion")).to_be_visible()
