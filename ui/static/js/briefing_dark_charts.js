(function () {
  if (!window.matchMedia || !window.matchMedia("(prefers-color-scheme: dark)").matches) { return; }
  document.querySelectorAll(".chart").forEach(function (el) {
    if (window.Plotly && el.data) {
      Plotly.relayout(el, {"font.color": "#fafafa", "xaxis.gridcolor": "#3a3f4b", "yaxis.gridcolor": "#3a3f4b"});
    }
  });
})();
