#pragma once
/// Independent replications of one scenario (`headroom run --replications N`, spec.md §5): the same
/// scenario under seeds seed, seed+1, …, seed+N−1, and every figure of the report as the mean
/// with its 95% confidence interval. docs/statistics.md gives the method.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "headroom/measure/figures.hpp"
#include "headroom/measure/report.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/scenario/spec.hpp"
#include "headroom/study/confidence.hpp"

namespace headroom {

/// seed, seed+1, …, seed+n−1.
std::vector<std::uint64_t> replication_seeds(std::uint64_t seed, int n);

struct Replications {
  std::vector<std::uint64_t> seeds;
  std::vector<Report> reports;  ///< one per seed, in the order of `seeds`
  /// Every figure of the report (for_each_figure: dotted, as `check` reads them) that is a number
  /// in every replication, except the seeds: its value in each replication, in seed order…
  std::map<std::string, std::vector<double>> samples;
  /// …and its mean and 95% interval over the replications.
  std::map<std::string, Interval> intervals;
  /// …and its unit and which way is better (for_each_figure).
  std::map<std::string, FigureTraits> traits;
  /// The SLO judged on the means: each clause of the first report, its value the mean.
  std::vector<SloCheck> slo_checks;
  bool slo_met = true;
  bool partial = false;     ///< some replication stopped early
  std::string stop_reason;  ///< the first such one's reason

  /// The interval of `key`; an interval with n = 0 when the key is absent.
  Interval at(const std::string& key) const;
};

/// Summarises reports already run under `seeds` (one report per seed, n ≥ 1).
Replications summarise_replications(std::vector<Report> reports, std::vector<std::uint64_t> seeds);

/// Runs `spec` (validated) under replication_seeds(spec.seed, n), `threads` at a time.
Replications run_replications(const ScenarioSpec& spec, int n, int threads, const RunOptions& options = {});

/// The `--json` document: spec.md §5's keys with each figure's mean as its value (the first
/// replication's where a key is not a number in every replication: an array of events whose
/// length differs), the SLO on the means, and a `replications` block: {n, seeds, confidence,
/// method, intervals: {KEY: {mean, half_width, low, high, sd}}}.
std::string replications_json(const Replications& r);

/// The terminal summary: the key figures as `mean ± half-width` with their 95% intervals.
std::string replications_terminal(const Replications& r);

}  // namespace headroom
