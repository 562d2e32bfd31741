#pragma once
/// What a month of a scenario's own load curve costs (issue 13: "$/month means a month of the
/// scenario's load"): the curve scaled to a peak, one period of it simulated with Auto Scaling
/// following the load (hybrid: the data plane in steps, the control plane exact), and that period
/// repeated to 730 h. A constant or non-periodic curve is its own run length held all month.
#include <string>

#include "headroom/measure/report.hpp"
#include "headroom/runtime/run_options.hpp"
#include "headroom/scenario/spec.hpp"
#include "headroom/study/simulation_pool.hpp"

namespace headroom {

struct MonthCost {
  double monthly_usd = 0;            ///< the month of the curve
  double usd_per_million_requests = 0;
  std::string projection;            ///< cost.projection of the run: how the month was obtained
  std::string largest_line;          ///< "cloudfront 88%": the largest service of the bill
  double simulated_s = 0;            ///< the measured period
  Report report;                     ///< the run itself (faults removed)
};

/// The month of `spec`'s curve scaled so that its peak is `peak_users` (requests/s for a rate
/// load), without the scenario's faults.
MonthCost month_of_curve(const ScenarioSpec& spec, double peak_users, RunOptions run = {});
/// The same, simulated by one of `pool`'s workers.
MonthCost month_of_curve(const ScenarioSpec& spec, double peak_users, SimulationPool& pool, RunOptions run = {});

}  // namespace headroom
