"""The platform always keeps an active administrator."""

from tests import factories

LAST_ADMIN = "dernier administrateur actif"


def _department():
    return factories.organisation("Département 13", kind="departement_emploi", pole_code=None)


def test_the_only_administrator_cannot_be_deactivated(client, login, database):
    admin = factories.user((_department(), "admin"))
    login(admin)
    response = client.post(f"/admin/utilisateurs/{admin.id}", data={
        "email": admin.email, "display_name": admin.display_name,  # "actif" left unticked
    })
    assert response.status_code == 200 and LAST_ADMIN in response.get_data(as_text=True)
    assert admin.active is True
    assert client.get("/admin/").status_code == 200  # still logged in and administering


def test_an_administrator_can_be_deactivated_when_another_remains(client, login, database):
    department = _department()
    admin, other = factories.user((department, "admin")), factories.user((department, "admin"))
    login(admin)
    response = client.post(f"/admin/utilisateurs/{other.id}", data={
        "email": other.email, "display_name": other.display_name,
    })
    assert response.status_code == 303 and other.active is False


def test_the_last_administrator_keeps_the_role(client, login, database):
    admin = factories.user((_department(), "admin"))
    login(admin)
    membership = admin.memberships[0]
    response = client.post(
        f"/admin/utilisateurs/{admin.id}/roles/{membership.id}/retirer", follow_redirects=True
    )
    assert LAST_ADMIN in response.get_data(as_text=True)
    assert admin.roles == {"admin"}


def test_the_organisation_of_the_last_administrator_cannot_be_deactivated(
    client, login, database
):
    department = _department()
    admin = factories.user((department, "admin"))
    login(admin)
    response = client.post(f"/admin/organisations/{department.id}", data={
        "name": department.name, "kind": department.kind, "pole_id": "",  # "active" unticked
    })
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "porte le dernier administrateur actif" in page
    assert department.active is True

    backup = factories.organisation("Service informatique", kind="other", pole_code=None)
    factories.user((backup, "admin"))
    response = client.post(f"/admin/organisations/{department.id}", data={
        "name": department.name, "kind": department.kind, "pole_id": "",
    })
    assert response.status_code == 303 and department.active is False
