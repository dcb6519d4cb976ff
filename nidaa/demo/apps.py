from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data for ``make run``: it fills every app, so it sits above them all."""

    name = "nidaa.demo"
    label = "demo"
    verbose_name = "Demo"
