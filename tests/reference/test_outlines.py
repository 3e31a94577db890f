"""The commune outlines shipped for the SVG maps (issue 17, "Maps")."""

import pytest

from reference import load_communes
from reference.outlines import load_outlines
from reference.rebuild.outlines import encode, simplify
from reference.rows import ReferenceDataError


def test_every_commune_of_the_departement_has_an_outline_and_marseille_its_arrondissements():
    outlines = load_outlines()
    expected = {c.insee for c in load_communes() if c.departement == "13"} - {"13055"}
    assert set(outlines) == expected
    assert len(outlines) == 134  # 118 communes and Marseille's 16 arrondissements
    for rings in outlines.values():
        for ring in rings:
            assert len(ring) >= 4
            assert all(4.1 < lon < 5.9 and 43.1 < lat < 44.0 for lon, lat in ring)


def test_simplification_keeps_the_corners_and_drops_the_points_on_a_line():
    square = [(0.0, 0.0), (0.5, 0.0001), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert simplify(square, 0.01) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert encode([simplify(square, 0.01)]) == (
        "0.0000 0.0000,1.0000 0.0000,1.0000 1.0000,0.0000 1.0000,0.0000 0.0000")


def test_a_malformed_outline_names_its_line(tmp_path):
    path = tmp_path / "commune_outlines.csv"
    path.write_text("insee,rings\n13001,5.1 43.2\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="ligne 2 : contour illisible"):
        load_outlines(path)
