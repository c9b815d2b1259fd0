"""The registered import kinds (imports.registry): importing this package registers them."""
from . import enforcement_cases  # noqa: F401
