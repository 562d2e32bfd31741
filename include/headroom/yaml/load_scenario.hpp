#pragma once
/// Reading scenario files: YAML in, a validated ScenarioSpec out, or every problem at once.
#include <string>
#include <vector>

#include "headroom/scenario/spec.hpp"
#include "headroom/scenario/validate.hpp"

namespace headroom {

/// One `--set PATH=VALUE` override, applied to the YAML tree before it is read.
struct Override {
  std::string path;   ///< dotted key path, e.g. "components.web.count"
  std::string value;  ///< parsed as a YAML scalar or flow node, e.g. "4" or "[a, b]"
};

struct LoadOptions {
  std::vector<Override> overrides;
  /// When set, receives the warnings of a scenario that loaded (Diagnostics::warning).
  std::vector<Diagnostic>* warnings = nullptr;
};

/// Reads, checks and returns the scenario in `file`. Throws InputError listing every problem
/// (syntax, unknown keys, units, ranges, references, paths), each with file:line:col.
ScenarioSpec load_scenario(const std::string& file, const LoadOptions& options = {});

/// The same from text in memory; `file_label` names it in messages and anchors relative paths.
ScenarioSpec load_scenario_text(const std::string& text, const std::string& file_label,
                                const LoadOptions& options = {});

}  // namespace headroom
