"""Reference data: ROME codes, job terms, NAF codes, communes and the pôles d'insertion."""

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db


class RomeDomain(db.Model):
    """A grand domaine (one letter) or a domaine professionnel (three characters)."""

    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    label: Mapped[str] = mapped_column(String(200))


class RomeCode(db.Model):
    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    label: Mapped[str] = mapped_column(String(250))

    @property
    def domain_code(self) -> str:
        return self.code[:3]

    @property
    def grand_domain_code(self) -> str:
        return self.code[:1]


class JobTerm(db.Model):
    """A searchable name for a job: a ROME label, one of its gendered forms, or a synonym."""

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(String(250))
    kind: Mapped[str] = mapped_column(String(20))
    rome_code: Mapped[str] = mapped_column(ForeignKey("rome_code.code"), index=True)


class Naf(db.Model):
    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    label: Mapped[str] = mapped_column(String(250))


class NafRome(db.Model):
    """Which ROME jobs a NAF division (two digits) typically employs."""

    naf_division: Mapped[str] = mapped_column(String(2), primary_key=True)
    rome_code: Mapped[str] = mapped_column(ForeignKey("rome_code.code"), primary_key=True)


class Pole(db.Model):
    """One of the 10 pôles d'insertion of the Bouches-du-Rhône: the platform's territories."""

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(4), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    territory: Mapped[str] = mapped_column(String(250), default="")

    communes: Mapped[list["Commune"]] = relationship(back_populates="pole")


class Commune(db.Model):
    """A commune or a Marseille arrondissement, with its centroid."""

    insee: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="commune")
    parent_insee: Mapped[str | None] = mapped_column(String(5))
    departement: Mapped[str] = mapped_column(String(3), index=True)
    postal_codes: Mapped[str] = mapped_column(String(120), default="")
    population: Mapped[int] = mapped_column(Integer, default=0)
    area_km2: Mapped[float] = mapped_column(Float, default=0.0)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    pole_id: Mapped[int | None] = mapped_column(ForeignKey("pole.id"), index=True)

    pole: Mapped[Pole | None] = relationship(back_populates="communes")

    @property
    def display_name(self) -> str:
        return commune_display_name(self.name, self.postal_codes)


def commune_display_name(name: str, postal_codes: str | None) -> str:
    """« Aubagne (13400) »: a commune's name and its first postal code, when it has one (the
    rule of `Commune.display_name`, for the lists that read the two columns only)."""
    first_postal_code = postal_codes.split(" ")[0] if postal_codes else ""
    return f"{name} ({first_postal_code})" if first_postal_code else name
