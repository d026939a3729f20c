from django import forms

from sora.text import MultiLineTextField

from .models import PROMPT_MAX_LENGTH, Job


class JobForm(forms.ModelForm):
    class Meta:
        model = Job
        fields = ["prompt", "duration", "orientation"]
        # sora.text: control characters refused, text with nothing visible in it is empty.
        field_classes = {"prompt": MultiLineTextField}
        widgets = {
            "prompt": forms.Textarea(
                attrs={
                    "rows": 4,
                    "data-max-length": PROMPT_MAX_LENGTH,  # the counter's limit (static/js/create.js)
                    "aria-describedby": "prompt-count",
                    "dir": "auto",  # a right-to-left prompt reads right to left
                    "placeholder": 'A corgi surfs a huge wave at sunset, then says "best day ever!"',
                    "autofocus": True,
                    "data-prompt": True,  # where a cameo chip puts its @handle (static/js/create.js)
                }
            ),
            "duration": forms.RadioSelect,
            "orientation": forms.RadioSelect,
        }
        error_messages = {
            "prompt": {
                "required": "Describe the video you want: the prompt is empty.",
                "max_length": "Keep the prompt under %(limit_value)d characters (it has %(show_value)d).",
            },
            "duration": {
                "required": "Pick a length: 5, 10 or 15 seconds.",
                "invalid_choice": "Pick a length of 5, 10 or 15 seconds.",
            },
            "orientation": {
                "required": "Pick portrait or landscape.",
                "invalid_choice": "Pick portrait (9:16) or landscape (16:9).",
            },
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # No maxlength on the textarea: the browser would cut a long paste without a word. The counter
        # shows the limit, and the form refuses a longer prompt with a message, keeping the text.
        self.fields["prompt"].widget.attrs.pop("maxlength", None)
