"""The pushes app's domain signal: what it announces to the apps above it, which subscribe in their
AppConfig.ready (pushes never imports them). Sent explicitly by the owning service, never from a model save."""
from django.dispatch import Signal

# Sent by services.feedback_review inside its transaction, after the review is saved: sender=PushFeedback,
# feedback=the reviewed PushFeedback, first_review=True the first time it is reviewed. Clearance turns an
# effective lead on a 终本 case into a resume trigger (clearance/signals.py).
feedback_reviewed = Signal()
