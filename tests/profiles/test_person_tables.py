"""Every table that holds a `profile_id` is part of the person's access-request export and is
emptied of them by the retention purge: a new table about people that forgets either fails."""

from webapp.core import registries
from webapp.extensions import db
from webapp.profiles.models import Profile
from webapp.profiles.retention import FORGOTTEN_TABLES


def person_tables(app) -> set[str]:
    with app.app_context():
        return {table.name for table in db.metadata.sorted_tables if "profile_id" in table.c}


def test_the_platform_has_tables_about_people(app):
    assert {"promotion", "immersion", "profile_proposal", "access_log"} <= person_tables(app)


def test_every_table_about_a_person_is_in_the_access_request_export(app):
    exported = {table for section in registries.export_sections for table in section.tables}
    assert person_tables(app) - exported == set()


def test_every_table_about_a_person_is_emptied_by_the_purge(app):
    deleted_with_the_profile = {relation.target.name for relation in Profile.__mapper__.relationships
                                if relation.cascade.delete}
    by_hooks = {table for hook in registries.purge_hooks for table in hook.tables}
    assert person_tables(app) - (deleted_with_the_profile | by_hooks | set(FORGOTTEN_TABLES)) == set()


def test_each_export_section_has_its_own_key():
    keys = [section.key for section in registries.export_sections]
    assert len(keys) == len(set(keys)) and "listes_de_candidats" in keys
