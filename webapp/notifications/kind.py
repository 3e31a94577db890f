"""What a kind of notification is: its French texts, who receives it, its default choice."""

from dataclasses import dataclass, field

MODES: dict[str, str] = {
    "immediate": "Tout de suite",
    "daily": "Dans le récapitulatif quotidien",
    "weekly": "Dans le récapitulatif hebdomadaire",
    "never": "Jamais par e-mail",
}


@dataclass(frozen=True)
class Kind:
    label: str  # on the preferences page
    subject: str  # str.format()ted with the notification's params
    sentence: str
    roles: tuple[str, ...]
    action: str = "Ouvrir sur Passerelle"
    defaults: dict[str, str] = field(default_factory=dict)  # role -> mode; else immediate
    security: bool = False  # always sent, no unsubscribe link, no preference
    in_app: bool = True
    to_inactive: bool = False  # sent to an account not active yet (an invitation)

    def default_mode(self, roles: set[str]) -> str:
        modes = [self.defaults.get(role, "immediate") for role in roles & set(self.roles)]
        order = list(MODES)
        return min(modes, key=order.index) if modes else "immediate"
