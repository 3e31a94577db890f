from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField
from wtforms.validators import InputRequired, NumberRange

from webapp.core.forms import FrenchMeta

WEIGHT_HELP = "De 0 à 100. Seules les proportions comptent : le total est ramené à 100."


def _weight(label: str) -> IntegerField:
    return IntegerField(label, description=WEIGHT_HELP, validators=[
        InputRequired("Indiquez un poids."), NumberRange(0, 100, "Un poids va de 0 à 100."),
    ])


class WeightsForm(FlaskForm):
    class Meta(FrenchMeta):
        pass

    job = _weight("Métier visé")
    reach = _weight("Trajet")
    hours = _weight("Heures par semaine")
    availability = _weight("Date de disponibilité")
    sample_offer = SelectField("Offre d'exemple pour l'aperçu", coerce=int, validate_choice=False)
    version = HiddenField()

    def values(self) -> dict[str, float]:
        return {name: float(getattr(self, name).data) for name in ("job", "reach", "hours", "availability")}
