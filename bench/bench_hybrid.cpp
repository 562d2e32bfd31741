// The hybrid engine's speed on the journey's largest stages: a 24 h day of stage 07 (serverless,
// 10.5M users at its flash crowd) and a 30-day month of stage 06 (Auto Scaling and Spot, a real
// diurnal day repeated), each run hybrid, beside a short per-request run of the
// same scenario whose events/s price the per-request time of the same work.
// Usage: bench_hybrid [SCENARIO_DIR]   (default: the source tree's scenarios/journey)
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <string>

#include "headroom/run/simulate.hpp"
#include "headroom/yaml/load_scenario.hpp"

using namespace headroom;

namespace {

double wall(const std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void bench(const std::string& label, ScenarioSpec spec, Duration duration) {
  // Per request: a few minutes of the same scenario measure its events/s.
  ScenarioSpec sample = spec;
  sample.duration = sample.warmup + 3 * kMinute;
  RunOptions exact;
  exact.fidelity = Fidelity::Request;
  const Report pr = simulate(sample, exact);

  spec.duration = duration;
  RunOptions hybrid;
  hybrid.fidelity = Fidelity::Hybrid;
  const auto t0 = std::chrono::steady_clock::now();
  const std::clock_t c0 = std::clock();
  const Report r = simulate(spec, hybrid);
  const double s = wall(t0);
  // CPU time beside the wall: on a shared machine the wall measures the neighbours too.
  const double cpu = static_cast<double>(std::clock() - c0) / CLOCKS_PER_SEC;
  // The per-request events of the whole run, scaled from the sample by requests offered.
  const double per_request_events = static_cast<double>(pr.sim.events) / static_cast<double>(std::max<std::uint64_t>(1, pr.offered)) *
                                    static_cast<double>(r.offered);
  fmt::print("{}\n", label);
  fmt::print("  hybrid:      {:.2f} s wall ({:.2f} s CPU), {} events, {:.3g} requests, p99 {:.1f} ms, errors {:.3g}%, ${:.0f} for the period\n",
             s, cpu, r.sim.events, static_cast<double>(r.offered), r.latency_ms.p99, r.error_rate * 100, r.cost.period_usd);
  fmt::print("  per request: ~{:.3g} events at {:.3g} events/s (measured on {} min): ~{:.0f} s\n", per_request_events,
             pr.sim.events_per_s, to_seconds(sample.duration - sample.warmup) / 60,
             per_request_events / std::max(1.0, pr.sim.events_per_s));
}

}  // namespace

int main(int argc, char** argv) {
  const std::string dir = argc > 1 ? argv[1] : std::string(HEADROOM_SOURCE_DIR) + "/scenarios/journey";
  bench("stage 07, a 24 h day (10.5M users at the flash crowd)", load_scenario(dir + "/07-serverless.yaml"), kDay);
  // Stage 06 is a real day; its month is that day 30 times, with the default zoom window (per
  // request, 11 minutes at the peak) around the first day's Spot reclaim.
  bench("stage 06, a 30-day month (500k users at the daily peak)", load_scenario(dir + "/06-auto-scaling-spot.yaml"),
        30 * kDay);
  return 0;
}
