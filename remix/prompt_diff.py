"""What a remix changed in its parent's prompt, word by word, as markup for the lineage page.

A remix usually starts from its parent's prompt (the remix form fills it in), so without the
change marked a remix reads like its original.
"""

from difflib import SequenceMatcher

from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString


def prompt_diff(*, parent: str, prompt: str) -> SafeString:
    """`prompt`, with the words it added to `parent` in <ins> and the words it dropped in <del>.

    Words are compared whole and exactly (whitespace runs count as one space). Every word is
    escaped: the markup is only the tags added here.
    """
    old, new = parent.split(), prompt.split()
    # autojunk would treat words repeated in a long prompt (over 200 words) as noise.
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    pieces = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(conditional_escape(" ".join(new[j1:j2])))
            continue
        if i2 > i1:  # "delete" or "replace"
            pieces.append(format_html("<del>{}</del>", " ".join(old[i1:i2])))
        if j2 > j1:  # "insert" or "replace"
            pieces.append(format_html("<ins>{}</ins>", " ".join(new[j1:j2])))
    return format_html_join(" ", "{}", ((piece,) for piece in pieces))
