#pragma once
// The options every command that runs a scenario shares (--seed, --duration, --users, --set),
// and loading a scenario with them applied and validated.
#include <boost/program_options.hpp>
#include <string>
#include <vector>

#include "headroom/core/diagnostics.hpp"
#include "headroom/runtime/run_options.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

struct ScenarioOptions {
  std::string seed, duration, users;
  std::vector<std::string> sets;
};

/// Declares --seed, --duration, --users and --set (repeatable) into `opts`.
void add_scenario_options(boost::program_options::options_description& opts, ScenarioOptions& out);

/// Loads `file` with the --set overrides, applies --seed, --duration and --users, and validates
/// the result. Throws InputError listing every problem.
ScenarioSpec load_with_options(const std::string& file, const ScenarioOptions& options);

/// Declares --fidelity request|hybrid|auto into `opts` (run, capacity, journey, check, compare).
void add_fidelity_option(boost::program_options::options_description& opts, std::string& out);
/// The Fidelity named by --fidelity ("" is auto). Throws InputError for another word.
Fidelity parse_fidelity(const std::string& text);

/// An InputError about a command-line option.
InputError option_error(const std::string& option, const std::string& message);

/// Parses `--slo` clauses, "p99=250ms,error_rate=0.1%" (also repeatable), into `out`, replacing
/// the clauses of the same metric. Problems go to `problems`.
void apply_slo_option(const std::vector<std::string>& clauses, std::vector<SloCheckSpec>& out, Diagnostics& problems);

}  // namespace headroom
