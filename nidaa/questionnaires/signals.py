"""What the questionnaires app announces to the apps above it, which it does not import."""

from django.dispatch import Signal

# Sent once an import of responses (a KoboToolbox export) is committed, with
# ``mission_id``: the reports app tabulates the mission's results in the task
# queue, so that the first view of the results page finds them in the cache.
responses_imported = Signal()
