from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Province-scale data for benchmarks and load tests (`manage.py seed_scale`). No models of its own."""

    name = "scale"
    verbose_name = "规模测试数据"
