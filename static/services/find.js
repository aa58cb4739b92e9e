// "使用我的位置": progressive enhancement for the find page. Without JavaScript (or without
// geolocation) the button stays hidden and the text search works as before.
(function () {
  "use strict";
  var form = document.getElementById("find-form");
  var button = document.getElementById("use-location");
  var status = document.getElementById("location-status");
  if (!form || !button || !("geolocation" in navigator)) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    status.textContent = "正在获取您的位置……";
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(6);
        form.elements.lng.value = position.coords.longitude.toFixed(6);
        status.textContent = "已获取位置，正在查找……";
        form.submit();
      },
      function () {
        button.disabled = false;
        status.textContent = "没能获取您的位置。请在上面输入社区、街道或道路名称查找。";
      },
      { enableHighAccuracy: false, timeout: 15000, maximumAge: 300000 }
    );
  });
})();
