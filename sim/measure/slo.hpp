#pragma once
// Checking a report against the scenario's SLO clauses: the top-level ones over all requests,
// and each class on its own requests (spec.md §6).
#include <string>
#include <vector>

#include "headroom/measure/report.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

/// The clauses class `cls` is held to: its own, and the top-level ones of the metrics it does
/// not set itself, in registry order.
std::vector<SloCheckSpec> class_slo(const ScenarioSpec& spec, const std::string& cls);

/// Metric `m` of one class over a window (its availability: the share of its finished requests
/// that succeeded).
double class_slo_figure(const ClassWindow& w, const SloMetric& m);

/// Whether `w` keeps every clause.
bool class_window_met(const std::vector<SloCheckSpec>& clauses, const ClassWindow& w);

/// Fills rep.slo_checks and rep.slo_met from spec.slo and spec.slo_classes: the top-level
/// clauses over all requests, then each class's (when there are several classes, or a class has
/// its own SLO). A scenario without an SLO is met.
void evaluate_slo(const ScenarioSpec& spec, Report& rep);

}  // namespace headroom
