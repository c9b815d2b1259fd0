"""Names the API schema gives the imports app's choice sets (SPECTACULAR_SETTINGS ENUM_NAME_OVERRIDES takes module-level
names only; ImportJob.Status is nested in its model)."""
from .models import ImportJob

ImportJobStatus = ImportJob.Status
