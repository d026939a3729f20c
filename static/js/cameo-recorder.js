// Records the cameo clip in the browser (camera + microphone) and sends it through the same
// upload form that works without JavaScript: the recording becomes the form's file.
(() => {
  const recorder = document.getElementById("recorder");
  const form = document.getElementById("upload-form");
  const input = document.getElementById("id_recording");
  if (!recorder || !form || !input) return;

  const maxBytes = Number(input.dataset.maxBytes);
  const status = document.getElementById("recorder-status");
  const say = (text) => { status.textContent = text; };

  // Refuse an oversized file here too: no point uploading 2 GB to hear "too large".
  form.addEventListener("submit", (event) => {
    const file = input.files[0];
    if (file && file.size > maxBytes) {
      event.preventDefault();
      say(`That file is ${Math.round(file.size / 1e6)} MB; a recording may be at most ${Math.round(maxBytes / 1e6)} MB.`);
    }
  });

  if (!navigator.mediaDevices?.getUserMedia || !window.MediaRecorder) return; // upload only
  recorder.hidden = false;

  const minSeconds = Number(recorder.dataset.minSeconds);
  const maxSeconds = Number(recorder.dataset.maxSeconds);
  const preview = document.getElementById("preview");
  const startCamera = document.getElementById("start-camera");
  const record = document.getElementById("record");
  const stop = document.getElementById("stop");
  const timer = document.getElementById("timer");
  let stream = null;
  let media = null;
  let ticking = null;

  const TYPES = ["video/webm;codecs=vp8,opus", "video/webm;codecs=vp9,opus", "video/webm", "video/mp4"];
  const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type)) || "";

  startCamera.addEventListener("click", async () => {
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: "user" },
        audio: true,
      });
    } catch (error) {
      say("The camera or microphone could not start (" + error.name + "). Allow both, or upload a file below.");
      return;
    }
    preview.srcObject = stream;
    startCamera.hidden = true;
    record.hidden = false;
    say("Ready. Press Record, read the digits aloud, then turn your head left, then right.");
  });

  record.addEventListener("click", () => {
    const chunks = [];
    media = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    media.addEventListener("dataavailable", (event) => { if (event.data.size) chunks.push(event.data); });
    media.addEventListener("stop", () => send(new Blob(chunks, { type: media.mimeType || "video/webm" })));
    media.start(250);
    const started = performance.now();
    record.hidden = true;
    stop.hidden = false;
    stop.disabled = true;
    ticking = setInterval(() => {
      const seconds = (performance.now() - started) / 1000;
      timer.textContent = `${seconds.toFixed(1)} s`;
      if (seconds >= minSeconds) stop.disabled = false;
      if (seconds >= maxSeconds) finish();
    }, 100);
    say(`Recording… keep going for at least ${minSeconds} seconds.`);
  });

  stop.addEventListener("click", finish);

  function finish() {
    if (!media || media.state === "inactive") return;
    clearInterval(ticking);
    media.stop();
    stream.getTracks().forEach((track) => track.stop());
    stop.disabled = true;
    say("Sending your recording…");
  }

  function send(blob) {
    if (blob.size > maxBytes) {
      say("That recording is too large to send. Record a shorter clip.");
      return;
    }
    const extension = blob.type.includes("mp4") ? "mp4" : "webm";
    const files = new DataTransfer();
    files.items.add(new File([blob], `recording.${extension}`, { type: blob.type }));
    input.files = files.files;
    form.requestSubmit();
  }
})();
