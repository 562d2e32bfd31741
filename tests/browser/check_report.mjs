// Opens a headroom --report page in headless Chromium (Debian's `chromium`) over the DevTools
// protocol on a pipe (no network, no port), and fails on any console error, uncaught exception
// or failed load; then checks that every chart drew on its canvas and that the topology drew.
// Prints one JSON line with what it found; exit 0 only when the page is whole.
// Usage: node check_report.mjs REPORT.html [SCREENSHOT.png]
// CHROMIUM=/path/to/browser overrides the search on PATH.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [page, screenshot] = process.argv.slice(2);
// Exits once the line is written: process.exit alone may drop what a pipe has not taken yet.
const report = (result) => process.stdout.write(JSON.stringify(result) + "\n", () => process.exit(result.ok ? 0 : 1));
const fail = (why) => report({ ok: false, why });
const browser = process.env.CHROMIUM ||
  ["chromium", "chromium-browser", "google-chrome"].flatMap((b) => (process.env.PATH || "").split(":").map((d) => path.join(d, b))).find(existsSync);
if (!browser) {
  fail("no chromium on PATH (scripts/install-deps.sh installs Debian's chromium)");
  await new Promise(() => {});  // report() exits
}

const profile = mkdtempSync(path.join(tmpdir(), "headroom-chromium-"));
const proc = spawn(browser, ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
  "--disable-extensions", "--disable-background-networking", "--remote-debugging-pipe", `--user-data-dir=${profile}`, "about:blank"],
  { stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"], detached: true });
let stderr = "";
proc.stderr.on("data", (d) => (stderr += d));
// A guard, not a timing assertion: a browser that never answers must not hang the suite.
const guard = setTimeout(() => finish("chromium did not finish within 90 s"), 90000);
proc.on("error", (e) => finish(`cannot start ${browser}: ${e.message}`));
proc.on("exit", (code) => finish(`chromium exited (${code}) before the check ended: ${stderr.slice(-400)}`));

let nextId = 1, buffer = "";
const pending = new Map(), waiters = [];
const errors = [];
function send(method, params = {}, sessionId) {
  const id = nextId++;
  proc.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  return new Promise((resolve, reject) => pending.set(id, { resolve, reject, method }));
}
function waitFor(method) {
  return new Promise((resolve) => waiters.push({ method, resolve }));
}
proc.stdio[4].on("data", (chunk) => {
  buffer += chunk.toString("utf8");
  let end;
  while ((end = buffer.indexOf("\0")) >= 0) {
    const msg = JSON.parse(buffer.slice(0, end));
    buffer = buffer.slice(end + 1);
    if (msg.id && pending.has(msg.id)) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      continue;
    }
    const m = msg.method, params = msg.params || {};
    if (m === "Runtime.exceptionThrown") errors.push("exception: " + (params.exceptionDetails.exception?.description || params.exceptionDetails.text));
    if (m === "Runtime.consoleAPICalled" && ["error", "assert"].includes(params.type))
      errors.push("console." + params.type + ": " + params.args.map((a) => a.value ?? a.description).join(" "));
    if (m === "Log.entryAdded" && params.entry.level === "error") errors.push("log: " + params.entry.text + (params.entry.url ? " (" + params.entry.url + ")" : ""));
    for (let i = waiters.length - 1; i >= 0; --i)
      if (waiters[i].method === m) waiters.splice(i, 1)[0].resolve(params);
  }
});

let finished = false;
function finish(why, result) {
  if (finished) return;
  finished = true;
  clearTimeout(guard);
  proc.removeAllListeners("exit");
  // Chromium runs in a process group of its own (detached): end it with all its helpers.
  try {
    process.kill(-proc.pid, "SIGKILL");
  } catch {}
  // Its helper processes may still be writing the profile: a leftover temporary directory is
  // no reason to lose the verdict.
  try {
    rmSync(profile, { recursive: true, force: true, maxRetries: 3 });
  } catch {}
  if (why) fail(why);
  else report(result);
}

try {
  // The tab the browser opened (about:blank): a foreground page, whose frames are not throttled.
  const { targetInfos } = await send("Target.getTargets");
  const tab = targetInfos.find((t) => t.type === "page");
  const targetId = tab ? tab.targetId : (await send("Target.createTarget", { url: "about:blank" })).targetId;
  const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
  const s = (method, params) => send(method, params, sessionId);
  await s("Runtime.enable");
  await s("Log.enable");
  await s("Page.enable");
  await s("Emulation.setDeviceMetricsOverride", { width: 1280, height: 900, deviceScaleFactor: 1, mobile: false });
  const loaded = waitFor("Page.loadEventFired");
  await s("Page.navigate", { url: pathToFileURL(path.resolve(page)).href });
  await loaded;
  // uPlot draws in a microtask after it is created: by the load event the canvases are drawn.
  const { result } = await s("Runtime.evaluate", {
    returnByValue: true,
    expression: `(() => {
      const canvases = [...document.querySelectorAll(".uplot canvas")];
      const inked = canvases.filter((c) => {
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) ++n;
        return n > 500;
      }).length;
      return { reported: window.headroomReport ? window.headroomReport.charts : 0, charts: canvases.length, inked,
               topologyNodes: document.querySelectorAll("svg.topology rect").length,
               // Boxes and edge labels of the topology that overlap one another (in SVG units).
               topologyOverlaps: (() => {
                 const boxes = [...document.querySelectorAll("svg.topology g")].map((g) => {
                   const r = g.querySelector("rect"), t = g.transform.baseVal.consolidate().matrix;
                   return { x: t.e, y: t.f, w: +r.getAttribute("width"), h: +r.getAttribute("height") };
                 }).concat([...document.querySelectorAll("svg.topology text.edge-label")].map((t) => {
                   const b = t.getBBox();
                   return { x: b.x, y: b.y, w: b.width, h: b.height };
                 }));
                 let n = 0;
                 for (let i = 0; i < boxes.length; ++i)
                   for (let j = i + 1; j < boxes.length; ++j) {
                     const a = boxes[i], b = boxes[j];
                     if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) ++n;
                   }
                 return n;
               })(),
               legendValues: [...document.querySelectorAll(".u-legend .u-value")].map((v) => v.textContent),
               ticks: window.headroomReport ? window.headroomReport.ticks : null,
               title: (document.querySelector("h1") || {}).textContent,
               components: [...document.querySelectorAll("table.components tbody tr td:first-child")].map((td) => td.textContent),
               sections: [...document.querySelectorAll("h2")].map((h) => h.textContent),
               height: document.documentElement.scrollHeight };
    })()`,
  });
  const found = result.value;
  if (screenshot) {
    await s("Emulation.setDeviceMetricsOverride", { width: 1280, height: Math.min(found.height, 6000), deviceScaleFactor: 1, mobile: false });
    await new Promise((done) => setImmediate(done));
    const shot = await s("Page.captureScreenshot", { format: "png", captureBeyondViewport: true });
    writeFileSync(screenshot, Buffer.from(shot.data, "base64"));
  }
  const ok = errors.length === 0 && found.reported > 0 && found.charts === found.reported && found.inked === found.charts && found.topologyNodes > 0;
  finish(null, { ok, errors, ...found });
} catch (e) {
  finish(String(e && e.message ? e.message : e));
}
