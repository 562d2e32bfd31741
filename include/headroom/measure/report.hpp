#pragma once
/// The result of a run as a plain value (spec.md §5): what the terminal, JSON and later CSV/HTML
/// writers render. Times in seconds, latencies in milliseconds, money in USD.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "headroom/measure/figure_keys.hpp"
#include "headroom/measure/timeseries.hpp"
#include "headroom/workload/population.hpp"

namespace headroom {

struct LatencySummary {
  double mean = 0, p50 = 0, p90 = 0, p95 = 0, p99 = 0, p999 = 0, max = 0;  ///< ms
};

struct ErrorCounts {
  std::uint64_t rejected = 0;     ///< a full queue or no free connection (503)
  std::uint64_t timeout = 0;      ///< the client gave up (the servers kept working)
  std::uint64_t unavailable = 0;  ///< routed to something dead or absent
  std::uint64_t throttled = 0;    ///< a rate limit (429)
  std::uint64_t failed = 0;       ///< in flight on something that died
  std::uint64_t server_error = 0; ///< the application failed it (HTTP 500, `error_ratio`)
  std::uint64_t total() const { return rejected + timeout + unavailable + throttled + failed + server_error; }
};

/// One class over a stretch of the measured window.
struct ClassWindow {
  std::uint64_t requests = 0;
  double error_rate = 0;
  LatencySummary latency_ms;
};

struct ClassReport {
  std::uint64_t requests = 0;
  double error_rate = 0;
  LatencySummary latency_ms;
  /// The first and second half of the measured window, when RunOptions::halves asked for them
  /// (a capacity probe's steady-state test); not written to JSON.
  std::array<ClassWindow, 2> halves{};
};

struct ComponentReport {
  std::string type;
  double throughput_rps = 0;  ///< operations completed per second (after warmup)
  double utilization = 0;     ///< busy fraction of its CPUs (vCPUs, or threads for Redis)
  LatencySummary latency_ms;  ///< from arrival at the component to its response
  double instances_min = 0, instances_mean = 0, instances_max = 0;
  double billed_instance_hours = 0;  ///< instance-hours billed in the measured window (booting included)
  std::uint64_t errors = 0;   ///< requests this component failed or rejected
  /// Service-specific figures, as extra keys of the component in JSON in this order: a lambda's
  /// invocations, cold_starts, …; a stream's records_accepted, records_processed, … (figure_keys.hpp).
  std::vector<std::pair<ComponentStat, double>> stats;
  /// One value per simulated minute: a lambda's peak concurrency, a stream's iterator age (ms).
  ComponentSeries series_kind = ComponentSeries::None;
  std::vector<double> series;
  /// The age of data when it landed here through an asynchronous pipeline (stream consumers,
  /// Firehose deliveries): end-to-end freshness, from the moment the data was accepted.
  bool has_freshness = false;
  LatencySummary freshness_ms;

  /// The value of `s`; 0 when this component's kind does not report it.
  double stat(ComponentStat s) const {
    for (const auto& [k, v] : stats)
      if (k == s) return v;
    return 0;
  }
};

/// A cache shard's replica promoted to primary after the fault took the primary (Multi-AZ).
struct PromotionReport {
  std::string component, az;  ///< the cache, and the AZ of the promoted replica
  int shard = 0;
  double at_s = 0;
};

/// One fault's timeline. Times are NaN (null in JSON) when the moment never came.
struct FaultReport {
  std::string kind, target;
  double at_s = 0;
  double detected_s = 0;   ///< noticed: by a balancer's health checks, or at once (refused connections)
  double recovered_s = 0;  ///< requests stop failing because of it (routed around, failed over)
  double restored_s = 0;   ///< full capacity back (repaired, and healthy again behind its balancer)
  std::uint64_t failed_requests = 0;  ///< measured requests that finally failed because of it
  /// An attribution estimate of every request the fault cost, at the dead part or not (queues
  /// overflowing on the survivors, timeouts while capacity was short): the measured failures in
  /// its window [at_s, window_end_s] minus the failure rate before it (from the warmup to at_s)
  /// times the window; at least failed_requests. Each failure counts to one fault: the one it is
  /// blamed on, else the earliest fault whose window is open, whose row also takes the overlap's
  /// baseline; so overlapping faults' rows add up to the failures in their windows, once each.
  double excess_failed = 0;
  double window_end_s = 0;       ///< the later of recovered and restored; the run's end when neither came
  double baseline_per_s = 0;     ///< measured failures per second before the fault
  std::vector<PromotionReport> promotions = {};  ///< cache shards it failed over, in order
};

/// A change of an Auto Scaling group's desired capacity.
struct ScalingReport {
  std::string component, reason;
  double at_s = 0;
  int from = 0, to = 0;
};

/// One SLO clause judged on a report: over all requests (`cls` empty), or over one class's
/// requests (the top-level clauses, each replaced by the class's own clause of its metric).
struct SloCheck {
  std::string metric;
  double limit = 0, value = 0;  ///< ms for latency metrics, fractions otherwise
  bool met = true;
  std::string cls;      ///< the class judged; "" for all requests together
  /// Counts towards the verdict. An all-requests clause whose metric a class sets for itself does
  /// not: a class that loosens it would fail it for everyone.
  bool binding = true;
};

struct CostReport {
  double period_usd = 0, monthly_usd = 0, spot_savings_usd = 0;
  /// How monthly_usd was obtained from the measured period (spec.md §9): "the curve's 24h
  /// period repeated …" when the window is whole periods of a diurnal curve, else "the measured
  /// … scaled to 730 h".
  std::string projection;
  std::map<std::string, double> by_service, by_component;
};

/// Little's law L = λW measured on the run: time-average requests in flight against arrival rate
/// times mean time in system. A consistency check every run carries.
struct LittleCheck {
  double in_flight_mean = 0;   ///< L
  double arrival_rate = 0;     ///< λ, requests/s
  double time_in_system_s = 0; ///< W, seconds
  double relative_error = 0;   ///< |L − λW| / L
};

/// Where a report came from (spec.md §5): enough to reproduce it.
struct Provenance {
  std::string version;         ///< headroom's
  std::uint64_t seed = 0;
  std::string catalog_region;  ///< the price catalog used
  std::string catalog_date;    ///< when its figures were compiled, YYYY-MM-DD
};

struct Report {
  std::string version;
  bool partial = false;
  std::string stop_reason;  ///< why a partial run stopped ("" when complete)
  struct {
    std::string name, file;
    std::uint64_t seed = 0;
    double duration_s = 0, warmup_s = 0;
  } scenario;
  /// The offered load at its peak, counted every way (workload/population.hpp): a `users:`
  /// load's users are concurrently active users, one request each per think time.
  UserCounts load;
  std::uint64_t offered = 0, completed = 0, ok = 0;
  std::uint64_t attempts = 0;  ///< attempts sent, retries included (offered when nobody retries)
  ErrorCounts errors;
  double error_rate = 0;      ///< errors / completed
  double availability = 1;    ///< ok / offered
  LatencySummary latency_ms;
  std::map<std::string, ClassReport> classes;
  std::vector<std::pair<std::string, ComponentReport>> components;  ///< in scenario order
  std::vector<FaultReport> faults;
  std::vector<ScalingReport> scaling;  ///< every scaling activity, in time order
  CostReport cost;
  /// Every binding check held: the top-level clauses over all requests, and every class on its own.
  bool slo_met = true;
  /// The top-level clauses over all requests, then each class's clauses, in `traffic` order.
  std::vector<SloCheck> slo_checks;
  LittleCheck little;
  struct {
    std::uint64_t events = 0;
    double wall_s = 0, events_per_s = 0;
    std::uint64_t peak_in_flight = 0;
    std::string fidelity = "request";  ///< "request" or "hybrid" (RunOptions::fidelity)
    std::string fidelity_reason;       ///< why: asked for, or the estimated events against the budget
    /// The zoom windows a hybrid run ran per request, [from_s, to_s] (RunOptions::zoom).
    std::vector<std::pair<double, double>> zoom;
    /// The span the figures cover, [warmup_s, end_s]: the scenario's duration, or where a
    /// partial run stopped.
    std::pair<double, double> covered{0, 0};
  } sim;
  Provenance provenance;
  TimeSeries timeseries;  ///< sampled when RunOptions::series_interval > 0
};

}  // namespace headroom
