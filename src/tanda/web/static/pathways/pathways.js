// tanda pathways: ECharts for the results panels (data from json_script), and the editor's sliders.
// Charts are drawn on page load and again for every piece of page htmx swaps in.
(function () {
  "use strict";
  var BRAND = "#1d3f72", ACCENT = "#b3261e", OK = "#1f7a3a", INK = "#1f2329", MUTED = "#646a73";
  var PALETTE = ["#1d3f72", "#5470c6", "#91cc75", "#fac858", "#ee6666", "#73c0de", "#3ba272", "#fc8452",
    "#9a60b4", "#ea7ccc", "#8d6e63", "#26a69a", "#c0ca33", "#7e57c2", "#ffa726", "#78909c", "#b3261e", "#546e7a"];

  function fmt(v, digits) {
    return v === null || v === undefined || isNaN(v) ? "—" : Number(v).toFixed(digits === undefined ? 1 : digits);
  }
  function range(a, b) { var out = []; for (var y = a; y <= b; y++) out.push(String(y)); return out; }
  function shorten(text, n) { return text.length > n ? text.slice(0, n - 1) + "…" : text; }

  // categories from the first historic year (if any) to the last projected one; series padded with nulls
  function axis(d) {
    var first = d.history && d.history.length ? Math.min(d.history[0][0], d.years[0]) : d.years[0];
    return { cats: range(first, d.years[d.years.length - 1]), first: first };
  }
  function pad(ax, startYear, values) {
    var out = new Array(ax.cats.length).fill(null);
    for (var i = 0; i < values.length; i++) out[startYear - ax.first + i] = values[i];
    return out;
  }
  function historySeries(ax, d) {
    if (!d.history || !d.history.length) return [];
    var data = new Array(ax.cats.length).fill(null);
    d.history.forEach(function (p) { data[p[0] - ax.first] = p[1]; });
    return [{ name: d.labels.history, type: "line", data: data, symbolSize: 4, connectNulls: true,
      lineStyle: { color: MUTED, type: "dashed", width: 1.5 }, itemStyle: { color: MUTED }, z: 4 }];
  }
  function base(d, extra) {
    var option = {
      color: PALETTE,
      animation: false,
      tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v); }, confine: true },
      grid: { left: 52, right: 24, top: 30, bottom: 64 },
      legend: { type: "scroll", bottom: 0, formatter: function (n) { return shorten(n, 22); } },
      yAxis: { type: "value", name: d.unit, nameTextStyle: { align: "left" } },
    };
    for (var k in extra) option[k] = extra[k];
    return option;
  }
  function peakMarks(d) {
    if (!d.peak) return {};
    return {
      markLine: { symbol: "none", silent: true, lineStyle: { color: ACCENT, type: "dashed" },
        label: { formatter: d.labels.peak + " " + d.peak.year, color: ACCENT }, data: [{ xAxis: String(d.peak.year) }] },
      markPoint: { symbol: "circle", symbolSize: 10, itemStyle: { color: ACCENT }, label: { show: false },
        data: [{ coord: [String(d.peak.year), d.peak.value], value: d.peak.value }] },
    };
  }

  var renderers = {
    stack: function (d) {
      var ax = axis(d);
      var series = d.stack.map(function (s) {
        return { name: s.name, type: "line", stack: "co2", areaStyle: { opacity: 0.85 }, symbol: "none",
          lineStyle: { width: 0 }, emphasis: { focus: "series" }, data: pad(ax, d.years[0], s.values) };
      });
      var total = { name: d.labels.total, type: "line", data: pad(ax, d.years[0], d.total), symbol: "none",
        lineStyle: { color: INK, width: 2 }, itemStyle: { color: INK }, z: 5 };
      Object.assign(total, peakMarks(d));
      return base(d, { xAxis: { type: "category", data: ax.cats, boundaryGap: false },
        series: series.concat([total], historySeries(ax, d)) });
    },
    fan: function (d) {
      var ax = axis(d), f = d.fan;
      var band = f.p95.map(function (v, i) { return v - f.p05[i]; });
      var option = base(d, {
        xAxis: { type: "category", data: ax.cats, boundaryGap: false },
        tooltip: { trigger: "axis", confine: true, formatter: function (items) {
          var i = items[0].dataIndex - (d.years[0] - ax.first);
          if (i < 0) return items[0].axisValue + "<br>" + items.map(function (it) { return it.seriesName + " " + fmt(it.value); }).join("<br>");
          return items[0].axisValue + "<br>p95 " + fmt(f.p95[i]) + "<br>" + d.labels.median + " " + fmt(f.p50[i]) +
            "<br>p05 " + fmt(f.p05[i]) + "<br>" + d.labels.central + " " + fmt(d.total[i]);
        } },
        series: [
          { name: "p05", type: "line", stack: "band", data: pad(ax, d.years[0], f.p05), symbol: "none", lineStyle: { opacity: 0 } },
          { name: d.labels.band, type: "line", stack: "band", data: pad(ax, d.years[0], band), symbol: "none",
            lineStyle: { opacity: 0 }, areaStyle: { color: "rgba(29,63,114,0.22)" }, itemStyle: { color: "rgba(29,63,114,0.35)" } },
          { name: d.labels.median, type: "line", data: pad(ax, d.years[0], f.p50), symbol: "none",
            lineStyle: { color: BRAND, type: "dashed" }, itemStyle: { color: BRAND } },
          { name: d.labels.central, type: "line", data: pad(ax, d.years[0], d.total), symbol: "none",
            lineStyle: { color: INK, width: 2 }, itemStyle: { color: INK } },
        ].concat(historySeries(ax, d)),
      });
      option.legend.data = [d.labels.band, d.labels.median, d.labels.central].concat(d.history && d.history.length ? [d.labels.history] : []);
      return option;
    },
    distribution: function (d) {
      // every year between the earliest and the latest peak, so the bars keep the spacing of time
      var dist = d.distribution, cats = [], values = [];
      if (dist.years.length) {
        cats = range(dist.years[0], dist.years[dist.years.length - 1]);
        values = cats.map(function () { return 0; });
        dist.years.forEach(function (y, i) { values[y - dist.years[0]] = +(dist.share[i] * 100).toFixed(2); });
      }
      if (dist.not_peaked > 0) { cats.push(d.labels.not_peaked); values.push(+(dist.not_peaked * 100).toFixed(2)); }
      var colors = cats.map(function (c) { return (+c && +c <= d.by_year) ? OK : ACCENT; });
      return {
        animation: false,
        tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v, 1) + " %"; } },
        grid: { left: 44, right: 16, top: 24, bottom: 36 },
        xAxis: { type: "category", data: cats },
        yAxis: { type: "value", name: "%" },
        series: [{ name: d.labels.share, type: "bar", data: values.map(function (v, i) { return { value: v, itemStyle: { color: colors[i] } }; }) }],
      };
    },
    wedges: function (d) {
      var ax = { cats: range(d.years[0], d.years[d.years.length - 1]), first: d.years[0] };
      var without = d.total.map(function (v, i) {
        return d.wedges.reduce(function (acc, w) { return acc - w.delta[i]; }, v);
      });
      var series = [{ name: d.labels["with"], type: "line", stack: "w", stackStrategy: "all", data: d.total, symbol: "none",
        lineStyle: { color: INK, width: 2 }, itemStyle: { color: "#c9ced6" }, areaStyle: { color: "#e4e7ec" } }];
      d.wedges.forEach(function (w, k) {
        series.push({ name: w.name, type: "line", stack: "w", stackStrategy: "all", symbol: "none", lineStyle: { width: 0 },
          areaStyle: { opacity: 0.85 }, itemStyle: { color: PALETTE[(k + 1) % PALETTE.length] }, emphasis: { focus: "series" },
          data: w.delta.map(function (v) { return v === null ? null : +(-v).toFixed(3); }) });
      });
      series.push({ name: d.labels.without, type: "line", data: without.map(function (v) { return +v.toFixed(3); }), symbol: "none",
        lineStyle: { color: ACCENT, type: "dashed", width: 1.5 }, itemStyle: { color: ACCENT } });
      return base(d, { xAxis: { type: "category", data: ax.cats, boundaryGap: false }, series: series });
    },
    compare: function (d) {
      var first = Math.min.apply(null, d.series.map(function (s) { return s.years[0]; }));
      var last = Math.max.apply(null, d.series.map(function (s) { return s.years[s.years.length - 1]; }));
      var ax = { cats: range(first, last), first: first };
      var series = d.series.map(function (s) {
        var line = { name: s.name, type: "line", symbol: "none", data: pad(ax, s.years[0], s.total), lineStyle: { width: 2 } };
        if (s.peak) line.markPoint = { symbol: "circle", symbolSize: 11, label: { show: true, position: "top", formatter: String(s.peak.year) },
          data: [{ coord: [String(s.peak.year), s.peak.value] }] };
        return line;
      });
      series[0] && (series[0].markLine = { symbol: "none", silent: true, lineStyle: { color: MUTED, type: "dotted" },
        label: { formatter: String(d.by_year) }, data: [{ xAxis: String(d.by_year) }] });
      return base(d, { xAxis: { type: "category", data: ax.cats, boundaryGap: false }, series: series });
    },
    "co2-history": function (d) {
      var dec = d.decision;
      var line = { name: d.labels.co2, type: "line", data: d.series, symbolSize: 5, lineStyle: { color: BRAND, width: 2 }, itemStyle: { color: BRAND } };
      if (dec.peak_year) line.markPoint = { symbol: "pin", symbolSize: 42, itemStyle: { color: ACCENT },
        label: { formatter: String(dec.peak_year), fontSize: 10 }, data: [{ coord: [dec.peak_year, dec.peak_value] }] };
      return {
        animation: false, color: PALETTE,
        tooltip: { trigger: "axis", valueFormatter: function (v) { return fmt(v, 2); } },
        grid: { left: 52, right: 16, top: 30, bottom: 30 },
        xAxis: { type: "value", min: d.series[0][0], max: d.series[d.series.length - 1][0], axisLabel: { formatter: String } },
        yAxis: { type: "value", name: d.unit, scale: true },
        series: [line],
      };
    },
    waterfall: function (d) {
      var w = d.waterfall, cats = [w.start.label], helper = [0], up = [w.start.value], down = [null];
      var run = w.start.value;
      w.effects.forEach(function (e) {
        cats.push(e.label);
        if (e.value >= 0) { helper.push(run); up.push(e.value); down.push(null); }
        else { helper.push(run + e.value); up.push(null); down.push(-e.value); }
        run += e.value;
      });
      cats.push(w.end.label); helper.push(0); up.push(w.end.value); down.push(null);
      var signed = [w.start.value].concat(w.effects.map(function (e) { return e.value; }), [w.end.value]);
      function label(i) { var v = signed[i]; return (i > 0 && i < cats.length - 1 && v > 0 ? "+" : "") + fmt(v, 1); }
      return {
        animation: false,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, formatter: function (items) {
          var i = items[0].dataIndex; return cats[i] + "<br>" + label(i) + " " + d.unit; } },
        grid: { left: 52, right: 16, top: 30, bottom: 56 },
        xAxis: { type: "category", data: cats, axisLabel: { interval: 0, width: 80, overflow: "break" } },
        yAxis: { type: "value", name: d.unit },
        series: [
          { type: "bar", stack: "wf", data: helper, itemStyle: { color: "transparent" }, emphasis: { disabled: true }, tooltip: { show: false } },
          { type: "bar", stack: "wf", data: up.map(function (v, i) { return v === null ? null : { value: v, itemStyle: { color: (i === 0 || i === cats.length - 1) ? BRAND : ACCENT } }; }),
            label: { show: true, position: "top", formatter: function (p) { return label(p.dataIndex); } } },
          { type: "bar", stack: "wf", data: down, itemStyle: { color: OK },
            label: { show: true, position: "bottom", formatter: function (p) { return label(p.dataIndex); } } },
        ],
      };
    },
    periods: function (d) {
      var p = d.periods;
      var series = p.factors.map(function (f) { return { name: f.label, type: "bar", stack: "k", data: f.values.map(function (v) { return +v.toFixed(2); }) }; });
      series.push({ name: d.labels.delta, type: "scatter", symbol: "diamond", symbolSize: 14, itemStyle: { color: INK }, data: p.delta.map(function (v) { return +v.toFixed(2); }), z: 5 });
      return {
        animation: false, color: PALETTE,
        tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, valueFormatter: function (v) { return fmt(v, 2); } },
        legend: { bottom: 0 },
        grid: { left: 52, right: 16, top: 30, bottom: 48 },
        xAxis: { type: "category", data: p.labels },
        yAxis: { type: "value", name: d.unit },
        series: series,
      };
    },
  };

  function readData(el) {
    var source = document.getElementById(el.dataset.source);
    return source ? JSON.parse(source.textContent) : null;
  }

  function render(root) {
    if (!window.echarts || !root || !root.querySelectorAll) return;
    var nodes = Array.prototype.slice.call(root.querySelectorAll("[data-chart]"));
    if (root.matches && root.matches("[data-chart]")) nodes.push(root);
    nodes.forEach(function (el) {
      var data = readData(el), make = renderers[el.dataset.chart];
      if (!data || !make) return;
      var old = echarts.getInstanceByDom(el);
      if (old) old.dispose();
      echarts.init(el, null, { renderer: "canvas" }).setOption(make(data, el));
    });
  }

  function disposeIn(root) {
    if (!window.echarts || !root || !root.querySelectorAll) return;
    root.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.dispose();
    });
  }

  window.addEventListener("resize", function () {
    if (!window.echarts) return;
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var chart = echarts.getInstanceByDom(el);
      if (chart) chart.resize();
    });
  });

  // a slider and its number box show the same value; only the number box is posted
  document.addEventListener("input", function (e) {
    var t = e.target;
    if (!t.matches) return;
    if (t.matches("input[type=range][data-number]")) {
      var number = document.getElementById(t.dataset.number);
      if (number) number.value = t.value;
    } else if (t.matches("input.lever-number[data-range]")) {
      var slider = document.getElementById(t.dataset.range);
      if (slider) slider.value = t.value;
    }
  });

  // Enter in the editor recomputes; only the save button submits (and stores)
  document.addEventListener("keydown", function (e) {
    var t = e.target;
    if (e.key !== "Enter" || !t.form || t.form.id !== "pw-form" || t.tagName === "TEXTAREA" || t.tagName === "BUTTON") return;
    e.preventDefault();
    if (window.htmx) htmx.trigger(t, "change");
  });
  document.addEventListener("submit", function (e) {
    if (e.target.id === "pw-form" && !(e.submitter && e.submitter.dataset.save)) {
      e.preventDefault();
      if (window.htmx) htmx.trigger(e.target, "change");
    }
  });

  document.addEventListener("htmx:beforeSwap", function (e) { disposeIn(e.detail.target); });
  // problems with the document: show them beside it (its section may be folded)
  document.addEventListener("htmx:afterSettle", function () {
    var problems = document.getElementById("doc-problems");
    if (problems && problems.textContent.trim() && problems.closest("details")) problems.closest("details").open = true;
  });
  if (window.htmx) htmx.onLoad(render);
  else document.addEventListener("DOMContentLoaded", function () { render(document.body); });
})();
