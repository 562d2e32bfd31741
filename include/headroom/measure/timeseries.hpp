#pragma once
/// The time series of a run (spec.md §5, `--timeseries`, `--report`): one row per interval of
/// simulated time, from the start of the run (warmup included, so that a chart shows it) to its
/// end. Memory is rows × pools, bounded by duration / interval, never by requests.
#include <string>
#include <vector>

namespace headroom {

/// One pool (an ec2, rds or elasticache component) at the end of an interval.
struct PoolSample {
  double instances = 0;     ///< in service (alive) at the sample time
  double spot = 0;          ///< of the billed instances, how many are Spot
  double cpu = 0;           ///< busy share of the alive instances' cores over the interval, 0-1
  double queue = 0;         ///< requests waiting for a worker or a core at the sample time
  double usd_per_hour = 0;  ///< instance-hour cost rate at the sample time (on-demand and Spot)
};

/// One interval (t_s − width, t_s]. Rates are per second of the interval; latencies are of the
/// requests that finished successfully in it, at the client.
struct TimeSeriesRow {
  double t_s = 0;
  double offered_rps = 0, ok_rps = 0, error_rps = 0;
  /// Errors per second by kind: rejected, timeout, unavailable, throttled, failed, server_error.
  double rejected_rps = 0, timeout_rps = 0, unavailable_rps = 0, throttled_rps = 0,
         failed_rps = 0, server_error_rps = 0;
  double p50_ms = 0, p99_ms = 0;  ///< 0 when no request succeeded in the interval
  std::vector<PoolSample> pools;  ///< in TimeSeries::pools order
  std::vector<double> services;   ///< in TimeSeries::services order
};

struct TimeSeries {
  double interval_s = 0;           ///< 0: no series was sampled
  std::vector<std::string> pools;  ///< the pools' component names, in scenario order
  /// Serverless figures, one column each, named COMPONENT.METRIC: a lambda's `concurrency` (its
  /// peak in the interval), a stream's `iterator_age_ms` and `pending` records at the sample; and
  /// a database's `replica_lag_ms` (its furthest-behind read replica, at the sample).
  std::vector<std::string> services;
  std::vector<TimeSeriesRow> rows;
};

struct Report;

/// The `--timeseries` CSV: `#` comment lines with the provenance (headroom version, scenario,
/// seed, catalog and its date, interval, warmup), a header row, then one row per interval.
/// Columns: t_s, offered/ok/error rates, the error rate of each kind, p50_ms, p99_ms, and for
/// each pool P: P.instances, P.spot, P.cpu, P.queue, P.usd_per_hour; then the serverless
/// columns (TimeSeries::services).
std::string to_timeseries_csv(const Report& report);

/// The rows that `duration_s / interval_s` gives, rounded up: what a series will hold.
inline double series_rows(double duration_s, double interval_s) {
  return interval_s > 0 ? duration_s / interval_s + 1 : 0;
}

}  // namespace headroom
