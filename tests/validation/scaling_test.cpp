#include <doctest/doctest.h>

#include <cmath>

#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

ScenarioSpec scaled_web(CurveSpec load, Duration duration, Duration warmup) {
  // A queue short enough (532 × 5 ms) that an overloaded server still passes its 5 s health
  // checks: these tests time the alarms, not a cascade.
  auto web = ec2("web", "m5.large", 1, exp_ms(10), 32, 500);
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

}  // namespace

TEST_CASE("auto scaling: target tracking settles at the target CPU under steady load") {
  const Report r = simulate(scaled_web(step_curve({{0, 680}}), 2 * kHour, kHour));
  const auto& web = r.components[1].second;
  INFO("utilization ", web.utilization, ", instances ", web.instances_min, "-", web.instances_max);
  CHECK(web.utilization == doctest::Approx(0.5).epsilon(0.05));
  CHECK(web.instances_min == 7);
  CHECK(web.instances_max == 7);
}

TEST_CASE("auto scaling: a step in load reaches the needed fleet within the alarm, boot and warmup delays") {
  const Duration step = 40 * kMinute;
  const Report r = simulate(scaled_web(step_curve({{0, 460}, {step, 1150}}), 90 * kMinute, 10 * kMinute));
  double first_out = -1, reached = -1;
  for (const auto& e : r.scaling) {
    if (e.at_s <= to_seconds(step)) continue;
    if (first_out < 0 && e.to > e.from) first_out = e.at_s;
    if (reached < 0 && e.to >= 12) reached = e.at_s;
  }
  // Three breaching datapoints, the last published a minute after its minute ends (sources.md §11c).
  const double t = to_seconds(step), published = 60;
  CHECK(first_out >= t + 3 * 60 + published);
  CHECK(first_out <= t + 4 * 60 + published);
  REQUIRE(reached > 0);
  CHECK(reached <= t + 4 * 60 + published + 60 + 300 + 4 * 60 + published);
  CHECK(r.components[1].second.instances_max >= 12);
}

TEST_CASE("auto scaling: scale-in waits for 15 breaching minutes after the load falls") {
  const Duration drop = 60 * kMinute;
  const Report r = simulate(scaled_web(step_curve({{0, 950}, {drop, 280}}), 2 * kHour, 10 * kMinute));
  double first_in = -1;
  for (const auto& e : r.scaling)
    if (e.at_s > to_seconds(drop) && e.to < e.from && first_in < 0) first_in = e.at_s;
  REQUIRE(first_in > 0);
  CHECK(first_in >= to_seconds(drop) + 15 * 60 + 60);  // and the publication delay
  CHECK(first_in <= to_seconds(drop) + 17 * 60 + 60);
  CHECK(r.components[1].second.instances_min == doctest::Approx(3));
}

TEST_CASE("auto scaling: a killed instance is replaced by the group and its replacement serves") {
  auto s = scaled_web(step_curve({{0, 650}}), 90 * kMinute, 10 * kMinute);
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
  // The alarm's datapoints are a minute old (publication delay): they may predate the
  // replacements' launch and ask for one instance more.
  CHECK(r.components[1].second.instances_max >= 7);
  CHECK(r.components[1].second.instances_max <= 8);
}

namespace {

ScenarioSpec spot_fleet(int base, double spot_share, int count) {
  auto web = ec2("web", "m5.large", count, exp_ms(10), 32, 1000);
  auto& e = std::get<Ec2Spec>(web.kind);
  e.azs = {"a", "b"};
  e.purchase.on_demand_base = base;
  e.purchase.spot = spot_share;
  e.purchase.discount = 0.7;
  auto s = open_scenario(300, kHour + 10 * kMinute, 10 * kMinute, {elb("lb", "web", "round_robin"), web},
                         {hop("lb"), hop("web")});
  s.network = NetworkSpec{};
  return s;
}

FaultSpec reclaim(double share, Duration at) {
  FaultSpec f;
  f.kind = FaultSpec::Kind::SpotReclaim;
  f.target = "web";
  f.share = share;
  f.at = at;
  return f;
}

}  // namespace

TEST_CASE("spot: a fleet bought as Spot at a 70% discount costs 30% of on-demand") {
  const Report all_spot = simulate(spot_fleet(0, 1.0, 4));
  const Report on_demand = simulate(spot_fleet(0, 0.0, 4));
  CHECK(all_spot.cost.by_service.at("ec2") == doctest::Approx(0.3 * on_demand.cost.by_service.at("ec2")).epsilon(1e-6));
  CHECK(on_demand.cost.by_service.at("ec2") == doctest::Approx(4 * 0.096).epsilon(1e-6));
  CHECK(all_spot.cost.spot_savings_usd == doctest::Approx(0.7 * 4 * 0.096).epsilon(1e-6));
}

TEST_CASE("spot: a reclaim of half the fleet is survived when the base and the headroom allow") {
  auto s = scaled_web(step_curve({{0, 650}}), 80 * kMinute, 10 * kMinute);
  auto& e = std::get<Ec2Spec>(s.components[1].kind);
  e.scaling->desired = 8;
  e.purchase.on_demand_base = 2;
  e.purchase.spot = 1.0;
  s.faults = {reclaim(0.5, 40 * kMinute)};
  const Report r = simulate(s);
  REQUIRE(r.faults.size() == 1);
  CHECK(r.faults[0].recovered_s == doctest::Approx(40 * 60 + 120));
  CHECK(r.faults[0].restored_s <= 40 * 60 + 120);
  CHECK(r.errors.total() == 0);
}

TEST_CASE("spot: a reclaim of half a fixed fleet with no headroom shows errors") {
  auto s = spot_fleet(0, 1.0, 4);
  s.load.curve.value = 700;
  s.faults = {reclaim(0.5, 30 * kMinute)};
  const Report r = simulate(s);
  CHECK(r.components[1].second.instances_min == 2);
  CHECK(r.errors.total() > 1000);
  CHECK_FALSE(std::isnan(r.faults[0].detected_s));
}

TEST_CASE("auto scaling: an instance scaled in within its first minute is billed the 60-second minimum") {
  auto s = scaled_web(step_curve({{0, 300}}), 30 * kMinute, 0);
  auto& sc = *std::get<Ec2Spec>(s.components[1].kind).scaling;
  sc.target_cpu = 0;
  sc.desired = 2;
  sc.schedule = {{10 * kMinute, 3}, {10 * kMinute + 20 * kSecond, 2}};
  const Report r = simulate(s);
  const double hours = r.components[1].second.billed_instance_hours;
  CHECK(hours == doctest::Approx(2 * 0.5 + 60.0 / 3600).epsilon(1e-9));
}

TEST_CASE("auto scaling: step scaling adds the matching step at most once per warmup and removes once per cooldown") {
  auto s = scaled_web(step_curve({{0, 1300}, {50 * kMinute, 200}}), 100 * kMinute, 0);
  auto& sc = *std::get<Ec2Spec>(s.components[1].kind).scaling;
  sc.target_cpu = 0;
  sc.desired = 4;
  sc.warmup = 3 * kMinute;
  sc.cooldown = 5 * kMinute;
  sc.steps = {ScalingStepSpec{0.7, -1, 2}, ScalingStepSpec{0.9, -1, 4}, ScalingStepSpec{-1, 0.3, -1}};
  const Report r = simulate(s);
  std::vector<ScalingReport> out, in;
  for (const auto& e : r.scaling) (e.to > e.from ? out : in).push_back(e);
  REQUIRE(out.size() >= 2);
  CHECK(out[0].to - out[0].from == 4);
  for (std::size_t i = 1; i < out.size(); ++i) CHECK(out[i].at_s - out[i - 1].at_s >= 180 - 1e-6);
  REQUIRE(in.size() >= 2);
  CHECK(in[0].at_s > 50 * 60);
  for (std::size_t i = 1; i < in.size(); ++i) CHECK(in[i].at_s - in[i - 1].at_s >= 300 - 1e-6);
  CHECK(r.scaling.back().to >= 2);
}

TEST_CASE("spot: a price trace is integrated over each Spot instance's hours") {
  auto flat = spot_fleet(0, 1.0, 4);
  std::get<Ec2Spec>(flat.components[1].kind).purchase.price_trace = {{0, 0.096 * 0.3}};
  const Report r = simulate(flat);
  CHECK(r.cost.by_service.at("ec2") == doctest::Approx(4 * 0.096 * 0.3).epsilon(1e-6));
  auto rising = spot_fleet(0, 1.0, 4);
  std::get<Ec2Spec>(rising.components[1].kind).purchase.price_trace = {{0, 0.02}, {70 * kMinute, 0.04}};
  const Report r2 = simulate(rising);
  CHECK(r2.cost.by_service.at("ec2") == doctest::Approx(4 * (0.02 + 0.02 * 40.0 / 70)).epsilon(1e-6));
  CHECK(r2.cost.spot_savings_usd == doctest::Approx(4 * 0.096 - 4 * (0.02 + 0.02 * 40.0 / 70)).epsilon(1e-6));
}
