#pragma once
// One function per command; each returns the process exit code, throws InputError for bad
// input (exit 2) and lets other exceptions through as internal errors (exit 3).
#include <string>
#include <vector>

#include "headroom/core/diagnostics.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {
int cmd_run(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_catalog(const std::vector<std::string>& args);
int cmd_reference(const std::vector<std::string>& args);
int cmd_diagram(const std::vector<std::string>& args);
int cmd_schema(const std::vector<std::string>& args);
/// The sampling interval that --timeseries / --report ask for (0: no series), or problems
/// (series_options.cpp).
Duration check_series_options(const ScenarioSpec& spec, const std::string& timeseries, const std::string& report,
                              const std::string& interval, bool interval_given, Diagnostics& problems);
}  // namespace headroom

namespace headroom {
int cmd_capacity(const std::vector<std::string>& args);
int cmd_analyze(const std::vector<std::string>& args);
int cmd_journey(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);
int cmd_compare(const std::vector<std::string>& args);
int cmd_sweep(const std::vector<std::string>& args);
int cmd_merge(const std::vector<std::string>& args);
int cmd_optimize(const std::vector<std::string>& args);
}  // namespace headroom
