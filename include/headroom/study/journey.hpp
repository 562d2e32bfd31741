#pragma once
/// The journey table (spec.md §6): per stage, capacity, bottleneck, cost, and the single faults it
/// survives. docs/capacity.md defines "survives".
#include <functional>
#include <string>
#include <vector>

#include "headroom/study/capacity.hpp"
#include "headroom/study/month_cost.hpp"

namespace headroom {

/// Whether a stage survives one fault at its own (bundled) peak load.
struct FaultVerdict {
  std::string fault;   ///< "instance", "AZ", "DB primary"
  std::string target;  ///< e.g. "web", "a", "db"
  enum class Outcome { Survives, Fails, NotApplicable } outcome = Outcome::NotApplicable;
  double recovered_after_s = -1;  ///< from the strike until requests stopped failing; -1: never
  std::string detail;             ///< why it failed, or why it does not apply
  bool interrupted = false;       ///< a signal stopped its run (RunOptions::stop): no verdict
};

/// Seconds after the strike within which service must be back for the stage to survive it:
/// balancer health checks (≤ 65 s with ALB defaults) and RDS Multi-AZ failover (60-120 s) fit;
/// replacing a Single-AZ database (5-15 min) or waiting out an AZ does not.
inline constexpr double kRecoveryBoundS = 180;

/// Runs the three single faults (one instance of the first EC2 pool, the first AZ, the first RDS
/// primary) against `spec` at its load curve's peak held constant, `threads` at a time.
std::vector<FaultVerdict> fault_survival(const ScenarioSpec& spec, int threads, const RunOptions& run = {});
/// The same, on `pool`'s workers.
std::vector<FaultVerdict> fault_survival(const ScenarioSpec& spec, SimulationPool& pool, const RunOptions& run = {});

/// One row of the journey table.
struct JourneyStage {
  std::string file, name;
  int stage = 0;
  CapacityResult capacity;
  std::vector<FaultVerdict> faults;
  double wall_s = 0;
  MonthCost month;  ///< a month of the stage's own curve at its capacity as the peak
  /// A signal stopped one of the stage's simulations (RunOptions::stop): the row is incomplete
  /// and the journey reports the stage as not run.
  bool interrupted = false;
};

/// One stage's row: its capacity (none without an SLO), the month of its curve at that capacity,
/// and the single faults, every simulation on `pool`'s workers. The faults run beside the
/// capacity search. Apart from `wall_s`, the row depends only on `spec` and `run`.
JourneyStage journey_stage(const ScenarioSpec& spec, SimulationPool& pool, const RunOptions& run = {});

/// Every stage at once, their simulations sharing `threads` workers, so that both cores stay busy
/// to the end; rows in the order of `specs`, the same whatever `threads`. `done` (may be empty) is
/// called with each row as its stage finishes, one call at a time, in the order they finish.
std::vector<JourneyStage> run_journey(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& run = {},
                                      const std::function<void(const JourneyStage&)>& done = {});

}  // namespace headroom
