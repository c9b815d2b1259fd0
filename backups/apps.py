from django.apps import AppConfig


class BackupsConfig(AppConfig):
    """`manage.py backup` / `manage.py restore`: the database and the uploaded files, together, verified. No models."""

    name = "backups"
    verbose_name = "备份与恢复"
