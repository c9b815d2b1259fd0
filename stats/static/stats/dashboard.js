/* The dashboards' small behaviours: the monthly chart (Chart.js, vendored); the print button is app.js's. */
(function () {
  "use strict";

  // the definitions (口径) are printed with the figures
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details.definitions").forEach(function (el) { el.open = true; });
  });

  function drawTrend() {
    var canvas = document.getElementById("trend-chart");
    var source = document.getElementById("trend-data");
    if (!canvas || !source || !window.Chart) { return; }
    var data = JSON.parse(source.textContent);
    var font = { family: getComputedStyle(document.body).fontFamily, size: 12 };
    window.Chart.defaults.font = font;
    window.Chart.defaults.color = "#3b4756";
    var chart = new window.Chart(canvas, {
      data: {
        labels: data.labels,
        datasets: [
          { type: "bar", label: data.names["new"], data: data["new"], backgroundColor: "#6b93c9", yAxisID: "cases", order: 2 },
          { type: "bar", label: data.names.concluded, data: data.concluded, backgroundColor: "#173a63", yAxisID: "cases", order: 2 },
          { type: "line", label: data.names.recovered, data: data.recovered_wan, borderColor: "#b3261e",
            backgroundColor: "#b3261e", yAxisID: "money", tension: 0, pointRadius: 3, order: 1 }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false,
        interaction: { mode: "index", intersect: false },
        plugins: { legend: { position: "top", labels: { boxWidth: 14 } } },
        scales: {
          cases: { type: "linear", position: "left", beginAtZero: true, title: { display: true, text: data.names.cases },
                   ticks: { precision: 0 } },
          money: { type: "linear", position: "right", beginAtZero: true, title: { display: true, text: data.names.money },
                   grid: { drawOnChartArea: false } }
        },
        onClick: function (evt, elements) {
          // a month's bar opens that month's new cases
          if (elements.length && data.urls[elements[0].index]) { window.location = data.urls[elements[0].index]; }
        }
      }
    });
    // print at the paper's width, then back
    window.addEventListener("beforeprint", function () { chart.resize(640, 260); });
    window.addEventListener("afterprint", function () { chart.resize(); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawTrend);
  } else {
    drawTrend();
  }
}());
