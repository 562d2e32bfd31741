#include "cli/replication_options.hpp"

#include <fmt/format.h>

#include <cctype>
#include <iostream>

#include "cli/scenario_options.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/study/replications.hpp"

namespace headroom {

int parse_replications(const std::string& text, int min) {
  bool digits = !text.empty() && text.size() <= 6;
  for (char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  const int n = digits ? std::stoi(text) : 0;
  if (n < min)
    throw option_error("--replications",
                       fmt::format("expected a whole number of runs, {} or more (seeds seed, seed+1, …; a confidence "
                                   "interval needs 2), got '{}'", min, text));
  return n;
}

void check_threads(int threads) {
  if (threads < 1) throw option_error("--threads", "must be at least 1");
}

int run_replicated(const ScenarioSpec& spec, int n, int threads, const std::string& json, bool quiet,
                   const RunOptions& options) {
  RunOptions ro = options;
  ro.progress = {};  // one bar cannot follow several runs at once
  const Replications r = run_replications(spec, n, threads, ro);
  if (!json.empty()) {
    if (json == "-") std::cout << replications_json(r);
    else write_file_atomic(json, replications_json(r));
  }
  if (!quiet && json != "-") std::cout << replications_terminal(r);
  if (r.partial && !quiet) std::cerr << "headroom: a replication stopped early: " << r.stop_reason << "\n";
  if (r.partial) return r.stop_reason == "interrupted" ? 130 : 1;
  return r.slo_met ? 0 : 1;
}

}  // namespace headroom
