// A complete sweep for people: a CSV (every figure), a Markdown table and an HTML page (the key figures).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "headroom/report/markup.hpp"
#include "headroom/study/sweep.hpp"
#include "report/csv_field.hpp"

namespace headroom {
namespace {

std::string number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : ""; }

struct KeyFigure {
  const char* key;
  const char* title;
  bool percent;
};
constexpr KeyFigure kKeyFigures[] = {{"latency_ms.p50", "p50 ms", false},
                                     {"latency_ms.p99", "p99 ms", false},
                                     {"requests.error_rate", "error rate", true},
                                     {"availability", "availability", true},
                                     {"cost.monthly_usd", "$/month", false}};

std::string with_interval(const Interval& i, bool percent) {
  const double k = percent ? 100 : 1;
  const char* unit = percent ? "%" : "";
  if (!std::isfinite(i.half_width)) return fmt::format("{:.4g}{}", i.mean * k, unit);
  return fmt::format("{:.4g}{} ± {:.2g}", i.mean * k, unit, i.half_width * k);
}

/// The points a writer shows: every point of a complete sweep; of an interrupted one, the points
/// whose every seed ran (`number` keeps each one's point number), the others listed in `not_run`.
struct Summary {
  std::vector<SweepPoint> points;
  std::vector<std::size_t> number;
  std::vector<std::size_t> not_run;
  std::size_t total = 0;
  bool partial() const { return !not_run.empty(); }
};

Summary summarise(const SweepResult& r) {
  Summary out;
  out.total = r.space.points();
  if (r.interrupted_by.empty() || r.complete()) {
    out.points = summarise_sweep(r.space, r.records);
    for (std::size_t i = 0; i < out.points.size(); ++i) out.number.push_back(i);
    return out;
  }
  out.not_run = points_not_whole(r);
  for (std::size_t p = 0; p < out.total; ++p) {
    if (std::find(out.not_run.begin(), out.not_run.end(), p) != out.not_run.end()) continue;
    out.points.push_back(summarise_point(r.space, r.records, p));
    out.number.push_back(p);
  }
  return out;
}

/// "partial: 3 of 4 points, interrupted by SIGINT; points not run: 2" (plain text: escape it for markup).
std::string partial_line(const SweepResult& r, const Summary& s) {
  std::string out = fmt::format("partial: {} of {} points, interrupted by {}; points not run (or not under every seed):",
                                s.points.size(), s.total, r.interrupted_by);
  for (std::size_t i = 0; i < s.not_run.size(); ++i) out += fmt::format("{} {}", i ? "," : "", s.not_run[i]);
  return out;
}

// The page draws its charts as inline SVG: no script, nothing fetched, readable offline.
constexpr double kW = 420, kH = 260, kL = 56, kR = 12, kT = 14, kB = 40;  // plot size and margins
constexpr const char* kColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#17becf", "#8c564b", "#e377c2"};

struct Range {
  double lo = INFINITY, hi = -INFINITY;
  void add(double v) {
    if (!std::isfinite(v)) return;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  double y(double v) const {
    const double span = hi > lo ? hi - lo : 1;
    return kT + (kH - kT - kB) * (1 - (v - lo) / span);
  }
};

std::string axis(const Range& y, const std::string& ylabel) {
  std::string out = fmt::format(R"s(<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="#888"/>)s"
                                R"s(<line x1="{0}" y1="{2}" x2="{3}" y2="{2}" stroke="#888"/>)s",
                                kL, kT, kH - kB, kW - kR);
  for (double v : {y.lo, (y.lo + y.hi) / 2, y.hi})
    out += fmt::format(R"s(<text x="{}" y="{:.1f}" text-anchor="end" class="tick">{:.4g}</text>)s", kL - 4, y.y(v) + 4, v);
  return out + fmt::format(R"s(<text x="12" y="{}" transform="rotate(-90 12 {})" text-anchor="middle" class="lab">{}</text>)s",
                           (kH - kB + kT) / 2, (kH - kB + kT) / 2, escape_markup(ylabel));
}

/// `figure` against parameter `axis_param`: one line per combination of the other parameters,
/// each point with its 95% interval as an error bar.
std::string figure_chart(const SweepResult& r, const std::vector<SweepPoint>& points, const KeyFigure& f,
                         std::size_t axis_param) {
  const auto& values = r.space.parameters[axis_param].values;
  const double k = f.percent ? 100 : 1;
  Range y;
  for (const auto& p : points)
    if (const auto it = p.figures.find(f.key); it != p.figures.end()) {
      y.add(it->second.mean * k);
      if (std::isfinite(it->second.half_width)) {
        y.add(it->second.low * k);
        y.add(it->second.high * k);
      }
    }
  if (!std::isfinite(y.lo)) return "";
  const auto x = [&](std::size_t i) {
    return kL + 16 + (kW - kL - kR - 32) * (values.size() > 1 ? static_cast<double>(i) / (values.size() - 1) : 0.5);
  };
  std::string svg = fmt::format(R"s(<figure><svg viewBox="0 0 {} {}" width="{}" height="{}">)s", kW, kH, kW, kH);
  svg += axis(y, fmt::format("{}{}", f.title, f.percent ? " (%)" : ""));
  for (std::size_t i = 0; i < values.size(); ++i)
    svg += fmt::format(R"s(<text x="{:.1f}" y="{}" text-anchor="middle" class="tick">{}</text>)s", x(i), kH - kB + 16,
                       escape_markup(values[i]));
  svg += fmt::format(R"s(<text x="{}" y="{}" text-anchor="middle" class="lab">{}</text>)s", (kL + kW) / 2, kH - 6,
                     escape_markup(r.space.parameters[axis_param].path));
  // Lines: the points that share every other parameter's value.
  std::map<std::vector<std::string>, std::vector<std::size_t>> lines;
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::vector<std::string> others = points[i].values;
    others.erase(others.begin() + static_cast<std::ptrdiff_t>(axis_param));
    lines[others].push_back(i);
  }
  std::string legend;
  std::size_t colour = 0;
  for (const auto& [others, members] : lines) {
    const char* c = kColours[colour++ % std::size(kColours)];
    std::string path;
    for (std::size_t i : members) {
      const auto it = points[i].figures.find(f.key);
      if (it == points[i].figures.end()) continue;
      const std::size_t xi = static_cast<std::size_t>(
          std::find(values.begin(), values.end(), points[i].values[axis_param]) - values.begin());
      const Interval& iv = it->second;
      path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : " L", x(xi), y.y(iv.mean * k));
      if (std::isfinite(iv.half_width))
        svg += fmt::format(R"s(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}"/>)s", x(xi),
                           y.y(iv.low * k), y.y(iv.high * k), c);
      svg += fmt::format(R"s(<circle cx="{:.1f}" cy="{:.1f}" r="3" fill="{}"/>)s", x(xi), y.y(iv.mean * k), c);
    }
    svg += fmt::format(R"s(<path d="{}" fill="none" stroke="{}"/>)s", path, c);
    std::string name;
    for (std::size_t p = 0, o = 0; p < r.space.parameters.size(); ++p)
      if (p != axis_param) name += fmt::format("{}{}={}", name.empty() ? "" : ", ", r.space.parameters[p].path, others[o++]);
    if (!name.empty()) legend += fmt::format(R"s(<span style="color:{}">■</span> {} )s", c, escape_markup(name));
  }
  return svg + "</svg><figcaption>" + legend + "</figcaption></figure>\n";
}

/// Every point in the cost/p99 plane; the Pareto front joined and its points filled.
std::string pareto_chart(const std::vector<SweepPoint>& points, const std::vector<std::size_t>& number,
                         const std::vector<std::size_t>& front) {
  Range x, y;
  for (const auto& p : points)
    if (p.figures.count("cost.monthly_usd") && p.figures.count("latency_ms.p99")) {
      x.add(p.figures.at("cost.monthly_usd").mean);
      y.add(p.figures.at("latency_ms.p99").mean);
    }
  if (!std::isfinite(x.lo)) return "";
  const auto px = [&](double v) { return kL + 8 + (kW - kL - kR - 16) * (x.hi > x.lo ? (v - x.lo) / (x.hi - x.lo) : 0.5); };
  std::string svg = fmt::format(R"s(<figure><svg viewBox="0 0 {} {}" width="{}" height="{}">)s", kW, kH, kW, kH);
  svg += axis(y, "p99 ms");
  for (double v : {x.lo, x.hi})
    svg += fmt::format(R"s(<text x="{:.1f}" y="{}" text-anchor="middle" class="tick">${:.0f}</text>)s", px(v), kH - kB + 16, v);
  svg += fmt::format(R"s(<text x="{}" y="{}" text-anchor="middle" class="lab">cost, $/month</text>)s", (kL + kW) / 2, kH - 6);
  std::string path;
  for (std::size_t i : front)
    path += fmt::format("{}{:.1f},{:.1f}", path.empty() ? "M" : " L", px(points[i].figures.at("cost.monthly_usd").mean),
                        y.y(points[i].figures.at("latency_ms.p99").mean));
  svg += fmt::format(R"s(<path d="{}" fill="none" stroke="#d62728"/>)s", path);
  for (std::size_t i = 0; i < points.size(); ++i) {
    const auto& p = points[i];
    if (!p.figures.count("cost.monthly_usd") || !p.figures.count("latency_ms.p99")) continue;
    const bool on = std::find(front.begin(), front.end(), i) != front.end();
    svg += fmt::format(R"s(<circle cx="{:.1f}" cy="{:.1f}" r="4" fill="{}" stroke="#d62728"><title>point {}</title></circle>)s",
                       px(p.figures.at("cost.monthly_usd").mean), y.y(p.figures.at("latency_ms.p99").mean),
                       on ? "#d62728" : "white", number[i]);
  }
  return svg + "</svg><figcaption>Pareto front (filled): no other point is both cheaper and faster at p99.</figcaption></figure>\n";
}

}  // namespace

std::string sweep_csv(const SweepResult& r) {
  const Summary s = summarise(r);
  const std::vector<SweepPoint>& points = s.points;
  std::set<std::string> keys;
  for (const auto& p : points)
    for (const auto& [k, iv] : p.figures) keys.insert(k);
  // An interrupted sweep keeps the file one plain table (no comment line a spreadsheet would show
  // as a row, or a reader choke on): every point has its row and `status` says which ran.
  const bool partial = s.partial();
  std::string out = "point";
  for (const auto& p : r.space.parameters) out += "," + csv_field(p.path);
  out += ",slo_met";
  for (const auto& k : keys) out += fmt::format(",{0},{0}.low,{0}.high", csv_field(k));
  out += partial ? ",status\n" : "\n";
  for (std::size_t p = 0, i = 0; p < s.total; ++p) {
    const bool ran = i < points.size() && s.number[i] == p;
    if (!ran && !partial) continue;
    out += std::to_string(p);
    for (const auto& v : r.space.point(p)) out += "," + csv_field(v);
    if (!ran) {
      out += ",";
      for (std::size_t k = 0; k < keys.size(); ++k) out += ",,,";
      out += fmt::format(",not run ({})\n", r.interrupted_by);
      continue;
    }
    out += points[i].slo_met ? ",true" : ",false";
    for (const auto& k : keys) {
      const auto it = points[i].figures.find(k);
      if (it == points[i].figures.end()) out += ",,,";
      else out += fmt::format(",{},{},{}", number(it->second.mean), number(it->second.low), number(it->second.high));
    }
    out += partial ? ",done\n" : "\n";
    ++i;
  }
  return out;
}

std::string sweep_markdown(const SweepResult& r) {
  const Summary s = summarise(r);
  const std::vector<SweepPoint>& points = s.points;
  const std::vector<std::size_t> front = pareto_front(points);
  std::string out = s.partial() ? "**" + partial_line(r, s) + "**\n\n" : "";
  out += "| # |";
  std::string rule = "| ---: |";
  for (const auto& p : r.space.parameters) {
    out += fmt::format(" `{}` |", p.path);
    rule += " --- |";
  }
  for (const auto& f : kKeyFigures) {
    out += fmt::format(" {} |", f.title);
    rule += " ---: |";
  }
  out += " SLO | Pareto |\n" + rule + " --- | --- |\n";
  for (std::size_t i = 0; i < points.size(); ++i) {
    out += fmt::format("| {} |", s.number[i]);
    for (const auto& v : points[i].values) out += fmt::format(" {} |", v);
    for (const auto& f : kKeyFigures) {
      const auto it = points[i].figures.find(f.key);
      out += " " + (it == points[i].figures.end() ? std::string("—") : with_interval(it->second, f.percent)) + " |";
    }
    const bool on_front = std::find(front.begin(), front.end(), i) != front.end();
    out += fmt::format(" {} | {} |\n", points[i].slo_met ? "met" : "**not met**", on_front ? "yes" : "");
  }
  out += fmt::format("\n{} points × {} seeds; each figure the mean ± the half-width of its 95% interval over the seeds "
                     "(Student t).\n",
                     points.size(), r.space.seeds.size());
  return out;
}

std::string sweep_html(const SweepResult& r) {
  const Summary s = summarise(r);
  const std::vector<SweepPoint>& points = s.points;
  const std::vector<std::size_t> front = pareto_front(points);
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>headroom sweep: " +
      escape_markup(r.space.scenario) +
      "</title>\n<style>body{font:14px system-ui,sans-serif;margin:2em;color:#222}figure{display:inline-block;margin:0 "
      "1em 1em 0}figcaption{font-size:12px;max-width:420px}.tick{font-size:10px;fill:#555}.lab{font-size:11px}"
      "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}</style></head><body>\n";
  out += fmt::format("<h1>Sweep of {}</h1>\n<p>{} points × {} seeds; every figure is the mean over the seeds, its bar the "
                     "95% interval (Student t).</p>\n",
                     escape_markup(r.space.scenario), points.size(), r.space.seeds.size());
  if (s.partial()) out += "<p class=\"partial\"><b>" + escape_markup(partial_line(r, s)) + "</b></p>\n";
  out += "<h2>Cost against p99</h2>\n" + pareto_chart(points, s.number, front);
  for (std::size_t p = 0; p < r.space.parameters.size(); ++p) {
    out += fmt::format("<h2>Against <code>{}</code></h2>\n", escape_markup(r.space.parameters[p].path));
    for (const auto& f : kKeyFigures) out += figure_chart(r, points, f, p);
  }
  out += "<h2>Points</h2>\n<table><tr><th>#</th>";
  for (const auto& p : r.space.parameters) out += "<th>" + escape_markup(p.path) + "</th>";
  for (const auto& f : kKeyFigures) out += fmt::format("<th>{}</th>", f.title);
  out += "<th>SLO</th></tr>\n";
  for (std::size_t i = 0; i < points.size(); ++i) {
    out += fmt::format("<tr><td>{}</td>", s.number[i]);
    for (const auto& v : points[i].values) out += "<td>" + escape_markup(v) + "</td>";
    for (const auto& f : kKeyFigures) {
      const auto it = points[i].figures.find(f.key);
      out += "<td>" + (it == points[i].figures.end() ? std::string("—") : with_interval(it->second, f.percent)) + "</td>";
    }
    out += fmt::format("<td>{}</td></tr>\n", points[i].slo_met ? "met" : "<b>not met</b>");
  }
  return out + "</table>\n</body></html>\n";
}

}  // namespace headroom
