from django.core.validators import MaxLengthValidator, RegexValidator

# The username is the public @handle: short, URL-safe, unambiguous when typed after "@".
# allauth validates before it lowercases (ACCOUNT_PRESERVE_USERNAME_CASING = False), so capitals
# pass here and are stored lowercase.
HANDLE_VALIDATORS = [
    RegexValidator(
        r"^[A-Za-z0-9_]+\Z",
        "A handle may use letters, digits and underscores only.",
        code="invalid_handle",
    ),
    MaxLengthValidator(30, "A handle has at most 30 characters."),
]
