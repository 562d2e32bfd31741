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
  bool force = false;  ///< run a load beyond kMaxRequests (scenario/limits.hpp)
  std::string fidelity;  ///< --fidelity, for the commands that take it ("": auto)
};

/// Declares --seed, --duration, --users, --set (repeatable) and --force into `opts`.
void add_scenario_options(boost::program_options::options_description& opts, ScenarioOptions& out);

/// Loads `file` with the --set overrides, applies --seed, --duration and --users, and validates
/// the result. Throws InputError listing every problem.
ScenarioSpec load_with_options(const std::string& file, const ScenarioOptions& options);

/// Declares --fidelity request|hybrid|auto into `opts` (run, capacity, journey, check, compare).
void add_fidelity_option(boost::program_options::options_description& opts, std::string& out);
/// The Fidelity named by --fidelity ("" is auto). Throws InputError for another word.
Fidelity parse_fidelity(const std::string& text);
/// Declares --zoom FROM..TO (repeatable) into `opts` (run, capacity, compare).
void add_zoom_option(boost::program_options::options_description& opts, std::vector<std::string>& out);
/// The windows named by --zoom, each `FROM..TO` with FROM < TO inside the run of `spec`.
/// Throws InputError naming every bad one.
std::vector<std::pair<SimTime, SimTime>> parse_zoom(const std::vector<std::string>& texts, const ScenarioSpec& spec);
/// Refuses (InputError at the load, or at --users when `users_option`) a scenario whose load
/// offers more than kMaxRequests over its run, unless `force`; the message gives the estimate
/// and, when `force_flag`, the flag that allows it.
void check_run_size(const ScenarioSpec& spec, bool force, const char* force_flag, bool users_option = false);

/// An InputError about a command-line option.
InputError option_error(const std::string& option, const std::string& message);

/// A limit option's value (--max-events 2e10, --max-in-flight 4M): a whole number of 1 or more
/// written as an integer or a count (12, 2e10, 10k), at most 2^53 — the largest a double holds
/// exactly. Throws InputError naming `option` for anything else: NaN, infinity, a fraction, a
/// value out of range (never an undefined conversion).
std::uint64_t parse_limit_option(const std::string& option, const std::string& text);

/// Parses `--slo` clauses, "p99=250ms,error_rate=0.1%" (also repeatable), into `out`, replacing
/// the clauses of the same metric. Problems go to `problems`.
void apply_slo_option(const std::vector<std::string>& clauses, std::vector<SloCheckSpec>& out, Diagnostics& problems);

}  // namespace headroom
