#include "measure/slo.hpp"

namespace headroom {

void evaluate_slo(const ScenarioSpec& spec, Report& rep) {
  rep.slo_checks.clear();
  rep.slo_met = true;
  for (const auto& clause : spec.slo) {
    SloCheck c;
    c.metric = clause.metric;
    c.limit = clause.limit;
    const auto& l = rep.latency_ms;
    bool at_least = false;  // availability is a floor; everything else a ceiling
    if (c.metric == "mean") c.value = l.mean;
    else if (c.metric == "p50") c.value = l.p50;
    else if (c.metric == "p90") c.value = l.p90;
    else if (c.metric == "p95") c.value = l.p95;
    else if (c.metric == "p99") c.value = l.p99;
    else if (c.metric == "p999") c.value = l.p999;
    else if (c.metric == "max") c.value = l.max;
    else if (c.metric == "error_rate") c.value = rep.error_rate;
    else if (c.metric == "availability") c.value = rep.availability, at_least = true;
    c.met = at_least ? c.value >= c.limit : c.value <= c.limit;
    rep.slo_met = rep.slo_met && c.met;
    rep.slo_checks.push_back(c);
  }
}

}  // namespace headroom
