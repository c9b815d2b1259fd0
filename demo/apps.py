from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo court (`manage.py seed_demo`): Wannian County's 2024, built through every app's services. No models
    of its own; nothing imports it but its command and the tests."""

    name = "demo"
    verbose_name = "演示法院"
