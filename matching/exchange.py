"""Offers and profiles of the JSON exchange format, as validated frozen dataclasses."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from matching.gc_pause import collector_paused
from matching.validation import Fields, KnownCodes, Problem, RecordError, shown

__all__ = [
    "Availability", "Employer", "FileError", "Mobility", "Offer", "Profile", "RecordError",
    "Schedule", "load_offers_file", "load_profiles_file", "offer_from_dict", "offer_to_dict",
    "profile_from_dict", "profile_to_dict",
]

SCHEDULE_FLAGS = ("night", "weekend", "early_morning", "split_shift")
CONTRACTS = ("CDI", "CDD", "MIS", "SAI", "ALT", "PEC", "IAE", "CLAUSE", "PMSMP")
MODES = ("walk", "bike", "public_transport", "car", "carpool", "two_wheeler")
PARCOURS = ("emploi", "socio_pro", "remobilisation")
MAX_HOURS_PER_WEEK = 48  # legal weekly maximum (Code du travail L3121-20)
MAX_TARGET_CODES = 5
MAX_TRAVEL_MINUTES = 240
MAX_TRAVEL_KM = 300
MAX_EXPERIENCE_MONTHS = 600


@dataclass(frozen=True)
class Schedule:
    """Working-time patterns an offer requires."""

    night: bool = False
    weekend: bool = False
    early_morning: bool = False
    split_shift: bool = False


@dataclass(frozen=True)
class Employer:
    """The employer named on an offer."""

    name: str | None = None
    siret: str | None = None


@dataclass(frozen=True)
class Offer:
    """A job offer (or an immersion when contract is PMSMP)."""

    id: str
    title: str
    commune: str
    rome_code: str | None = None
    contract: str | None = None
    hours_per_week: float | None = None
    schedule: Schedule = Schedule()
    requires_driving_licence: bool = False
    requires_vehicle: bool = False
    start_date: date | None = None
    positions: int | None = None
    immersion_possible: bool = False
    employer: Employer | None = None
    postal_code: str | None = None  # a finer place than the commune when one is known


@dataclass(frozen=True)
class Mobility:
    """How a person can travel and how long they accept to travel (one way)."""

    modes: tuple[str, ...] = ()
    max_minutes: int | None = None
    max_km: float | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "modes", tuple(self.modes))


@dataclass(frozen=True)
class Availability:
    """Hours a person wants and the working-time patterns they accept."""

    min_hours_per_week: float | None = None
    max_hours_per_week: float | None = None
    night: bool = False
    weekend: bool = False
    early_morning: bool = False
    split_shift: bool = False


@dataclass(frozen=True)
class Profile:
    """A beneficiary as matching sees them: no name, age, sex, nationality or health detail."""

    id: str
    commune: str
    target_rome_codes: tuple[str, ...] = ()
    target_titles: tuple[str, ...] = ()
    experience_months: tuple[tuple[str, int], ...] = field(default=())
    mobility: Mobility = Mobility()
    driving_licence: bool = False
    vehicle: bool = False
    availability: Availability = Availability()
    childcare_constraint: bool = False
    available_from: date | None = None
    parcours: str | None = None
    consent_promotion: bool = False
    postal_code: str | None = None  # a finer place than the commune when one is known

    def __post_init__(self) -> None:
        object.__setattr__(self, "target_rome_codes", tuple(self.target_rome_codes))
        object.__setattr__(self, "target_titles", tuple(self.target_titles))
        months = self.experience_months
        pairs = months.items() if isinstance(months, Mapping) else months
        object.__setattr__(self, "experience_months", tuple(sorted(pairs)))

    def months_in(self, rome_code: str) -> int:
        """Months of experience declared for one ROME code (0 when none)."""
        return dict(self.experience_months).get(rome_code, 0)


def offer_from_dict(data: Any, referential: KnownCodes | None = None) -> Offer:
    """Validate one exchange-format offer; raise RecordError listing every bad field."""
    if not isinstance(data, Mapping):
        raise RecordError("(enregistrement)", "doit être un objet JSON")
    problems: list[Problem] = []
    f = Fields(data, problems)
    rome = f.data.get("rome_code")
    sched = f.nested("schedule")
    emp = f.nested("employer")
    offer = Offer(
        id=f.text("id", required=True) or "",
        title=f.text("title", required=True) or "",
        commune=f.commune("commune", referential) or "",
        rome_code=None if rome is None else f.rome_code("rome_code", rome, referential),
        contract=f.choice("contract", CONTRACTS),
        hours_per_week=f.number("hours_per_week", 1, MAX_HOURS_PER_WEEK),
        schedule=Schedule(**{flag: sched.boolean(flag) for flag in SCHEDULE_FLAGS}),
        requires_driving_licence=f.boolean("requires_driving_licence"),
        requires_vehicle=f.boolean("requires_vehicle"),
        start_date=f.day("start_date"),
        positions=f.number("positions", 1, 10_000, integer=True),
        immersion_possible=f.boolean("immersion_possible"),
        employer=Employer(emp.text("name"), _siret(emp)) if f.present("employer") else None,
        postal_code=_postal_code(f),
    )
    if problems:
        raise RecordError.from_problems(problems)
    return offer


def _postal_code(f: Fields) -> str | None:
    """The optional `postal_code`: five digits (a finer place than the commune)."""
    value = f.text("postal_code")
    if value is not None and not (value.isdigit() and len(value) == 5):
        f.fail("postal_code", f"code postal « {value} » invalide (5 chiffres attendus)")
        return None
    return value


def _siret(emp: Fields) -> str | None:
    value = emp.text("siret")
    if value is None:
        return None
    digits = value.replace(" ", "")
    if not (digits.isdigit() and len(digits) == 14):
        emp.fail("siret", f"SIRET « {value} » invalide (14 chiffres attendus)")
        return None
    return digits


def profile_from_dict(data: Any, referential: KnownCodes | None = None) -> Profile:
    """Validate one exchange-format profile; raise RecordError listing every bad field."""
    if not isinstance(data, Mapping):
        raise RecordError("(enregistrement)", "doit être un objet JSON")
    problems: list[Problem] = []
    f = Fields(data, problems)
    profile_id = f.text("id", required=True) or ""
    commune = f.commune("commune", referential) or ""
    codes = _target_codes(f, referential)
    titles = tuple(t for t in (_title(f, p, v) for p, v in f.items("target_titles", 20)) if t)
    if not data.get("target_rome_codes") and not data.get("target_titles"):
        f.fail("target_rome_codes", "au moins un code ROME visé (target_rome_codes) "
                                    "ou un métier visé (target_titles) est obligatoire")
    profile = Profile(
        id=profile_id,
        commune=commune,
        target_rome_codes=codes,
        target_titles=titles,
        experience_months=_experience(f.nested("experience_months"), referential),
        mobility=_mobility(f.nested("mobility")),
        driving_licence=f.boolean("driving_licence"),
        vehicle=f.boolean("vehicle"),
        availability=_availability(f.nested("availability")),
        childcare_constraint=f.boolean("childcare_constraint"),
        available_from=f.day("available_from"),
        parcours=f.choice("parcours", PARCOURS),
        consent_promotion=f.boolean("consent_promotion"),
        postal_code=_postal_code(f),
    )
    if problems:
        raise RecordError.from_problems(problems)
    return profile


def _target_codes(f: Fields, referential: KnownCodes | None) -> tuple[str, ...]:
    codes: list[str] = []
    for path, value in f.items("target_rome_codes", MAX_TARGET_CODES):
        code = f.rome_code(path, value, referential)
        if code in codes:
            f.fail(path, f"code ROME « {code} » en double")
        elif code:
            codes.append(code)
    return tuple(codes)


def _title(f: Fields, path: str, value: Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        f.fail(path, "doit être un intitulé de métier non vide")
        return None
    return value.strip()


def _experience(exp: Fields, referential: KnownCodes | None) -> tuple[tuple[str, int], ...]:
    pairs = []
    for code in exp.data:
        months = exp.number(code, 0, MAX_EXPERIENCE_MONTHS, integer=True)
        if exp.rome_code(code, code, referential) and months is not None:
            pairs.append((code, months))
    return tuple(pairs)


def _mobility(mob: Fields) -> Mobility:
    modes: list[str] = []
    for path, value in mob.items("modes", len(MODES)):
        if value not in MODES:
            mob.fail(path, f"mode {shown(value)} inconnu (valeurs admises : {', '.join(MODES)})")
        elif value in modes:
            mob.fail(path, f"mode « {value} » en double")
        else:
            modes.append(value)
    return Mobility(
        modes=tuple(modes),
        max_minutes=mob.number("max_minutes", 1, MAX_TRAVEL_MINUTES, integer=True),
        max_km=mob.number("max_km", 0.1, MAX_TRAVEL_KM),
    )


def _availability(av: Fields) -> Availability:
    low = av.number("min_hours_per_week", 0, MAX_HOURS_PER_WEEK)
    high = av.number("max_hours_per_week", 0, MAX_HOURS_PER_WEEK)
    if low is not None and high is not None and low > high:
        av.fail("max_hours_per_week", f"doit être supérieur ou égal au minimum ({low:g} h)")
    flags = {flag: av.boolean(flag) for flag in SCHEDULE_FLAGS}
    return Availability(min_hours_per_week=low, max_hours_per_week=high, **flags)


def _schedule_dict(record: Schedule | Availability) -> dict[str, bool]:
    return {flag: getattr(record, flag) for flag in SCHEDULE_FLAGS}


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def offer_to_dict(offer: Offer) -> dict[str, Any]:
    """The exchange-format JSON object of an offer."""
    employer = offer.employer
    return {
        "id": offer.id, "title": offer.title, "rome_code": offer.rome_code,
        "commune": offer.commune, "contract": offer.contract,
        "hours_per_week": offer.hours_per_week, "schedule": _schedule_dict(offer.schedule),
        "requires_driving_licence": offer.requires_driving_licence,
        "requires_vehicle": offer.requires_vehicle, "start_date": _iso(offer.start_date),
        "positions": offer.positions, "immersion_possible": offer.immersion_possible,
        "employer": {"name": employer.name, "siret": employer.siret} if employer else None,
        **({"postal_code": offer.postal_code} if offer.postal_code else {}),
    }


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    """The exchange-format JSON object of a profile."""
    mob, av = profile.mobility, profile.availability
    return {
        "id": profile.id, "commune": profile.commune,
        "target_rome_codes": list(profile.target_rome_codes),
        "target_titles": list(profile.target_titles),
        "experience_months": dict(profile.experience_months),
        "mobility": {"modes": list(mob.modes), "max_minutes": mob.max_minutes,
                     "max_km": mob.max_km},
        "driving_licence": profile.driving_licence, "vehicle": profile.vehicle,
        "availability": {"min_hours_per_week": av.min_hours_per_week,
                         "max_hours_per_week": av.max_hours_per_week, **_schedule_dict(av)},
        "childcare_constraint": profile.childcare_constraint,
        "available_from": _iso(profile.available_from), "parcours": profile.parcours,
        "consent_promotion": profile.consent_promotion,
        **({"postal_code": profile.postal_code} if profile.postal_code else {}),
    }


class FileError(ValueError):
    """An exchange file with problems; `lines` has one French line per problem."""

    def __init__(self, lines: list[str]):
        self.lines = tuple(lines)
        super().__init__("\n".join(lines))


Record = TypeVar("Record", Offer, Profile)


def _parse_json(text: str) -> Any:
    """orjson when installed (3 times faster on 20,000 profiles); json for the error message
    (line and column) of a bad file, and without orjson."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - orjson is a dependency
        return json.loads(text)
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)  # raises json.JSONDecodeError with line and column


def _load_records(path: str | Path, key: str,
                  parse: Callable[[Any, KnownCodes | None], Record],
                  referential: KnownCodes | None,
                  plain: Callable[[Any], Record | None] | None = None) -> list[Record]:
    """Every record of the file, each through `plain` (the plainly valid ones, fast) and
    otherwise `parse` (the rules and their French messages)."""
    name = str(path)
    try:
        document = _parse_json(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise FileError([f"{name}: fichier illisible ({exc.strerror or exc})"]) from None
    except UnicodeDecodeError:
        raise FileError([f"{name}: fichier illisible (encodage UTF-8 attendu)"]) from None
    except json.JSONDecodeError as exc:
        raise FileError([(f"{name}: JSON invalide ligne {exc.lineno} colonne {exc.colno} "
                         f"({exc.msg})")]) from None
    items = document.get(key) if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise FileError([f"{name}: attendu un objet {{\"{key}\": [...]}} ou une liste"])
    with collector_paused():
        return _records(name, items, parse, referential, plain)


def _records(name: str, items: list[Any], parse: Callable[[Any, KnownCodes | None], Record],
             referential: KnownCodes | None,
             plain: Callable[[Any], Record | None] | None) -> list[Record]:
    records: list[Record] = []
    lines: list[str] = []
    first_index: dict[str, int] = {}
    for index, item in enumerate(items, start=1):
        record = plain(item) if plain is not None else None
        if record is None:
            try:
                record = parse(item, referential)
            except RecordError as exc:
                lines += [f"{_where(name, index, item)} : champ {p.field} : {p.message}"
                          for p in exc.problems]
                continue
        if record.id in first_index:
            lines.append(f"{_where(name, index, item)} : champ id : identifiant « {record.id} » "
                         f"déjà utilisé par l'enregistrement {first_index[record.id]}")
            continue
        first_index[record.id] = index
        records.append(record)
    if lines:
        raise FileError(lines)
    return records


def _where(name: str, index: int, item: Any) -> str:
    raw_id = item.get("id") if isinstance(item, dict) else None
    return f"{name}: enregistrement {index} (id {raw_id if raw_id is not None else '?'})"


def load_offers_file(path: str | Path, referential: KnownCodes | None = None) -> list[Offer]:
    """Read `{"offers": [...]}` or a bare list; raise FileError listing every problem."""
    return _load_records(path, "offers", offer_from_dict, referential)


def load_profiles_file(path: str | Path,
                       referential: KnownCodes | None = None) -> list[Profile]:
    """Read `{"profiles": [...]}` or a bare list; raise FileError listing every problem."""
    from matching.plain_records import PlainReader  # it imports this module's records

    return _load_records(path, "profiles", profile_from_dict, referential,
                         PlainReader(referential).profile)
