from allauth.account.forms import SignupForm


class HandleSignupForm(SignupForm):
    """allauth's sign-up, with the username presented as what it is here: the public @handle."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = "Handle"
        field.help_text = "Your public @handle: 3–30 letters, digits or underscores."
        field.widget.attrs.update(placeholder="e.g. maya_makes", autocapitalize="none", spellcheck="false")
