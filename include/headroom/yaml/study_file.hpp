#pragma once
/// The declared spaces of `headroom sweep` and `headroom optimize` (spec.md §9): a `sweep:` or
/// `optimize:` block inside a scenario, or a file of its own that names the scenario:
///
///     scenario: ../journey/04-elb-multi-az.yaml     # relative to this file
///     sweep:
///       seeds: 5                                    # the scenario's seed and the next 4, or a list
///       parameters:
///         components.web.count: [2, 4, 6]           # any --set path: a list of values…
///         load.users.peak: {from: 500, to: 1500, step: 500}   # …or a range
///
/// `optimize:` takes `space:` (the same as `parameters:`), `seeds`, `users`, `slo` (a map as the
/// scenario's `slo:`), `survive` (a list of instance, az, db_primary) and `budget` (USD/month).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/scenario/sweep_parameter.hpp"
#include "headroom/yaml/load_scenario.hpp"

namespace headroom {

struct StudyFile {
  std::string scenario;  ///< the scenario file (FILE itself when the block is inside it)
  std::vector<SweepParameter> parameters;
  std::vector<std::uint64_t> seeds;  ///< a list given as such; empty when `seeds` is a count
  int seed_count = 1;                ///< `seeds: N` (1 when absent)
  // optimize only
  std::optional<double> users;
  std::vector<std::string> slo;      ///< as --slo clauses, "p99=250ms"
  std::vector<std::string> survive;  ///< instance, az, db_primary
  std::optional<double> budget;
};

/// Reads the `block` ("sweep" or "optimize") of `file`. Throws InputError (file:line:col, key
/// path, what was expected) listing every problem.
StudyFile load_study(const std::string& file, const std::string& block);

/// The scenario `file` with `overrides` written into it and its sweep and optimize blocks
/// removed, as YAML text ready to run (comments are not kept).
std::string scenario_with_overrides(const std::string& file, const std::vector<Override>& overrides);

}  // namespace headroom
