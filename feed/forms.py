import io

from allauth.account.forms import SignupForm
from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image, ImageOps

from sora.text import MultiLineTextField, SingleLineTextField

from .models import Profile


class HandleSignupForm(SignupForm):
    """allauth's sign-up, with the username presented as what it is here: the public @handle."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.label = "Handle"
        field.help_text = "Your public @handle: 3–30 letters, digits or underscores."
        field.widget.attrs.update(placeholder="e.g. maya_makes", autocapitalize="none", spellcheck="false")


# --- Profile (helper C) ---------------------------------------------------------------------------

AVATAR_MAX_BYTES = 5 * 1024 * 1024
AVATAR_MAX_PIXELS = 40_000_000  # a 5 MB PNG can still decode to gigabytes; refuse before decoding
AVATAR_SIZE = 256
AVATAR_FORMATS = {"PNG", "JPEG", "WEBP"}


def avatar_normalise(upload) -> ContentFile:
    """The upload re-drawn as a 256 px square WebP, so no huge or crafted file is ever stored.

    Raises ValidationError, in words for the user, for anything that is not a sane image.
    """
    if upload.size > AVATAR_MAX_BYTES:
        raise ValidationError(
            f"That image is too large: at most {AVATAR_MAX_BYTES // (1024 * 1024)} MB, please."
        )
    try:
        with Image.open(upload) as image:
            if image.format not in AVATAR_FORMATS:
                raise ValidationError("Use a PNG, JPEG or WebP image.")
            if image.width * image.height > AVATAR_MAX_PIXELS:
                raise ValidationError("That image has too many pixels; use a smaller one.")
            image.load()  # decode everything now: a truncated or corrupt file fails here
            image = ImageOps.exif_transpose(image)
            mode = "RGBA" if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info else "RGB"
            image = ImageOps.fit(image.convert(mode), (AVATAR_SIZE, AVATAR_SIZE), Image.Resampling.LANCZOS)
    except ValidationError:
        raise
    except Exception as exc:  # crafted files make decoders raise anything; each means "bad image"
        raise ValidationError("That file is not an image we can read (PNG, JPEG or WebP).") from exc
    buffer = io.BytesIO()
    image.save(buffer, "WEBP", quality=85)  # re-encoding also drops EXIF (location, camera)
    return ContentFile(buffer.getvalue(), name="avatar.webp")


class ProfileForm(forms.ModelForm):
    # A plain file field: the model's ImageField would accept any format Pillow knows (GIF, BMP,
    # TIFF…) and store the upload as sent; avatar_normalise decides instead.
    avatar = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        help_text="PNG, JPEG or WebP, at most 5 MB; it is cropped to a square.",
    )

    class Meta:
        model = Profile
        fields = ["display_name", "bio", "avatar"]
        # sora.text: control characters refused, spaces collapsed in the name, invisible-only is empty.
        field_classes = {"display_name": SingleLineTextField, "bio": MultiLineTextField}
        labels = {"display_name": "Display name"}
        help_texts = {
            "display_name": "Shown beside your @handle; up to 60 characters.",
            "bio": "Up to 300 characters.",
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 4, "maxlength": 300})}

    def clean_avatar(self):
        """A normalised ContentFile for a new upload, False to remove, None to keep the current one."""
        avatar = self.cleaned_data.get("avatar")
        if avatar is False:
            return False
        if avatar is None or avatar == self.instance.avatar:
            return None
        return avatar_normalise(avatar)


# --- Your data (issue 20) --------------------------------------------------------------------------

WRONG_PASSWORD = "That is not your password, so nothing was deleted. Type it again."
NO_PASSWORD = (
    "Your account has no password yet, so we can't check it is you. "
    "Set one with “Forgot your password?” on the log-in page, then come back."
)


class AccountDeleteForm(forms.Form):
    """Deleting an account asks for its password: a forgotten open session must not be enough."""

    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.has_usable_password():
            raise ValidationError(NO_PASSWORD)
        if not self.user.check_password(password):
            raise ValidationError(WRONG_PASSWORD)
        return password


# --- Verify a video -----------------------------------------------------------------------------

VERIFY_MAX_BYTES = 200 * 1024 * 1024
VERIFY_TOO_LARGE = f"A video to verify may be at most {VERIFY_MAX_BYTES // 2**20} MB."


class VerifyForm(forms.Form):
    video = forms.FileField(
        label="A video file (MP4)",
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/quicktime,.mp4,.m4v,.mov"}),
        error_messages={"required": "Choose a video file first."},
    )

    def clean_video(self):
        video = self.cleaned_data["video"]
        if video.size > VERIFY_MAX_BYTES:
            raise forms.ValidationError(f"That file is {video.size / 2**20:.0f} MB. {VERIFY_TOO_LARGE}")
        if video.size == 0:
            raise forms.ValidationError("That file is empty. Choose another one.")
        return video
