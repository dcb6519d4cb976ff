// The application form: after a refusal, bring the error summary into view
// and give it the focus, so a phone user sees what went wrong (the summary
// is at the top; the page used to open where the browser last was).
(function () {
  "use strict";
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.scrollIntoView({ block: "start" });
    summary.focus({ preventScroll: true });
  }
})();
