"""The analysis of cameo verification recordings, on real files with the real models.

Clips come from tests/cameo_clips.py: a real face (dlib finds, landmarks and encodes it), a real
voice (espeak, heard by Silero VAD), real H.264/AAC and VP8/Opus files. Each clip is built and
analysed once per module.
"""

import io
import json

import numpy as np
import pytest
from PIL import Image

from cameo import analysis
from cameo.analysis import SAME_PERSON_TOLERANCE, encoding_distance, recording_analyse
from generation.engines.base import Cancelled
from tests import cameo_clips

pytestmark = pytest.mark.nodb

CHECKS = ["container", "face", "same_person", "liveness", "speech"]


@pytest.fixture(scope="module")
def clip_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("cameo-clips")


@pytest.fixture(scope="module")
def analysed(clip_dir):
    """analysed(name, **clip options) -> (path, Analysis), built and analysed once per module."""
    done = {}

    def get(name: str, suffix: str = ".mp4", **options):
        if name not in done:
            path = cameo_clips.clip_verification(clip_dir / f"{name}{suffix}", **options)
            done[name] = (path, recording_analyse(path))
        return done[name]

    return get


@pytest.fixture(scope="module")
def good(analysed):
    return analysed("good")


def by_name(result: analysis.Analysis) -> dict[str, analysis.CheckResult]:
    return {check.name: check for check in result.checks}


# --- a good recording ------------------------------------------------------------------------


def test_a_good_recording_passes_every_check_clearly_and_keeps_its_scores(good):
    _, result = good
    assert [check.name for check in result.checks] == CHECKS
    assert result.passed and result.passed_with_margin and result.failure is None
    checks = by_name(result)
    assert checks["face"].score == 1.0
    assert checks["same_person"].score <= analysis.SAME_PERSON_CLEAR
    assert checks["liveness"].score >= analysis.TURN_CLEAR
    assert checks["speech"].score >= analysis.SPEECH_CLEAR
    assert result.duration == pytest.approx(7.0, abs=0.2)
    assert len(result.encoding) == 128

    scores = json.loads(json.dumps(result.scores()))
    assert list(scores) == CHECKS
    for name, check in checks.items():
        assert scores[name] == {
            "label": check.label, "passed": True, "score": check.score, "limit": check.limit,
            "margin": True, "message": "", "detail": check.detail,
        }  # fmt: skip


def test_the_turn_is_seen_both_ways_and_in_order(good):
    liveness = by_name(good[1])["liveness"]
    assert liveness.detail["left"] >= analysis.TURN_CLEAR
    assert liveness.detail["right"] >= analysis.TURN_CLEAR
    assert liveness.detail["first_turn"] == "left"


def test_a_mirrored_selfie_passes_and_is_the_same_person(good, analysed):
    _, mirrored = analysed("mirrored", mirror=True)
    assert mirrored.passed, mirrored.failure
    assert by_name(mirrored)["liveness"].detail["first_turn"] == "right"
    assert encoding_distance(mirrored.encoding, good[1].encoding) < 0.5


def test_a_browser_webm_without_a_duration_in_its_header_passes(clip_dir, analysed):
    source, _ = analysed("webm", suffix=".webm")
    streamed = cameo_clips.file_streamed(source, clip_dir / "streamed.webm")
    result = recording_analyse(streamed)
    assert result.passed, result.failure
    assert result.duration == pytest.approx(7.0, abs=0.2)
    assert by_name(result)["container"].detail["format"] == "matroska"


def test_a_phone_video_stored_sideways_with_a_rotation_flag_passes_upright(clip_dir, good):
    import face_recognition

    rotated = recording_analyse(cameo_clips.file_rotated(good[0], clip_dir / "rotated.mp4"))
    assert rotated.passed, rotated.failure
    portrait = np.asarray(Image.open(io.BytesIO(rotated.portrait_jpeg)).convert("RGB"))
    assert len(face_recognition.face_locations(portrait)) == 1  # upright, or HOG wouldn't see it


def test_the_portrait_is_a_jpeg_of_the_same_face(good):
    import face_recognition

    _, result = good
    assert result.portrait_jpeg[:3] == b"\xff\xd8\xff"
    image = Image.open(io.BytesIO(result.portrait_jpeg))
    assert image.format == "JPEG"
    assert image.size == (analysis.PORTRAIT_SIZE, analysis.PORTRAIT_SIZE)
    pixels = np.asarray(image.convert("RGB"))
    boxes = face_recognition.face_locations(pixels)
    assert len(boxes) == 1
    top, right, bottom, left = boxes[0]
    assert right - left > analysis.PORTRAIT_SIZE / 4  # the face fills it, with room around
    encoding = face_recognition.face_encodings(pixels, boxes)[0]
    assert encoding_distance(encoding, result.encoding) < 0.5


def test_the_portrait_is_the_most_frontal_frame(good):
    _, result = good
    yaws = by_name(result)["liveness"].detail["yaws"]
    assert min(abs(yaw) for yaw in yaws) < 0.05  # the clip has frontal frames to choose from


# --- who is in it ------------------------------------------------------------------------------


def test_a_different_person_does_not_match_the_astronaut(good, analysed):
    _, other = analysed("other", face_image=cameo_clips.other_face_image())
    assert other.passed, other.failure  # a real, live face in its own right
    assert encoding_distance(other.encoding, good[1].encoding) > SAME_PERSON_TOLERANCE


def test_the_other_face_differs_by_person_not_by_its_blur():
    import face_recognition

    def encoding(image):
        padded = np.pad(image, ((100, 100), (100, 100), (0, 0)), mode="edge")
        boxes = face_recognition.face_locations(padded, number_of_times_to_upsample=1)
        assert len(boxes) == 1
        return face_recognition.face_encodings(padded, boxes)[0]

    astronaut = encoding(cameo_clips.astronaut_head())
    astronaut_blurred = encoding(cameo_clips.astronaut_like_lfw())
    other = encoding(cameo_clips.other_face_image())
    assert encoding_distance(astronaut, astronaut_blurred) < SAME_PERSON_TOLERANCE
    assert encoding_distance(astronaut, other) > SAME_PERSON_TOLERANCE
    assert encoding_distance(astronaut_blurred, other) > SAME_PERSON_TOLERANCE


def test_encoding_distance_is_face_recognitions():
    import face_recognition

    rng = np.random.default_rng(1)
    a, b = rng.normal(0, 0.1, 128), rng.normal(0, 0.1, 128)
    assert encoding_distance(list(a), list(b)) == pytest.approx(face_recognition.face_distance([a], b)[0])


# --- what fails, and why -----------------------------------------------------------------------


def test_a_still_photo_fails_liveness_only(analysed):
    _, result = analysed("still", turn=False)
    checks = by_name(result)
    assert result.failure is checks["liveness"]
    assert checks["liveness"].score < analysis.TURN_MIN
    assert checks["liveness"].message == analysis.MSG_NO_TURN
    assert "didn't turn" in checks["liveness"].message and "photo" in checks["liveness"].message
    assert all(checks[name].passed for name in ["container", "face", "same_person", "speech"])


def test_someone_else_taking_over_halfway_fails_the_same_person_check(analysed):
    _, result = analysed("swap", swap=True)
    checks = by_name(result)
    assert result.failure is checks["same_person"]
    assert checks["same_person"].message == analysis.MSG_NOT_SAME
    assert checks["same_person"].score > SAME_PERSON_TOLERANCE
    assert checks["same_person"].detail["split_frames"] >= 2
    assert checks["face"].passed  # one face in every frame, just not the same one


def test_two_people_fail_the_face_check(analysed):
    _, result = analysed("two", faces=2)
    face = by_name(result)["face"]
    assert result.failure is face
    assert face.message == analysis.MSG_TWO_FACES
    assert face.detail["several_faces"] > face.detail["frames"] / 2


def test_no_face_fails_and_nothing_is_kept(analysed):
    _, result = analysed("noface", faces=0)
    checks = by_name(result)
    assert result.failure is checks["face"]
    assert checks["face"].message == analysis.MSG_NO_FACE and checks["face"].score == 0.0
    assert checks["same_person"].message == checks["liveness"].message == analysis.MSG_FACE_NEEDED
    assert result.encoding is None and result.portrait_jpeg is None
    assert checks["speech"].passed


def test_silence_fails_the_speech_check(analysed):
    _, result = analysed("silent", audio="silence")
    checks = by_name(result)
    assert result.failure is checks["speech"]
    assert checks["speech"].score < analysis.SPEECH_SECONDS
    assert checks["speech"].message == analysis.MSG_SILENT
    assert all(checks[name].passed for name in ["container", "face", "same_person", "liveness"])


@pytest.fixture(scope="module")
def fatal(clip_dir, good):
    """Bad files, each analysed once: name -> Analysis."""
    source = good[0]
    files = {
        "no audio": cameo_clips.clip_verification(clip_dir / "noaudio.mp4", audio="none"),
        "too short": cameo_clips.clip_verification(clip_dir / "short.mp4", seconds=2.0),
        "too long": cameo_clips.clip_verification(clip_dir / "long.mp4", seconds=25.0, size=(320, 240)),
        "truncated": cameo_clips.file_truncated(source, clip_dir / "truncated.mp4"),
        "garbled": cameo_clips.file_garbled(source, clip_dir / "garbled.mp4"),
        "text": cameo_clips.file_not_video(clip_dir / "notes.mp4"),
        "picture": cameo_clips.file_not_video(clip_dir / "photo.mp4", kind="picture"),
        "empty": clip_dir / "empty.mp4",
    }
    files["empty"].write_bytes(b"")
    return {name: recording_analyse(path) for name, path in files.items()}


@pytest.mark.parametrize(
    "name, message",
    [
        ("no audio", analysis.MSG_NO_AUDIO),
        ("truncated", analysis.MSG_DAMAGED),
        ("garbled", analysis.MSG_DAMAGED),
        ("text", analysis.MSG_NOT_VIDEO),
        ("picture", analysis.MSG_PICTURE),
        ("empty", analysis.MSG_EMPTY),
    ],
)
def test_a_bad_file_stops_at_the_container_check_with_its_own_message(fatal, name, message):
    result = fatal[name]
    assert [check.name for check in result.checks] == ["container"]
    assert result.failure.message == message
    assert not result.passed and result.encoding is None and result.portrait_jpeg is None


def test_too_short_and_too_long_say_the_length_and_the_range(fatal):
    short, long = fatal["too short"].failure, fatal["too long"].failure
    assert short.name == long.name == "container"
    assert short.score == pytest.approx(2.0, abs=0.1) and "2.0 seconds" in short.message
    assert long.score == pytest.approx(25.0, abs=0.1) and "25.0 seconds" in long.message
    assert "3 to 20" in short.message and "(3 to 20)" in long.message
    assert short.message != long.message


def test_a_truncated_webm_is_damaged_too(clip_dir, analysed):
    source, _ = analysed("webm", suffix=".webm")
    truncated = recording_analyse(cameo_clips.file_truncated(source, clip_dir / "truncated.webm"))
    assert truncated.failure.message == analysis.MSG_DAMAGED


def test_every_kind_of_bad_input_has_its_own_message(fatal, analysed):
    messages = {name: result.failure.message for name, result in fatal.items()}
    messages.pop("garbled")  # damaged, like "truncated"
    messages.pop("too long")  # the length message, worded apart from "too short"
    messages.update(
        still=by_name(analysed("still", turn=False)[1])["liveness"].message,
        two=by_name(analysed("two", faces=2)[1])["face"].message,
        noface=by_name(analysed("noface", faces=0)[1])["face"].message,
        silent=by_name(analysed("silent", audio="silence")[1])["speech"].message,
        swap=by_name(analysed("swap", swap=True)[1])["same_person"].message,
    )
    assert all(messages.values())
    assert len(set(messages.values())) == len(messages), messages


def test_sound_without_picture_has_its_own_message(clip_dir):
    result = recording_analyse(cameo_clips.file_sound_only(clip_dir / "voice-memo.m4a"))
    assert result.failure.message == analysis.MSG_NO_PICTURE


# The rules below decide between messages; real clips cover the common cases above, these
# cover the rest on made-up measurements.


def looks_with(faces: list[int], yaws: list[float] | None = None) -> list:
    yaws = yaws or [0.0] * len(faces)
    encoding = np.zeros(128)
    return [
        analysis._Look(time=index / 2, faces=count, box=(0, 0, 10, 10) if count else None,
                       encoding=encoding if count else None, yaw=yaw)
        for index, (count, yaw) in enumerate(zip(faces, yaws, strict=True))
    ]  # fmt: skip


def test_a_face_seen_only_part_of_the_time_is_told_to_stay_in_the_picture():
    check = analysis._check_face(looks_with([1] * 6 + [0] * 4))
    assert not check.passed and check.score == 0.6
    assert check.message == analysis.MSG_FACE_LOST


def test_a_turn_one_way_only_is_told_to_turn_both_ways():
    check = analysis._check_liveness(looks_with([1] * 8, [0, 0, -0.3, -0.3, 0, 0, 0.02, 0]))
    assert not check.passed and check.detail["left"] == 0.3
    assert check.message == analysis.MSG_ONE_WAY


def test_a_muted_microphone_is_told_apart_from_a_quiet_user():
    muted = analysis._check_speech(np.zeros(7 * 16_000, dtype=np.float32))
    room = np.random.default_rng(0).normal(0, 0.003, 7 * 16_000).astype(np.float32)
    quiet = analysis._check_speech(room)
    assert muted.message == analysis.MSG_MUTED and quiet.message == analysis.MSG_SILENT
    assert muted.score == quiet.score == 0.0


# --- progress and cancel -----------------------------------------------------------------------


def test_progress_runs_through_the_stages_and_ends_full(good):
    seen = []
    recording_analyse(good[0], on_progress=lambda stage, fraction: seen.append((stage, fraction)))
    stages = list(dict.fromkeys(stage for stage, _ in seen))
    assert stages == [
        analysis.STAGE_FILE,
        analysis.STAGE_FACES,
        analysis.STAGE_VOICE,
        analysis.STAGE_PORTRAIT,
    ]
    fractions = [fraction for _, fraction in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert sum(1 for stage, _ in seen if stage == analysis.STAGE_FACES) >= analysis.MIN_SAMPLES


def test_cancel_stops_between_frames(good):
    seen = []
    with pytest.raises(Cancelled):
        recording_analyse(
            good[0],
            on_progress=lambda stage, fraction: seen.append(stage),
            cancelled=lambda: seen.count(analysis.STAGE_FACES) >= 3,
        )
    assert seen.count(analysis.STAGE_FACES) == 3
    assert analysis.STAGE_VOICE not in seen
