#include <doctest/doctest.h>

#include "headroom/core/units.hpp"
#include "headroom/workload/population.hpp"
#include "headroom/yaml/load_scenario.hpp"

using namespace headroom;

namespace {

ScenarioSpec with(const std::string& load, const std::string& population) {
  return load_scenario_text("load: " + load + "\n" + population +
                                "traffic: [{name: a, share: 100%, path: [web]}]\n"
                                "components: {web: {type: ec2, instance: m5.large, cpu: 10ms}}\n",
                            "population.yaml", {});
}

}  // namespace

TEST_CASE("population: a diurnal curve's own peak-to-mean turns peak concurrent users into daily and monthly actives") {
  const ScenarioSpec s = with("{users: {curve: diurnal, base: 400, peak: 1000, peak_at: 40m, period: 80m}, think_time: 20s}", "");
  const UserCounts u = user_counts(s, 15400);
  CHECK(u.peak_to_mean == doctest::Approx(1000.0 / 700));
  CHECK(u.daily_active_per_concurrent == doctest::Approx(86400.0 / (2 * 600) * 700 / 1000));
  CHECK(u.daily_active == doctest::Approx(15400 * 50.4));
  CHECK(u.monthly_active == doctest::Approx(15400 * 50.4 * 4));
  CHECK(u.peak_requests_per_s == doctest::Approx(770));
  CHECK(u.peak_to_mean_from == "the diurnal curve");
}

TEST_CASE("population: a flat curve takes a peak twice the day's mean unless the scenario says otherwise") {
  const UserCounts flat = user_counts(with("{users: 1000, think_time: 10s}", ""), 1000);
  CHECK(flat.peak_to_mean == 2);
  CHECK(flat.daily_active == doctest::Approx(1000 * 86400.0 / 1200 / 2));
  const UserCounts own = user_counts(
      with("{users: 1000, think_time: 10s}",
           "population: {session: 30m, sessions_per_day: 1, peak_to_mean: 3, monthly_active_per_daily: 10}\n"),
      1000);
  CHECK(own.daily_active == doctest::Approx(1000 * 86400.0 / 1800 / 3));
  CHECK(own.monthly_active == doctest::Approx(own.daily_active * 10));
  const UserCounts fixed = user_counts(
      with("{users: 1000, think_time: 10s}", "population: {daily_active_per_concurrent: 25}\n"), 1000);
  CHECK(fixed.daily_active == doctest::Approx(25000));
}

TEST_CASE("population: a rate load has no users to count, only requests") {
  const UserCounts u = user_counts(with("{rate: 500/s}", ""), 500);
  CHECK(u.by_rate);
  CHECK(u.peak_requests_per_s == 500);
  CHECK(u.daily_active == 0);
  CHECK(describe_users(u) == "500 requests/s at the peak (a rate: no users)");
}

TEST_CASE("population: the terminal line names every count") {
  const UserCounts u = user_counts(with("{users: {curve: diurnal, base: 400, peak: 1000, peak_at: 14h}, think_time: 20s}", ""), 15400);
  CHECK(describe_users(u) ==
        "15,400 peak concurrent users (770 req/s, one per 20 s think time) ≈ 776k daily / 3.1M monthly active users");
  CHECK(grouped(16100000) == "16,100,000");
  CHECK(short_count(2.32e9) == "2.32B");
}
