#include "measure/slo.hpp"

#include "headroom/core/assert.hpp"
#include "headroom/measure/figures.hpp"
#include "headroom/scenario/slo_metrics.hpp"

namespace headroom {

void evaluate_slo(const ScenarioSpec& spec, Report& rep) {
  rep.slo_checks.clear();
  rep.slo_met = true;
  for (const auto& clause : spec.slo) {
    SloCheck c;
    c.metric = clause.metric;
    c.limit = clause.limit;
    const SloMetric* m = find_slo_metric(c.metric);
    HEADROOM_ASSERT(m, "a validated scenario names known SLO metrics");
    c.value = slo_figure(rep, *m);
    c.met = m->met(c.value, c.limit);
    rep.slo_met = rep.slo_met && c.met;
    rep.slo_checks.push_back(c);
  }
}

}  // namespace headroom
