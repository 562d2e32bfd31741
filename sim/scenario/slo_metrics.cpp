#include "headroom/scenario/slo_metrics.hpp"

#include <array>

namespace headroom {
namespace {

using Id = SloMetricId;

constexpr std::array<SloMetric, 9> kMetrics = {{
    {Id::Mean, "mean", "mean latency", true, false},
    {Id::P50, "p50", "median latency", true, false},
    {Id::P90, "p90", "90th percentile", true, false},
    {Id::P95, "p95", "95th percentile", true, false},
    {Id::P99, "p99", "99th percentile", true, false},
    {Id::P999, "p999", "99.9th percentile", true, false},
    {Id::Max, "max", "largest latency", true, false},
    {Id::ErrorRate, "error_rate", "largest fraction of failed requests", false, false},
    {Id::Availability, "availability", "smallest fraction of successful requests", false, true},
}};

}  // namespace

std::span<const SloMetric> slo_metrics() { return kMetrics; }

const SloMetric* find_slo_metric(std::string_view name) {
  for (const SloMetric& m : kMetrics)
    if (m.name == name) return &m;
  return nullptr;
}

std::string slo_metric_names() {
  std::string out;
  for (const SloMetric& m : kMetrics) {
    if (!out.empty()) out += ", ";
    out += m.name;
  }
  return out;
}

}  // namespace headroom
