// Capacity by bisection on steady-state runs (docs/capacity.md): the analytic saturation point
// brackets the search, each round probes `threads` loads at once (geometrically spaced in the
// bracket), and every probe uses the same seed, so that the answer is monotone and repeatable.
#include <algorithm>
#include <cmath>

#include "headroom/analysis/analytic.hpp"
#include "headroom/study/capacity.hpp"

namespace headroom {
namespace {

constexpr int kMaxExpansions = 12;  // ×2 or ÷2 each: a factor of 4096 around the analytic guess

/// Rounds down to three significant figures: the bisection's precision is a few percent, and
/// baselines should not churn on digits that mean nothing.
double round_down_3(double x) {
  if (x <= 0) return 0;
  const double scale = std::pow(10.0, std::floor(std::log10(x)) - 2);
  return std::max(1.0, std::floor(x / scale) * scale);
}

}  // namespace

ScenarioSpec steady_state(const ScenarioSpec& spec, double users, Duration window, const CapacityOptions& options) {
  ScenarioSpec s = spec;
  s.load.curve = CurveSpec{};
  s.load.curve.kind = CurveSpec::Kind::Constant;
  s.load.curve.value = users;
  s.load.curve.loc = spec.load.curve.loc;
  s.warmup = options.warmup;
  s.duration = options.warmup + window;
  s.faults.clear();
  for (auto& c : s.components)
    if (auto* ec2 = std::get_if<Ec2Spec>(&c.kind); ec2 && ec2->scaling)
      ec2->scaling->min = ec2->scaling->desired = ec2->scaling->max;
  return s;
}

CapacityResult find_capacity(const ScenarioSpec& spec, const CapacityOptions& options) {
  CapacityResult r;
  r.by_rate = spec.load.by_rate;
  r.slo = spec.slo;
  const AnalyticReport a = analyze(spec);
  const double peak = load_peak(spec);
  r.analytic_users = std::isfinite(a.saturation_users) ? a.saturation_users : 0;
  const double guess = r.analytic_users > 0 ? r.analytic_users : std::max(1.0, peak);
  const double per_user = spec.load.by_rate ? 1.0 : 1.0 / to_seconds(spec.load.think_time);
  // One window for the whole search, sized at the guess, so that every probe sees the same
  // random numbers over the same time.
  const double seconds = std::clamp(options.requests_per_run / std::max(1e-9, guess * per_user),
                                    to_seconds(options.window_min), to_seconds(options.window_max));
  const Duration window = from_seconds(seconds);

  std::vector<std::pair<double, Report>> passed, failed;
  auto probe = [&](const std::vector<double>& loads) {
    std::vector<ScenarioSpec> specs;
    for (double u : loads) specs.push_back(steady_state(spec, u, window, options));
    std::vector<Report> reps = simulate_all(specs, options.threads, options.run);
    r.simulations += static_cast<int>(loads.size());
    std::vector<bool> ok;
    for (std::size_t i = 0; i < loads.size(); ++i) {
      ok.push_back(reps[i].slo_met && !reps[i].partial);
      (ok.back() ? passed : failed).emplace_back(loads[i], std::move(reps[i]));
    }
    return ok;
  };
  auto best_pass = [&] {
    return std::max_element(passed.begin(), passed.end(), [](auto& x, auto& y) { return x.first < y.first; });
  };
  auto least_fail = [&] {
    return std::min_element(failed.begin(), failed.end(), [](auto& x, auto& y) { return x.first < y.first; });
  };

  // Bracket: one probe under the guess and one over it, then widen until one passes and one fails.
  probe({guess * 0.6, guess * 1.05});
  for (int i = 0; i < kMaxExpansions && passed.empty(); ++i) {
    const double lo = least_fail()->first;
    probe({lo / 2, lo / 4});
  }
  for (int i = 0; i < kMaxExpansions && failed.empty(); ++i) {
    const double hi = best_pass()->first;
    probe({hi * 2, hi * 4});
  }
  if (passed.empty()) {  // fails even at a tiny load: capacity 0, named by the smallest run
    r.failing_users = least_fail()->first;
    r.bottleneck = find_bottleneck(spec, least_fail()->second);
    return r;
  }
  if (failed.empty()) {
    r.unbounded = true;
    r.users = round_down_3(best_pass()->first);
    r.monthly_usd = best_pass()->second.cost.monthly_usd;
    r.at_capacity = best_pass()->second;
    r.bottleneck.reason = "none";
    return r;
  }
  // Narrow: probes geometrically spaced inside (pass, fail); a non-monotone answer (a pass above
  // a fail, possible only through noise) is resolved towards the lower, safer figure.
  for (;;) {
    double lo = best_pass()->first, hi = least_fail()->first;
    if (lo > hi) {
      passed.erase(std::remove_if(passed.begin(), passed.end(), [&](auto& p) { return p.first > hi; }), passed.end());
      if (passed.empty()) break;
      lo = best_pass()->first;
    }
    if (hi / lo <= 1 + options.precision) break;
    std::vector<double> loads;
    const int k = std::max(1, options.threads);
    for (int j = 1; j <= k; ++j) loads.push_back(lo * std::pow(hi / lo, static_cast<double>(j) / (k + 1)));
    probe(loads);
  }
  if (passed.empty()) return r;
  const auto& [users, rep] = *best_pass();
  r.users = round_down_3(users);
  r.failing_users = least_fail()->first;
  r.monthly_usd = rep.cost.monthly_usd;
  r.at_capacity = rep;
  r.bottleneck = find_bottleneck(spec, least_fail()->second);
  // The report averages a component over its instances, so one saturated instance among
  // several (an RDS primary beside its replicas) can hide; the analysis sees each instance.
  if (r.bottleneck.reason == "latency" && !a.bottleneck.empty() && a.saturation_users <= r.failing_users * 1.15) {
    r.bottleneck.component = a.bottleneck;
    r.bottleneck.reason = a.bottleneck_reason;
    r.bottleneck.note = "busiest instance, from the analysis";
  }
  r.counts = user_counts(spec, r.users);
  return r;
}

}  // namespace headroom
