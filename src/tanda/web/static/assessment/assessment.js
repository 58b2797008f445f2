// Map of grades and the stacked ranking chart of an assessment, drawn with the vendored ECharts.
(function () {
  var EN = document.documentElement.lang === "en";
  var T = EN
    ? { none: "no grade (data incomplete)", score: "score", coverage: "data coverage", rank: "rank", missing: "missing" }
    : { none: "未评等级（数据不全）", score: "综合得分", coverage: "数据覆盖率", rank: "排名", missing: "缺失" };

  function data(el, attr) { return JSON.parse(document.getElementById(el.getAttribute(attr)).textContent); }

  function drawMap(el) {
    var d = data(el, "data-map-json");
    fetch(d.url).then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap(d.map, geo);
      var chart = echarts.init(el);
      var pieces = d.pieces.concat([{ value: -1, label: T.none, color: "#d9d9d9" }]);
      chart.setOption({
        tooltip: { formatter: function (p) {
          var it = p.data; if (!it) return p.name;
          var text = p.name + "：" + (it.grade || T.none);
          text += "<br>" + T.score + "：" + (it.score === null ? T.missing : it.score);
          text += "<br>" + T.coverage + "：" + it.coverage + "%";
          if (it.rank) text += "<br>" + T.rank + "：" + it.rank;
          return text;
        } },
        visualMap: { type: "piecewise", left: 8, bottom: 8, pieces: pieces },
        series: [{ type: "map", map: d.map, roam: false, data: d.items,
          label: { show: true, fontSize: 11 }, itemStyle: { borderColor: "#fff", areaColor: "#eeeeee" },
          emphasis: { label: { show: true }, itemStyle: { areaColor: "#91caff" } } }]
      });
      el.dataset.ready = "1";
      window.addEventListener("resize", function () { chart.resize(); });
    });
  }

  function drawBars(el) {
    var d = data(el, "data-chart-json");
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { type: "scroll", top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: "value", max: 100 },
      yAxis: { type: "category", data: d.subjects.map(function (name, i) {
        return d.grades[i] ? name + "（" + d.grades[i] + "）" : name + "（" + T.none.split("（")[0] + "）";
      }) },
      series: d.series.map(function (s) { return { name: s.name, type: "bar", stack: "score", data: s.data }; })
    });
    el.dataset.ready = "1";
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function start() {
    if (typeof echarts === "undefined") return;
    document.querySelectorAll("[data-map-json]").forEach(drawMap);
    document.querySelectorAll("[data-chart-json]").forEach(drawBars);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
