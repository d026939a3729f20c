from django import forms

from generation.forms import JobForm


class RemixForm(JobForm):
    strength = forms.FloatField(
        min_value=0.1,
        max_value=0.9,
        initial=0.6,
        label="How far from the original",
        help_text="Subtle keeps the original's motion and look; wild follows your words more "
        "(used by the diffusers engine; the preview engine keeps the original's seed and framing).",
        widget=forms.NumberInput(attrs={"type": "range", "step": "0.1", "min": "0.1", "max": "0.9"}),
        error_messages={
            "min_value": "Pick a strength between subtle (0.1) and wild (0.9).",
            "max_value": "Pick a strength between subtle (0.1) and wild (0.9).",
            "invalid": "Pick a strength between subtle (0.1) and wild (0.9).",
            "required": "Pick how far the remix may go from the original.",
        },
    )
    drop = forms.MultipleChoiceField(required=False, widget=forms.CheckboxSelectMultiple, label="Leave out")

    def __init__(self, *args, droppable: dict[str, str] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.droppable = droppable or {}
        self.fields["drop"].choices = [(handle, f"@{handle}") for handle in self.droppable]
