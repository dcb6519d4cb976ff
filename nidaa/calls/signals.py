"""What the calls app announces to the apps above it, which it does not import."""

from django.dispatch import Signal

# Sent once the extension of a published call's deadline is committed, with
# ``call_id``: the applications app tells the applicants whose application is
# still a draft.
deadline_extended = Signal()

# Sent once the cancellation of a call that was public is committed, with
# ``call_id``: the applications app tells everyone who applied or holds a draft.
call_cancelled = Signal()
