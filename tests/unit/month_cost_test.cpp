#include <doctest/doctest.h>

#include "headroom/study/month_cost.hpp"
#include "headroom/yaml/load_scenario.hpp"

using namespace headroom;

namespace {

ScenarioSpec stage(const std::string& web) {
  return load_scenario_text(
      "duration: 3h\nwarmup: 10m\n"
      "load: {users: {curve: diurnal, base: 200, peak: 2000, peak_at: 30m, period: 1h}, think_time: 10s}\n"
      "traffic: [{name: a, share: 100%, path: [lb, web]}]\n"
      "components:\n  lb: {type: elb, targets: web}\n  web: " + web + "\n"
      "faults: [{at: 20m, kill: web, count: 1}]\n",
      "month.yaml", {});
}

}  // namespace

TEST_CASE("month: a fixed fleet's month is its instances for 730 hours, one period of the curve repeated") {
  const MonthCost m = month_of_curve(stage("{type: ec2, instance: m5.large, count: 4, cpu: 10ms}"), 2000);
  CHECK(m.simulated_s == 3600);
  CHECK(m.projection.starts_with("the curve's 1h period repeated"));
  CHECK(m.report.faults.empty());
  CHECK(m.report.cost.by_service.at("ec2") * 730 == doctest::Approx(4 * 0.096 * 730));
  CHECK(m.usd_per_million_requests > 0);
}

TEST_CASE("month: an Auto Scaling group following the curve costs less than its peak fleet all month") {
  const MonthCost m = month_of_curve(
      stage("{type: ec2, instance: m5.large, cpu: 10ms, scaling: {min: 1, max: 12, desired: 2, target_cpu: 50%}}"),
      2000);
  const double ec2_month = m.report.cost.by_service.at("ec2") * 730;
  CHECK(ec2_month < 12 * 0.096 * 730 * 0.8);
  CHECK(ec2_month > 1 * 0.096 * 730);
  CHECK(m.report.sim.fidelity == "hybrid");
}
