"""The registered import kinds (imports.registry): importing this package registers them."""
from . import enforcement_cases  # noqa: F401
from . import push_recipients, townships_grids, users  # noqa: F401
