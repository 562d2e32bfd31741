#pragma once
/// Reading a baselines file, and writing it back with new figures (`check --update`).
#include <map>
#include <string>
#include <vector>

#include "headroom/scenario/baselines_file.hpp"

namespace headroom {

/// Reads a baselines file. Throws InputError listing every problem (file:line:col, key path).
/// Scenario paths are taken as given when they exist, else relative to the baselines file.
BaselineFile load_baselines(const std::string& file);

/// The file's text with every `value` replaced by what `actuals` (baseline index → key → measured
/// value) says, and a `min` or `max` widened to it when the run falls outside; comments, layout,
/// tolerances and figures that did not change are kept as written. For `--update`.
std::string baselines_yaml(const BaselineFile& f, const std::vector<std::map<std::string, double>>& actuals);

}  // namespace headroom
