#pragma once
/// `headroom optimize` (spec.md §9, docs/optimize.md): the cheapest point of a declared space that
/// meets the SLO at a given load, survives the named faults and fits a budget. The analytic model
/// (Erlang C per station) prunes the points that cannot hold the load; simulation confirms the
/// rest. Its simulations are sweep jobs (study/sweep.hpp): per surviving point, a steady run at
/// the load under each seed, a month of the scenario's curve at that peak (study/month_cost.hpp)
/// and, when asked, the single faults (journey's fault_survival), so it shards and runs under MPI.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "headroom/runtime/run_options.hpp"
#include "headroom/scenario/spec.hpp"
#include "headroom/study/sweep.hpp"

namespace headroom {

struct OptimizeConstraints {
  double users = 0;                  ///< peak concurrent users (requests/s for a rate load)
  bool by_rate = false;              ///< the load is `load.rate`: `users` is requests/s
  std::vector<std::string> survive;  ///< instance, az, db_primary
  std::optional<double> budget;      ///< USD per month
  /// Above this analytic utilisation of any station (after the loss a `survive` names) a point
  /// is pruned unsimulated: capacity's own limit (CapacityOptions::max_utilization).
  double max_utilization = 0.95;
};

/// One point of the space as the analytic model sees it.
struct OptimizeCandidate {
  std::size_t point = 0;
  double utilization = 0;  ///< the busiest station's, at the load, with nothing lost
  double worst_after_loss = 0;  ///< the same after the losses `survive` names (the busiest pool's)
  double analytic_mean_ms = 0;
  std::string pruned;  ///< why it was not simulated; "" when it was
};

/// What runs: every point's analytic verdict, and the jobs of the survivors.
struct OptimizePlan {
  std::vector<OptimizeCandidate> candidates;  ///< one per point, in point order
  std::vector<std::size_t> survivors;         ///< points simulated, in point order
  std::size_t seeds = 1;
  bool faults = false;                        ///< a fault-survival job per survivor
  std::size_t jobs_per_point() const { return seeds + 1 + (faults ? 1 : 0); }
  std::size_t jobs() const { return survivors.size() * jobs_per_point(); }
};

/// Prunes `specs` (one per point of `space`, each already at the load and under the SLO).
OptimizePlan plan_optimize(const std::vector<ScenarioSpec>& specs, const OptimizeConstraints& c);

/// Runs job `job` of `plan`: a steady run under a seed, the month of the curve, or the faults.
JobRecord run_optimize_job(const OptimizePlan& plan, const std::vector<ScenarioSpec>& specs,
                           const std::vector<std::uint64_t>& seeds, const OptimizeConstraints& c, std::size_t job,
                           const RunOptions& run);

/// The constraints and the plan as JSON text (SweepResult::context_json), with the command's
/// scenario options (`options_json`): everything finish_optimize needs besides the records.
std::string optimize_context(const OptimizePlan& plan, const OptimizeConstraints& c, const std::string& options_json);

/// The answer, from a complete SweepResult of kind "optimize".
struct OptimizeAnswer {
  struct Point {
    std::size_t point = 0;
    std::vector<std::string> values;
    double monthly_usd = 0;
    Interval p99_ms;
    std::vector<SloCheck> slo;  ///< on the means over the seeds
    bool slo_met = false;
    double margin = 0;          ///< min over binding SLO clauses of (limit − value) / limit
    double utilization = 0;     ///< analytic, busiest station
    std::vector<std::pair<std::string, bool>> survives;  ///< per named fault
    std::string fault_detail;
    bool feasible = false;
    std::string why_not;        ///< "" when feasible
  };
  SweepSpace space;
  OptimizeConstraints constraints;
  std::vector<OptimizeCandidate> candidates;
  std::vector<Point> simulated;       ///< the survivors, in point order
  std::optional<std::size_t> best;    ///< index into `simulated`
  std::vector<std::size_t> pareto;    ///< indices into `simulated`, cost increasing
  std::size_t simulations = 0;        ///< runs (jobs)
  std::string options_json;
};
OptimizeAnswer finish_optimize(const SweepResult& r);

/// The terminal summary and the `--json` document (headroom.optimize/1).
std::string optimize_text(const OptimizeAnswer& a);
std::string optimize_json(const OptimizeAnswer& a);

}  // namespace headroom
