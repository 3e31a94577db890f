from wtforms import Form, StringField
from wtforms.validators import Optional

from webapp.core.dates import DateField
from webapp.core.forms import FrenchMeta


class AccessLogFilterForm(Form):
    """The audit page's filters, read from the query string so that the URL keeps them."""

    class Meta(FrenchMeta):
        pass

    user = StringField("Utilisateur", description="Une partie du nom ou de l'adresse e-mail.")
    reference = StringField("Profil", description="Référence de la plateforme ou du dossier.")
    start = DateField("Du", validators=[Optional()])
    end = DateField("Au", validators=[Optional()])
