#pragma once
// The hourly price of each pool's instances, for the time series' cost rate: the same catalog
// prices and rules as compute_cost (cost.cpp), at one moment rather than integrated.
#include <vector>

#include "headroom/scenario/spec.hpp"
#include "measure/series_sampler.hpp"

namespace headroom {

struct Model;

/// One entry per pool — ec2, rds and elasticache components, in scenario order — with its
/// instance prices. A co-located database or cache costs nothing of its own (its host bills).
std::vector<PoolPrice> pool_prices(const ScenarioSpec& spec, const Model& model);

}  // namespace headroom
