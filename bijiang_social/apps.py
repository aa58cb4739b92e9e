from django.apps import AppConfig


class SiteConfig(AppConfig):
    name = "bijiang_social"
    verbose_name = "站点内容与概览"
