// Review page: focusing a field (or clicking its quoted passage) highlights
// the passage it was read from in the document text and scrolls to it.
(function () {
  "use strict";
  var text = document.getElementById("source-text");
  if (!text) { return; }

  function show(markId) {
    var previous = text.querySelectorAll("mark.active");
    for (var i = 0; i < previous.length; i++) { previous[i].classList.remove("active"); }
    var anchor = markId ? document.getElementById(markId) : null;
    // A passage shared with another field is an empty span inside that field's mark.
    var mark = anchor && anchor.closest ? anchor.closest("mark") : null;
    if (!mark || !text.contains(mark)) { return; }
    mark.classList.add("active");
    // Scroll only the text panel, so the form field keeps its place.
    // The pane is sticky, so it is the mark's offsetParent: measure both boxes instead.
    text.scrollTop += mark.getBoundingClientRect().top - text.getBoundingClientRect().top - text.clientHeight / 3;
  }

  document.addEventListener("focusin", function (event) {
    var row = event.target.closest ? event.target.closest(".review-field") : null;
    if (row) { show(row.getAttribute("data-mark")); }
  });
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest(".evidence-link") : null;
    if (link) {
      event.preventDefault();
      show(link.getAttribute("data-mark"));
    }
  });
})();
