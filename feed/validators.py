from django.core.validators import MaxLengthValidator, RegexValidator

# The username is the public @handle: short, URL-safe, unambiguous when typed after "@".
HANDLE_VALIDATORS = [
    RegexValidator(
        r"^[a-z0-9_]+\Z",
        "A handle may use lowercase letters, digits and underscores only.",
        code="invalid_handle",
    ),
    MaxLengthValidator(30, "A handle has at most 30 characters."),
]
