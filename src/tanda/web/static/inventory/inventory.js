// Charts of the inventory pages (vendored ECharts), from data the server put in json_script tags.
(function () {
  var FUEL_COLOURS = { coal: "#3f4752", oil: "#a0522d", gas: "#2f7ed8", process: "#8e44ad", other: "#95a5a6" };
  var sankeyChart = null;

  function json(id) {
    var el = id && document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function fmt(v) { return Number(v).toLocaleString(undefined, { maximumFractionDigits: 2 }); }

  function drawSankey() {
    var el = document.getElementById("sankey");
    if (!el || typeof echarts === "undefined") return;
    var d = json(el.getAttribute("data-sankey-json"));
    if (!d) return;
    var labels = {};
    d.nodes.forEach(function (n) { labels[n.name] = n.label; });
    if (!sankeyChart) {
      sankeyChart = echarts.init(el);
      window.addEventListener("resize", function () { sankeyChart.resize(); });
    }
    sankeyChart.setOption({
      animationDuration: 300,
      animationDurationUpdate: 300,
      tooltip: { trigger: "item", formatter: function (p) {
        if (p.dataType === "edge") return labels[p.data.source] + " → " + labels[p.data.target] + "：" + fmt(p.data.value) + " " + d.unit;
        return labels[p.name] + "：" + fmt(p.value) + " " + d.unit;
      } },
      series: [{
        type: "sankey", left: 8, right: 160, top: 10, bottom: 10, nodeGap: 10, nodeAlign: "justify",
        emphasis: { focus: "adjacency" },
        data: d.nodes.map(function (n) {
          var node = { name: n.name };
          if (n.group !== "sector") node.itemStyle = { color: FUEL_COLOURS[n.group] || FUEL_COLOURS.other };
          return node;
        }),
        links: d.links,
        label: { formatter: function (p) { return labels[p.name]; }, fontSize: 12 },
        lineStyle: { color: "source", opacity: 0.35, curveness: 0.5 }
      }]
    }, true);
    el.dataset.ready = "1";
  }

  function drawSeries() {
    var el = document.getElementById("series-chart");
    if (!el || typeof echarts === "undefined") return;
    var d = json(el.getAttribute("data-series-json"));
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v) + " " + d.unit; } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "value", min: "dataMin", max: "dataMax", minInterval: 1, axisLabel: { formatter: function (v) { return String(v); } } },
      yAxis: { type: "value", name: d.unit, scale: true },
      series: d.series.map(function (s) {
        return { name: s.name, type: "line", data: s.points, symbolSize: 6, showAllSymbol: true };
      })
    });
    el.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    drawSankey();
    drawSeries();
    document.body.addEventListener("htmx:afterSettle", function () {
      var block = document.getElementById("matrix-block");
      if (block && block.dataset.pageUrl) history.replaceState(null, "", block.dataset.pageUrl);
      drawSankey();
    });
  });
})();
