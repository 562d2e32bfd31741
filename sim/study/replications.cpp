// Independent replications: run a scenario under consecutive seeds, then summarise every figure.
#include "headroom/study/replications.hpp"

#include "headroom/core/assert.hpp"
#include "headroom/measure/figures.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/study/capacity.hpp"

namespace headroom {

std::vector<std::uint64_t> replication_seeds(std::uint64_t seed, int n) {
  std::vector<std::uint64_t> out;
  for (int i = 0; i < n; ++i) out.push_back(seed + static_cast<std::uint64_t>(i));
  return out;
}

Interval Replications::at(const std::string& key) const {
  const auto it = intervals.find(key);
  return it == intervals.end() ? Interval{} : it->second;
}

Replications summarise_replications(std::vector<Report> reports, std::vector<std::uint64_t> seeds) {
  HEADROOM_ASSERT(!reports.empty() && reports.size() == seeds.size(), "one report per seed, at least one");
  Replications r;
  r.seeds = std::move(seeds);
  r.reports = std::move(reports);
  const std::size_t n = r.reports.size();

  // key → its value in each replication; a key kept only when it is a number in all of them.
  // Seeds differ by construction; averaging them would be nonsense.
  std::map<std::string, std::vector<double>> samples;
  for (const auto& rep : r.reports)
    for_each_figure(rep, [&](const Figure& f) {
      if (f.traits.unit == FigureUnit::Seed) return;
      samples[f.path].push_back(f.value);
      r.traits.try_emplace(f.path, f.traits);
    });
  for (auto& [key, xs] : samples)
    if (xs.size() == n) {
      r.intervals[key] = confidence_interval_95(xs);
      r.samples[key] = std::move(xs);
    } else {
      r.traits.erase(key);
    }

  const Report& first = r.reports.front();
  for (std::size_t i = 0; i < first.slo_checks.size(); ++i) {
    SloCheck c = first.slo_checks[i];
    c.value = 0;
    for (const auto& rep : r.reports) c.value += rep.slo_checks.at(i).value;
    c.value /= static_cast<double>(n);
    const SloMetric* m = find_slo_metric(c.metric);
    HEADROOM_ASSERT(m, "a validated scenario names known SLO metrics");
    c.met = m->met(c.value, c.limit);
    if (c.binding) r.slo_met = r.slo_met && c.met;
    r.slo_checks.push_back(c);
  }
  for (const auto& rep : r.reports)
    if (rep.partial && !r.partial) {
      r.partial = true;
      r.stop_reason = rep.stop_reason;
    }
  return r;
}

Replications run_replications(const ScenarioSpec& spec, int n, int threads, const RunOptions& options) {
  const std::vector<std::uint64_t> seeds = replication_seeds(spec.seed, n);
  std::vector<ScenarioSpec> specs(seeds.size(), spec);
  for (std::size_t i = 0; i < seeds.size(); ++i) specs[i].seed = seeds[i];
  std::vector<Report> reports = simulate_all(specs, threads, options);
  // Seeds that never started (Ctrl-C came first) are left out: the summary is over the seeds
  // simulated, marked partial by the one the signal cut short, or by the first left out.
  std::vector<Report> ran;
  std::vector<std::uint64_t> ran_seeds;
  for (std::size_t i = 0; i < reports.size(); ++i)
    if (!(reports[i].partial && reports[i].sim.events == 0) || (ran.empty() && i + 1 == reports.size())) {
      ran.push_back(std::move(reports[i]));
      ran_seeds.push_back(seeds[i]);
    }
  Replications r = summarise_replications(std::move(ran), std::move(ran_seeds));
  if (r.seeds.size() < seeds.size() && !r.partial) {
    r.partial = true;
    r.stop_reason = "interrupted";
  }
  return r;
}

}  // namespace headroom
