#pragma once
/// Capacity: the largest peak load at which a scenario still meets its SLO (spec.md §6), found by
/// bisection over short steady-state runs with common random numbers. docs/capacity.md gives
/// the method and why it is honest.
#include <string>
#include <vector>

#include "headroom/run/simulate.hpp"
#include "headroom/measure/report.hpp"
#include "headroom/workload/population.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

/// The first component to saturate, and why.
struct Bottleneck {
  std::string component;  ///< "" when nothing saturated (the SLO is bound by latency alone)
  /// "CPU", "workers" (threads or backlog full), "connections" (RDS max_connections), "throttle"
  /// (a rate limit), "concurrency" (a concurrency limit), or "latency" (nothing saturated).
  std::string reason;
  double utilization = 0;  ///< its CPU utilisation in the run that failed
  std::string note;        ///< e.g. "Auto Scaling at max (160)"
  std::string str() const;  ///< "web (CPU)", "db (connections)", "— (latency)"
};

/// Names the bottleneck from the first run over capacity (`over`), in a scenario `spec`.
Bottleneck find_bottleneck(const ScenarioSpec& spec, const Report& over);

struct CapacityOptions {
  Duration warmup = 20 * kSecond;  ///< of each steady-state run, excluded from its metrics
  Duration window_min = 30 * kSecond, window_max = 120 * kSecond;  ///< measured time per run
  double requests_per_run = 200'000;  ///< the window is sized to measure about this many requests
  double precision = 0.02;  ///< stop when the bracket [pass, fail] is narrower than this (relative)
  int threads = 2;          ///< simulations run at once
  RunOptions run;           ///< guards of each run
};

struct CapacityResult {
  double users = 0;          ///< the capacity (requests/s for `load.rate` scenarios), rounded down
  bool by_rate = false;      ///< the load is `load.rate`: `users` is requests/s
  bool unbounded = false;    ///< the SLO held at the largest load tried
  double failing_users = 0;  ///< the smallest load that failed
  Bottleneck bottleneck;
  double monthly_usd = 0;    ///< at capacity
  std::vector<SloCheckSpec> slo;
  double analytic_users = 0; ///< the analytic saturation estimate that bracketed the search
  int simulations = 0;
  Report at_capacity;        ///< the steady-state report at `users`
  /// `users` counted every way: peak concurrent users, their request rate, and the daily and
  /// monthly actives of the scenario's population at that peak (its own curve's shape).
  UserCounts counts;
};

/// The steady-state scenario at `users`: the load held at that peak, no faults, Auto Scaling
/// groups at their max, measured for `window` after `options.warmup`.
ScenarioSpec steady_state(const ScenarioSpec& spec, double users, Duration window, const CapacityOptions& options);

/// Bisects on the peak users of `spec` (validated). Every probe uses spec.seed.
CapacityResult find_capacity(const ScenarioSpec& spec, const CapacityOptions& options = {});

/// Runs every spec, `threads` at a time; reports in the order of `specs`.
std::vector<Report> simulate_all(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& options);

}  // namespace headroom
