#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "headroom/report/writers.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/yaml/load_scenario.hpp"

using namespace headroom;

namespace {

// Two classes on two pools: `fast` (95%) answers in about 1 ms, `slow` in about 40 ms.
std::string two_classes(const std::string& slo) {
  return "name: two classes\nduration: 90s\nwarmup: 10s\nload: {rate: 100}\n"
         "traffic:\n  - {name: fast, share: 95%, path: [quick]}\n  - {name: slow, share: 5%, path: [heavy]}\n"
         "components:\n"
         "  quick: {type: ec2, instance: m5.large, count: 1, cpu: {mean: 1ms, dist: deterministic}}\n"
         "  heavy: {type: ec2, instance: m5.large, count: 1, cpu: {mean: 40ms, dist: deterministic}}\n"
         "slo: " + slo + "\n";
}

Report run(const std::string& slo) { return simulate(load_scenario_text(two_classes(slo), "two.yaml")); }

const SloCheck* find_check(const Report& r, const std::string& cls, const std::string& metric) {
  for (const SloCheck& c : r.slo_checks)
    if (c.cls == cls && c.metric == metric) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("slo: a top-level clause holds every class on its own, so a fast majority cannot hide a slow class") {
  const Report r = run("{p90: 20ms}");
  const SloCheck* all = find_check(r, "", "p90");
  const SloCheck* fast = find_check(r, "fast", "p90");
  const SloCheck* slow = find_check(r, "slow", "p90");
  REQUIRE(all);
  REQUIRE(fast);
  REQUIRE(slow);
  CHECK(all->met);
  CHECK(fast->met);
  CHECK_FALSE(slow->met);
  CHECK(slow->value == doctest::Approx(r.classes.at("slow").latency_ms.p90));
  CHECK_FALSE(r.slo_met);
}

TEST_CASE("slo: a class's own clause replaces the top-level one for that class only") {
  const Report r = run("{p90: 20ms, error_rate: 1%, classes: {slow: {p90: 100ms}}}");
  CHECK(r.slo_met);
  CHECK(find_check(r, "slow", "p90")->limit == doctest::Approx(100));
  CHECK(find_check(r, "fast", "p90")->limit == doctest::Approx(20));
  CHECK(find_check(r, "slow", "error_rate")->limit == doctest::Approx(0.01));
  CHECK_FALSE(find_check(r, "", "p90")->binding);
  CHECK(find_check(r, "", "error_rate")->binding);
}

TEST_CASE("slo: a class's own SLO binds it even without a top-level clause, and JSON gives each class's verdict") {
  const Report r = run("{classes: {fast: {p99: 5ms}, slow: {p99: 10ms}}}");
  CHECK_FALSE(r.slo_met);
  const auto j = nlohmann::json::parse(to_json(r));
  CHECK(j["slo"]["met"] == false);
  CHECK(j["slo"]["classes"]["fast"]["met"] == true);
  CHECK(j["slo"]["classes"]["slow"]["met"] == false);
  REQUIRE(j["slo"]["checks"].size() == 2);
  CHECK(j["slo"]["checks"][1]["class"] == "slow");
  CHECK(j["slo"]["checks"][1]["metric"] == "p99");
}

TEST_CASE("slo: a window that measured no request meets no check, however loose") {
  const Report r = simulate(load_scenario_text(
      "duration: 90s\nwarmup: 10s\nload: {rate: 0/s}\ntraffic: [{name: a, share: 100%, path: [web]}]\n"
      "components: {web: {type: ec2, instance: m5.large, cpu: 1ms}}\nslo: {p99: 10s, error_rate: 50%}\n",
      "empty.yaml"));
  REQUIRE(r.completed == 0);
  REQUIRE(r.slo_checks.size() == 2);
  CHECK_FALSE(r.slo_checks[0].met);
  CHECK_FALSE(r.slo_checks[1].met);
  CHECK_FALSE(r.slo_met);
}
