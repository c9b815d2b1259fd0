"""An action card of a record's page (a preservation, an asset): its title, form, button and help."""
from dataclasses import dataclass


@dataclass
class Card:
    name: str
    title: str
    form_class: type
    submit: str
    help: str = ""
