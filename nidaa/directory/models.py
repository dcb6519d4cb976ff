from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TerritoryKind(models.TextChoices):
    REGION = "region", _("Region")
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")
    COMMUNE = "commune", _("Commune")


class Territory(models.Model):
    """One of Morocco's territorial divisions (reference data from
    ``nidaa/data/territories.json``): a region, a province or prefecture, or a
    commune, each under its parent."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=TerritoryKind.choices, db_index=True)
    name_fr = models.CharField(_("name in French"), max_length=150)
    name_ar = models.CharField(_("name in Arabic"), max_length=150)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["kind", "name_fr"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_ar if (get_language() or "").startswith("ar") and self.name_ar else self.name_fr
