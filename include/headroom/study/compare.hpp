#pragma once
/// `headroom compare A B` (spec.md §1): two scenarios under the same seeds (common random numbers),
/// each figure's paired difference B − A per seed, its mean with a 95% interval, and a verdict.
/// docs/statistics.md gives the method.
#include <cstdint>
#include <string>
#include <vector>

#include "headroom/study/replications.hpp"

namespace headroom {

enum class Verdict { Better, Worse, NoDifference };

/// "better", "worse", "no significant difference".
const char* verdict_name(Verdict v);

/// One figure compared.
struct ComparedFigure {
  std::string key;    ///< the report's dotted key, e.g. "latency_ms.p99"
  std::string label;  ///< e.g. "p99 (ms)"
  bool lower_is_better = true;
  FigureUnit unit = FigureUnit::Count;  ///< fractions are shown as percent
  /// Whether a significantly worse B is a regression (latency, errors, availability); cost and
  /// utilisation are reported, not judged: a bigger fleet costs more on purpose.
  bool judged = false;
  Interval a, b;        ///< each side over its replications
  Interval difference;  ///< B − A, paired by seed
  Verdict verdict = Verdict::NoDifference;
};

struct Comparison {
  std::vector<std::uint64_t> seeds;
  Replications a, b;
  std::vector<ComparedFigure> figures;
  /// A signal stopped some runs (RunOptions::stop): only the seeds whose runs both ended are
  /// compared (`seeds`, maybe none), out of `seeds_asked`.
  bool interrupted = false;
  std::size_t seeds_asked = 0;
};

/// The figures compared: p50, p99 and mean latency, error rate, availability, monthly cost, and
/// the utilisation of each component present (by name) in both and busy in some run, in A's order.
Comparison compare_replications(Replications a, Replications b);

/// Runs `a` and `b` (validated) under the same replication_seeds(seed, n), 2n runs `threads` at a
/// time, and compares them.
Comparison compare_scenarios(const ScenarioSpec& a, const ScenarioSpec& b, std::uint64_t seed, int n, int threads,
                             const RunOptions& options = {});

/// The verdict of a difference B − A: significant when its interval excludes 0.
Verdict verdict_of(const Interval& difference, bool lower_is_better);

/// The terminal table: figure, A, B, Δ with its interval, verdict.
std::string comparison_terminal(const Comparison& c, const std::string& name_a, const std::string& name_b);

/// `--json`: {schema: "headroom.compare/1", a, b: {file, name, slo_met[, set]}, replications, seeds,
/// confidence, figures: [{key, label, lower_is_better, judged, a, b, difference, verdict}]};
/// `set_b`: the overrides applied to B only.
std::string comparison_json(const Comparison& c, const std::string& file_a, const std::string& file_b,
                            const std::vector<std::string>& set_b = {});

}  // namespace headroom
