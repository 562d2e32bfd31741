// simulate(): build the model, run it, and turn what the recorder measured into a Report.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>

#include "components/build_model.hpp"
#include "components/kind.hpp"
#include "headroom/run/simulate.hpp"
#include "runtime/runner.hpp"
#include "headroom/catalog/catalog.hpp"
#include "headroom/workload/curve.hpp"
#include "headroom/workload/population.hpp"
#include "run/cost.hpp"
#include "run/cost_rate.hpp"
#include "measure/slo.hpp"

namespace headroom {
namespace {

ArrivalProcess make_arrivals(const ScenarioSpec& spec) {
  Curve curve(spec.load.curve, spec.duration);
  const double per_unit = spec.load.by_rate ? 1.0 : 1.0 / to_seconds(spec.load.think_time);
  return ArrivalProcess(std::move(curve), per_unit, spec.duration,
                        Rng::stream(spec.seed, "load/arrivals"));
}

/// Events a per-request run of `spec` would take: its requests (the curve integrated, a
/// sample a minute) × the hops of its classes' paths × 2 (about one event in, one out per hop).
double estimate_events(const ScenarioSpec& spec, const Model& m) {
  const Curve curve(spec.load.curve, spec.duration);
  const double per_unit = spec.load.by_rate ? 1.0 : 1.0 / to_seconds(spec.load.think_time);
  const Duration step = std::clamp<Duration>(spec.duration / 1000, kSecond, kMinute);
  double requests = 0;
  for (SimTime t = 0; t < spec.duration; t += step)
    requests += curve.at(t + step / 2) * per_unit * to_seconds(std::min(step, spec.duration - t));
  double hops = 0;
  for (const TrafficClass& tc : m.classes) hops += tc.share * static_cast<double>(tc.hops.size());
  return requests * hops * 2;
}

/// The default zoom windows of a hybrid run: one around each fault whose time is known ahead
/// (not `random:` ones), from a minute before it strikes to five minutes after, and likewise
/// around its repair or the end of an AZ outage. Five minutes hold what a fault sets off:
/// detection by health checks (about 60-65 s, sources.md §11b), an RDS failover (60-120 s, §11)
/// and a replacement instance launched, booted and serving (60-240 s, §11d), and the journey's
/// 180 s recovery bound; the minute before lets the per-request queues and warm pools settle
/// before it strikes. (Each zoomed minute of stage 06's peak costs about 0.7 s.)
std::vector<std::pair<SimTime, SimTime>> fault_windows(const ScenarioSpec& spec) {
  constexpr Duration kBefore = kMinute, kAfter = 5 * kMinute;
  std::vector<std::pair<SimTime, SimTime>> out;
  for (const FaultSpec& f : spec.faults) {
    if (f.kind == FaultSpec::Kind::Random) continue;
    out.emplace_back(f.at - kBefore, f.at + kAfter);
    if (f.repair > 0) out.emplace_back(f.at + f.repair - kBefore, f.at + f.repair + kAfter);
  }
  return out;
}

void fill_report(const ScenarioSpec& spec, const Runner& runner, Report& rep) {
  const Recorder& rec = runner.recorder();
  const Model& m = runner.model();
  const SimTime end = rep.partial ? runner.stopped_at() : spec.duration;
  const double window_s = std::max(1e-9, to_seconds(end - spec.warmup));

  rep.offered = rec.offered_count();
  rep.attempts = rec.attempts();
  rep.completed = rec.finished_count();
  rep.errors = rec.errors();
  rep.ok = rep.completed - rep.errors.total();
  rep.error_rate = rep.completed ? static_cast<double>(rep.errors.total()) / static_cast<double>(rep.completed) : 0;
  rep.availability = rep.offered ? static_cast<double>(rep.ok) / static_cast<double>(rep.offered) : 1;
  rep.latency_ms = summarize(rec.overall());

  for (std::size_t k = 0; k < m.classes.size(); ++k) {
    const ClassTally& t = rec.classes()[k];
    ClassReport cr;
    cr.requests = t.requests;
    cr.error_rate = t.requests ? static_cast<double>(t.errors) / static_cast<double>(t.requests) : 0;
    cr.latency_ms = summarize(rec.class_latency(k));
    if (rec.tracks_halves())
      for (int h = 0; h < 2; ++h) {
        const HalfTally& half = rec.half(k, h);
        ClassWindow& w = cr.halves[static_cast<std::size_t>(h)];
        w.requests = half.requests;
        w.error_rate = half.requests ? static_cast<double>(half.errors) / static_cast<double>(half.requests) : 0;
        w.latency_ms = summarize(half.latency);
      }
    rep.classes[m.classes[k].name] = cr;
  }
  for (std::size_t i = 0; i < m.components.size(); ++i) {
    const Component& c = m.components[i];
    const ComponentState& st = m.states[i];
    ComponentReport cr;
    cr.type = c.type;
    cr.throughput_rps = static_cast<double>(st.tally.completed) / window_s;
    // Busy share of the cores that were there: per instance alive for pools that change size.
    const double cores_per_instance = c.count ? static_cast<double>(c.total_cores) / c.count : 0;
    const double capacity_ns = c.kind == HopKind::Pool ? st.tally.alive_area * cores_per_instance
                                                       : static_cast<double>(c.total_cores) * window_s * 1e9;
    cr.utilization = capacity_ns > 0 ? static_cast<double>(st.tally.busy_ns) / capacity_ns : 0;
    cr.billed_instance_hours = st.tally.billed_area / 3.6e12;
    cr.latency_ms = summarize(rec.component(i));
    cr.instances_min = st.tally.alive_min;
    cr.instances_max = st.tally.alive_max;
    cr.instances_mean = st.tally.alive_area / (window_s * 1e9);
    cr.errors = st.tally.errors;
    if (const Histogram* h = rec.freshness_of(i)) {
      cr.has_freshness = true;
      cr.freshness_ms = summarize(*h);
    }
    // Its kind's own figures (sim/components/<kind>.cpp): a managed service's utilisation is the
    // share of its limit in use, what capacity searches and bottleneck reports compare.
    if (const ComponentKind& kind = component_registry().at(c.type); kind.figures)
      kind.figures(FigureContext{m, window_s, end}, static_cast<std::uint16_t>(i), cr);
    rep.components.emplace_back(c.name, cr);
  }

  auto seconds_or_nan = [](SimTime t) { return t < 0 ? std::nan("") : to_seconds(t); };
  // The windows of the faults that struck before, as far as they reach: faults are recorded in
  // the order they struck, so the part of a window that an earlier one covers is its start up to
  // the latest close before it (Runner::count_failure counts those failures to the earlier one).
  SimTime covered_until = std::numeric_limits<SimTime>::min();
  for (const FaultRecord& f : runner.faults()) {
    FaultReport fr{f.kind, f.target, to_seconds(f.at), seconds_or_nan(f.detected),
                   seconds_or_nan(f.recovered), seconds_or_nan(f.restored), f.failed_requests};
    // The attribution estimate (FaultReport::excess_failed): the failures counted to this fault
    // alone, above the rate before it over the part of its window it owned. The window closes
    // when requests stopped failing because of it and its capacity was back, whichever came
    // later; else at the end of what was simulated.
    SimTime close = -1;
    for (const SimTime t : {f.recovered, f.restored})
      if (t >= 0 && t >= close) close = t;
    if (close < 0 || f.unrecovered > 0 || f.unrestored > 0) close = end;
    const double before_s = std::max(0.0, to_seconds(f.at - spec.warmup));
    fr.baseline_per_s = before_s > 0 ? f.failed_total_at / before_s : 0;
    fr.window_end_s = to_seconds(close);
    const SimTime owned_from = std::max({f.at, spec.warmup, covered_until});
    const double owned_s = std::max(0.0, to_seconds(close - owned_from));
    covered_until = std::max(covered_until, close);
    fr.excess_failed = std::max(static_cast<double>(f.failed_requests), f.attributed - fr.baseline_per_s * owned_s);
    rep.faults.push_back(fr);
    for (const CachePromotion& p : f.promotions)
      rep.faults.back().promotions.push_back(
          PromotionReport{m.components[p.component].name, m.azs[p.az], static_cast<int>(p.shard), to_seconds(p.at)});
  }

  for (const ScalingEvent& e : runner.scaling_events())
    rep.scaling.push_back(ScalingReport{m.components[e.component].name, e.reason, to_seconds(e.at), e.from, e.to});

  // Little's law: L (time-average in flight) against λ (arrival rate) × W (mean time in system).
  LittleCheck& l = rep.little;
  l.in_flight_mean = rec.in_flight_area() / (window_s * 1e9);
  l.arrival_rate = static_cast<double>(rep.offered) / window_s;
  l.time_in_system_s = rec.finished_count() ? rec.time_in_system_ns() / static_cast<double>(rec.finished_count()) * 1e-9 : 0;
  const double lw = l.arrival_rate * l.time_in_system_s;
  l.relative_error = l.in_flight_mean > 0 ? std::fabs(l.in_flight_mean - lw) / l.in_flight_mean : 0;

  rep.cost = compute_cost(spec, m, spec.warmup, end);
  rep.sim.covered = {to_seconds(spec.warmup), to_seconds(std::max(end, spec.warmup))};
  evaluate_slo(spec, rep);
}

}  // namespace

Report simulate(const ScenarioSpec& spec, const RunOptions& options) {
  const auto wall0 = std::chrono::steady_clock::now();
  Report rep;
  rep.version = HEADROOM_VERSION;
  rep.scenario.name = spec.name;
  rep.scenario.file = spec.file;
  rep.scenario.seed = spec.seed;
  rep.scenario.duration_s = to_seconds(spec.duration);
  rep.scenario.warmup_s = to_seconds(spec.warmup);
  rep.load = user_counts(spec, curve_peak(spec.load.curve, spec.duration));
  rep.provenance = Provenance{HEADROOM_VERSION, spec.seed, price_catalog().region, price_catalog().date};
  if (options.stop && options.stop->load()) {
    // Stopped before it began (Ctrl-C in a study): no new simulation starts; the caller drops it.
    rep.partial = true;
    rep.stop_reason = "interrupted";
    return rep;
  }

  Model model = build_model(spec, spec.seed);
  RunOptions run = options;
  if (run.fidelity == Fidelity::Auto) {
    const double events = estimate_events(spec, model);
    const bool fits = events <= run.event_budget;
    run.fidelity = fits ? Fidelity::Request : Fidelity::Hybrid;
    rep.sim.fidelity_reason = fmt::format("auto: about {:.2g} events per request, {} the budget of {:.2g}",
                                          events, fits ? "within" : "beyond", run.event_budget);
  } else {
    rep.sim.fidelity_reason = "asked for (--fidelity)";
  }
  rep.sim.fidelity = run.fidelity == Fidelity::Hybrid ? "hybrid" : "request";
  if (run.fidelity == Fidelity::Hybrid && run.zoom.empty()) run.zoom = fault_windows(spec);
  Runner runner(std::move(model), spec.faults, make_arrivals(spec), Rng::stream(spec.seed, "load/classes"),
                spec.seed, spec.warmup, spec.duration, run);
  if (options.series_interval > 0)
    runner.enable_series(options.series_interval, pool_prices(spec, runner.model()));
  rep.stop_reason = runner.run();
  rep.timeseries = runner.series();
  rep.partial = !rep.stop_reason.empty();
  fill_report(spec, runner, rep);

  rep.sim.events = runner.events();
  rep.sim.peak_in_flight = runner.peak_in_flight();
  for (const auto& [from, to] : runner.zoomed()) rep.sim.zoom.emplace_back(to_seconds(from), to_seconds(to));
  rep.sim.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0).count();
  rep.sim.events_per_s = rep.sim.wall_s > 0 ? static_cast<double>(rep.sim.events) / rep.sim.wall_s : 0;
  if (options.finished) options.finished();
  return rep;
}

}  // namespace headroom
