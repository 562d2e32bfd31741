// headroom's --report page: draws everything from the JSON in #headroom-data with uPlot (charts)
// and plain DOM/SVG (tables, the topology). Embedded into the page by the build; no network.
"use strict";
(function () {
  const data = JSON.parse(document.getElementById("headroom-data").textContent);
  const rep = data.report, ts = data.series, topo = data.topology;
  const main = document.getElementById("report");
  // Okabe and Ito's colour-blind-safe set, with one blue only: the page once drew two pools (or a
  // pool and its Spot instances) in two blues nobody could tell apart on a projector.
  const palette = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#000000", "#8c564b", "#f0e442"];
  const charts = [];

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  // Three significant digits, without trailing zeros after the point: 250, 92.8, 0.807, 12,345.
  function fmt(v, digits = 3) {
    if (v === null || v === undefined || Number.isNaN(v)) return "–";
    if (Math.abs(v) >= 10 ** digits) return Math.round(v).toLocaleString("en-US");
    let s = Number(v).toPrecision(digits);
    if (s.includes("e")) return String(Number(s));
    if (s.includes(".")) s = s.replace(/0+$/, "").replace(/\.$/, "");
    return s;
  }
  const usd = (v) => "$" + Number(v).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const pct = (v, digits = 2) => (100 * v).toFixed(digits) + "%";
  function clock(s) {
    if (s === null || s === undefined) return "–";
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.round(s % 60);
    const two = (n) => String(n).padStart(2, "0");
    return h > 0 ? `${h}:${two(m)}:${two(sec)}` : `${m}:${two(sec)}`;
  }
  function section(title, note) {
    const s = el("section", {}, el("h2", {}, title));
    if (note) s.append(el("p", { class: "note" }, note));
    main.append(s);
    return s;
  }
  function table(headers, rows, cls) {
    const t = el("table", { class: cls || "" });
    t.append(el("thead", {}, el("tr", {}, ...headers.map((h) => el("th", {}, h)))));
    const body = el("tbody");
    for (const r of rows) body.append(el("tr", {}, ...r.map((c) => el("td", {}, c))));
    t.append(body);
    return t;
  }
  function bar(fraction, color) {
    const b = el("span", { class: "bar" });
    const fill = el("span", { class: "fill" });
    fill.style.width = Math.max(0, Math.min(1, fraction)) * 100 + "%";
    if (color) fill.style.background = color;
    b.append(fill);
    return b;
  }

  // ---- header and summary ------------------------------------------------------------------
  const sc = rep.scenario, prov = rep.provenance || {};
  main.append(el("h1", {}, sc.name || sc.file));
  main.append(el("p", { class: "provenance" },
    `${sc.file} · headroom ${prov.version} · seed ${prov.seed} · catalog ${prov.catalog ? prov.catalog.region + " (" + prov.catalog.date + ")" : "–"} · ` +
    `simulated ${clock(sc.duration_s)}, warmup ${clock(sc.warmup_s)} excluded from every figure`));
  if (rep.partial) main.append(el("p", { class: "warning" }, `Partial run: ${rep.stop_reason}`));
  const verdict = el("p", { class: rep.slo.met ? "slo met" : "slo missed" }, rep.slo.met ? "SLO met" : "SLO NOT MET");
  main.append(verdict);
  const cards = el("div", { class: "cards" });
  const card = (label, value) => cards.append(el("div", { class: "card" }, el("div", { class: "value" }, value), el("div", { class: "label" }, label)));
  card("requests offered", rep.requests.offered.toLocaleString("en-US"));
  card("availability", pct(rep.availability, 3));
  card("p50 latency", fmt(rep.latency_ms.p50) + " ms");
  card("p99 latency", fmt(rep.latency_ms.p99) + " ms");
  card("error rate", pct(rep.requests.error_rate, 3));
  card("monthly cost", usd(rep.cost.monthly_usd));
  if (rep.cost.spot_savings_usd > 0) card("Spot savings (period)", usd(rep.cost.spot_savings_usd));
  main.append(cards);
  if (rep.slo.checks.length) {
    main.append(table(["SLO", "limit", "value", ""], rep.slo.checks.map((c) => {
      const latency = !["error_rate", "availability"].includes(c.metric);
      const show = (v) => (latency ? fmt(v) + " ms" : pct(v, 3));
      return [c.metric, show(c.limit), show(c.value), c.met ? "met" : "NOT MET"];
    }), "slo-table"));
  }

  // ---- time series -------------------------------------------------------------------------
  const faults = rep.faults || [];
  const end = sc.duration_s;
  // Bands behind every chart: the warmup in grey; each fault from its strike to its recovery
  // (or the end), with lines when it struck (red), was detected (orange) and recovered (green).
  const bands = {
    hooks: {
      drawClear: [(u) => {
        const ctx = u.ctx, { top, height } = u.bbox;
        const x = (v) => u.valToPos(v, "x", true);
        ctx.save();
        if (sc.warmup_s > 0) {
          ctx.fillStyle = "rgba(120,120,120,0.10)";
          ctx.fillRect(x(0), top, x(sc.warmup_s) - x(0), height);
        }
        // A band stays at least minBand CSS pixels wide whatever the run's length: a 76 s failover
        // in a day's chart would otherwise be a sliver between its own marker lines.
        const minBand = 14 * uPlot.pxRatio;
        for (const f of faults) {
          const to = f.recovered_s ?? f.restored_s ?? end;
          ctx.fillStyle = "rgba(220,38,38,0.18)";
          ctx.fillRect(x(f.at_s), top, Math.max(minBand, x(to) - x(f.at_s)), height);
          const mark = (t, color, dash) => {
            if (t === null || t === undefined) return;
            ctx.strokeStyle = color;
            ctx.lineWidth = 2;
            ctx.setLineDash(dash);
            ctx.beginPath();
            ctx.moveTo(x(t), top);
            ctx.lineTo(x(t), top + height);
            ctx.stroke();
          };
          mark(f.at_s, "#dc2626", []);
          mark(f.detected_s, "#ea580c", [6, 4]);
          mark(f.recovered_s, "#16a34a", [2, 3]);
        }
        ctx.restore();
      }],
    },
  };
  // Time ticks on round minutes (a step from 1 min to a day, about six of them), plus each fault's
  // strike, so that the axis names the moment the bands start. A round tick too close to a
  // fault's gives way to it.
  let lastTicks = [];  // the last axis drawn, for tests/browser
  const roundSteps = [60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];
  function timeSplits(u, axisIdx, min, max) {
    const span = Math.max(1, max - min);
    const step = roundSteps.find((st) => span / st <= 7) || roundSteps[roundSteps.length - 1];
    const marks = faults.map((f) => f.at_s).filter((t) => t >= min && t <= max);
    // Room for a label: a round tick within 70 CSS px of a fault's gives way to it.
    const clear = (70 * span) / Math.max(100, u.width - 80);
    const ticks = [];
    for (let t = Math.ceil(min / step) * step; t <= max; t += step)
      if (!marks.some((m) => Math.abs(m - t) < Math.max(clear, step * 0.4))) ticks.push(t);
    lastTicks = ticks.concat(marks).sort((a, b) => a - b);
    return lastTicks;
  }
  const chartGrid = el("div", { class: "charts" });
  function chart(title, unit, series, opts = {}) {
    const box = el("figure", { class: "chart" }, el("figcaption", {}, title));
    chartGrid.append(box);
    const width = Math.max(320, box.clientWidth - 16);
    const u = new uPlot({
      width, height: 240,
      plugins: [bands],
      scales: { x: { time: false, range: [0, end] }, y: opts.range ? { range: opts.range } : {} },
      axes: [
        { splits: timeSplits, values: (u, splits) => splits.map(clock) },
        { label: unit, size: 64, values: (u, splits) => splits.map((v) => fmt(v)) },
      ],
      // A legend shows the value under the cursor, or nothing: never a placeholder ("time: –").
      series: [{ label: "time", value: (u, v) => (v === null || v === undefined ? "" : clock(v)) }].concat(series.map((s, i) => ({
        label: s.label, stroke: s.color || palette[i % palette.length], width: 1.5, dash: s.dash,
        value: (u, v) => (v === null || v === undefined ? "" : fmt(v) + (unit === "%" ? "%" : "")),
      }))),
      legend: { live: true },
    }, [ts.t_s].concat(series.map((s) => s.data)), box);
    charts.push(u);
  }
  if (ts.t_s && ts.t_s.length) {
    const s = section("Over time", `One point per ${fmt(ts.interval_s)} s interval, from the start (the grey band is the warmup). ` +
      "Red bands: a fault from the moment it struck to the moment requests stopped failing because of it; " +
      "lines mark when it struck (red), was detected (orange, dashed) and service recovered (green, dotted).");
    s.append(chartGrid);
    const nullIfIdle = (arr, ok) => arr.map((v, i) => (ok[i] > 0 ? v : null));
    chart("Latency of successful requests", "ms", [
      { label: "p50", data: nullIfIdle(ts.p50_ms, ts.ok_rps) },
      { label: "p99", data: nullIfIdle(ts.p99_ms, ts.ok_rps) },
    ]);
    const thr = [
      { label: "offered", data: ts.offered_rps, color: "#4b5563" },
      { label: "ok", data: ts.ok_rps, color: "#16a34a" },
      { label: "errors", data: ts.error_rps, color: "#dc2626" },
    ];
    let k = 0;
    for (const [kind, arr] of Object.entries(ts.errors_rps))
      if (arr.some((v) => v > 0)) thr.push({ label: kind, data: arr, color: palette[(3 + k++) % palette.length], dash: [4, 3] });
    chart("Throughput and errors", "requests/s", thr);
    const pools = ts.pools;
    const fleet = [];
    if (pools.length) {
    // Every line its own colour (a pool's Spot line too, dashed as well): colour alone tells them apart.
    pools.forEach((p) => {
      fleet.push({ label: p + " instances", data: ts.by_pool[p].instances, color: palette[fleet.length % palette.length] });
      if (ts.by_pool[p].spot.some((v) => v > 0))
        fleet.push({ label: p + " Spot", data: ts.by_pool[p].spot, color: palette[fleet.length % palette.length], dash: [5, 4] });
    });
    chart("Fleet size (in service) and Spot instances", "instances", fleet);
    chart("CPU utilisation", "%", pools.map((p) => ({ label: p, data: ts.by_pool[p].cpu.map((v) => 100 * Math.min(1, v)) })), { range: [0, 100] });
    chart("Requests queued (waiting for a worker or a core)", "requests", pools.map((p) => ({ label: p, data: ts.by_pool[p].queue })));
    chart("Instance cost rate", "USD/h", pools.map((p) => ({ label: p, data: ts.by_pool[p].usd_per_hour })));
    }
    const services = Object.keys(ts.services || {});
    const pick = (suffix) => services.filter((n) => n.endsWith(suffix)).map((n) => ({ label: n.slice(0, -suffix.length), data: ts.services[n] }));
    if (pick(".concurrency").length) chart("Lambda concurrency (peak per interval)", "environments", pick(".concurrency"));
    if (pick(".iterator_age_ms").length) chart("Stream iterator age (how far consumers lag)", "ms", pick(".iterator_age_ms"));
    if (pick(".credit_balance").length) {
      chart("CPU credit balance of burstable instances (mean per instance)", "credits", pick(".credit_balance"));
      if (pick(".surplus_credits").some((c) => c.data.some((v) => v > 0)))
        chart("Surplus credits owed (unlimited mode, billed if not paid down)", "credits", pick(".surplus_credits"));
    }
  }

  // ---- faults -----------------------------------------------------------------------------
  if (faults.length) {
    const s = section("Faults", "Each fault's timeline, in run time. Detected: a balancer's health checks, or at once (a refused connection). " +
      "Recovered: requests stop failing because of it. Restored: full capacity back. " +
      "Failed at the fault: exact, the requests that failed at the part it broke. Cost (estimate): every request it cost, " +
      "an attribution estimate: the failures from the strike until recovered and restored, above the failure rate before it " +
      "(survivors' queues overflowing, timeouts while capacity was short).");
    s.append(table(["fault", "target", "struck", "detected", "recovered", "restored", "failed at the fault", "cost (estimate)"],
      faults.map((f) => [f.kind, f.target, clock(f.at_s), clock(f.detected_s), clock(f.recovered_s), clock(f.restored_s),
        f.failed_requests.toLocaleString("en-US"), Math.round(f.excess_failed ?? f.failed_requests).toLocaleString("en-US")])));
    // A cache shard's replica promoted after its primary's loss (Multi-AZ ElastiCache).
    for (const f of faults)
      for (const p of f.promotions ?? [])
        s.append(el("p", {}, `${p.component} shard ${p.shard} primary lost, replica in ${p.az} promoted at +${(p.at_s - f.at_s).toFixed(1)} s`));
    const timeline = el("div", { class: "timeline" });
    for (const f of faults) {
      const row = el("div", { class: "tl-row" }, el("span", { class: "tl-label" }, `${f.kind} ${f.target}`));
      const track = el("span", { class: "tl-track" });
      const seg = el("span", { class: "tl-band" });
      const to = f.restored_s ?? f.recovered_s ?? end;
      seg.style.left = (100 * f.at_s) / end + "%";
      seg.style.width = Math.max(0.3, (100 * (to - f.at_s)) / end) + "%";
      seg.style.minWidth = "10px";
      track.append(seg);
      row.append(track);
      timeline.append(row);
    }
    s.append(timeline);
  }

  // ---- components --------------------------------------------------------------------------
  const comps = Object.entries(rep.components);
  const cs = section("Components", "Utilisation is the busy share of a component's cores over the measured window.");
  cs.append(table(["component", "type", "throughput (ops/s)", "utilisation", "p50 ms", "p99 ms", "instances min / mean / max", "errors"],
    comps.map(([name, c]) => {
      // Capped at 100%: an overload shows as queue growth (the queue chart, latency), not a busier CPU.
      const shown = Math.min(1, c.utilization);
      const u = el("span", {}, bar(shown, c.utilization > 0.8 ? "#d55e00" : "#0072b2"), " " + pct(shown, 1) + (c.utilization >= 0.995 ? " (saturated: queue grows)" : ""));
      return [name, c.type, fmt(c.throughput_rps, 4), u, fmt(c.latency_ms.p50), fmt(c.latency_ms.p99),
        `${fmt(c.instances.min)} / ${fmt(c.instances.mean)} / ${fmt(c.instances.max)}`, c.errors.toLocaleString("en-US")];
    }), "components"));

  // ---- serverless --------------------------------------------------------------------------
  const serverless = comps.filter(([, c]) => ["apigateway", "lambda", "kinesis", "dynamodb", "firehose"].includes(c.type) || c.freshness_ms);
  if (serverless.length) {
    const n = (v) => (v === undefined ? "" : Number(v).toLocaleString("en-US", { maximumFractionDigits: 1 }));
    const age = (ms) => (ms === undefined ? "" : ms < 1000 ? `${fmt(ms)} ms` : `${fmt(ms / 1000)} s`);
    const s = section("Serverless", "What the managed services did and refused. Throttled: requests or batches refused at a limit " +
      "(429). Cold: invocations that started a new environment. Iterator age: how far a stream's consumer reads behind its head. " +
      "Data lands: the age of data when it reached this component, from the moment it was accepted.");
    s.append(table(["component", "type", "invocations / records", "cold starts", "throttled", "peak concurrency", "iterator age max", "data lands p50 / p99"],
      serverless.map(([name, c]) => [name, c.type,
        n(c.invocations ?? c.records_accepted ?? c.records),
        c.cold_starts === undefined ? "" : `${n(c.cold_starts)} (${pct(c.cold_start_share, 3)})`,
        n(c.throttled),
        n(c.concurrency_max),
        age(c.iterator_age_max_ms ?? c.stream_iterator_age_max_ms),
        c.freshness_ms ? `${age(c.freshness_ms.p50)} / ${age(c.freshness_ms.p99)}` : ""]), "serverless"));
  }

  // ---- burstable instances ----------------------------------------------------------------
  const burstable = comps.filter(([, c]) => c.credit_balance !== undefined);
  if (burstable.length) {
    const s = section("Burstable instances", "CPU credits of t2, t3, t3a and t4g pools: one credit is one vCPU at 100% for a minute. " +
      "Standard mode throttles each vCPU to its baseline when the balance is empty; unlimited mode runs on and bills the surplus credits.");
    s.append(table(["component", "credit balance at the end (per instance)", "surplus credits (billed)"],
      burstable.map(([name, c]) => [name, fmt(c.credit_balance), fmt(c.surplus_credits)]), "burstable"));
  }

  // ---- network -----------------------------------------------------------------------------
  const networked = comps.filter(([, c]) => c.network_utilization !== undefined);
  if (networked.length) {
    const s = section("Network", "EC2 pools, databases and caches whose type has a bandwidth (docs/sources.md §1c): each instance sends its answers " +
      "(a page, a read's result, a cache hit's value) through its NIC " +
      "at its baseline (what leaves the Region: at most 5 Gbit/s, or half its bandwidth from 32 vCPUs), or at its 'up to' burst while a 5-minute bucket of surplus lasts. 100%: saturated; above: it was bursting.");
    s.append(table(["component", "network use (the wire's busy share at its sustained rate)"],
      networked.map(([name, c]) => [name, pct(c.network_utilization, 1)]), "network"));
  }

  // ---- database storage --------------------------------------------------------------------
  const stored = comps.filter(([, c]) => c.storage_utilization !== undefined);
  if (stored.length) {
    const s = section("Database storage", "Databases whose storage I/O is modelled (`io:`, docs/storage.md): each query's I/Os queue for its instance's volume " +
      "at its provisioned IOPS (or throughput), then wait the device's latency. 100%: the volume is the wall.");
    s.append(table(["component", "storage busy", "I/Os per second", "provisioned IOPS (per volume)", "I/O wait per query"],
      stored.map(([name, c]) => [name, pct(c.storage_utilization, 1), fmt(c.storage_iops), fmt(c.storage_iops_provisioned),
        fmt(c.storage_wait_mean_ms) + " ms"]), "storage"));
  }

  // ---- cost --------------------------------------------------------------------------------
  const cost = rep.cost;
  const costSection = section("Cost", `${usd(cost.period_usd)} for the measured period, ${usd(cost.monthly_usd)} a month at this rate (730 h), ` +
    `at the ${prov.catalog ? prov.catalog.region + " catalog of " + prov.catalog.date : "built-in catalog"}.`);
  const maxOf = (o) => Math.max(1e-12, ...Object.values(o));
  const monthly = (v) => (cost.period_usd > 0 ? (v * cost.monthly_usd) / cost.period_usd : 0);
  const costTable = (title, obj) => el("div", { class: "cost" }, el("h3", {}, title),
    table(["", "monthly", ""], Object.entries(obj).filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1])
      .map(([k, v]) => [k, usd(monthly(v)), bar(v / maxOf(obj), "#0891b2")])));
  costSection.append(el("div", { class: "cost-grid" }, costTable("by service", cost.by_service), costTable("by component", cost.by_component)));

  // ---- topology ----------------------------------------------------------------------------
  const topoSection = section("Topology", "Request paths as labelled edges (dashed: a cache's or CDN's misses, and asynchronous flows: streams, consumers, deliveries); AZs in each box. " +
    "`headroom diagram` writes the same graph as DOT or Mermaid.");
  topoSection.append(drawTopology(topo));

  // ---- scaling -----------------------------------------------------------------------------
  if (rep.scaling && rep.scaling.length) {
    const s = section("Scaling activity");
    s.append(table(["time", "group", "from", "to", "reason"], rep.scaling.map((e) => [clock(e.at_s), e.component, e.from, e.to, e.reason])));
  }

  function drawTopology(g) {
    const NS = "http://www.w3.org/2000/svg";
    const svgEl = (tag, attrs, text) => {
      const e = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
      if (text !== undefined) e.textContent = text;
      return e;
    };
    // Graphviz-style ranks: a node's column is its longest distance from the clients along the
    // edges; within a column, nodes sit in the mean order of what points at them (two barycentre
    // sweeps), so that edges cross less. Maps, not objects: a component may be named "__proto__".
    const layer = new Map([["clients", 0]]);
    for (let pass = 0; pass < g.nodes.length; ++pass)
      for (const e of g.edges) {
        const from = layer.get(e.from);
        if (from !== undefined && (layer.get(e.to) === undefined || layer.get(e.to) < from + 1) && from + 1 < g.nodes.length)
          layer.set(e.to, from + 1);
      }
    const columns = [];
    for (const n of g.nodes) {
      const l = layer.get(n.name) ?? 0;
      (columns[l] = columns[l] || []).push(n);
    }
    for (let c = 0; c < columns.length; ++c) columns[c] = columns[c] || [];
    const row = new Map();
    columns.forEach((col) => col.forEach((n, r) => row.set(n.name, r)));
    for (let sweep = 0; sweep < 2; ++sweep)
      for (let c = 1; c < columns.length; ++c) {
        const centre = new Map();
        for (const n of columns[c]) {
          const from = g.edges.filter((e) => e.to === n.name && row.has(e.from) && (layer.get(e.from) ?? 0) < c).map((e) => row.get(e.from));
          centre.set(n.name, from.length ? from.reduce((a, b) => a + b, 0) / from.length : row.get(n.name));
        }
        columns[c].sort((a, b) => centre.get(a.name) - centre.get(b.name));
        columns[c].forEach((n, r) => row.set(n.name, r));
      }
    // Boxes as wide as their text (measured in the page's fonts), columns as wide as their widest
    // box, gaps as wide as the longest edge label: nothing overlaps however long the names are.
    const measure = document.createElement("canvas").getContext("2d");
    const family = getComputedStyle(document.body).fontFamily;
    const textWidth = (text, font) => { measure.font = font + " " + family; return measure.measureText(text || "").width; };
    const azText = (n) => (n.placements.length ? n.placements.map((pl) => "AZ " + pl.az + (pl.role ? " " + pl.role : "")).join(", ")
      : n.type === "clients" ? "the internet" : "regional");
    const nameText = (n) => (n.type === "clients" ? "clients" : `${n.name} (${n.type})`);
    const boxWidth = (n) => Math.max(150, 20 + Math.max(textWidth(nameText(n), "600 13px"), textWidth(n.detail, "11px"), textWidth(azText(n), "11px")));
    const H = 64, GY = 40;
    const GX = Math.max(90, 30 + Math.max(0, ...g.edges.map((e) => textWidth(e.label, "11px"))));
    const colW = columns.map((col) => Math.max(150, ...col.map(boxWidth)));
    const colX = [];
    colW.forEach((w, c) => colX.push(c === 0 ? 20 : colX[c - 1] + colW[c - 1] + GX));
    const pos = new Map();
    columns.forEach((col, c) => col.forEach((n, r) => pos.set(n.name, { x: colX[c], y: 20 + r * (H + GY), w: colW[c] })));
    const width = colX[colX.length - 1] + colW[colW.length - 1] + 20;
    const height = 40 + Math.max(...columns.map((c) => c.length)) * (H + GY) - GY + 40;
    // As wide as the page allows, scaled down (never up) to fit.
    const svg = svgEl("svg", { viewBox: `0 0 ${width} ${height}`, class: "topology", role: "img" });
    svg.style.width = "100%";
    svg.style.maxWidth = width + "px";
    const defs = svgEl("defs", {}), marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
    marker.append(svgEl("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#4b5563" }));
    defs.append(marker);
    svg.append(defs);
    // Edge labels are placed one by one, each moved down past any box or label already there.
    const taken = [];
    for (const n of g.nodes) {
      const p = pos.get(n.name);
      taken.push({ x: p.x, y: p.y, w: p.w, h: H });
    }
    const overlaps = (r) => taken.some((t) => r.x < t.x + t.w && t.x < r.x + r.w && r.y < t.y + t.h && t.y < r.y + r.h);
    const labels = [];
    for (const e of g.edges) {
      const a = pos.get(e.from), b = pos.get(e.to);
      if (!a || !b) continue;
      const x1 = a.x + a.w, y1 = a.y + H / 2, x2 = b.x, y2 = b.y + H / 2;
      const back = x2 <= x1;
      const d = back ? `M ${a.x + a.w / 2} ${a.y + H} C ${a.x + a.w / 2} ${a.y + H + 40}, ${b.x + b.w / 2} ${b.y + H + 40}, ${b.x + b.w / 2} ${b.y + H}`
        : `M ${x1} ${y1} C ${x1 + GX / 2} ${y1}, ${x2 - GX / 2} ${y2}, ${x2} ${y2}`;
      svg.append(svgEl("path", { d, fill: "none", stroke: "#4b5563", "stroke-width": 1.4, "stroke-dasharray": e.miss ? "5 4" : "none", "marker-end": "url(#arrow)" }));
      if (!e.label) continue;
      const lw = textWidth(e.label, "11px") + 6;
      const lx = back ? (a.x + a.w / 2 + b.x + b.w / 2) / 2 : (x1 + x2) / 2;
      let ly = back ? Math.max(a.y, b.y) + H + 30 : (y1 + y2) / 2 - 6;
      const box = () => ({ x: lx - lw / 2, y: ly - 11, w: lw, h: 14 });
      for (let tries = 0; overlaps(box()) && tries < 40; ++tries) ly += 7;
      taken.push(box());
      labels.push(svgEl("text", { x: lx, y: ly, "text-anchor": "middle", class: "edge-label" }, e.label));
    }
    for (const n of g.nodes) {
      const p = pos.get(n.name);
      const gEl = svgEl("g", { transform: `translate(${p.x},${p.y})` });
      gEl.append(svgEl("rect", { width: p.w, height: H, rx: 8, class: "node node-" + n.type }));
      gEl.append(svgEl("text", { x: 10, y: 20, class: "node-name" }, nameText(n)));
      gEl.append(svgEl("text", { x: 10, y: 38, class: "node-detail" }, n.detail));
      gEl.append(svgEl("text", { x: 10, y: 55, class: "node-detail" }, azText(n)));
      svg.append(gEl);
    }
    // Labels over every edge and box, so that no line runs through one.
    for (const l of labels) svg.append(l);
    return el("div", { class: "topology-box" }, svg);
  }

  main.append(el("footer", {}, `Written by headroom ${prov.version}. Same file, same seed, same version: the same report.`));
  window.headroomReport = { charts: charts.length, get ticks() { return lastTicks; } };
})();
