// Paired comparison of two scenarios under common random numbers: the same seed drives the same
// arrivals and demands on both sides, so the per-seed difference cancels most of the noise that
// two independent samples would carry.
#include "headroom/study/compare.hpp"

#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "headroom/study/capacity.hpp"

namespace headroom {

const char* verdict_name(Verdict v) {
  switch (v) {
    case Verdict::Better: return "better";
    case Verdict::Worse: return "worse";
    case Verdict::NoDifference: break;
  }
  return "no significant difference";
}

Verdict verdict_of(const Interval& d, bool lower_is_better) {
  // A NaN bound (a figure undefined in some run) proves nothing either way.
  if (!(d.low > 0) && !(d.high < 0)) return Verdict::NoDifference;
  const bool b_lower = d.high < 0;
  return b_lower == lower_is_better ? Verdict::Better : Verdict::Worse;
}

Comparison compare_replications(Replications a, Replications b) {
  HEADROOM_ASSERT(a.seeds == b.seeds, "a paired comparison needs the same seeds on both sides");
  Comparison c;
  c.seeds = a.seeds;
  // Which way is better comes with each figure (for_each_figure).
  struct Wanted {
    std::string key, label;
    bool judged;
  };
  std::vector<Wanted> wanted = {{"latency_ms.p50", "p50 (ms)", true},
                                {"latency_ms.p99", "p99 (ms)", true},
                                {"latency_ms.mean", "mean latency (ms)", true},
                                {"requests.error_rate", "error rate", true},
                                {"availability", "availability", true},
                                {"cost.monthly_usd", "monthly cost (USD)", false}};
  // Managed services (a balancer, DNS, S3) report no utilisation; a row of zeros tells nothing.
  auto busy = [](const Replications& r, const std::string& key) {
    const auto it = r.samples.find(key);
    if (it == r.samples.end()) return false;
    for (double x : it->second)
      if (x != 0) return true;
    return false;
  };
  for (const auto& [name, comp] : a.reports.front().components) {
    const std::string key = "components." + name + ".utilization";
    if (busy(a, key) || busy(b, key)) wanted.push_back({key, name + " utilisation", false});
  }

  for (const auto& w : wanted) {
    const auto ia = a.samples.find(w.key), ib = b.samples.find(w.key);
    if (ia == a.samples.end() || ib == b.samples.end()) continue;  // not in both, or undefined in a run
    ComparedFigure f;
    f.key = w.key;
    f.label = w.label;
    f.lower_is_better = a.traits.at(w.key).better != Better::Higher;
    f.unit = a.traits.at(w.key).unit;
    f.judged = w.judged;
    f.a = a.intervals.at(w.key);
    f.b = b.intervals.at(w.key);
    std::vector<double> diff;
    for (std::size_t i = 0; i < ia->second.size(); ++i) diff.push_back(ib->second[i] - ia->second[i]);
    f.difference = confidence_interval_95(diff);
    f.verdict = verdict_of(f.difference, f.lower_is_better);
    // Significant is not the same as material. Under common random numbers a few microseconds
    // come out significant, and a pull request must not fail on them: a difference within 1% of
    // the figure is no difference. Quantiles also read from a histogram whose buckets span 1/64
    // of their value, so two sides in neighbouring buckets on every seed prove nothing.
    const bool quantile = w.key == "latency_ms.p50" || w.key == "latency_ms.p99";
    const double material = std::max(std::abs(f.a.mean), std::abs(f.b.mean)) * (quantile ? 1.0 / 64 : 0.01);
    if (std::abs(f.difference.mean) <= material) f.verdict = Verdict::NoDifference;
    c.figures.push_back(f);
  }
  c.a = std::move(a);
  c.b = std::move(b);
  return c;
}

Comparison compare_scenarios(const ScenarioSpec& a, const ScenarioSpec& b, std::uint64_t seed, int n, int threads,
                             const RunOptions& options) {
  const std::vector<std::uint64_t> seeds = replication_seeds(seed, n);
  // All 2n runs in one batch, so that both cores stay busy to the end.
  std::vector<ScenarioSpec> specs;
  for (const ScenarioSpec* side : {&a, &b})
    for (auto s : seeds) {
      specs.push_back(*side);
      specs.back().seed = s;
    }
  std::vector<Report> reports = simulate_all(specs, threads, options);
  // Ctrl-C: a seed is compared only when both its runs ended; the pairing stays by seed.
  auto cut = [](const Report& r) { return r.partial && r.stop_reason == "interrupted"; };
  std::vector<Report> ra, rb;
  std::vector<std::uint64_t> done;
  for (std::size_t i = 0; i < seeds.size(); ++i)
    if (!cut(reports[i]) && !cut(reports[i + seeds.size()])) {
      ra.push_back(std::move(reports[i]));
      rb.push_back(std::move(reports[i + seeds.size()]));
      done.push_back(seeds[i]);
    }
  Comparison c;
  if (!done.empty())
    c = compare_replications(summarise_replications(std::move(ra), done), summarise_replications(std::move(rb), done));
  c.seeds_asked = seeds.size();
  c.interrupted = done.size() < seeds.size();
  return c;
}

}  // namespace headroom
