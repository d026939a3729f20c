"""Accounts (django-allauth) when mail can't be sent: a clear answer, never a 500 or half an account.

allauth sends mail in the middle of its flows: the verification mail is sent after the sign-up has
written the user. The adapter turns a mail server's failure into `MailNotSent`; sign-up runs in
one transaction and is undone by it (the form comes back with what was typed); any other page
that sends mail (password reset, "re-send verification", adding an address) answers a page that
says to try again later.
"""

import logging
import smtplib

from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.views import SignupView
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)

SIGNUP_MAIL_FAILED = (
    "We couldn't send you an email just now, so your account was not created. "
    "Please try again in a few minutes."
)
MAIL_FAILED = "We couldn't send you an email just now. Please try again in a few minutes."


class MailNotSent(Exception):
    """The mail server refused or could not be reached; nothing the user asked for is done."""


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        try:
            super().send_mail(template_prefix, email, context)
        except (OSError, smtplib.SMTPException) as error:  # refused, unreachable, timed out, bad login
            logger.error("Could not send %s to %s: %r", template_prefix, email, error)
            raise MailNotSent(template_prefix) from error

    def send_confirmation_mail(self, request: HttpRequest, emailconfirmation, signup: bool) -> None:
        super().send_confirmation_mail(request, emailconfirmation, signup)
        request.sora_confirmation_sent = True


class HandleSignupView(SignupView):
    """allauth's sign-up, all or nothing: an account exists only if its mail went out."""

    def form_valid(self, form) -> HttpResponse:
        try:
            with transaction.atomic():
                response = super().form_valid(form)
                if settings.ACCOUNT_EMAIL_VERIFICATION != "none" and not getattr(
                    self.request, "sora_confirmation_sent", False
                ):
                    # allauth skips the mail while an earlier one to this address is in its
                    # cooldown (3 minutes), even when that one failed: no mail, no account.
                    raise MailNotSent("account/email/email_confirmation_signup")
                return response
        except MailNotSent:
            # The user row is rolled back; the session that signed them in must go too, and so
            # must the "signed in" messages the flow queued.
            logout(self.request)
            list(messages.get_messages(self.request))
            form.add_error(None, SIGNUP_MAIL_FAILED)
            return self.form_invalid(form)


class MailNotSentMiddleware:
    """Any other account page whose mail failed answers 503 with a page that says so."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, MailNotSent):
            return None
        return render(request, "account/mail_failed.html", {"message": MAIL_FAILED}, status=503)
