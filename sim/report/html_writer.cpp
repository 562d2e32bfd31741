// to_html(): the page is a shell — head, the embedded assets, and the data as JSON in a
// <script type="application/json"> — and web/report.js draws everything from the data, so that
// the page's look lives in web/ and this file only has to get the data right.
#include <nlohmann/json.hpp>

#include "headroom/core/assert.hpp"
#include "headroom/report/html.hpp"
#include "headroom/report/markup.hpp"
#include "headroom/report/writers.hpp"
#include "report/report_assets.hpp"
#include "report/report_json.hpp"

namespace headroom {
namespace {

using nlohmann::ordered_json;

/// The series by column, as uPlot takes data: one array per measure, the times first.
ordered_json series_json(const TimeSeries& ts) {
  ordered_json j;
  j["interval_s"] = ts.interval_s;
  j["pools"] = ts.pools;
  std::vector<double> t, offered, ok, errors, p50, p99;
  std::map<std::string, std::vector<double>> by_kind;
  const std::vector<std::string> kinds = {"rejected", "timeout", "unavailable", "throttled", "failed", "server_error"};
  std::vector<std::vector<std::vector<double>>> pools(ts.pools.size(), std::vector<std::vector<double>>(5));
  for (const TimeSeriesRow& r : ts.rows) {
    t.push_back(r.t_s);
    offered.push_back(r.offered_rps);
    ok.push_back(r.ok_rps);
    errors.push_back(r.error_rps);
    p50.push_back(r.p50_ms);
    p99.push_back(r.p99_ms);
    const double per_kind[] = {r.rejected_rps, r.timeout_rps, r.unavailable_rps, r.throttled_rps, r.failed_rps, r.server_error_rps};
    for (std::size_t k = 0; k < kinds.size(); ++k) by_kind[kinds[k]].push_back(per_kind[k]);
    for (std::size_t p = 0; p < r.pools.size() && p < pools.size(); ++p) {
      const PoolSample& s = r.pools[p];
      const double values[] = {s.instances, s.spot, s.cpu, s.queue, s.usd_per_hour};
      for (std::size_t v = 0; v < 5; ++v) pools[p][v].push_back(values[v]);
    }
  }
  j["t_s"] = t;
  j["offered_rps"] = offered;
  j["ok_rps"] = ok;
  j["error_rps"] = errors;
  ordered_json kinds_json = ordered_json::object();
  for (const auto& k : kinds) kinds_json[k] = by_kind[k];
  j["errors_rps"] = kinds_json;
  j["p50_ms"] = p50;
  j["p99_ms"] = p99;
  ordered_json pools_json = ordered_json::object();
  const char* names[] = {"instances", "spot", "cpu", "queue", "usd_per_hour"};
  for (std::size_t p = 0; p < pools.size(); ++p)
    for (std::size_t v = 0; v < 5; ++v) pools_json[ts.pools[p]][names[v]] = pools[p][v];
  j["by_pool"] = pools_json;
  ordered_json services = ordered_json::object();
  for (std::size_t k = 0; k < ts.services.size(); ++k) {
    std::vector<double> column;
    for (const TimeSeriesRow& r : ts.rows) column.push_back(k < r.services.size() ? r.services[k] : 0);
    services[ts.services[k]] = column;
  }
  j["services"] = services;
  return j;
}

ordered_json topology_json(const TopologyGraph& g) {
  ordered_json nodes = ordered_json::array(), edges = ordered_json::array();
  for (const auto& n : g.nodes) {
    ordered_json placements = ordered_json::array();
    for (const auto& p : n.placements) placements.push_back({{"az", p.az}, {"role", p.role}});
    nodes.push_back({{"name", n.name}, {"type", n.type}, {"detail", n.detail}, {"placements", placements}});
  }
  for (const auto& e : g.edges) edges.push_back({{"from", e.from}, {"to", e.to}, {"label", e.label}, {"miss", e.miss}});
  return {{"title", g.title}, {"azs", g.azs}, {"nodes", nodes}, {"edges", edges}};
}

/// JSON inside a <script> element. Not only "</script" ends it early: "<!--" then "<script" in a
/// name sent the HTML tokenizer into its double-escaped state, where the closing tag no longer
/// closes, and the page came out blank. Every '<' becomes \u003c (the same string to
/// JSON.parse; outside strings JSON has no '<'), so script data holds no '<' at all.
std::string script_safe(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (char c : json) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  return out;
}

}  // namespace

std::string to_html(const Report& report, const TopologyGraph& topology) {
  ordered_json data;
  data["report"] = report_document(report);
  data["series"] = series_json(report.timeseries);
  data["topology"] = topology_json(topology);
  std::string out;
  out += "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may be fetched: the page is whole as written.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline'; "
         "style-src 'unsafe-inline'; img-src data:\">\n";
  out += "<meta name=\"generator\" content=\"headroom " + escape_markup(report.provenance.version) + "\">\n";
  out += "<title>headroom: " + escape_markup(report.scenario.name.empty() ? report.scenario.file : report.scenario.name) +
         "</title>\n";
  out += "<style>\n";
  out += report_uplot_css();
  out += "\n";
  out += report_page_css();
  out += "</style>\n</head>\n<body>\n";
  out += "<noscript><p>This report draws its charts with JavaScript; its data is the JSON in this file, and "
         "<code>headroom run --json</code> writes the same figures.</p></noscript>\n";
  out += "<main id=\"report\"></main>\n";
  out += "<script type=\"application/json\" id=\"headroom-data\">" + script_safe(data.dump()) + "</script>\n";
  out += "<script>\n";
  out += report_uplot_js();
  out += "\n</script>\n<script>\n";
  out += report_page_js();
  out += "\n</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace headroom
