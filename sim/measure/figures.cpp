// Every figure of a report, from the walk the JSON writer also takes (report_walk.cpp).
#include "headroom/measure/figures.hpp"

#include <array>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "measure/report_walk.hpp"

namespace headroom {
namespace {

constexpr FigureTraits kCount{FigureUnit::Count, Better::Neither};
constexpr FigureTraits kRefused{FigureUnit::Count, Better::Lower};
constexpr FigureTraits kAgeMs{FigureUnit::Milliseconds, Better::Lower};

// In the order of enum class ComponentStat.
constexpr std::array<ComponentStatInfo, 40> kStats = {{
    {"throttled", kRefused},
    {"invocations", kCount},
    {"cold_starts", kRefused},
    {"cold_start_share", {FigureUnit::Fraction, Better::Lower}},
    {"timeouts", kRefused},
    {"concurrency_max", {FigureUnit::Instances, Better::Neither}},
    {"concurrency_mean", {FigureUnit::Instances, Better::Neither}},
    {"gb_seconds", {FigureUnit::GbSeconds, Better::Lower}},
    {"read_units_per_s", {FigureUnit::PerSecond, Better::Neither}},
    {"write_units_per_s", {FigureUnit::PerSecond, Better::Neither}},
    {"stream_records", kCount},
    {"stream_records_processed", kCount},
    {"stream_iterator_age_max_ms", kAgeMs},
    {"records_accepted", kCount},
    {"records_processed", kCount},
    {"records_pending", kRefused},
    {"records_expired", kRefused},
    {"iterator_age_max_ms", kAgeMs},
    {"records", kCount},
    {"deliveries", kCount},
    {"records_buffered", kCount},
    {"credit_balance", {FigureUnit::Count, Better::Higher}},
    {"surplus_credits", {FigureUnit::Count, Better::Lower}},
    {"marked_unhealthy", kRefused},
    {"fail_open_s", {FigureUnit::Seconds, Better::Lower}},
    {"replica_lag_max_ms", kAgeMs},
    {"stale_reads", kRefused},
    {"network_utilization", {FigureUnit::Fraction, Better::Lower}},
    {"pool_size", {FigureUnit::Count, Better::Neither}},
    {"pool_wait_mean_ms", kAgeMs},
    {"pool_wait_p99_ms", kAgeMs},
    {"pool_waited_share", {FigureUnit::Fraction, Better::Lower}},
    {"pool_timeouts", kRefused},
    {"pool_utilization", {FigureUnit::Fraction, Better::Lower}},
    {"pool_connections_max", {FigureUnit::Count, Better::Neither}},
    {"db_max_connections", {FigureUnit::Count, Better::Neither}},
    {"storage_utilization", {FigureUnit::Fraction, Better::Lower}},
    {"storage_iops", {FigureUnit::PerSecond, Better::Neither}},
    {"storage_iops_provisioned", {FigureUnit::Count, Better::Neither}},
    {"storage_wait_mean_ms", kAgeMs},
}};
static_assert(kStats.size() == static_cast<std::size_t>(ComponentStat::StorageWaitMeanMs) + 1,
              "one row per ComponentStat");

// In the order of enum class ComponentSeries.
constexpr std::array<ComponentStatInfo, 4> kSeries = {{
    {"", kCount},
    {"concurrency_per_minute", {FigureUnit::Instances, Better::Neither}},
    {"iterator_age_ms_per_minute", kAgeMs},
    {"replica_lag_ms_per_minute", kAgeMs},
}};
static_assert(kSeries.size() == static_cast<std::size_t>(ComponentSeries::ReplicaLagMsPerMinute) + 1,
              "one row per ComponentSeries");

/// Forwards the finite numbers of the walk; JSON prints the others as null.
class FigureSink final : public ReportSink {
 public:
  explicit FigureSink(const FigureVisitor& visit) : visit_(visit) {}
  void open(std::string_view, bool) override {}
  void close() override {}
  void number(std::string_view, const std::string& path, const ReportNumber& n, FigureTraits traits) override {
    const double v = n.value();
    if (std::isfinite(v)) visit_(Figure{path, v, traits});
  }
  void text(std::string_view, const std::string&) override {}
  void flag(std::string_view, bool) override {}
  void null(std::string_view) override {}

 private:
  const FigureVisitor& visit_;
};

}  // namespace

std::string_view unit_name(FigureUnit u) {
  switch (u) {
    case FigureUnit::Count: return "";
    case FigureUnit::Fraction: return "fraction";
    case FigureUnit::Milliseconds: return "ms";
    case FigureUnit::Seconds: return "s";
    case FigureUnit::PerSecond: return "1/s";
    case FigureUnit::Instances: return "instances";
    case FigureUnit::InstanceHours: return "instance-hours";
    case FigureUnit::GbSeconds: return "GB-s";
    case FigureUnit::Usd: return "USD";
    case FigureUnit::Seed: return "seed";
    case FigureUnit::Users: return "users";
  }
  return "";
}

const ComponentStatInfo& stat_info(ComponentStat s) { return kStats.at(static_cast<std::size_t>(s)); }
const ComponentStatInfo& series_info(ComponentSeries s) { return kSeries.at(static_cast<std::size_t>(s)); }

void for_each_figure(const Report& r, const FigureVisitor& visit) {
  FigureSink sink(visit);
  walk_report(r, sink);
}

double latency_figure(const LatencySummary& s, SloMetricId m) {
  switch (m) {
    case SloMetricId::Mean: return s.mean;
    case SloMetricId::P50: return s.p50;
    case SloMetricId::P90: return s.p90;
    case SloMetricId::P95: return s.p95;
    case SloMetricId::P99: return s.p99;
    case SloMetricId::P999: return s.p999;
    case SloMetricId::Max: return s.max;
    case SloMetricId::ErrorRate:
    case SloMetricId::Availability: break;
  }
  return std::nan("");
}

double slo_figure(const Report& r, const SloMetric& m) {
  if (m.latency) return latency_figure(r.latency_ms, m.id);
  return m.id == SloMetricId::Availability ? r.availability : r.error_rate;
}

std::map<std::string, double> report_figures(const Report& r) {
  std::map<std::string, double> out;
  for_each_figure(r, [&](const Figure& f) { out[f.path] = f.value; });
  return out;
}

}  // namespace headroom
