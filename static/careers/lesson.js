// Reports the stretches of a lesson video that actually played, so the portal credits the
// watched time (never skipped parts) and resumes where the worker stopped. Without
// JavaScript the video still plays; only the progress is not recorded.
(function () {
  "use strict";
  var video = document.getElementById("lesson-video");
  if (!video) { return; }
  var url = video.dataset.progressUrl;
  var status = document.getElementById("lesson-status");
  var token = document.querySelector("#progress-csrf input[name=csrfmiddlewaretoken]").value;
  var start = null;
  var last = 0;

  function send(from, to) {
    var body = new URLSearchParams({ start: from, end: to, position: video.currentTime });
    return fetch(url, {
      method: "POST", body: body, credentials: "same-origin",
      headers: { "X-CSRFToken": token }, keepalive: true
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (data && status) {
        status.textContent = "已计入 " + data.credited_seconds + " 秒" +
          (data.completed ? "，本课已完成。" : "，看完至少90%计为完成。");
      }
    }).catch(function () {});
  }
  function flush() {
    if (start !== null && last > start) { send(start, last); }
    start = video.paused ? null : video.currentTime;
  }
  video.addEventListener("loadedmetadata", function () {
    var resume = parseFloat(video.dataset.resume || "0");
    if (resume > 0 && resume < video.duration) { video.currentTime = resume; }
  });
  video.addEventListener("play", function () { start = video.currentTime; last = start; });
  // A jump (seeking) ends the stretch at the last played point; the skipped part is never sent.
  video.addEventListener("seeking", function () {
    if (start !== null && last > start) { send(start, last); }
    start = null;
  });
  video.addEventListener("seeked", function () {
    last = video.currentTime;
    if (!video.paused) { start = last; }
  });
  video.addEventListener("timeupdate", function () {
    if (video.seeking) { return; }
    if (start === null && !video.paused) { start = video.currentTime; }
    last = video.currentTime;
    if (start !== null && last - start >= 15) { flush(); }
  });
  video.addEventListener("pause", flush);
  video.addEventListener("ended", flush);
  document.addEventListener("visibilitychange", function () { if (document.hidden) { flush(); } });
})();
