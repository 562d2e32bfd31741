#include <doctest/doctest.h>

#include <cmath>

#include "headroom/analysis/analytic.hpp"
#include "headroom/catalog/catalog.hpp"
#include "headroom/measure/figure_keys.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

// One t3.micro (2 vCPUs, 10% baseline each, sources.md §1b) with a worker per vCPU, deterministic
// demand, starting with `credits` and a backlog capped at `queue` requests.
ScenarioSpec t3_micro(double rate, double demand_ms, const std::string& mode, double credits, Duration duration,
                      long long queue = 100) {
  auto box = ec2("box", "t3.micro", 1, dist_ms(DistSpec::Kind::Deterministic, demand_ms, 0), 2, queue);
  auto& e = std::get<Ec2Spec>(box.kind);
  e.credit = mode;
  e.credit_balance = credits;
  box.key_locs["credit"] = {};
  return open_scenario(rate, duration, kMinute, {box}, {hop("box")});
}

std::size_t column(const TimeSeries& ts, const std::string& name) {
  for (std::size_t i = 0; i < ts.services.size(); ++i)
    if (ts.services[i] == name) return i;
  FAIL("no column " << name);
  return 0;
}

}  // namespace

TEST_CASE("catalog: a burstable type's baseline, accrual limit and default credit option are AWS's") {
  const InstanceType* micro = find_instance("t3.micro", InstanceFamily::Ec2);
  REQUIRE(micro != nullptr);
  CHECK(micro->baseline() == doctest::Approx(0.10));
  CHECK(micro->max_credits() == doctest::Approx(288));
  CHECK(micro->unlimited_by_default());
  CHECK(micro->surplus_usd_per_vcpu_hour == doctest::Approx(0.05));
  const InstanceType* t2 = find_instance("t2.2xlarge", InstanceFamily::Ec2);
  REQUIRE(t2 != nullptr);
  CHECK(t2->baseline() == doctest::Approx(0.17));
  CHECK(t2->launch_credits == doctest::Approx(240));
  CHECK_FALSE(t2->unlimited_by_default());
  CHECK(find_instance("t4g.small", InstanceFamily::Ec2)->surplus_usd_per_vcpu_hour == doctest::Approx(0.04));
  CHECK_FALSE(find_instance("m5.large", InstanceFamily::Ec2)->burstable());
}

TEST_CASE("credits: a standard t3.micro without credits serves baseline x vCPUs / demand at full load") {
  // 10 ms per request: 200/s at full speed, 0.10 x 2 / 0.010 = 20/s at the baseline.
  const Report r = run_at(t3_micro(100, 10, "standard", 0, static_cast<Duration>(11 * kMinute * validation_scale()) + kMinute, 2));
  const ComponentReport& box = r.components[0].second;
  CHECK(box.throughput_rps == doctest::Approx(20).epsilon(0.03));
  CHECK(box.utilization > 0.95);  // its cores are held, throttled
  CHECK(box.stat(ComponentStat::SurplusCredits) == 0);
}

TEST_CASE("credits: an unlimited t3.micro at full speed bills (work - earnings) as surplus credits") {
  // 150/s x 5 ms = 0.75 vCPU-s/s; it earns 0.2: 0.55 vCPU-hours of surplus per hour (33 credits),
  // billed at $0.05 per vCPU-hour on top of the instance's $0.0104.
  const Report r = run_at(t3_micro(150, 5, "unlimited", 0, 61 * kMinute, 1'000'000));
  const ComponentReport& box = r.components[0].second;
  CHECK(box.throughput_rps == doctest::Approx(150).epsilon(0.01));
  CHECK(box.stat(ComponentStat::SurplusCredits) == doctest::Approx(33).epsilon(0.02));
  CHECK(r.cost.by_service.at("ec2") == doctest::Approx(0.0104 + 0.55 * 0.05).epsilon(0.02));
}

TEST_CASE("credits: a standard t3.micro bursts on its balance, then throttles when the credit arithmetic says") {
  // 100/s x 10 ms = 1 vCPU-s/s against 0.2 earned: 30 credits (1,800 vCPU-s) last 1,800 / 0.8 =
  // 2,250 s; from then on it serves 20/s.
  const Report r = run_at(t3_micro(100, 10, "standard", 30, 50 * kMinute), Fidelity::Request, 10 * kSecond);
  const TimeSeries& ts = r.timeseries;
  const std::size_t balance = column(ts, "box.credit_balance");
  double empty_at = 0, served_late = 0;
  int late = 0;
  for (const TimeSeriesRow& row : ts.rows) {
    if (row.t_s == 1200) CHECK(row.services[balance] == doctest::Approx(30 - 0.8 * 1200 / 60).epsilon(0.03));
    if (empty_at == 0 && row.services[balance] < 0.2) empty_at = row.t_s;
    if (row.t_s > 2400) {
      served_late += row.ok_rps;
      ++late;
    }
    if (row.t_s < 2200) CHECK(row.ok_rps == doctest::Approx(100).epsilon(0.15));
  }
  CHECK(empty_at == doctest::Approx(2250).epsilon(0.02));
  REQUIRE(late > 0);
  CHECK(served_late / late == doctest::Approx(20).epsilon(0.05));
}

TEST_CASE("credits: the hybrid engine throttles a standard t3.micro and bills an unlimited one like per request") {
  const Report throttled = run_at(t3_micro(100, 10, "standard", 0, 31 * kMinute, 2), Fidelity::Hybrid);
  CHECK(throttled.components[0].second.throughput_rps == doctest::Approx(20).epsilon(0.03));
  const Report unlimited = run_at(t3_micro(150, 5, "unlimited", 0, 61 * kMinute, 1'000'000), Fidelity::Hybrid);
  CHECK(unlimited.components[0].second.stat(ComponentStat::SurplusCredits) == doctest::Approx(33).epsilon(0.02));
}

TEST_CASE("analyze: a t3.micro sustains a tenth of an m5.large's users, its 10% baseline") {
  ScenarioSpec s = load_scenario(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/journey/01-day-one.yaml");
  const AnalyticReport m5 = analyze(s);
  for (auto& c : s.components)
    if (auto* e = std::get_if<Ec2Spec>(&c.kind)) e->instance = "t3.micro";
  const AnalyticReport t3 = analyze(s);
  CHECK(t3.saturation_users == doctest::Approx(m5.saturation_users / 10).epsilon(1e-9));
  CHECK(t3.bottleneck_reason == "CPU credits");
}
