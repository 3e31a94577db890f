"""The plainly valid profiles read fast equal what the validator gives; the rest go to it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from matching.exchange import RecordError, profile_from_dict
from matching.plain_records import PlainReader
from tests.matching.test_exchange import SPEC_PROFILE

# Each field: a valid value, an absent or null one, or one the validator refuses or rewrites.
FIELDS = {
    "id": st.sampled_from(["P-1", " P-2 ", "", "  ", 3, None]),
    "commune": st.sampled_from(["13004", "13201", "99999", "1300", 13004, None]),
    "target_rome_codes": st.sampled_from([["K2204"], ["K2204", "K1304"], [], ["K2204", "K2204"],
                                          ["Z9999"], ["k2204"], "K2204", [["K2204"]],
                                          ["A1101"] * 6, None]),
    "target_titles": st.sampled_from([["femme de ménage"], [" plongeur "], [], [""], [3],
                                      "cariste", None]),
    "experience_months": st.sampled_from([{"K2204": 18}, {}, {"K2204": 18.0}, {"K2204": -1},
                                          {"K2204": True}, {"Z9999": 3}, {"K2204": None},
                                          [], None]),
    "mobility": st.sampled_from([{"modes": ["walk"], "max_minutes": 45, "max_km": None},
                                 {"modes": ["walk", "walk"]}, {"modes": ["rocket"]},
                                 {"modes": [["walk"]]}, {"max_minutes": 45.0},
                                 {"max_minutes": 0}, {"max_km": 12.5}, {"max_km": True},
                                 "walk", None]),
    "availability": st.sampled_from([{"min_hours_per_week": 15, "max_hours_per_week": 26},
                                     {"min_hours_per_week": 30, "max_hours_per_week": 20},
                                     {"night": True, "weekend": None}, {"night": "oui"},
                                     {"max_hours_per_week": 49}, 5, None]),
    "driving_licence": st.sampled_from([True, False, None, 1, "true"]),
    "available_from": st.sampled_from(["2026-11-30", " 2026-11-30 ", "2026-02-30", "30/11/2026",
                                       "", 20261130, ["2026-11-30"], None]),
    "parcours": st.sampled_from(["emploi", " socio_pro ", "autre", "", 1, None]),
    "postal_code": st.sampled_from(["13200", "1320", "13a00", " 13129 ", 13200, None]),
}


@settings(max_examples=400, deadline=None)
@given(st.fixed_dictionaries({}, optional=FIELDS))
def test_a_plain_profile_equals_the_validated_one(ref, fields):
    data = {**SPEC_PROFILE, **fields}
    for name, value in fields.items():
        if value is None and name in ("id", "commune"):
            del data[name]  # absent, not null
    plain = PlainReader(ref).profile(data)
    try:
        validated = profile_from_dict(data, ref)
    except RecordError:
        assert plain is None
        return
    assert plain is None or plain == validated


def test_the_spec_profile_is_read_plainly(ref):
    assert PlainReader(ref).profile(SPEC_PROFILE) == profile_from_dict(SPEC_PROFILE, ref)
    assert PlainReader(None).profile(SPEC_PROFILE) == profile_from_dict(SPEC_PROFILE)
