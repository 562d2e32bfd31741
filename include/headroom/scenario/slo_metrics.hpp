#pragma once
/// The SLO metrics (docs/scenarios.md, `slo`), listed once: the scenario registry, the `--slo`
/// option, the SLO verdict and the report's latency blocks all read this table. How each one is
/// read off a report is slo_figure() (headroom/measure/figures.hpp).
#include <span>
#include <string>
#include <string_view>

namespace headroom {

enum class SloMetricId { Mean, P50, P90, P95, P99, P999, Max, ErrorRate, Availability };

/// One SLO metric: a latency of the run's successful requests (ms) or a fraction of its requests.
struct SloMetric {
  SloMetricId id;
  std::string_view name;         ///< as in `slo:`, `--slo` and the report: "p99", "error_rate"
  std::string_view description;  ///< for the schema and docs
  bool latency = false;          ///< milliseconds; otherwise a fraction
  bool floor = false;            ///< a lower limit (availability); every other metric a ceiling

  /// Whether `value` keeps `limit`.
  bool met(double value, double limit) const { return floor ? value >= limit : value <= limit; }
};

/// Every SLO metric, in the order the registry, the reader and a report list them: the latency
/// metrics in the order of a latency block in JSON (mean, p50, p90, p95, p99, p999, max), then
/// error_rate and availability.
std::span<const SloMetric> slo_metrics();

/// The metric called `name`; null when there is none.
const SloMetric* find_slo_metric(std::string_view name);

/// "mean, p50, …, availability": for messages.
std::string slo_metric_names();

}  // namespace headroom
