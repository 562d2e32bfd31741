// Capacity by bisection on steady-state runs (docs/capacity.md): the analytic saturation point
// brackets the search, each round probes `probes_per_round` loads at once (geometrically spaced in
// the bracket), and every probe uses the same seed, so that the answer is monotone and repeatable.
// Which loads are probed never depends on the thread count: threads only decide how many of a
// round's probes run side by side, so the answer is the same bytes on one core or many.
// A probe passes only in a steady state: every station below `max_utilization` by the analytic
// model, a window long enough for the busiest queue to settle, and the window's two halves
// agreeing with each other and with every class's SLO.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "headroom/analysis/analytic.hpp"
#include "headroom/study/capacity.hpp"
#include "measure/slo.hpp"

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

/// What the analytic model says of the stations at `users`: the load at which the first one
/// reaches ρ = 1 (a CPU, or a managed service's limit), and the relaxation time of the busiest
/// queue, 1/(cμ(1−√ρ)²) (Morse's relaxation time of M/M/1 with the c servers' total rate: the
/// time constant with which a queue started empty approaches its steady state).
struct Stations {
  double saturation_users = std::numeric_limits<double>::infinity();
  std::string component;
  double service_s = 0;  // of the first queue to saturate
  int servers = 1;
  double relaxation_s(double users) const {
    if (!std::isfinite(saturation_users) || service_s <= 0) return 0;
    const double rho = std::min(users / saturation_users, 0.999);
    return service_s / servers / std::pow(1 - std::sqrt(rho), 2);
  }
};

Stations stations(const AnalyticReport& a) {
  Stations s;
  for (const StationEstimate& st : a.stations) {
    if (!(st.saturation_users < s.saturation_users)) continue;
    s.saturation_users = st.saturation_users;
    s.component = st.component;
    s.service_s = st.model == "M/M/c" ? st.service_ms * 1e-3 : 0;  // a rate limit does not queue
    s.servers = std::max(1, st.servers);
  }
  return s;
}

// The percentiles of a latency block, with their probabilities, in order.
struct Quantile {
  SloMetricId id;
  double p;
  double LatencySummary::*value;
};
constexpr Quantile kQuantiles[] = {{SloMetricId::P50, 0.50, &LatencySummary::p50},
                                   {SloMetricId::P90, 0.90, &LatencySummary::p90},
                                   {SloMetricId::P95, 0.95, &LatencySummary::p95},
                                   {SloMetricId::P99, 0.99, &LatencySummary::p99},
                                   {SloMetricId::P999, 0.999, &LatencySummary::p999},
                                   {SloMetricId::Max, 1.0, &LatencySummary::max}};

/// The percentile `id` of `s`, or −1 when `id` is not a percentile.
double percentile_of(const LatencySummary& s, SloMetricId id) {
  for (const Quantile& q : kQuantiles)
    if (q.id == id && q.p < 1) return s.*q.value;
  return -1;
}

/// The standard error of percentile `id` estimated from `w`'s requests: sqrt(p(1−p)/n) / f(q_p)
/// (the asymptotic variance of a sample quantile), with the density f read off the neighbouring
/// percentiles. A class with few requests per half has a noisy tail; its halves may differ by
/// that much without the queue drifting.
double percentile_noise(const ClassWindow& w, SloMetricId id) {
  if (w.requests == 0) return 0;
  for (std::size_t i = 1; i + 1 < std::size(kQuantiles); ++i) {
    const Quantile& q = kQuantiles[i];
    if (q.id != id) continue;
    const Quantile &lo = kQuantiles[i - 1], &hi = kQuantiles[i + 1];
    const double slope = (w.latency_ms.*hi.value - w.latency_ms.*lo.value) / (hi.p - lo.p);  // dq/dp
    return std::sqrt(q.p * (1 - q.p) / static_cast<double>(w.requests)) * slope;
  }
  return 0;
}

}  // namespace

ScenarioSpec steady_state(const ScenarioSpec& spec, double users, Duration warmup, Duration window) {
  ScenarioSpec s = spec;
  s.load.curve = CurveSpec{};
  s.load.curve.kind = CurveSpec::Kind::Constant;
  s.load.curve.value = users;
  s.load.curve.loc = spec.load.curve.loc;
  s.warmup = warmup;
  s.duration = warmup + window;
  s.faults.clear();
  for (auto& c : s.components)
    if (auto* ec2 = std::get_if<Ec2Spec>(&c.kind); ec2 && ec2->scaling)
      ec2->scaling->min = ec2->scaling->desired = ec2->scaling->max;
  return s;
}

std::string unsettled(const ScenarioSpec& spec, const Report& rep, double tolerance) {
  for (const ClassSpec& cls : spec.traffic) {
    const auto it = rep.classes.find(cls.name);
    if (it == rep.classes.end()) continue;
    const auto& halves = it->second.halves;
    for (const SloCheckSpec& clause : class_slo(spec, cls.name)) {
      const SloMetric* m = find_slo_metric(clause.metric);
      const double first = m ? percentile_of(halves[0].latency_ms, m->id) : -1;
      if (first < 0) continue;  // a percentile's halves are compared; mean, max and rates are not
      const double second = percentile_of(halves[1].latency_ms, m->id);
      const double noise = std::hypot(percentile_noise(halves[0], m->id), percentile_noise(halves[1], m->id));
      // One-sided: a queue started empty that has not settled is still growing.
      if (second - first > tolerance * clause.limit + 3 * noise)
        return fmt::format("{} {}: {:.0f} ms then {:.0f} ms", cls.name, clause.metric, first, second);
    }
  }
  return "";
}

namespace {

/// The search itself; find_capacity states its answer every way.
CapacityResult search_capacity(const ScenarioSpec& spec, const CapacityOptions& options) {
  CapacityResult r;
  r.by_rate = spec.load.by_rate;
  r.slo = spec.slo;
  r.slo_classes = spec.slo_classes;
  const AnalyticReport a = analyze(spec);
  // The stations at the fleet a capacity probe runs (Auto Scaling groups at their max).
  const Stations st = stations(analyze(steady_state(spec, load_peak(spec), options.warmup, options.window_min)));
  const double peak = load_peak(spec);
  r.analytic_users = std::isfinite(a.saturation_users) ? a.saturation_users : 0;
  const double guess = r.analytic_users > 0 ? r.analytic_users : std::max(1.0, peak);
  // No probe above this load passes: a queue at ρ > max_utilization is not in a steady state.
  const double ceiling = std::isfinite(st.saturation_users) ? st.saturation_users * options.max_utilization
                                                            : std::numeric_limits<double>::infinity();
  const double per_user = spec.load.by_rate ? 1.0 : 1.0 / to_seconds(spec.load.think_time);
  // One base window for the whole search, sized at the guess, so that every probe sees the same
  // random numbers over the same time; near saturation a probe runs longer, until its busiest
  // queue has had time to settle.
  const double base_s = std::clamp(options.requests_per_run / std::max(1e-9, guess * per_user),
                                   to_seconds(options.window_min), to_seconds(options.window_max));
  auto timing = [&](double users) {
    const double tau = st.relaxation_s(std::min(users, ceiling));
    const double cap = to_seconds(options.settle_max);
    const double warmup = std::max(to_seconds(options.warmup), std::min(cap, options.relaxation_warmup * tau));
    const double window = std::max(base_s, std::min(cap, options.relaxation_window * tau));
    return std::pair{from_seconds(warmup), from_seconds(window)};
  };

  std::vector<std::pair<double, Report>> passed, failed;
  auto probe = [&](const std::vector<double>& loads) {
    std::vector<ScenarioSpec> specs;
    for (double u : loads) {
      const auto [warmup, window] = timing(u);
      specs.push_back(steady_state(spec, std::min(u, ceiling * 1.5), warmup, window));
    }
    RunOptions run = options.run;
    run.halves = true;
    std::vector<Report> reps = options.pool ? options.pool->run(specs, run) : simulate_all(specs, options.threads, run);
    std::vector<bool> ok;
    for (std::size_t i = 0; i < loads.size(); ++i) {
      if (reps[i].partial && reps[i].stop_reason == "interrupted") {
        // Ctrl-C: a probe cut short proves nothing either way; the bracket stays as it was.
        r.interrupted = true;
        ok.push_back(false);
        continue;
      }
      ++r.simulations;
      const bool steady = loads[i] <= ceiling * (1 + 1e-9) && unsettled(spec, reps[i], options.halves_tolerance).empty();
      ok.push_back(reps[i].slo_met && !reps[i].partial && steady);
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

  // Bracket: the ceiling itself (when it passes, nothing above it can) and a load under the
  // guess; else one under and one over the guess; then widen until one passes and one fails.
  // The bracket so far, when a signal stops the search (capacity between these two loads).
  auto interrupted = [&] {
    if (!passed.empty()) r.users = round_down_3(best_pass()->first);
    if (!failed.empty()) r.failing_users = least_fail()->first;
    return r;
  };
  if (std::isfinite(ceiling) && ceiling <= guess * 1.05)
    probe({ceiling, std::min(guess * 0.6, ceiling * 0.8)});
  else
    probe({guess * 0.6, guess * 1.05});
  for (int i = 0; i < kMaxExpansions && passed.empty() && !r.interrupted; ++i) {
    const double lo = least_fail()->first;
    probe({lo / 2, lo / 4});
  }
  for (int i = 0; i < kMaxExpansions && failed.empty() && !r.interrupted; ++i) {
    const double hi = best_pass()->first;
    if (hi >= ceiling * (1 - 1e-9)) break;  // the ceiling passed
    probe({hi * 2, hi * 4});
  }
  if (r.interrupted) return interrupted();
  const bool capped = !passed.empty() && best_pass()->first >= ceiling * (1 - 1e-9);
  if (passed.empty()) {  // fails even at a tiny load: capacity 0, named by the smallest run
    r.failing_users = least_fail()->first;
    r.bottleneck = find_bottleneck(spec, least_fail()->second);
    return r;
  }
  if (failed.empty() && !capped) {
    r.unbounded = true;
    r.users = round_down_3(best_pass()->first);
    r.monthly_usd = best_pass()->second.cost.monthly_usd;
    r.at_capacity = best_pass()->second;
    r.bottleneck.reason = "none";
    return r;
  }
  // Narrow: probes geometrically spaced inside (pass, fail); a non-monotone answer (a pass above
  // a fail, possible only through noise) is resolved towards the lower, safer figure.
  for (; !capped;) {
    double lo = best_pass()->first, hi = least_fail()->first;
    if (lo > hi) {
      passed.erase(std::remove_if(passed.begin(), passed.end(), [&](auto& p) { return p.first > hi; }), passed.end());
      if (passed.empty()) break;
      lo = best_pass()->first;
    }
    if (hi / lo <= 1 + options.precision) break;
    std::vector<double> loads;
    const int k = std::max(1, options.probes_per_round);
    for (int j = 1; j <= k; ++j) loads.push_back(lo * std::pow(hi / lo, static_cast<double>(j) / (k + 1)));
    probe(loads);
    if (r.interrupted) return interrupted();
  }
  if (passed.empty()) return r;
  const auto& [users, rep] = *best_pass();
  r.users = round_down_3(users);
  r.monthly_usd = rep.cost.monthly_usd;
  r.at_capacity = rep;
  r.utilization = std::isfinite(st.saturation_users) ? users / st.saturation_users : 0;
  r.warmup_s = rep.scenario.warmup_s;
  r.window_s = rep.scenario.duration_s - rep.scenario.warmup_s;
  if (capped) {
    // The SLO would hold further, but the busiest station would be past max_utilization.
    r.failing_users = users * (1 + options.precision);
    r.bottleneck.component = st.component;
    r.bottleneck.reason = a.bottleneck == st.component && !a.bottleneck_reason.empty() ? a.bottleneck_reason : "CPU";
    r.bottleneck.utilization = r.utilization;
    r.bottleneck.note = fmt::format("at the {:.0f}% ceiling", options.max_utilization * 100);
    return r;
  }
  r.failing_users = least_fail()->first;
  r.bottleneck = find_bottleneck(spec, least_fail()->second);
  // The report averages a component over its instances, so one saturated instance among
  // several (an RDS primary beside its replicas) can hide; the analysis sees each instance.
  if (r.bottleneck.reason == "latency" && !a.bottleneck.empty() && a.saturation_users <= r.failing_users * 1.15) {
    r.bottleneck.component = a.bottleneck;
    r.bottleneck.reason = a.bottleneck_reason;
    r.bottleneck.note = "busiest instance, from the analysis";
  }
  return r;
}

}  // namespace

CapacityResult find_capacity(const ScenarioSpec& spec, const CapacityOptions& options) {
  CapacityResult r = search_capacity(spec, options);
  // Users are whole people: the probes' loads are rates (users ÷ think time) and may fall between
  // two counts, so the bracket is stated in whole users outward — the count under the largest
  // load that passed (fewer users load less: it passes too) and the count over the smallest that
  // failed (more users: it fails too), the bracket the terminal prints. A request rate stays as is.
  if (!r.by_rate) {
    r.users = std::floor(r.users);
    r.failing_users = std::ceil(r.failing_users);
  }
  // Whichever way the search ended, the capacity is stated every way a reader counts users.
  r.counts = user_counts(spec, r.users);
  return r;
}

}  // namespace headroom
