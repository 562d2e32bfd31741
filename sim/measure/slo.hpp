#pragma once
// Checking a report against the scenario's SLO clauses.
#include "headroom/measure/report.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

/// Fills rep.slo_checks and rep.slo_met from spec.slo. A scenario without an SLO is met.
void evaluate_slo(const ScenarioSpec& spec, Report& rep);

}  // namespace headroom
