#include <doctest/doctest.h>

#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

ScenarioSpec scaled_web(CurveSpec load, Duration duration, Duration warmup) {
  auto web = ec2("web", "m5.large", 1, exp_ms(10), 32, 1000);
  auto& e = std::get<Ec2Spec>(web.kind);
  e.azs = {"a", "b"};
  ScalingSpec sc;
  sc.min = 2;
  sc.max = 30;
  sc.desired = 2;
  sc.target_cpu = 0.5;
  e.scaling = sc;
  auto s = open_scenario(0, duration, warmup, {elb("lb", "web", "round_robin"), web}, {hop("lb"), hop("web")});
  s.load.curve = load;
  s.network = NetworkSpec{};
  return s;
}

CurveSpec steps(std::vector<std::pair<Duration, double>> points) {
  CurveSpec c;
  c.kind = CurveSpec::Kind::Step;
  c.points = std::move(points);
  return c;
}

}  // namespace

TEST_CASE("auto scaling: target tracking settles at the target CPU under steady load") {
  const Report r = simulate(scaled_web(steps({{0, 650}}), 2 * kHour, kHour));
  const auto& web = r.components[1].second;
  INFO("utilization ", web.utilization, ", instances ", web.instances_min, "-", web.instances_max);
  CHECK(web.utilization == doctest::Approx(0.5).epsilon(0.1));
  CHECK(web.instances_min == 7);
  CHECK(web.instances_max == 7);
}

TEST_CASE("auto scaling: a step in load reaches the needed fleet within the alarm, boot and warmup delays") {
  const Duration step = 40 * kMinute;
  const Report r = simulate(scaled_web(steps({{0, 460}, {step, 1150}}), 90 * kMinute, 10 * kMinute));
  double first_out = -1, reached = -1;
  for (const auto& e : r.scaling) {
    if (e.at_s <= to_seconds(step)) continue;
    if (first_out < 0 && e.to > e.from) first_out = e.at_s;
    if (reached < 0 && e.to >= 12) reached = e.at_s;
  }
  const double t = to_seconds(step);
  CHECK(first_out >= t + 3 * 60);
  CHECK(first_out <= t + 4 * 60);
  REQUIRE(reached > 0);
  CHECK(reached <= t + 4 * 60 + 60 + 300 + 4 * 60);
  CHECK(r.components[1].second.instances_max >= 12);
}

TEST_CASE("auto scaling: scale-in waits for 15 breaching minutes after the load falls") {
  const Duration drop = 60 * kMinute;
  const Report r = simulate(scaled_web(steps({{0, 950}, {drop, 280}}), 2 * kHour, 10 * kMinute));
  double first_in = -1;
  for (const auto& e : r.scaling)
    if (e.at_s > to_seconds(drop) && e.to < e.from && first_in < 0) first_in = e.at_s;
  REQUIRE(first_in > 0);
  CHECK(first_in >= to_seconds(drop) + 15 * 60);
  CHECK(first_in <= to_seconds(drop) + 17 * 60);
  CHECK(r.components[1].second.instances_min == doctest::Approx(3));
}

TEST_CASE("auto scaling: a killed instance is replaced by the group and its replacement serves") {
  auto s = scaled_web(steps({{0, 650}}), 90 * kMinute, 10 * kMinute);
  FaultSpec f;
  f.kind = FaultSpec::Kind::Kill;
  f.target = "web";
  f.at = 60 * kMinute;
  f.count = 2;
  s.faults = {f};
  const Report r = simulate(s);
  bool replaced = false;
  for (const auto& e : r.scaling) replaced = replaced || e.reason == "replace unhealthy";
  CHECK(replaced);
  CHECK(r.faults[0].detected_s - r.faults[0].at_s <= 65.0 + 1e-6);
  CHECK(r.components[1].second.instances_max == 7);
}
