#pragma once
// Every number of a JSON report, by its dotted key (`latency_ms.p99`, `components.web.utilization`,
// `faults.0.at_s`): the keys `check` expects and `--replications` summarises.
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

namespace headroom {

/// Calls `visit` for each number in `doc` (not booleans, strings or nulls), in document order,
/// with its dotted key; `visit` may change the value in place.
void for_each_number(nlohmann::ordered_json& doc,
                     const std::function<void(const std::string& key, nlohmann::ordered_json& value)>& visit);

}  // namespace headroom
