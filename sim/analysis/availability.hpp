#pragma once
// Availability of each component's design from a continuous-time Markov chain of failures and
// repairs (analytic model, docs/capacity.md). Private to sim/analysis.
#include <Eigen/Dense>

#include "headroom/analysis/analytic.hpp"
#include "topology/model.hpp"

namespace headroom {

/// The stationary distribution π of the generator `q` (rows sum to 0): πQ = 0, Σπ = 1.
Eigen::VectorXd ctmc_stationary(const Eigen::MatrixXd& q);

/// Fills r.availability and r.availability_total for the components of `spec`.
void estimate_availability(const ScenarioSpec& spec, const Model& m, AnalyticReport& r);

}  // namespace headroom
