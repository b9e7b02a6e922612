// Figures are composed for the printed width. A screen narrower than that (a phone) gets them redrawn for its
// column; printing restores the composed size.
(function () {
  var plots = Array.prototype.slice.call(document.querySelectorAll(".js-plotly-plot"));
  var composed = plots.map(function (p) { return p.layout && p.layout.width; });
  function fit(print) {
    plots.forEach(function (p, i) {
      var room = p.closest(".plot").clientWidth, width = print || room >= composed[i] ? composed[i] : room;
      if (window.Plotly && p.layout && width && p.layout.width !== width) {
        p.style.width = width + "px";
        window.Plotly.relayout(p, { width: width });
      }
    });
  }
  // A chart's drawing says nothing a screen reader can follow; its takeaway (the group's label), caption and data
  // table say it. The toolbar stays reachable.
  function quiet() {
    plots.forEach(function (p) {
      p.querySelectorAll("svg.main-svg").forEach(function (svg) { svg.setAttribute("aria-hidden", "true"); });
    });
  }
  fit(false);
  quiet();
  window.addEventListener("load", function () { fit(false); quiet(); });
  var timer;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(function () { fit(false); }, 150); });
  window.addEventListener("beforeprint", function () { fit(true); });
  window.addEventListener("afterprint", function () { fit(false); });
})();
