// A sweep's points, shards, job records and their summary. Nothing here depends on how many
// threads, shards or ranks ran the jobs: records are placed by job number and summarised in
// that order.
#include "headroom/study/sweep.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "headroom/core/units.hpp"
#include "headroom/measure/figures.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/study/parallel.hpp"

namespace headroom {

std::size_t SweepSpace::points() const {
  std::size_t n = 1;
  for (const auto& p : parameters) n *= p.values.size();
  return n;
}

std::vector<std::string> SweepSpace::point(std::size_t i) const {
  std::vector<std::string> out(parameters.size());
  for (std::size_t k = parameters.size(); k-- > 0;) {
    const std::size_t m = parameters[k].values.size();
    out[k] = parameters[k].values[i % m];
    i /= m;
  }
  return out;
}

std::string Shard::str() const { return fmt::format("{}/{}", k, n); }

Shard parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  const auto bad = [&] {
    return InputError(std::vector<Diagnostic>{{SourceLoc{"command line", 0, 0}, "--shard",
                                               fmt::format("expected K/N with 0 <= K < N, such as 0/4, got '{}'", text)}});
  };
  if (slash == std::string::npos) throw bad();
  const auto k = parse_count(text.substr(0, slash)), n = parse_count(text.substr(slash + 1));
  if (!k.ok() || !n.ok() || k.value() != std::floor(k.value()) || n.value() != std::floor(n.value()) ||
      k.value() < 0 || n.value() < 1 || k.value() >= n.value() || n.value() > 1e6)
    throw bad();
  return Shard{static_cast<int>(k.value()), static_cast<int>(n.value())};
}

JobRecord record_of(const Report& r) {
  JobRecord out;
  out.done = true;
  for_each_figure(r, [&](const Figure& f) {
    // Wall time and its rates differ run to run; a seed is a label.
    if (f.traits.unit == FigureUnit::Seed || f.path.rfind("sim.", 0) == 0) return;
    out.figures.emplace_back(f.path, f.value);
  });
  out.slo = r.slo_checks;
  out.partial = r.partial;
  if (r.partial) out.note = r.stop_reason;
  return out;
}

std::vector<JobRecord> run_jobs(std::size_t count, const Shard& shard, int threads, const JobFn& job) {
  std::vector<std::size_t> mine;
  for (std::size_t i = 0; i < count; ++i)
    if (shard.owns(i)) mine.push_back(i);
  std::vector<JobRecord> out(count);
  parallel_for(mine.size(), threads, [&](std::size_t i) {
    out[mine[i]] = job(mine[i]);
    // A run a signal cut short (or never started) is not done: the result says so, as a shard's.
    out[mine[i]].done = !cut_short(out[mine[i]]);
  });
  return out;
}

SweepPoint summarise_runs(const std::vector<const JobRecord*>& runs) {
  HEADROOM_ASSERT(!runs.empty(), "a point has at least one run");
  SweepPoint pt;
  // A key kept only when every seed has it (as --replications).
  std::map<std::string, std::vector<double>> samples;
  for (const JobRecord* r : runs) {
    HEADROOM_ASSERT(r->done, "every run of a summarised point is done");
    for (const auto& [key, value] : r->figures) samples[key].push_back(value);
    pt.partial = pt.partial || r->partial;
  }
  for (const auto& [key, xs] : samples)
    if (xs.size() == runs.size()) pt.figures[key] = confidence_interval_95(xs);
  const JobRecord& first = *runs.front();
  for (std::size_t i = 0; i < first.slo.size(); ++i) {
    SloCheck c = first.slo[i];
    c.value = 0;
    for (const JobRecord* r : runs) c.value += r->slo.at(i).value;
    c.value /= static_cast<double>(runs.size());
    const SloMetric* m = find_slo_metric(c.metric);
    HEADROOM_ASSERT(m, "a validated scenario names known SLO metrics");
    c.met = m->met(c.value, c.limit);
    if (c.binding) pt.slo_met = pt.slo_met && c.met;
    pt.slo.push_back(c);
  }
  return pt;
}

SweepPoint summarise_point(const SweepSpace& space, const std::vector<JobRecord>& records, std::size_t p) {
  const std::size_t seeds = space.seeds.size();
  std::vector<const JobRecord*> runs;
  for (std::size_t s = 0; s < seeds; ++s) runs.push_back(&records[p * seeds + s]);
  SweepPoint out = summarise_runs(runs);
  out.values = space.point(p);
  return out;
}

std::vector<SweepPoint> summarise_sweep(const SweepSpace& space, const std::vector<JobRecord>& records) {
  HEADROOM_ASSERT(records.size() == space.points() * space.seeds.size(), "one record per point and seed");
  std::vector<SweepPoint> out;
  for (std::size_t p = 0; p < space.points(); ++p) out.push_back(summarise_point(space, records, p));
  return out;
}

std::vector<std::size_t> pareto_front(const std::vector<SweepPoint>& points) {
  std::vector<std::size_t> candidates;
  for (std::size_t i = 0; i < points.size(); ++i)
    if (points[i].figures.count("cost.monthly_usd") && points[i].figures.count("latency_ms.p99")) candidates.push_back(i);
  const auto cost = [&](std::size_t i) { return points[i].figures.at("cost.monthly_usd").mean; };
  const auto p99 = [&](std::size_t i) { return points[i].figures.at("latency_ms.p99").mean; };
  std::stable_sort(candidates.begin(), candidates.end(), [&](std::size_t a, std::size_t b) {
    return cost(a) != cost(b) ? cost(a) < cost(b) : p99(a) < p99(b);
  });
  // In increasing cost, a point is on the front when its p99 beats every cheaper point's.
  std::vector<std::size_t> front;
  double best = INFINITY;
  for (std::size_t i : candidates)
    if (p99(i) < best) {
      front.push_back(i);
      best = p99(i);
    }
  return front;
}

std::vector<std::size_t> points_not_whole(const SweepResult& r) {
  const std::size_t seeds = r.space.seeds.size();
  std::vector<std::size_t> out;
  for (std::size_t p = 0; p * seeds < r.records.size(); ++p)
    for (std::size_t s = 0; s < seeds; ++s)
      if (!r.records[p * seeds + s].done) {
        out.push_back(p);
        break;
      }
  return out;
}

bool SweepResult::complete() const {
  return std::all_of(records.begin(), records.end(), [](const JobRecord& r) { return r.done; });
}

}  // namespace headroom
