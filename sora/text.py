"""One rule for the text people type, wherever it enters: forms, views that read a POST field
themselves, services, the admin and `generate_batch`.

- NUL and the other control characters are refused, with a message that says so: they draw
  nothing, mean nothing in a prompt or a comment, and PostgreSQL can't store a NUL at all (the
  request would end in a 500). Text that may have several lines keeps its line breaks (CRLF and
  CR become LF, as browsers count them) and tabs; in one-line text, every run of whitespace
  becomes one space.
- Text with nothing visible in it counts as empty: whitespace, format characters (Unicode
  category Cf: zero-width space and joiners, word joiner, BOM, bidi marks, tags) and the other
  default-ignorable code points (fillers, variation selectors). Within visible text they stay:
  joiners build emoji sequences and the words of some scripts.

Apps use this module rather than feed's validators because `generation` may import no app.
"""

import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError

# Control characters (C0 and C1, DEL) except tab, line feed and carriage return, which each kind
# of text treats as whitespace; and lone surrogates, which no database encoding can store.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")

# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties) outside category Cf.
_IGNORABLE = frozenset(
    [0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0]
    + [*range(0x180B, 0x1810), *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
)


def _invisible(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Cf" or ord(char) in _IGNORABLE


def text_is_blank(value: str) -> bool:
    """Whether nothing in `value` would show: only whitespace and invisible characters, or nothing."""
    return all(_invisible(char) for char in value)


def text_clean(value: str, *, multiline: bool) -> str:
    """`value` as it is stored: line breaks as LF and ends trimmed (multi-line), or whitespace runs
    as single spaces (one line); "" when nothing visible is left.

    Raises ValidationError (code "control_character"), in words for the user, for a control
    character.
    """
    if multiline:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
    found = _CONTROL.search(value)
    if found:
        raise ValidationError(
            "Remove the invisible control character U+%(code)04X from your text "
            "(it may have come along with something you pasted).",
            code="control_character",
            params={"code": ord(found.group())},
        )
    value = value.strip() if multiline else " ".join(value.split())
    return "" if text_is_blank(value) else value


class SingleLineTextField(forms.CharField):
    """A CharField that applies text_clean: a name, a handle, a one-line phrase.

    Text with nothing visible in it is empty, so a required field answers with its "required"
    message. Its own check comes before CharField's NUL check, so its message is the one shown.
    """

    multiline = False

    def to_python(self, value) -> str:
        if value in self.empty_values:
            return self.empty_value
        return text_clean(str(value), multiline=self.multiline) or self.empty_value


class MultiLineTextField(SingleLineTextField):
    """The same for text with line breaks: a prompt, a bio, a reason."""

    multiline = True
