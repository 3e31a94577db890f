"""The engine on hand-built cases: levels, constraints, reasons in French, both directions."""

from dataclasses import replace
from datetime import date

import pytest

from matching.exchange import Availability, Mobility
from tests.matching.records import availability, offer, profile, schedule


def rank(engine, the_offer, profiles, **options):
    return engine.rank_profiles(the_offer, engine.profile_pool(profiles), **options)


def only_match(engine, the_offer, the_profile):
    result = rank(engine, the_offer, [the_profile])
    assert [m.profile_id for m in result.matches] == [the_profile.id], result
    return result.matches[0]


def exclusion(engine, the_offer, the_profile, **options):
    result = rank(engine, the_offer, [the_profile], explain=True, **options)
    assert result.matches == () and len(result.excluded) == 1, result
    return result.excluded[0]


def test_an_exact_match_with_every_reason(engine):
    match = only_match(engine, offer(), profile(experience_months={"K2205": 12}))
    assert match.reasons == (
        "Métier visé : K2205 (correspondance exacte)",
        "Expérience : 12 mois en K2205",
        f"Trajet estimé : {match.travel.minutes} min en transports en commun (max. 45)",
        "Durée : 24 h par semaine, dans le souhait (15 à 26 h)",
        "Disponible dès le 30/11/2026 (début le 01/12/2026)",
    )
    assert match.components.job == pytest.approx(0.9 + 0.1 * 12 / 24)
    assert match.components.hours == 1.0 and match.components.availability == 1.0
    assert match.travel.mode == "public_transport" and 10 < match.travel.minutes < 30
    assert 0 < match.score <= 100 and round(match.score, 1) == match.score


def test_job_levels_from_exact_to_title(engine):
    exact = only_match(engine, offer(), profile(target_rome_codes=("K1302", "K2205")))
    assert exact.reasons[0] == "Métier visé : K2205 (correspondance exacte, 2e choix)"
    assert exact.components.job == pytest.approx(0.85)
    domain = only_match(engine, offer(), profile(target_rome_codes=("K2204",)))
    assert domain.reasons[0].startswith("Métier proche : K2204 visé, même domaine "
                                        "professionnel K22 (")
    grand = only_match(engine, offer(), profile(target_rome_codes=("K1302",)))
    assert grand.reasons[0].startswith("Même grand domaine K (")
    assert grand.reasons[0].endswith(") : K1302 visé")
    title = only_match(engine, offer(), profile(target_rome_codes=(),
                                                target_titles=("femme de ménage",)))
    # "femme de ménage" is a synonym of K2205, the offer's code: a perfect title match.
    assert title.reasons[0] == "Intitulé proche : « femme de ménage » (similarité 1)"
    assert exact.score > domain.score > title.score > grand.score


def test_a_title_reason_names_the_title_that_matched_in_both_directions(engine):
    # The person's free titles are not in alphabetical order: the reason must name the one
    # close to the offer's title, whichever way the pairs are ranked.
    person = profile(target_rome_codes=(), target_titles=("Vendeur en boulangerie", "Plongeur"))
    pool = engine.offer_pool([offer(title="Plongeur en restauration H/F", rome_code="G1605")])
    reasons = [engine.rank_offers(person, pool).matches[0].reasons[0],
               engine.rank_all_profiles([person], pool, explain=True)[0].matches[0].reasons[0],
               engine.rank_all_profiles([person], pool)[0].matches[0].reasons[0],
               engine.rank_all(pool, engine.profile_pool([person]))[0].matches[0].reasons[0]]
    assert reasons == ["Intitulé proche : « Plongeur » (similarité 1)"] * 4


def test_an_unrelated_profile_is_neither_matched_nor_excluded(engine):
    result = rank(engine, offer(), [profile(target_rome_codes=("N1101",))], explain=True)
    assert result.matches == () and result.excluded == () and result.candidates == 0


@pytest.mark.parametrize("the_offer, the_profile, reason, category", [
    (offer(requires_driving_licence=True), profile(), "Permis B exigé, non détenu", "licence"),
    (offer(requires_vehicle=True), profile(driving_licence=True),
     "Véhicule personnel exigé, non disponible", "vehicle"),
    (offer(schedule=schedule(night=True)), profile(availability=availability(night=False)),
     "Travail de nuit exigé, non accepté", "night"),
    (offer(schedule=schedule(weekend=True)), profile(availability=availability(weekend=False)),
     "Travail le week-end exigé, non accepté", "weekend"),
    (offer(schedule=schedule(split_shift=True)),
     profile(availability=availability(split_shift=False), childcare_constraint=True),
     "Garde d'enfants : incompatible avec les horaires en coupure", "childcare"),
    (offer(hours_per_week=35), profile(),
     "35 h par semaine proposées, plus de 5 h au-delà du maximum souhaité (26 h)", "hours"),
    (offer(commune="13004"), profile(),
     None, "travel"),
])
def test_each_hard_constraint_excludes_with_its_reason(engine, the_offer, the_profile, reason,
                                                       category):
    excluded = exclusion(engine, the_offer, the_profile)
    assert excluded.categories == (category,)
    if reason:
        assert excluded.reasons == (reason,)
    else:
        assert excluded.reasons[0].startswith("Trajet estimé : ")
        assert excluded.reasons[0].endswith("au-delà du maximum de 45 min")


def test_a_childcare_constraint_does_not_block_what_the_person_accepted(engine):
    accepted = profile(childcare_constraint=True, availability=availability(night=True))
    assert only_match(engine, offer(schedule=schedule(night=True)), accepted)
    weekend_refused = profile(childcare_constraint=True, availability=availability(weekend=False))
    assert exclusion(engine, offer(schedule=schedule(weekend=True)),
                     weekend_refused).categories == ("weekend",)


def test_hours_within_the_margin_lower_the_score_without_excluding(engine):
    match = only_match(engine, offer(hours_per_week=30), profile())
    assert match.components.hours == pytest.approx(1 - 4 / 10)
    assert match.reasons[-2] == "Durée : 30 h par semaine, hors du souhait (15 à 26 h)"


def test_the_car_counts_only_with_licence_and_vehicle(engine):
    far = offer(commune="13001")  # Aix, about 50 min by car from Marseille 4e
    by_car = replace(profile(), mobility=Mobility(("car",), 60, None))
    assert exclusion(engine, far, by_car).reasons == (
        "Aucun mode de déplacement utilisable pour ce trajet",)
    assert exclusion(engine, far, replace(by_car, driving_licence=True)).categories == (
        "travel",)
    match = only_match(engine, far, replace(by_car, driving_licence=True, vehicle=True))
    assert match.travel.mode == "car"


def test_a_distance_limit_excludes_too(engine):
    limited = replace(profile(), mobility=Mobility(("walk", "public_transport"), 90, 1.0))
    excluded = exclusion(engine, offer(), limited)
    assert excluded.reasons[0].startswith("Distance estimée : ")
    assert excluded.reasons[0].endswith("au-delà du maximum de 1 km")


def test_consent_matters_only_for_employers(engine):
    silent = profile(consent_promotion=False)
    assert only_match(engine, offer(), silent)
    excluded = exclusion(engine, offer(), silent, for_employer=True)
    assert excluded.reasons == ("Pas d'accord pour être présenté(e) aux employeurs",)


def test_no_mode_means_walking_and_transit(engine):
    match = only_match(engine, offer(), profile(mobility=Mobility()))
    assert match.reasons[1].endswith("min en transports en commun (max. 45)")  # the default


def test_late_availability_lowers_the_score(engine):
    soon = only_match(engine, offer(), profile(available_from=date(2026, 12, 8)))
    late = only_match(engine, offer(), profile(available_from=date(2027, 1, 15)))
    assert soon.components.availability == 1.0
    assert late.components.availability == pytest.approx(1 - (45 - 7) / 83)
    assert late.reasons[-1] == "Disponible le 15/01/2027, 45 jours après le début le 01/12/2026"


def test_unknown_hours_and_dates_are_neutral(engine):
    match = only_match(engine, offer(hours_per_week=None, start_date=None),
                       profile(available_from=None, availability=Availability()))
    assert match.components.hours == 0.5 and match.components.availability == 1.0
    assert match.reasons[-2:] == (
        "Durée hebdomadaire non précisée",
        "Disponibilité non renseignée, supposée immédiate (début dès que possible)")


def test_an_offer_without_code_gets_it_from_a_clear_title(engine):
    result = rank(engine, offer(rome_code=None, title="Plongeur en restauration H/F"),
                  [profile(target_rome_codes=("G1605",))])
    assert result.rome_code == "G1605" and result.rome_inferred and not result.rome_to_confirm
    assert "rome_suggestions" not in result.to_dict() and "rome_to_confirm" not in result.to_dict()
    assert result.matches[0].reasons[0] == "Métier visé : G1605 (correspondance exacte)"


def test_an_unclear_title_is_flagged_and_matched_by_text_only(engine):
    result = rank(engine, offer(rome_code=None, title="Agent d'entretien"),
                  [profile(target_titles=("agent d'entretien",), target_rome_codes=())])
    assert result.rome_code is None and result.rome_to_confirm
    document = result.to_dict()
    assert document["rome_to_confirm"] is True and document["rome_code"] is None
    # the spec: "rome_suggestions" lists the best candidates, {code, label, score} each
    assert [s["code"] for s in document["rome_suggestions"]][:2] == ["I1203", "K2205"]
    assert all(set(s) == {"code", "label", "score"} for s in document["rome_suggestions"])
    assert len(document["rome_suggestions"]) == 3
    assert result.matches[0].reasons[0].startswith("Intitulé proche")


def test_the_exclusion_summary(engine):
    profiles = [profile(id=f"P-far-{i}", commune="13004") for i in range(3)]
    profiles += [profile(id="P-night", availability=availability(night=False))]
    profiles += [profile(id="P-ok")]
    result = rank(engine, offer(schedule=schedule(night=True)), profiles)
    assert result.exclusion_summary() == "4 écartés : 3 trop loin, 1 horaires de nuit"
    assert [m.profile_id for m in result.matches] == ["P-ok"]
    assert rank(engine, offer(), [profile()]).exclusion_summary() == "Aucun écarté"


def test_summary_counts_match_the_explained_list(engine):
    profiles = [profile(id="P-a", commune="13004", driving_licence=False),
                profile(id="P-b", commune="13004"), profile(id="P-c")]
    the_offer = offer(requires_driving_licence=True)
    quick, full = (rank(engine, the_offer, profiles, explain=e) for e in (False, True))
    assert quick.excluded_by_category == full.excluded_by_category == (("travel", 2),
                                                                      ("licence", 1))
    assert [e.categories for e in full.excluded] == [("travel", "licence")] * 2 + [
        ("licence",)]


def test_both_directions_agree(engine):
    profiles = [profile(id="P-1"), profile(id="P-2", target_rome_codes=("K2204",)),
                profile(id="P-3", commune="13004")]
    offers = [offer(id="O-1"), offer(id="O-2", commune="13210", hours_per_week=30)]
    pool, offer_pool = engine.profile_pool(profiles), engine.offer_pool(offers)
    by_offer = {(m.offer_id, m.profile_id): m for r in engine.rank_all(offer_pool, pool)
                for m in r.matches}
    by_profile = {(m.offer_id, m.profile_id): m for p in profiles
                  for m in engine.rank_offers(p, offer_pool).matches}
    assert by_offer == by_profile and len(by_offer) == 4


@pytest.mark.parametrize("the_profile, message", [
    (profile(commune="99999"), "communes inconnues du référentiel : 99999"),
    (profile(target_rome_codes=("K9999",)), "codes ROME inconnus du référentiel : K9999"),
])
def test_pools_refuse_unknown_codes(engine, the_profile, message):
    with pytest.raises(ValueError, match=message):
        engine.profile_pool([the_profile])


def test_a_walker_in_arles_is_not_excluded_from_a_job_in_arles(engine):
    # Issue 14: Arles covers 758 km²; a person who walks 30 minutes at most was excluded from
    # a job in her own commune ("69 min à pied") on an average over the whole commune.
    walker = profile(commune="13004", mobility=Mobility(("walk",), 30, None))
    result = rank(engine, offer(commune="13004"), [walker], explain=True)
    assert [m.profile_id for m in result.matches] == [walker.id]
    assert not result.excluded


def test_a_pool_of_people_ranks_as_each_person_alone(engine, ref):
    """rank_all_profiles indexes and text-matches people together: same results, exclusions
    included, as one person at a time."""
    from matching.synthetic import Synthetic

    synthetic = Synthetic(ref, seed=7, today=engine.today,
                          everyday_codes=("K2204", "K2205", "G1602", "N1103", "J1301"))
    people = synthetic.profiles(40) + [profile(id="P-titles", target_titles=("Plongeur", "Agent d'entretien")),
                                       profile(id="P-none", target_rome_codes=(), target_titles=("Serveur",))]
    offers = engine.offer_pool(synthetic.offers(120))
    together = engine.rank_all_profiles(people, offers, top=5, explain=True)
    alone = [engine.rank_offers(p, offers, top=5, explain=True)
             for p in sorted(people, key=lambda p: p.id)]
    assert together == alone
    assert sum(len(r.matches) for r in together) > 0


def test_offers_for_every_profile_ranked_offer_by_offer_equal_each_person_alone(engine, ref):
    """Without explain, rank_all_profiles scores the pairs offer by offer (the cost of the
    offers direction) and gives what rank_offers gives for each person: matches, reasons,
    candidates and exclusion counts."""
    from matching.synthetic import Synthetic

    synthetic = Synthetic(ref, seed=11, today=engine.today,
                          everyday_codes=("K2204", "K2205", "G1602", "N1103", "J1301"))
    people = synthetic.profiles(60) + [profile(id="P-titles", target_titles=("Plongeur", "Agent d'entretien")),
                                       profile(id="P-none", target_rome_codes=(), target_titles=("Serveur",))]
    offers = engine.offer_pool(synthetic.offers(300))
    # 62 people: offer by offer; 5 (an AE's few people against many offers): person by person
    for group in (people, people[-5:]):
        for top in (0, 3, 20):
            together = engine.rank_all_profiles(group, offers, top=top)
            alone = [engine.rank_offers(p, offers, top=top)
                     for p in sorted(group, key=lambda p: p.id)]
            assert together == alone
        assert sum(len(r.matches) for r in together) > 0
        assert sum(r.excluded_count for r in together) > 0


def test_offers_for_every_profile_built_a_chunk_of_people_at_a_time_equal_the_whole(engine,
                                                                                  ref):
    """The offer-by-offer pass hands its results out a chunk of people at a time, each chunk's
    matches built when it is asked for: in id order, they add up to rank_all_profiles."""
    from matching.synthetic import Synthetic
    from matching.transposed import offers_for_all_in_chunks

    synthetic = Synthetic(ref, seed=12, today=engine.today,
                          everyday_codes=("K2204", "K2205", "G1602", "N1103", "J1301"))
    people = synthetic.profiles(70)
    offers = engine.offer_pool(synthetic.offers(200))
    whole = engine.rank_all_profiles(people, offers, top=4)
    chunks = list(offers_for_all_in_chunks(engine.settings(), offers,
                                           engine.profile_pool(people), 4, people=16))
    assert [len(chunk) for chunk in chunks] == [16, 16, 16, 16, 6]
    assert [result for chunk in chunks for result in chunk] == whole
    assert sum(len(r.matches) for r in whole) > 100


def test_arles_postal_codes_place_people_and_jobs_in_their_village(engine, ref):
    # Issue 14: Arles covers 755 km²; its villages have their own postal codes.
    walker = profile(commune="13004", postal_code="13200", mobility=Mobility(("walk",), 30, None))
    in_town = rank(engine, offer(commune="13004", postal_code="13200"), [walker], explain=True)
    assert [m.profile_id for m in in_town.matches] == [walker.id]
    # Salin-de-Giraud is some 30 km from the town: a walker of the town cannot get there ...
    salin = rank(engine, offer(commune="13004", postal_code="13129"), [walker], explain=True)
    assert not salin.matches and salin.excluded[0].categories == ("travel",)
    # ... while a walker whose village is unknown keeps the town-centre estimate of Arles.
    unknown = profile(commune="13004", mobility=Mobility(("walk",), 30, None))
    kept = rank(engine, offer(commune="13004", postal_code="13129"), [unknown], explain=True)
    assert [m.profile_id for m in kept.matches] == [unknown.id]
    # A postal code without a finer place (Marseille's) is the commune itself.
    assert ref.place("13201", "13001") == ref.commune_index["13201"]
    km, _ = ref.trip("13004", "13004")
    assert ref.place("13004", "13129") != ref.commune_index["13004"]
    assert ref.km_to[ref.place("13004", "13129"), ref.commune_index["13004"]] == pytest.approx(km)
