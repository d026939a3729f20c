"""The steer box's text, read into phrases: "more cooking, fewer pranks" -> (["cooking"], ["pranks"]).

feed.services.steer_set embeds the phrases; feed.ranking scores posts by their meaning.
"""

from __future__ import annotations

import re

STEER_MAX_LENGTH = 200
STEER_MAX_PHRASES = 8


class SteerParseError(ValueError):
    """Text the steer box cannot make sense of; its message is shown to the user."""


_CLAUSES = re.compile(r"\s*(?:[,;.!\n]|\band\b|\bbut\b|\bplus\b|&)\s*", re.IGNORECASE)
_MORE = re.compile(r"^(?:show me |i want |give me )?(?:more|lots of|plenty of)\b(?:\s+of)?\s*", re.I)
_LESS = re.compile(
    r"^(?:show me |i want |give me )?(?:less|fewer|no more|no|not|without|stop showing|"
    r"don'?t show(?: me)?|hide|skip)\b(?:\s+of)?\s*",
    re.IGNORECASE,
)


def steer_parse(text: str) -> tuple[list[str], list[str]]:
    """Phrases to see more of and less of. A phrase without a lead word continues the one
    before it ("more cooking and baking": both more); the first one means "more".

    Raises SteerParseError with a message for the user when nothing usable is there.
    """
    text = (text or "").strip()
    if len(text) > STEER_MAX_LENGTH:
        raise SteerParseError(f"Keep it under {STEER_MAX_LENGTH} characters (this is {len(text)}).")
    more: list[str] = []
    less: list[str] = []
    current = more
    for clause in _CLAUSES.split(text):
        clause = clause.strip(" '\"-")
        if not clause:
            continue
        lead = ""
        if match := _LESS.match(clause):
            current, lead, clause = less, match.group(0).strip(), clause[match.end() :]
        elif match := _MORE.match(clause):
            current, lead, clause = more, match.group(0).strip(), clause[match.end() :]
        clause = clause.strip(" '\"-")
        if not re.search(r"\w", clause):
            if lead:
                raise SteerParseError(f'Say what after "{lead}", e.g. "{lead} cooking".')
            raise SteerParseError('Say what you want more or less of, e.g. "more cooking, fewer pranks".')
        if clause.lower() not in (p.lower() for p in current):
            current.append(clause)
    if text and not more and not less:
        raise SteerParseError('Say what you want more or less of, e.g. "more cooking, fewer pranks".')
    if len(more) + len(less) > STEER_MAX_PHRASES:
        raise SteerParseError(f"That's a lot at once: name up to {STEER_MAX_PHRASES} things.")
    return more, less
