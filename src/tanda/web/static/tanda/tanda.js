// Mark the passage a #t-<id> / #r-<id> / #k-<id> link points to and bring it into view.
// The server already marks `?target=<id>`; this also covers links that only carry the fragment.
(function () {
  function showPassage() {
    var key = decodeURIComponent(location.hash.slice(1));
    var source = document.getElementById("source");
    if (!source || !/^[trk]-\d+$/.test(key)) return;
    var marks = source.querySelectorAll("mark.quote");
    var first = null;
    marks.forEach(function (m) {
      var hit = (m.dataset.keys || "").split(" ").indexOf(key) >= 0;
      m.classList.toggle("current", hit);
      if (hit && !first) first = m;
    });
    if (first) first.scrollIntoView({ block: "center" });
  }
  document.addEventListener("DOMContentLoaded", showPassage);
  window.addEventListener("hashchange", showPassage);
})();
