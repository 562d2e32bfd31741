#pragma once
/// Every numeric figure of a report, by its dotted key (spec.md §5's key path: `latency_ms.p99`,
/// `components.web.utilization`, `faults.0.at_s`), in the order the JSON document has them: what
/// `check` expects, `--replications` summarises and `compare` differences.
#include <functional>
#include <map>
#include <string>

#include "headroom/measure/figure_keys.hpp"
#include "headroom/measure/report.hpp"
#include "headroom/scenario/slo_metrics.hpp"

namespace headroom {

/// One figure of a report.
struct Figure {
  const std::string& path;  ///< dotted JSON key; valid during the visit only
  double value;             ///< as JSON prints it (counts converted to double)
  FigureTraits traits;
};

using FigureVisitor = std::function<void(const Figure&)>;

/// Calls `visit` for each number the JSON report of `r` holds (not booleans, strings, or the
/// nulls a non-finite value or an event that never happened prints as), in document order.
void for_each_figure(const Report& r, const FigureVisitor& visit);

/// Every figure of `r` by its dotted key.
std::map<std::string, double> report_figures(const Report& r);

/// A latency metric (mean, p50 … max) of `s`, in ms; NaN for error_rate and availability.
double latency_figure(const LatencySummary& s, SloMetricId m);

/// The value an SLO clause on `m` is judged on: the run's latency (ms) or fraction.
double slo_figure(const Report& r, const SloMetric& m);

}  // namespace headroom
