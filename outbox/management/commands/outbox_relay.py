from django.core.management.base import BaseCommand

from outbox.services import relay


class Command(BaseCommand):
    help = "Publish the pending outbox rows to the Celery broker (after a Redis outage, without waiting for beat)."

    def handle(self, *args, **options):
        result = relay()
        self.stdout.write(f"sent {result['sent']}, still pending {result['pending']}")
