from django import forms

from sora.text import MultiLineTextField, SingleLineTextField

from .models import PREFERENCES_MAX_LENGTH, Cameo


class CameoSettingsForm(forms.ModelForm):
    class Meta:
        model = Cameo
        fields = ["enabled", "tier", "preferences", "voice"]
        field_classes = {"preferences": MultiLineTextField}  # sora.text's rule for typed text
        labels = {
            "enabled": "Cameo on",
            "tier": "Who may use my cameo",
            "preferences": "How to show me",
            "voice": "My voice in videos",
        }
        widgets = {
            "tier": forms.RadioSelect,
            "preferences": forms.Textarea(
                attrs={
                    "rows": 3,
                    "maxlength": PREFERENCES_MAX_LENGTH,
                    "placeholder": "always wearing my red glasses; never in political content",
                }
            ),
        }
        error_messages = {
            "preferences": {
                "max_length": "Keep it under %(limit_value)d characters (it has %(show_value)d).",
            },
            "tier": {"invalid_choice": "Choose who may use your cameo from the list."},
            "voice": {"invalid_choice": "Choose a voice from the list."},
        }


class ApproveUserForm(forms.Form):
    handle = SingleLineTextField(max_length=31, label="Add a person by @handle")
