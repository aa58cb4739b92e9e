// Progressive enhancement: a print button on the receipt. Without JavaScript the page says
// to use the browser's own print menu.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
