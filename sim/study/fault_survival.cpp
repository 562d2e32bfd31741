// Fault survival for the journey table: each single fault against the stage at its bundled peak
// held constant. Settle 60 s, strike, allow kRecoveryBoundS to recover, then measure the SLO over
// the next 120 s with the fault still in force (kills are never repaired; the AZ stays down).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "headroom/analysis/analytic.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "headroom/study/journey.hpp"

namespace headroom {
namespace {

constexpr Duration kSettle = 60 * kSecond;
constexpr Duration kMeasure = 120 * kSecond;

const ComponentSpec* first_of(const ScenarioSpec& spec, const char* type) {
  for (const auto& cls : spec.traffic)
    for (const auto& h : cls.path)
      if (const ComponentSpec* c = spec.find(h.component); c && c->type == type) return c;
  return nullptr;
}

/// The stage at its peak, held: Auto Scaling groups start where target tracking settles.
ScenarioSpec at_peak(const ScenarioSpec& spec) {
  ScenarioSpec s = spec;
  const double peak = load_peak(spec);
  const AnalyticReport a = analyze(spec);
  s.load.curve = CurveSpec{};
  s.load.curve.kind = CurveSpec::Kind::Constant;
  s.load.curve.value = peak;
  s.load.curve.loc = spec.load.curve.loc;
  s.faults.clear();
  s.warmup = kSettle + from_seconds(kRecoveryBoundS);
  s.duration = s.warmup + kMeasure;
  for (auto& c : s.components)
    if (auto* ec2 = std::get_if<Ec2Spec>(&c.kind); ec2 && ec2->scaling)
      for (const auto& st : a.stations)
        if (st.component == c.name) ec2->scaling->desired = std::clamp(st.instances, ec2->scaling->min, ec2->scaling->max);
  return s;
}

}  // namespace

std::vector<FaultVerdict> fault_survival(const ScenarioSpec& spec, int threads, const RunOptions& run) {
  SimulationPool workers(threads);
  return fault_survival(spec, workers, run);
}

std::vector<FaultVerdict> fault_survival(const ScenarioSpec& spec, SimulationPool& workers, const RunOptions& run) {
  const ScenarioSpec base = at_peak(spec);
  std::vector<FaultVerdict> verdicts;
  std::vector<ScenarioSpec> runs;
  std::vector<std::size_t> run_of;
  auto add = [&](const char* name, const std::string& target, const FaultSpec* f) {
    FaultVerdict v;
    v.fault = name;
    v.target = target;
    if (!f) {
      v.detail = "nothing to break";
      verdicts.push_back(v);
      run_of.push_back(SIZE_MAX);
      return;
    }
    ScenarioSpec s = base;
    s.faults.push_back(*f);
    Diagnostics problems;
    validate_scenario(s, problems);
    if (!problems.empty()) {
      v.detail = problems.items().front().message;
      run_of.push_back(SIZE_MAX);
    } else {
      run_of.push_back(runs.size());
      runs.push_back(std::move(s));
    }
    verdicts.push_back(v);
  };
  FaultSpec f;
  f.at = kSettle;
  f.loc = spec.loc;
  const ComponentSpec* pool = first_of(spec, "ec2");
  if (!pool)
    if (const ComponentSpec* lb = first_of(spec, "elb")) pool = spec.find(std::get<ElbSpec>(lb->kind).targets);
  FaultSpec kill = f;
  kill.kind = FaultSpec::Kind::Kill;
  if (pool) kill.target = pool->name;
  add("instance", pool ? pool->name : "", pool ? &kill : nullptr);
  FaultSpec az = f;
  az.kind = FaultSpec::Kind::AzOutage;
  az.target = "a";
  if (pool)
    if (const auto* e = std::get_if<Ec2Spec>(&pool->kind); e && !e->azs.empty()) az.target = e->azs.front();
  az.repair = base.duration;  // still down when the run ends
  // Regional managed services (S3, DynamoDB, Lambda, ...) run across AZs: a stack of only those
  // has nothing to lose in one.
  const bool zonal = first_of(spec, "ec2") || first_of(spec, "rds") || first_of(spec, "elasticache") || first_of(spec, "elb");
  add("AZ", zonal ? az.target : "", zonal ? &az : nullptr);
  const ComponentSpec* db = first_of(spec, "rds");
  FaultSpec primary = f;
  primary.kind = FaultSpec::Kind::Kill;
  primary.role = "primary";
  if (db) primary.target = db->name;
  add("DB primary", db ? db->name : "", db ? &primary : nullptr);

  const std::vector<Report> reps = workers.run(runs, run);
  for (std::size_t i = 0; i < verdicts.size(); ++i) {
    if (run_of[i] == SIZE_MAX) continue;
    const Report& r = reps[run_of[i]];
    FaultVerdict& v = verdicts[i];
    if (r.partial && r.stop_reason == "interrupted") {
      v.interrupted = true;
      v.detail = "not run (interrupted)";
      continue;
    }
    const double recovered = r.faults.empty() ? std::nan("") : r.faults.front().recovered_s;
    const double strike = to_seconds(kSettle);
    if (std::isfinite(recovered)) v.recovered_after_s = recovered - strike;
    if (!std::isfinite(recovered) || recovered - strike > kRecoveryBoundS) {
      v.outcome = FaultVerdict::Outcome::Fails;
      v.detail = std::isfinite(recovered) ? fmt::format("back after {:.0f} s", recovered - strike) : fmt::format("not back by the run's end, {:.0f} s after (the bound is {:.0f} s)", to_seconds(base.duration - kSettle), kRecoveryBoundS);
    } else if (!r.slo_met || r.partial) {
      v.outcome = FaultVerdict::Outcome::Fails;
      for (const auto& c : r.slo_checks)
        if (!c.met && c.binding) {
          v.detail = fmt::format("back after {:.0f} s, then {}{} {:.4g} over {:.4g}", recovered - strike,
                                 c.cls.empty() ? "" : c.cls + " ", c.metric, c.value, c.limit);
          break;
        }
    } else {
      v.outcome = FaultVerdict::Outcome::Survives;
      v.detail = fmt::format("back after {:.0f} s", recovered - strike);
    }
  }
  return verdicts;
}

}  // namespace headroom
