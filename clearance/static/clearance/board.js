/* The campaign board's burn-down (Chart.js, vendored under static/vendor): remaining 终本 stock at each week's
   end; a click on a point opens the cases behind it. */
(function () {
  "use strict";

  function draw() {
    var canvas = document.getElementById("burndown-chart");
    var source = document.getElementById("burndown-data");
    if (!canvas || !source || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    window.Chart.defaults.font = { family: getComputedStyle(document.body).fontFamily, size: 12 };
    window.Chart.defaults.color = "#3b4756";
    new window.Chart(canvas, {
      type: "line",
      data: { labels: data.labels, datasets: [{ label: data.title, data: data.remaining, borderColor: "#173a63",
        backgroundColor: "#6b93c9", tension: 0, pointRadius: 4, fill: false, stepped: false }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        plugins: { legend: { position: "top", labels: { boxWidth: 14 } } },
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        onClick: function (event, elements) {
          if (elements.length) { window.location.href = data.urls[elements[0].index]; }
        }
      }
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", draw); } else { draw(); }
})();
