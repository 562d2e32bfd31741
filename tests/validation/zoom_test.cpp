#include <doctest/doctest.h>

#include <cmath>

#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

ScenarioSpec web_behind_lb(double rate) {
  auto web = ec2("web", "m5.large", 4, exp_ms(5), 50, 1000);
  std::get<Ec2Spec>(web.kind).azs = {"a", "b"};
  auto s = open_scenario(rate, 30 * kMinute, kMinute, {elb("lb", "web", "round_robin"), web}, {hop("lb"), hop("web")});
  s.network = NetworkSpec{};
  return s;
}

FaultSpec kill_web(Duration at) {
  FaultSpec f;
  f.kind = FaultSpec::Kind::Kill;
  f.target = "web";
  f.at = at;
  return f;
}

Report run_zoomed(const ScenarioSpec& spec, Fidelity fidelity, std::vector<std::pair<SimTime, SimTime>> zoom = {}) {
  RunOptions o;
  o.fidelity = fidelity;
  o.zoom = std::move(zoom);
  return simulate(spec, o);
}

}  // namespace

TEST_CASE("zoom: a hybrid run zooms around a kill and its fault timeline and requests lost match per request") {
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    auto s = web_behind_lb(400);
    s.seed = seed;
    s.faults = {kill_web(10 * kMinute)};
    const Report exact = run_zoomed(s, Fidelity::Request), hybrid = run_zoomed(s, Fidelity::Hybrid);
    REQUIRE(exact.faults.size() == 1);
    REQUIRE(hybrid.faults.size() == 1);
    CHECK(exact.sim.zoom.empty());
    REQUIRE(hybrid.sim.zoom.size() == 1);
    CHECK(hybrid.sim.zoom[0].first == doctest::Approx(9 * 60));
    CHECK(hybrid.sim.zoom[0].second == doctest::Approx(15 * 60));
    const FaultReport &e = exact.faults[0], &h = hybrid.faults[0];
    INFO("seed ", seed, ": detected ", e.detected_s, " / ", h.detected_s, ", lost ", e.failed_requests, " / ",
         h.failed_requests);
    CHECK(std::fabs(h.detected_s - e.detected_s) <= 30);
    CHECK(std::fabs(h.recovered_s - e.recovered_s) <= 30);
    CHECK(h.failed_requests > 1000);
    CHECK(std::fabs(static_cast<double>(h.failed_requests) - static_cast<double>(e.failed_requests)) <=
          0.1 * static_cast<double>(e.failed_requests));
  }
}

TEST_CASE("zoom: a window leaves a hybrid run's requests offered and cost within 1% of the pure hybrid run") {
  const auto s = web_behind_lb(400);
  const Report pure = run_zoomed(s, Fidelity::Hybrid), zoomed = run_zoomed(s, Fidelity::Hybrid, {{10 * kMinute, 15 * kMinute}});
  CHECK(pure.sim.zoom.empty());
  REQUIRE(zoomed.sim.zoom.size() == 1);
  CHECK(zoomed.sim.zoom[0].first == doctest::Approx(600));
  CHECK(zoomed.sim.zoom[0].second == doctest::Approx(900));
  CHECK(zoomed.sim.events > pure.sim.events + 100'000);
  INFO("offered ", pure.offered, " / ", zoomed.offered, ", cost ", pure.cost.period_usd, " / ", zoomed.cost.period_usd);
  CHECK(std::fabs(static_cast<double>(zoomed.offered) - static_cast<double>(pure.offered)) <=
        0.01 * static_cast<double>(pure.offered));
  CHECK(std::fabs(zoomed.cost.period_usd - pure.cost.period_usd) <= 0.01 * pure.cost.period_usd);
  CHECK(zoomed.errors.total() == 0);
  CHECK(std::fabs(zoomed.latency_ms.mean - pure.latency_ms.mean) <= 0.05 * pure.latency_ms.mean);
}

TEST_CASE("zoom: overlapping windows merge and windows beyond the run are clipped to it") {
  const auto s = web_behind_lb(100);
  const Report r = run_zoomed(s, Fidelity::Hybrid, {{20 * kMinute, 25 * kMinute}, {5 * kMinute, 8 * kMinute},
                                                {7 * kMinute, 9 * kMinute}, {28 * kMinute, 40 * kMinute}});
  REQUIRE(r.sim.zoom.size() == 3);
  CHECK(r.sim.zoom[0].first == doctest::Approx(300));
  CHECK(r.sim.zoom[0].second == doctest::Approx(540));
  CHECK(r.sim.zoom[1].first == doctest::Approx(1200));
  CHECK(r.sim.zoom[2].second == doctest::Approx(1800));
}
