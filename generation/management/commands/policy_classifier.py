"""Fit the prompt policy's classifier and ship it (generation/policy_classifier.npz).

Run after `policy_tune` or after editing generation/policy_examples*.py, in `make test`'s
environment (scikit-learn is in both). Without a current shipped fit, each fresh install fits
its own on its first prompt (about half a minute on two cores) and keeps it in SORA_CACHE_DIR;
tests/test_moderation.py fails while the shipped one is out of date."""

from django.core.management.base import BaseCommand

from generation.moderation import classifier_ship


class Command(BaseCommand):
    help = "Fit the prompt policy's classifier on the examples and write generation/policy_classifier.npz."

    def handle(self, *args, **options) -> None:
        path = classifier_ship()
        self.stdout.write(f"{path}: written")
