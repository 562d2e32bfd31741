#pragma once
// Renderings of capacity results shared by `capacity`, `journey` and `check`.
#include <nlohmann/json.hpp>
#include <string>

#include "headroom/study/capacity.hpp"

namespace headroom {
/// The `capacity` object of the JSON documents: {users, unit, bottleneck, monthly_usd, slo, …}.
nlohmann::json capacity_json(const CapacityResult& r);
/// The terminal summary of `headroom capacity`.
std::string capacity_summary(const CapacityResult& r);
}  // namespace headroom
