#pragma once
/// Baselines (`headroom check`, spec.md §6): expected report figures per scenario, with tolerances.
#include <map>
#include <string>

#include "headroom/core/diagnostics.hpp"
#include "headroom/measure/figures.hpp"
#include "headroom/measure/report.hpp"
#include "headroom/scenario/baselines_file.hpp"

namespace headroom {

/// The figure `e` expects among `figures` (report_figures(), plus the `capacity.*` keys when a
/// capacity search ran); null when `e.key` names no figure, with an error at `e.loc` that names the
/// closest key, or else the figures under the longest part of `e.key` that exists.
const double* expected_figure(const std::map<std::string, double>& figures, const Expectation& e,
                              Diagnostics& problems);
/// The result points into `figures`: a temporary map would leave it dangling.
const double* expected_figure(std::map<std::string, double>&& figures, const Expectation& e,
                              Diagnostics& problems) = delete;

}  // namespace headroom
