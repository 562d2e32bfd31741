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
#include "headroom/study/simulation_pool.hpp"

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
  Duration warmup = 20 * kSecond;  ///< of each steady-state run at least, excluded from its metrics
  Duration window_min = 30 * kSecond, window_max = 600 * kSecond;  ///< measured time per run
  double requests_per_run = 200'000;  ///< the window is sized to measure about this many requests
  double precision = 0.01;  ///< stop when the bracket [pass, fail] is narrower than this (relative)
  /// A probe passes only with every station's analytic utilisation at most this (docs/capacity.md:
  /// beyond it no affordable window settles, and p99 moves too steeply with load to be stable).
  double max_utilization = 0.95;
  /// Near saturation the warmup is at least `relaxation_warmup` and the window at least
  /// `relaxation_window` relaxation times of the busiest station, 1/(cμ(1−√ρ)²), up to
  /// `settle_max` each.
  double relaxation_warmup = 5, relaxation_window = 60;
  Duration settle_max = 900 * kSecond;
  /// The halves of the window agree when each class's SLO percentiles grow from the first to the
  /// second by at most this share of their limit (beyond the estimates' sampling noise).
  double halves_tolerance = 0.20;
  /// Loads probed at once in each round that narrows the bracket, geometrically spaced in it. A
  /// property of the search, not of the machine: the probes, and so the answer, are the same
  /// whatever `threads` (docs/capacity.md, "The same answer on any machine").
  int probes_per_round = 2;
  int threads = 2;          ///< simulations run at once (without `pool`)
  /// Workers shared with other studies (the journey's stages); null: a pool of `threads` of its own.
  SimulationPool* pool = nullptr;
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
  std::vector<ClassSloSpec> slo_classes;  ///< the classes' own clauses
  double analytic_users = 0; ///< the analytic saturation estimate that bracketed the search
  double utilization = 0;    ///< the busiest station's analytic utilisation at `users`
  double window_s = 0, warmup_s = 0;  ///< of the steady run at `users`
  int simulations = 0;       ///< probes simulated to the end
  /// A signal stopped the search (RunOptions::stop): `users` is the largest load that passed so
  /// far (0: none yet) and `failing_users` the smallest that failed (0: none yet), the bracket so
  /// far; the other fields are unset.
  bool interrupted = false;
  Report at_capacity;        ///< the steady-state report at `users`
  /// `users` counted every way: peak concurrent users, their request rate, and the daily and
  /// monthly actives of the scenario's population at that peak (its own curve's shape).
  UserCounts counts;
};

/// The steady-state scenario at `users`: the load held at that peak, no faults, Auto Scaling
/// groups at their max, measured for `window` after `warmup`.
ScenarioSpec steady_state(const ScenarioSpec& spec, double users, Duration warmup, Duration window);

/// Whether a steady run's two halves agree (RunOptions::halves): each class's SLO percentiles
/// grow from the first half to the second by at most `tolerance` of their limit plus three
/// standard errors of the estimates. "" when they do, else why not, e.g. "browse p99: 212 ms then 287 ms".
std::string unsettled(const ScenarioSpec& spec, const Report& rep, double tolerance);

/// Bisects on the peak users of `spec` (validated). Every probe uses spec.seed, and the loads
/// probed depend only on `spec` and `options` minus `threads` and `pool`: the result is the same
/// bytes whatever the number of threads.
CapacityResult find_capacity(const ScenarioSpec& spec, const CapacityOptions& options = {});

/// Runs every spec, `threads` at a time; reports in the order of `specs`.
std::vector<Report> simulate_all(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& options);

}  // namespace headroom
