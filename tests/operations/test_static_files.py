"""Static files: a year in the cache, a new URL whenever the content changes."""

from flask import url_for


def test_static_urls_carry_the_content_hash_and_are_cached_a_year(app, client):
    with app.test_request_context():
        address = url_for("static", filename="css/app.css")
    assert "?v=" in address
    response = client.get(address)
    response.close()
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "max-age=31536000, public"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Access-Control-Allow-Origin" not in response.headers


def test_pages_link_the_versioned_stylesheet(client):
    page = client.get("/connexion").get_data(as_text=True)
    assert "/static/css/app.css?v=" in page
