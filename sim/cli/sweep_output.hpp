#pragma once
// What `sweep`, `merge` and `optimize` share on the command line: the output options, the
// options that make two shards the same sweep, and a point's overrides.
#include <boost/program_options.hpp>
#include <string>

#include "cli/scenario_options.hpp"
#include "headroom/study/sweep.hpp"

namespace headroom {

struct SweepOutputs {
  std::string json, csv, markdown, report;
};

/// Declares --json, --csv, --markdown and --report.
void add_sweep_outputs(boost::program_options::options_description& opts, SweepOutputs& out);
/// Checks the output paths (and that a shard asks only for --json). Throws InputError.
void check_sweep_outputs(const SweepOutputs& outputs, bool shard);
/// Writes what was asked; the Markdown table on the terminal unless `quiet`.
void write_sweep_outputs(const SweepResult& r, const SweepOutputs& outputs, bool quiet);

/// Ctrl-C in sweep or optimize: point points[g] owns the `per` records from g·per. Writes `json`
/// (when given) with the records done, marked partial ("partial", "stop_reason", "signal",
/// "points_not_run"; like a shard's, `headroom merge` completes it) and returns the text that ends
/// "interrupted: K of N runs done" and the points not whole.
std::string write_interrupted_jobs(const SweepResult& r, std::size_t per, const std::vector<std::size_t>& points,
                                   const std::string& json, const std::string& signal);

/// The scenario options as JSON text: shards run with different ones are different sweeps.
std::string options_context(const ScenarioOptions& so);
/// `so` with point `p`'s values added as --set overrides.
ScenarioOptions with_point(const ScenarioOptions& so, const SweepSpace& space, std::size_t p);

/// Finishes an optimize from its (merged) records: prints the answer, writes `json` and
/// `write_scenario` when given. Returns the exit status (1 when nothing meets the constraints).
int finish_optimize_command(const SweepResult& r, const std::string& json, const std::string& write_scenario, bool quiet);

}  // namespace headroom
