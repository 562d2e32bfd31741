#pragma once
/// Baselines (`headroom check`, spec.md §6): expected report figures per scenario, with tolerances.
#include <map>
#include <string>

#include "headroom/measure/report.hpp"
#include "headroom/scenario/baselines_file.hpp"

namespace headroom {

/// Every numeric figure of a report, by its dotted JSON key (`latency_ms.p99`,
/// `components.web.utilization`, …).
std::map<std::string, double> report_figures(const Report& report);

}  // namespace headroom
