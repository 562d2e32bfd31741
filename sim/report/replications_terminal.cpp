// The terminal summary of `run --replications`: the key figures as mean ± half-width.
#include <fmt/format.h>

#include <cmath>

#include "headroom/core/printable.hpp"
#include "headroom/core/units.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/study/replications.hpp"
#include "report/interval_format.hpp"

namespace headroom {
namespace {

void figure_row(std::string& out, const Replications& r, const std::string& label, const std::string& key,
                double scale = 1, const char* unit = "") {
  const Interval ci = r.at(key);
  out += fmt::format("  {:<22} {:>24}  {}\n", label, plus_minus(ci, scale, unit), bracket(ci, scale));
}

std::string seed_list(const std::vector<std::uint64_t>& seeds) {
  if (seeds.size() <= 3) {
    std::string s;
    for (auto x : seeds) s += (s.empty() ? "" : ", ") + std::to_string(x);
    return s;
  }
  return fmt::format("{}, {}, …, {}", seeds[0], seeds[1], seeds.back());
}

}  // namespace

std::string replications_terminal(const Replications& r) {
  const Report& first = r.reports.front();
  const std::size_t n = r.reports.size();
  std::string out;
  out += fmt::format("headroom {} — {}{}\n", first.version, first.scenario.name.empty() ? first.scenario.file : first.scenario.name,
                     r.partial ? "  [PARTIAL: " + r.stop_reason + "]" : "");
  out += fmt::format("  {} replications, seeds {} (seed, seed+1, …, seed+{}); each {:.0f} s simulated after {:.0f} s warmup\n",
                     n, seed_list(r.seeds), n - 1, first.scenario.duration_s - first.scenario.warmup_s, first.scenario.warmup_s);
  out += fmt::format("  each figure: mean ± half-width of its 95% confidence interval (Student t, {} df), then the interval\n\n",
                     n - 1);

  out += "Requests\n";
  figure_row(out, r, "offered", "requests.offered");
  figure_row(out, r, "error rate", "requests.error_rate", 100, "%");
  figure_row(out, r, "availability", "availability", 100, "%");

  out += "\nLatency (ms, successful requests, end to end)\n";
  for (const auto& [label, key] : {std::pair{"mean", "mean"}, {"p50", "p50"}, {"p90", "p90"}, {"p99", "p99"},
                                   {"p99.9", "p999"}, {"max", "max"}})
    figure_row(out, r, label, std::string("latency_ms.") + key);

  if (!first.classes.empty()) {
    out += fmt::format("\nClasses\n  {:<16} {:>22} {:>24} {:>22}\n", "class", "requests", "error rate", "p99 ms");
    for (const auto& [name, c] : first.classes) {
      const std::string k = "classes." + name + ".";
      out += fmt::format("  {:<16} {:>22} {:>24} {:>22}\n", name, plus_minus(r.at(k + "requests")),
                         plus_minus(r.at(k + "error_rate"), 100, "%"), plus_minus(r.at(k + "latency_ms.p99")));
    }
  }

  out += fmt::format("\nComponents\n  {:<16} {:<12} {:>22} {:>22}\n", "name", "type", "utilisation", "p99 ms");
  for (const auto& [name, c] : first.components) {
    const std::string k = "components." + name + ".";
    out += fmt::format("  {:<16} {:<12} {:>22} {:>22}\n", name, c.type, plus_minus(r.at(k + "utilization"), 100, "%"),
                       plus_minus(r.at(k + "latency_ms.p99")));
  }

  out += "\nCost (USD)\n";
  figure_row(out, r, "per month", "cost.monthly_usd");
  figure_row(out, r, "period", "cost.period_usd");

  if (!r.slo_checks.empty()) {
    out += fmt::format("\nSLO {} (on the means)\n", r.slo_met ? "met" : "NOT MET");
    for (const auto& c : r.slo_checks) {
      const SloMetric* m = find_slo_metric(c.metric);
      const bool latency = m && m->latency;
      const double scale = latency ? 1 : 100;
      const char* unit = latency ? " ms" : "%";
      out += fmt::format("  {:<14} {:>12} {} {:<12} {}\n", c.metric, plain_number(c.value * scale, 4) + unit,
                         m && m->floor ? ">=" : "<=", plain_number(c.limit * scale, 4) + unit,
                         c.met ? "ok" : "FAIL");
    }
  }
  out += fmt::format("\nEvery numeric key of the report, with its interval: --json (block `replications`).\n");
  return terminal_safe(out);  // names and paths are shown, never obeyed
}

}  // namespace headroom
