// The `--timeseries` CSV. Numbers are written with fmt (six significant digits), whose output
// is the same on every platform: the file is as deterministic as the run.
#include <fmt/format.h>

#include <string_view>

#include "headroom/measure/report.hpp"
#include "report/csv_field.hpp"

namespace headroom {
namespace {

/// A comment line's text: one line, whatever the scenario's name holds.
std::string one_line(std::string s) {
  for (char& c : s)
    if (c == '\n' || c == '\r') c = ' ';
  return s;
}

/// Six significant digits: more than any figure here is worth, and short rows.
std::string num(double v) { return fmt::format("{:.6g}", v); }

}  // namespace

std::string to_timeseries_csv(const Report& r) {
  const TimeSeries& ts = r.timeseries;
  std::string out;
  out += fmt::format("# headroom {} time series (schema headroom.timeseries/1)\n", r.provenance.version);
  out += fmt::format("# scenario: {} ({})\n", one_line(r.scenario.name), one_line(r.scenario.file));
  out += fmt::format("# seed: {}; catalog: {} {}\n", r.provenance.seed, r.provenance.catalog_region,
                     r.provenance.catalog_date);
  out += fmt::format("# interval_s: {}; warmup_s: {}; duration_s: {}{}\n", ts.interval_s, r.scenario.warmup_s,
                     r.scenario.duration_s, r.partial ? "; partial: " + one_line(r.stop_reason) : "");
  out += "# rates per second over the interval ending at t_s; latencies of its successful requests; "
         "pools at t_s (cpu over the interval)\n";
  out += "t_s,offered_rps,ok_rps,error_rps,rejected_rps,timeout_rps,unavailable_rps,throttled_rps,failed_rps,"
         "server_error_rps,p50_ms,p99_ms";
  for (const auto& p : ts.pools)
    for (const char* col : {"instances", "spot", "cpu", "queue", "usd_per_hour"}) out += "," + csv_field(p + "." + col);
  for (const auto& name : ts.services) out += "," + csv_field(name);
  out += "\n";
  for (const TimeSeriesRow& row : ts.rows) {
    out += num(row.t_s);
    for (double v : {row.offered_rps, row.ok_rps, row.error_rps, row.rejected_rps, row.timeout_rps, row.unavailable_rps,
                     row.throttled_rps, row.failed_rps, row.server_error_rps, row.p50_ms, row.p99_ms})
      out += "," + num(v);
    for (const PoolSample& p : row.pools)
      for (double v : {p.instances, p.spot, p.cpu, p.queue, p.usd_per_hour}) out += "," + num(v);
    for (double v : row.services) out += "," + num(v);
    out += "\n";
  }
  return out;
}

}  // namespace headroom
