// month_of_curve(): one period of the scenario's curve at a given peak, hybrid, repeated to a
// month by compute_cost's projection (run/cost.cpp). The period is the diurnal curve's (or the
// diurnal term's of a sum, e.g. a day with a flash crowd); any other curve runs as written.
#include "headroom/study/month_cost.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "headroom/workload/curve.hpp"

namespace headroom {
namespace {

/// The curve's period: its own if diurnal, else its first diurnal term's; 0 when it has none.
Duration period_of(const CurveSpec& c) {
  if (c.kind == CurveSpec::Kind::Diurnal) return c.period;
  if (c.kind == CurveSpec::Kind::Sum)
    for (const CurveSpec& t : c.terms)
      if (t.kind == CurveSpec::Kind::Diurnal) return t.period;
  return 0;
}

}  // namespace

MonthCost month_of_curve(const ScenarioSpec& spec, double peak_users, RunOptions run) {
  SimulationPool pool(1);
  return month_of_curve(spec, peak_users, pool, std::move(run));
}

MonthCost month_of_curve(const ScenarioSpec& spec, double peak_users, SimulationPool& pool, RunOptions run) {
  ScenarioSpec s = spec;
  s.faults.clear();  // a month's bill, not an incident's
  if (const Duration period = period_of(s.load.curve); period > 0) s.duration = s.warmup + period;
  const double peak = curve_peak(s.load.curve, s.duration);
  if (peak > 0 && peak_users > 0) scale_curve(s.load.curve, peak_users / peak);
  // A month is long: the hybrid engine, with no zoom window (there is no fault to zoom on).
  run.fidelity = Fidelity::Hybrid;
  run.zoom.clear();
  MonthCost m;
  m.report = std::move(pool.run({s}, run).front());
  const CostReport& c = m.report.cost;
  m.monthly_usd = c.monthly_usd;
  m.projection = c.projection;
  m.simulated_s = m.report.scenario.duration_s - m.report.scenario.warmup_s;
  const double offered = static_cast<double>(m.report.offered);
  m.usd_per_million_requests = offered > 0 ? c.period_usd / offered * 1e6 : 0;
  const auto it = std::max_element(c.by_service.begin(), c.by_service.end(),
                                   [](const auto& a, const auto& b) { return a.second < b.second; });
  if (it != c.by_service.end() && c.period_usd > 0)
    m.largest_line = fmt::format("{} {:.0f}%", it->first, it->second / c.period_usd * 100);
  return m;
}

}  // namespace headroom
