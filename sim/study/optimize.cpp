// optimize: prune analytically, simulate the survivors as sweep jobs, choose from the records.
// docs/optimize.md gives the method and its approximations.
#include "headroom/study/optimize.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "headroom/analysis/analytic.hpp"
#include "headroom/core/assert.hpp"
#include "headroom/core/units.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/study/capacity.hpp"
#include "headroom/study/journey.hpp"
#include "headroom/study/month_cost.hpp"

namespace headroom {
namespace {

using json = nlohmann::json;

/// The report key of a fault `survive` names, and its name in fault_survival's verdicts.
struct FaultName {
  const char* key;
  const char* verdict;
};
constexpr FaultName kFaults[] = {{"instance", "instance"}, {"az", "AZ"}, {"db_primary", "DB primary"}};

/// Instances of an EC2 pool left after `fault` (instance: one; az: the AZ holding the most).
int left_after(const std::string& fault, int instances, std::size_t azs) {
  if (fault == "instance") return instances - 1;
  if (fault == "az") {
    const int k = static_cast<int>(std::max<std::size_t>(1, azs));
    return instances - (instances + k - 1) / k;
  }
  return instances;  // db_primary: a Multi-AZ standby takes over; the simulation judges it
}

/// The steady-state run of optimize: capacity's warmup, and a window sized as capacity sizes it
/// (about CapacityOptions::requests_per_run requests, within its bounds).
ScenarioSpec steady_run(const ScenarioSpec& spec, double users) {
  const CapacityOptions o;
  const double rps = analyze(spec, users).arrival_rps;
  const double window_s = std::clamp(rps > 0 ? o.requests_per_run / rps : to_seconds(o.window_max),
                                     to_seconds(o.window_min), to_seconds(o.window_max));
  return steady_state(spec, users, o.warmup, from_seconds(std::ceil(window_s)));
}

/// A double in the context, where JSON has no infinity: null stands for it.
json finite_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }
double from_json(const json& j) { return j.is_null() ? INFINITY : j.get<double>(); }

double margin_of(const std::vector<SloCheck>& checks) {
  double m = INFINITY;
  for (const auto& c : checks) {
    if (!c.binding || c.limit <= 0) continue;
    const SloMetric* metric = find_slo_metric(c.metric);
    const double v = metric && metric->floor ? (c.value - c.limit) / c.limit : (c.limit - c.value) / c.limit;
    m = std::min(m, v);
  }
  return std::isfinite(m) ? m : 0;
}

}  // namespace

OptimizePlan plan_optimize(const std::vector<ScenarioSpec>& specs, const OptimizeConstraints& c) {
  OptimizePlan plan;
  for (std::size_t p = 0; p < specs.size(); ++p) {
    const ScenarioSpec& spec = specs[p];
    const AnalyticReport a = analyze(spec, c.users);
    OptimizeCandidate cand;
    cand.point = p;
    cand.analytic_mean_ms = a.mean_latency_ms;
    std::string busiest;
    for (const auto& st : a.stations) {
      if (st.model != "M/M/c") continue;
      if (st.utilization > cand.utilization) {
        cand.utilization = st.utilization;
        busiest = st.component;
      }
      double worst = st.utilization;
      const ComponentSpec* comp = spec.find(st.component);
      if (const auto* ec2 = comp ? std::get_if<Ec2Spec>(&comp->kind) : nullptr)
        for (const auto& f : c.survive) {
          const int left = left_after(f, st.instances, ec2->azs.size());
          worst = std::max(worst, left > 0 ? st.utilization * st.instances / left : INFINITY);
        }
      cand.worst_after_loss = std::max(cand.worst_after_loss, worst);
    }
    // The worker pools fill before the CPUs do (L = λ·T_hold): the load cannot be held either.
    if (cand.utilization > c.max_utilization)
      cand.pruned = fmt::format("{} at {:.0f}% utilisation (Erlang C), over {:.0f}%", busiest, cand.utilization * 100,
                                c.max_utilization * 100);
    else if (a.saturation_users < c.users)
      cand.pruned = fmt::format("{} saturates ({}) at {:.4g}", a.bottleneck, a.bottleneck_reason, a.saturation_users);
    else if (cand.worst_after_loss > c.max_utilization)
      cand.pruned = std::isfinite(cand.worst_after_loss)
                        ? fmt::format("{:.0f}% utilisation after the losses survive names, over {:.0f}%",
                                      cand.worst_after_loss * 100, c.max_utilization * 100)
                        : "nothing left after the losses survive names";
    else
      for (const auto& s : spec.slo)
        if (s.metric == "p99" || s.metric == "p999" || s.metric == "max" || s.metric == "mean")
          if (a.mean_latency_ms > s.limit) {
            // The mean is below these for any latency distribution met here; a mean over the
            // limit cannot meet it.
            cand.pruned = fmt::format("analytic mean latency {:.4g} ms over the {} limit {:.4g} ms", a.mean_latency_ms,
                                      s.metric, s.limit);
            break;
          }
    if (cand.pruned.empty()) plan.survivors.push_back(p);
    plan.candidates.push_back(std::move(cand));
  }
  plan.faults = !c.survive.empty();
  return plan;
}

namespace {

/// A job a signal cut short (RunOptions::stop): not done, as a sweep's run (run_jobs).
JobRecord interrupted_job() {
  JobRecord r;
  r.partial = true;
  r.note = "interrupted";
  return r;
}

}  // namespace

JobRecord run_optimize_job(const OptimizePlan& plan, const std::vector<ScenarioSpec>& specs,
                           const std::vector<std::uint64_t>& seeds, const OptimizeConstraints& c, std::size_t job,
                           const RunOptions& run) {
  const std::size_t per = plan.jobs_per_point();
  const ScenarioSpec& spec = specs.at(plan.survivors.at(job / per));
  const std::size_t k = job % per;
  if (k < plan.seeds) {
    ScenarioSpec s = steady_run(spec, c.users);
    s.seed = seeds.at(k);
    return record_of(simulate(s, run));
  }
  JobRecord r;
  r.done = true;
  if (k == plan.seeds) {
    const MonthCost m = month_of_curve(spec, c.users, run);
    if (m.report.partial && m.report.stop_reason == "interrupted") return interrupted_job();
    r.figures = {{"cost.monthly_usd", m.monthly_usd}, {"cost.usd_per_million_requests", m.usd_per_million_requests}};
    r.note = m.projection;
    return r;
  }
  const std::vector<FaultVerdict> verdicts = fault_survival(spec, 1, run);
  if (std::any_of(verdicts.begin(), verdicts.end(), [](const FaultVerdict& v) { return v.interrupted; }))
    return interrupted_job();
  for (const FaultVerdict& v : verdicts)
    for (const auto& f : kFaults)
      if (v.fault == f.verdict && std::find(c.survive.begin(), c.survive.end(), f.key) != c.survive.end()) {
        // Nothing to break (no pool, no database) is nothing lost.
        r.figures.emplace_back(std::string("survive.") + f.key, v.outcome == FaultVerdict::Outcome::Fails ? 0 : 1);
        r.note += fmt::format("{}{}: {}", r.note.empty() ? "" : "; ", f.key, v.detail);
      }
  return r;
}

std::string optimize_context(const OptimizePlan& plan, const OptimizeConstraints& c, const std::string& options_json) {
  json cands = json::array();
  for (const auto& k : plan.candidates)
    cands.push_back({{"point", k.point},
                     {"utilization", finite_or_null(k.utilization)},
                     {"worst_after_loss", finite_or_null(k.worst_after_loss)},
                     {"analytic_mean_ms", finite_or_null(k.analytic_mean_ms)},
                     {"pruned", k.pruned}});
  return json{{"users", c.users},
              {"by_rate", c.by_rate},
              {"survive", c.survive},
              {"budget", c.budget ? json(*c.budget) : json(nullptr)},
              {"max_utilization", c.max_utilization},
              {"seeds", plan.seeds},
              {"faults", plan.faults},
              {"survivors", plan.survivors},
              {"candidates", cands},
              {"options", json::parse(options_json)}}
      .dump();
}

OptimizeAnswer finish_optimize(const SweepResult& r) {
  HEADROOM_ASSERT(r.kind == "optimize" && r.complete(), "a complete optimize result");
  const json ctx = json::parse(r.context_json);
  OptimizeAnswer a;
  a.space = r.space;
  a.options_json = ctx.at("options").dump();
  a.constraints.users = ctx.at("users").get<double>();
  a.constraints.by_rate = ctx.at("by_rate").get<bool>();
  a.constraints.survive = ctx.at("survive").get<std::vector<std::string>>();
  if (!ctx.at("budget").is_null()) a.constraints.budget = ctx.at("budget").get<double>();
  a.constraints.max_utilization = ctx.at("max_utilization").get<double>();
  OptimizePlan plan;
  plan.seeds = ctx.at("seeds").get<std::size_t>();
  plan.faults = ctx.at("faults").get<bool>();
  plan.survivors = ctx.at("survivors").get<std::vector<std::size_t>>();
  for (const auto& k : ctx.at("candidates")) {
    OptimizeCandidate c;
    c.point = k.at("point").get<std::size_t>();
    c.utilization = from_json(k.at("utilization"));
    c.worst_after_loss = from_json(k.at("worst_after_loss"));
    c.analytic_mean_ms = from_json(k.at("analytic_mean_ms"));
    c.pruned = k.at("pruned").get<std::string>();
    a.candidates.push_back(std::move(c));
  }
  a.simulations = r.records.size();
  const std::size_t per = plan.jobs_per_point();
  HEADROOM_ASSERT(r.records.size() == plan.jobs(), "one record per job");
  for (std::size_t s = 0; s < plan.survivors.size(); ++s) {
    OptimizeAnswer::Point pt;
    pt.point = plan.survivors[s];
    pt.values = r.space.point(pt.point);
    pt.utilization = a.candidates.at(pt.point).utilization;
    std::vector<const JobRecord*> runs;
    for (std::size_t k = 0; k < plan.seeds; ++k) runs.push_back(&r.records[s * per + k]);
    const SweepPoint steady = summarise_runs(runs);
    if (const auto it = steady.figures.find("latency_ms.p99"); it != steady.figures.end()) pt.p99_ms = it->second;
    pt.slo = steady.slo;
    pt.slo_met = steady.slo_met && !steady.partial;
    pt.margin = margin_of(pt.slo);
    const JobRecord& month = r.records[s * per + plan.seeds];
    for (const auto& [k, v] : month.figures)
      if (k == "cost.monthly_usd") pt.monthly_usd = v;
    if (plan.faults) {
      const JobRecord& f = r.records[s * per + plan.seeds + 1];
      for (const auto& [k, v] : f.figures) pt.survives.emplace_back(k.substr(std::string("survive.").size()), v > 0);
      pt.fault_detail = f.note;
    }
    if (!pt.slo_met) {
      for (const auto& c : pt.slo)
        if (c.binding && !c.met) {
          pt.why_not = fmt::format("{}{} {:.4g} over {:.4g}", c.cls.empty() ? "" : c.cls + " ", c.metric, c.value, c.limit);
          break;
        }
      if (pt.why_not.empty()) pt.why_not = "a run stopped early";
    } else if (a.constraints.budget && pt.monthly_usd > *a.constraints.budget) {
      pt.why_not = fmt::format("${:.2f}/month, over the budget", pt.monthly_usd);
    } else {
      for (const auto& [fault, ok] : pt.survives)
        if (!ok) {
          pt.why_not = "does not survive " + fault;
          break;
        }
    }
    pt.feasible = pt.why_not.empty();
    a.simulated.push_back(std::move(pt));
  }
  for (std::size_t i = 0; i < a.simulated.size(); ++i) {
    const auto& p = a.simulated[i];
    if (!p.feasible) continue;
    if (!a.best) {
      a.best = i;
      continue;
    }
    const auto& b = a.simulated[*a.best];
    if (p.monthly_usd < b.monthly_usd || (p.monthly_usd == b.monthly_usd && p.p99_ms.mean < b.p99_ms.mean)) a.best = i;
  }
  std::vector<SweepPoint> plane(a.simulated.size());
  for (std::size_t i = 0; i < a.simulated.size(); ++i) {
    plane[i].figures["cost.monthly_usd"].mean = a.simulated[i].monthly_usd;
    plane[i].figures["latency_ms.p99"] = a.simulated[i].p99_ms;
  }
  a.pareto = pareto_front(plane);
  return a;
}

std::string optimize_text(const OptimizeAnswer& a) {
  std::size_t pruned = 0;
  for (const auto& c : a.candidates) pruned += c.pruned.empty() ? 0 : 1;
  auto config = [&](const OptimizeAnswer::Point& p) {
    std::string out;
    for (std::size_t i = 0; i < p.values.size(); ++i)
      out += fmt::format("{}{}={}", i ? "  " : "", a.space.parameters[i].path, p.values[i]);
    return out;
  };
  std::string out = fmt::format("optimize {} at a peak of {} {}", a.space.scenario, grouped(a.constraints.users),
                                a.constraints.by_rate ? "requests/s" : "concurrent users");
  out += fmt::format("\nsearched {} points: {} pruned by the analytic model, {} simulated ({} runs: {} seed(s) each, a month of the curve{})\n",
                     a.candidates.size(), pruned, a.simulated.size(), a.simulations,
                     a.simulated.empty() ? 0 : (a.simulations / a.simulated.size()) - 1 - (a.constraints.survive.empty() ? 0 : 1),
                     a.constraints.survive.empty() ? "" : ", the faults");
  if (!a.best) {
    out += "no configuration meets the constraints\n";
  } else {
    const auto& b = a.simulated[*a.best];
    out += fmt::format("cheapest meeting the constraints: {}\n", config(b));
    out += fmt::format("  monthly cost ${:.2f} (a month of the scenario's curve at this peak)\n", b.monthly_usd);
    out += fmt::format("  p99 {:.4g} ms ± {:.2g}; SLO margin {:.0f}% (the tightest clause); busiest station {:.0f}% (analytic)\n",
                       b.p99_ms.mean, std::isfinite(b.p99_ms.half_width) ? b.p99_ms.half_width : 0, b.margin * 100,
                       b.utilization * 100);
    if (!b.survives.empty()) out += fmt::format("  survives: {}\n", b.fault_detail);
  }
  out += "Pareto front (cost against p99):\n";
  for (std::size_t i : a.pareto) {
    const auto& p = a.simulated[i];
    out += fmt::format("  ${:>10.2f}  p99 {:>8.4g} ms  {}{}\n", p.monthly_usd, p.p99_ms.mean, config(p),
                       p.feasible ? "" : "  (" + p.why_not + ")");
  }
  return out;
}

std::string optimize_json(const OptimizeAnswer& a) {
  auto point_json = [&](const OptimizeAnswer::Point& p) {
    json values = json::object();
    for (std::size_t i = 0; i < p.values.size(); ++i) values[a.space.parameters[i].path] = p.values[i];
    json checks = json::array();
    for (const auto& c : p.slo)
      checks.push_back({{"metric", c.metric}, {"class", c.cls}, {"limit", c.limit}, {"value", c.value}, {"met", c.met}});
    json survives = json::object();
    for (const auto& [f, ok] : p.survives) survives[f] = ok;
    return json{{"point", p.point},
                {"set", values},
                {"monthly_usd", p.monthly_usd},
                {"p99_ms", {{"mean", p.p99_ms.mean}, {"low", p.p99_ms.low}, {"high", p.p99_ms.high}}},
                {"slo", {{"met", p.slo_met}, {"checks", checks}}},
                {"margin", p.margin},
                {"utilization", p.utilization},
                {"survives", survives},
                {"feasible", p.feasible},
                {"why_not", p.why_not}};
  };
  json pruned = json::array();
  for (const auto& c : a.candidates)
    if (!c.pruned.empty()) {
      json values = json::object();
      const auto v = a.space.point(c.point);
      for (std::size_t i = 0; i < v.size(); ++i) values[a.space.parameters[i].path] = v[i];
      pruned.push_back({{"point", c.point}, {"set", values}, {"reason", c.pruned}});
    }
  json simulated = json::array();
  for (const auto& p : a.simulated) simulated.push_back(point_json(p));
  json pareto = json::array();
  for (std::size_t i : a.pareto) pareto.push_back(a.simulated[i].point);
  json doc = {{"schema", "headroom.optimize/1"},
              {"scenario", a.space.scenario},
              {"users", a.constraints.users},
              {"unit", a.constraints.by_rate ? "requests/s" : "users"},
              {"survive", a.constraints.survive},
              {"budget", a.constraints.budget ? json(*a.constraints.budget) : json(nullptr)},
              {"points", a.candidates.size()},
              {"pruned_analytically", pruned.size()},
              {"simulated", a.simulated.size()},
              {"simulations", a.simulations},
              {"answer", a.best ? point_json(a.simulated[*a.best]) : json(nullptr)},
              {"pareto", pareto},
              {"candidates", simulated},
              {"pruned", pruned}};
  return doc.dump(1) + "\n";
}

}  // namespace headroom
