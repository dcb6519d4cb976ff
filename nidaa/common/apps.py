from django.apps import AppConfig


class CommonConfig(AppConfig):
    name = "nidaa.common"
    label = "common"
    verbose_name = "Nidaa"
