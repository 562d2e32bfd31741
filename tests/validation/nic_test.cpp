// Instances' network bandwidth as a resource (sim/topology/nic.hpp, docs/sources.md §1c): an EC2
// pool's answers queue FCFS for its instance's NIC and take bytes × 8 / bandwidth each.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "headroom/analysis/analytic.hpp"
#include "headroom/measure/figure_keys.hpp"
#include "support/nic_phases.hpp"
#include "support/specs.hpp"
#include "support/theory.hpp"

using namespace headroom;
using namespace headroom::testing;
using headroom::theory::md1_mean_sojourn;

namespace {

// One instance answering `bytes` per request with a negligible, deterministic CPU demand
// (10 µs), so that its NIC is the only queue that matters. Behind a balancer its answers stay in
// the Region and get its whole bandwidth; reached from the internet, at most the share that may
// leave it (5 Gbit/s below 32 vCPUs, half from 32 up: sources.md §1c).
enum class Reach { Balancer, Internet };
ScenarioSpec pool(const std::string& type, double rate, double bytes, Duration duration, int workers, long long queue,
                  Reach reach = Reach::Balancer) {
  auto web = ec2("web", type, 1, dist_ms(DistSpec::Kind::Deterministic, 0.01, 0), workers, queue);
  ScenarioSpec s = reach == Reach::Balancer
                       ? open_scenario(rate, duration, kMinute, {elb("lb", "web", "round_robin"), web}, {hop("lb"), hop("web")})
                       : open_scenario(rate, duration, kMinute, {web}, {hop("web")});
  s.traffic[0].bytes = bytes;
  return s;
}

const ComponentReport& web_of(const Report& r) { return component_report(r, "web"); }

// m5.large (0.75 Gbit/s baseline, up to 10: sources.md §1c) answering 2 MB pages to 1,000 a
// second: far more than even its burst sends (625/s), so it sends flat out from a full bucket
// (a backlog of 20 keeps the wire from ever idling: M/D/1/20 at ρ = 1.6 idles ~1.6^-20 of the time).
ScenarioSpec flat_out(Reach reach = Reach::Balancer, Duration duration = 12 * kMinute) {
  return pool("m5.large", 1000, 2e6, duration, 4, 16, reach);
}

}  // namespace

TEST_CASE("nic: a pool without burst saturates at bandwidth / (8 x bytes)") {
  // m5.8xlarge: 10 Gbit/s, no "up to" (sources.md §1c). 1 MB answers: 1,250 a second; offered
  // 2,000, the rest wait (bounded by its workers and queue) or are refused. Over ~2.5 min the
  // count of transmissions is exact to a few in 190,000: 1%.
  const Report r = run_at(pool("m5.8xlarge", 2000, 1e6, static_cast<Duration>(150 * kSecond * validation_scale()) + kMinute, 65, 100));
  const ComponentReport& web = web_of(r);
  CHECK(web.throughput_rps == doctest::Approx(1250).epsilon(0.01));
  CHECK(web.stat(ComponentStat::NetworkUtilization) == doctest::Approx(1.0).epsilon(0.01));
}

TEST_CASE("nic: below saturation the answer waits as in M/D/1 (Pollaczek-Khinchine)") {
  // λ = 1,000/s of 1 MB at 10 Gbit/s: S = 0.8 ms, ρ = 0.8, W = ρS / (2(1 − ρ)) = 1.6 ms; with the
  // 10 µs of CPU, 2.41 ms at the pool. 600,000 requests (10 min): the mean's standard error at
  // ρ = 0.8 is about 1% (the wait's autocorrelation included); 4% is four of them.
  const Report r = run_at(pool("m5.8xlarge", 1000, 1e6, static_cast<Duration>(10 * kMinute * validation_scale()) + kMinute, 65, 100000));
  const ComponentReport& web = web_of(r);
  CHECK(web.latency_ms.mean == doctest::Approx(md1_mean_sojourn(1000, 1250) * 1e3 + 0.01).epsilon(0.04));
  CHECK(web.stat(ComponentStat::NetworkUtilization) == doctest::Approx(0.8).epsilon(0.02));
  CHECK(web.utilization < 0.001);  // the CPU is idle: the wire is the queue
}

TEST_CASE("nic: an m5.large bursts at 10 Gbit/s for the bucket's 5 minutes, then sends at its 0.75 baseline") {
  // From a full bucket, sending flat out drains it at (10 − 0.75) Gbit/s: 300 s exactly
  // (kNicBurstSeconds, sources.md §1c). 2 MB answers: 625/s at the burst rate, 46.9/s after.
  const Report r = run_at(flat_out(), Fidelity::Request, 10 * kSecond);
  const NicPhases p = nic_phases(r);
  CHECK(p.burst_rps == doctest::Approx(625).epsilon(0.01));
  CHECK(p.baseline_rps == doctest::Approx(0.75e9 / 16e6).epsilon(0.03));
  CHECK(p.empty_at == doctest::Approx(300).epsilon(0.035));  // within one 10-s interval
}

TEST_CASE("nic: the hybrid engine bursts and throttles like per request") {
  const Report request = run_at(flat_out(), Fidelity::Request, 10 * kSecond);
  const Report hybrid = run_at(flat_out(), Fidelity::Hybrid, 10 * kSecond);
  const NicPhases a = nic_phases(request), b = nic_phases(hybrid);
  CHECK(b.burst_rps == doctest::Approx(a.burst_rps).epsilon(0.02));
  CHECK(b.baseline_rps == doctest::Approx(a.baseline_rps).epsilon(0.03));
  CHECK(b.empty_at == doctest::Approx(a.empty_at).epsilon(0.035));
  CHECK(web_of(hybrid).stat(ComponentStat::NetworkUtilization) ==
        doctest::Approx(web_of(request).stat(ComponentStat::NetworkUtilization)).epsilon(0.02));
  // And below saturation, the M/D/1 scenario's wait.
  const ScenarioSpec md1 = pool("m5.8xlarge", 1000, 1e6, 5 * kMinute, 65, 100000);
  CHECK(web_of(run_at(md1, Fidelity::Hybrid)).latency_ms.mean ==
        doctest::Approx(md1_mean_sojourn(1000, 1250) * 1e3 + 0.01).epsilon(0.10));
}

TEST_CASE("analyze: an m5.large serving 200 KB pages is capped by its 0.75 Gbit/s baseline, not its CPU") {
  // 0.75e9 / (8 × 200,000) = 468.75 pages a second (sources.md §1c); its CPU would serve 200,000.
  // (Transmissions are integer nanoseconds: 1e-6.)
  const AnalyticReport a = analyze(pool("m5.large", 400, 200e3, 10 * kMinute, 64, 1000, Reach::Internet));
  CHECK(a.saturation_rps == doctest::Approx(468.75).epsilon(1e-6));
  CHECK(a.bottleneck == "web");
  CHECK(a.bottleneck_reason == "network 0.75 Gbit/s");
  REQUIRE(a.stations.size() == 1);
  CHECK(a.stations[0].network_utilization == doctest::Approx(400 / 468.75).epsilon(1e-6));
  // Below its baseline the bucket stays full: the wire runs at 10 Gbit/s, 0.16 ms a page.
  CHECK(a.stations[0].latency_ms > 0.16);
}

TEST_CASE("nic: what leaves the Region gets 5 Gbit/s below 32 vCPUs, half the bandwidth from 32 up") {
  // An m5.24xlarge (25 Gbit/s) reached from the internet: 12.5 Gbit/s for its 200 KB pages,
  // 7,812.5 a second; behind a balancer, 25 Gbit/s (sources.md §1c).
  const AnalyticReport out = analyze(pool("m5.24xlarge", 1000, 200e3, 10 * kMinute, 1000, 1000, Reach::Internet));
  CHECK(out.saturation_rps == doctest::Approx(7812.5).epsilon(1e-6));
  CHECK(out.bottleneck_reason == "network 12.5 Gbit/s to the internet");
  const AnalyticReport in = analyze(pool("m5.24xlarge", 1000, 200e3, 10 * kMinute, 1000, 1000));
  CHECK(in.saturation_rps == doctest::Approx(15625).epsilon(1e-6));
  // An m5.large reached from the internet bursts at 5 Gbit/s, not 10: 312.5 pages of 2 MB a
  // second, for as long as its bucket lasts at (5 − 0.75) Gbit/s of drain: 9.25 × 300 / 4.25 =
  // 653 s; then 46.9 a second at its baseline, which the cap does not touch.
  const Report r = run_at(flat_out(Reach::Internet, 15 * kMinute), Fidelity::Request, 10 * kSecond);
  const NicPhases p = nic_phases(r, 620, 690, 180);
  CHECK(p.burst_rps == doctest::Approx(312.5).epsilon(0.01));
  CHECK(p.baseline_rps == doctest::Approx(0.75e9 / 16e6).epsilon(0.03));
  CHECK(p.empty_at == doctest::Approx(9.25 * 300 / 4.25).epsilon(0.02));
}
