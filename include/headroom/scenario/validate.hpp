#pragma once
/// Whole-scenario checks: what one part of a scenario says about the others.
#include "headroom/core/diagnostics.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

/// Checks a spec as a whole (references, paths, shares); appends problems to `out`.
/// load_scenario calls it; exposed for specs changed after loading (e.g. by --users).
void validate_scenario(const ScenarioSpec& spec, Diagnostics& out);

}  // namespace headroom
