"""Rewrite every call's search document: after editing
nidaa/data/search-synonyms.json or the territories, or after an upgrade that
changes what a search document holds (issue 12: places' provinces and regions,
the sector's words in three languages)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from nidaa.calls.fulltext import refresh_search_document
from nidaa.calls.models import Call


class Command(BaseCommand):
    help = "Rewrite the search document of every call (after editing the search vocabulary)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        # By id, a batch at a time: the texts of 100,000 calls do not fit in memory at once.
        calls = Call.objects.select_related("organization").order_by("pk")
        for call in calls.iterator(chunk_size=500):
            refresh_search_document(call)
            count += 1
        self.stdout.write(f"{count} calls reindexed")
