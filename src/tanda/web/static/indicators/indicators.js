// Charts of the indicator pages, drawn with the vendored ECharts from data the server put in json_script tags.
(function () {
  var COLOURS = { red: "#cf1322", yellow: "#d4a106", green: "#389e0d", none: "#d9d9d9" };
  var LABELS = document.documentElement.lang === "en"
    ? { red: "red", yellow: "yellow", green: "green", none: "no graded target", counts: "red / yellow / green" }
    : { red: "红灯", yellow: "黄灯", green: "绿灯", none: "无已评价目标", counts: "红 / 黄 / 绿" };

  function data(el, attr) { return JSON.parse(document.getElementById(el.getAttribute(attr)).textContent); }

  function drawMap(el) {
    var d = data(el, "data-map-json");
    fetch(d.url).then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap(d.map, geo);
      var chart = echarts.init(el);
      chart.setOption({
        tooltip: { formatter: function (p) {
          var it = p.data; if (!it) return p.name + "：" + LABELS.none;
          var text = p.name + "：" + (it.grade ? LABELS[it.grade] : LABELS.none);
          text += "<br>" + LABELS.counts + "：" + it.counts.red + " / " + it.counts.yellow + " / " + it.counts.green;
          if (it.detail) text += "<br>" + it.detail;
          return text;
        } },
        visualMap: { type: "piecewise", left: 8, bottom: 8, pieces: [
          { value: 3, label: LABELS.red, color: COLOURS.red },
          { value: 2, label: LABELS.yellow, color: COLOURS.yellow },
          { value: 1, label: LABELS.green, color: COLOURS.green },
          { value: 0, label: LABELS.none, color: COLOURS.none } ] },
        series: [{ type: "map", map: d.map, roam: false, data: d.items,
          label: { show: true, fontSize: 11 }, itemStyle: { borderColor: "#fff", areaColor: COLOURS.none },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#91caff" } } }]
      });
      chart.on("click", function (p) { if (p.data && p.data.code) location.href = "../" + p.data.code + "/"; });
      el.dataset.ready = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function drawIndicator(el) {
    // A category axis of years: ECharts stacks (the 80 % band) only along a category axis.
    var d = data(el, "data-chart-json");
    var years = [];
    d.history.forEach(function (p) { years.push(p.year); });
    d.targets.forEach(function (t) { t.path.forEach(function (p) { years.push(p.year); }); });
    if (d.fan) d.fan.points.forEach(function (p) { years.push(p.year); });
    if (!years.length) return;
    var first = Math.min.apply(null, years), last = Math.max.apply(null, years), axis = [];
    for (var y = first; y <= last; y++) axis.push(String(y));
    function aligned(points, pick) {
      var out = axis.map(function () { return null; });
      points.forEach(function (p) { out[p.year - first] = pick(p); });
      return out;
    }
    var series = [{
      name: document.documentElement.lang === "en" ? "history" : "历史值", type: "line", z: 5, connectNulls: true,
      symbol: "circle", symbolSize: 6, itemStyle: { color: "#1d3f72" },
      data: aligned(d.history, function (p) {
        return p.derived ? { value: p.value, itemStyle: { color: "#fff", borderColor: "#1d3f72" } } : p.value;
      })
    }];
    d.targets.forEach(function (t) {
      series.push({ name: t.label, type: "line", symbol: "none", connectNulls: true,
        lineStyle: { type: "dashed", color: COLOURS[t.grade] || "#888" }, itemStyle: { color: COLOURS[t.grade] || "#888" },
        data: aligned(t.path, function (p) { return p.value; }) });
    });
    if (d.fan && d.fan.points.some(function (p) { return p.lower !== null; })) {
      var band = document.documentElement.lang === "en" ? "80% interval" : "80%区间";
      series.push({ name: band, type: "line", stack: "fan", symbol: "none", lineStyle: { opacity: 0 },
        itemStyle: { color: "rgba(29,79,160,.3)" }, tooltip: { show: false },
        data: aligned(d.fan.points, function (p) { return p.lower; }) });
      series.push({ name: band, type: "line", stack: "fan", symbol: "none", lineStyle: { opacity: 0 },
        areaStyle: { color: "rgba(29,79,160,.18)" }, tooltip: { show: false },
        data: aligned(d.fan.points, function (p) { return p.upper - p.lower; }) });
    }
    if (d.fan) {
      series.push({ name: document.documentElement.lang === "en" ? "forecast" : "预测", type: "line", symbol: "none",
        lineStyle: { type: "dotted", color: "#1d4fa0" }, itemStyle: { color: "#1d4fa0" },
        data: aligned(d.fan.points, function (p) { return p.value; }) });
    }
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis" },
      legend: { type: "scroll", top: 0 },
      grid: { left: 60, right: 20, top: 40, bottom: 30 },
      xAxis: { type: "category", data: axis, boundaryGap: false },
      yAxis: { type: "value", scale: true, name: d.unit },
      series: series
    });
    el.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof echarts === "undefined") return;
    document.querySelectorAll("[data-map-json]").forEach(drawMap);
    document.querySelectorAll("[data-chart-json]").forEach(drawIndicator);
  });
})();
