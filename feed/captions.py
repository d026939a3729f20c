"""WebVTT captions from what the audio engine said and when (the job's render_info["spoken"]).

The preview pipeline burns subtitles into the frames as well; a text track still matters: screen
readers read it, players can restyle it, and a muted autoplaying feed can show it on demand.
"""

from generation.models import Job


def _timestamp(seconds: float) -> str:
    millis = max(0, round(seconds * 1000))
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    # WebVTT cue text is markup: '<' and '&' must be escaped, and a blank line would end the cue
    # ("-->" inside the text would start a bogus timing line).
    text = " ".join(str(text).split())
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def captions_vtt(job: Job) -> str:
    """A valid WebVTT file; just the header when nothing was spoken (or the record is missing)."""
    lines = ["WEBVTT", ""]
    spoken = (job.render_info or {}).get("spoken") or []
    cues = []
    for line in spoken:
        try:
            start, end, text = float(line["start"]), float(line["end"]), _cue_text(line["text"])
        except (KeyError, TypeError, ValueError):
            continue  # an older or hand-edited record: skip the line rather than fail the track
        if text and end > start:
            cues.append((start, end, text))
    for number, (start, end, text) in enumerate(sorted(cues), start=1):
        lines += [str(number), f"{_timestamp(start)} --> {_timestamp(end)}", text, ""]
    return "\n".join(lines) + ("\n" if not cues else "")
