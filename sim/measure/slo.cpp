#include "measure/slo.hpp"

#include <algorithm>

#include "headroom/core/assert.hpp"
#include "headroom/measure/figures.hpp"
#include "headroom/scenario/slo_metrics.hpp"

namespace headroom {
namespace {

/// Whether a window measured anything a check on `m` can judge: a latency needs a successful
/// request, a rate a finished one. A check on nothing is not met (0 ms of p99 over no request
/// proves nothing; a capacity search would otherwise pass its smallest probes).
bool measured(const SloMetric& m, double finished, double error_rate) {
  return m.latency ? finished * (1 - error_rate) > 0 : finished > 0;
}

SloCheck judge(const SloCheckSpec& clause, double value, bool measured_anything) {
  const SloMetric* m = find_slo_metric(clause.metric);
  HEADROOM_ASSERT(m, "a validated scenario names known SLO metrics");
  SloCheck c;
  c.metric = clause.metric;
  c.limit = clause.limit;
  c.value = value;
  c.met = measured_anything && m->met(value, clause.limit);
  return c;
}

}  // namespace

std::vector<SloCheckSpec> class_slo(const ScenarioSpec& spec, const std::string& cls) {
  std::vector<SloCheckSpec> own;
  for (const ClassSloSpec& c : spec.slo_classes)
    if (c.name == cls) own = c.clauses;
  std::vector<SloCheckSpec> out;
  for (const SloMetric& m : slo_metrics()) {  // registry order, as the top-level checks
    auto pick = [&](const std::vector<SloCheckSpec>& from) {
      return std::find_if(from.begin(), from.end(), [&](const SloCheckSpec& s) { return s.metric == m.name; });
    };
    if (auto it = pick(own); it != own.end()) out.push_back(*it);
    else if (auto top = pick(spec.slo); top != spec.slo.end()) out.push_back(*top);
  }
  return out;
}

double class_slo_figure(const ClassWindow& w, const SloMetric& m) {
  if (m.latency) return latency_figure(w.latency_ms, m.id);
  // A class's availability is the share of its finished requests that succeeded.
  return m.id == SloMetricId::Availability ? 1 - w.error_rate : w.error_rate;
}

bool class_window_met(const std::vector<SloCheckSpec>& clauses, const ClassWindow& w) {
  for (const SloCheckSpec& clause : clauses) {
    const SloMetric* m = find_slo_metric(clause.metric);
    HEADROOM_ASSERT(m, "a validated scenario names known SLO metrics");
    if (!measured(*m, static_cast<double>(w.requests), w.error_rate)) return false;
    if (!m->met(class_slo_figure(w, *m), clause.limit)) return false;
  }
  return true;
}

void evaluate_slo(const ScenarioSpec& spec, Report& rep) {
  rep.slo_checks.clear();
  rep.slo_met = true;
  auto overridden = [&](const std::string& metric) {
    return std::any_of(spec.slo_classes.begin(), spec.slo_classes.end(), [&](const ClassSloSpec& c) {
      return std::any_of(c.clauses.begin(), c.clauses.end(), [&](const SloCheckSpec& s) { return s.metric == metric; });
    });
  };
  for (const auto& clause : spec.slo) {
    const SloMetric* m = find_slo_metric(clause.metric);
    HEADROOM_ASSERT(m, "a validated scenario names known SLO metrics");
    SloCheck c = judge(clause, slo_figure(rep, *m), measured(*m, static_cast<double>(rep.completed), rep.error_rate));
    c.binding = !overridden(c.metric);
    rep.slo_checks.push_back(c);
  }
  // One class with no SLO of its own is the all-requests checks again.
  const bool by_class = spec.traffic.size() > 1 || !spec.slo_classes.empty();
  for (const ClassSpec& cls : spec.traffic) {
    if (!by_class) break;
    const auto it = rep.classes.find(cls.name);
    if (it == rep.classes.end()) continue;
    const ClassWindow whole{it->second.requests, it->second.error_rate, it->second.latency_ms};
    for (const SloCheckSpec& clause : class_slo(spec, cls.name)) {
      const SloMetric& m = *find_slo_metric(clause.metric);
      SloCheck c = judge(clause, class_slo_figure(whole, m), measured(m, static_cast<double>(whole.requests), whole.error_rate));
      c.cls = cls.name;
      rep.slo_checks.push_back(c);
    }
  }
  for (const SloCheck& c : rep.slo_checks)
    if (c.binding) rep.slo_met = rep.slo_met && c.met;
  // A run stopped early measured only part of its window: the checks stand for that span only,
  // and the verdict is not "met" (issue 16: an interrupted run said "SLO met").
  if (rep.partial) rep.slo_met = false;
}

}  // namespace headroom
