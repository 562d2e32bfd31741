#pragma once
/// Running a scenario: spec in, report out.
#include "headroom/measure/report.hpp"
#include "headroom/runtime/run_options.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

/// Simulates `spec` (already validated) and returns its report.
Report simulate(const ScenarioSpec& spec, const RunOptions& options = {});

}  // namespace headroom
