#pragma once
// `--replications N` and `--threads N`, shared by `run` and `compare`, and the replicated run.
#include <string>

#include "headroom/run/simulate.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

/// N from `--replications N`: an integer ≥ `min`, else InputError (exit 2) saying so.
int parse_replications(const std::string& text, int min);

/// Checks `--threads N` (≥ 1).
void check_threads(int threads);

/// `run --replications N` (N ≥ 2): runs, prints the terminal summary unless `quiet` or the JSON
/// goes to stdout, writes `json` ("" none, "-" stdout). Returns the exit status: 0 when the SLO
/// holds on the means, 1 when not (or a run stopped at a limit), 130 when interrupted.
int run_replicated(const ScenarioSpec& spec, int n, int threads, const std::string& json, bool quiet,
                   const RunOptions& options);

}  // namespace headroom
