#include <doctest/doctest.h>

#include "headroom/yaml/load_scenario.hpp"
#include "headroom/study/capacity.hpp"
#include "headroom/study/compare.hpp"
#include "headroom/study/replications.hpp"
#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

// M/M/1 with mu = 1000/s at lambda = 800/s: mean time in system 1/(mu - lambda) = 5 ms.
ScenarioSpec mm1(double measured_s) {
  return open_scenario(800, from_seconds(10 + measured_s), 10 * kSecond,
                       {ec2("server", "c7g.medium", 1, exp_ms(1), 1, 1'000'000'000)}, {hop("server")});
}

// The bundled web tier at a steady 4,000 users (400 requests/s on 2 x m5.large: about 80% busy).
ScenarioSpec web_tier(int servers) {
  CapacityOptions o;
  ScenarioSpec spec = steady_state(load_scenario(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/web-and-db.yaml"), 4000, o.warmup,
                                   from_seconds(30 * validation_scale()));
  for (auto& c : spec.components)
    if (c.name == "web") std::get<Ec2Spec>(c.kind).count = servers;
  return spec;
}

}  // namespace

TEST_CASE("replications: the 95% interval of an M/M/1 mean time in system contains 1/(mu - lambda)") {
  const Replications r = run_replications(mm1(240 * validation_scale()), 10, 2);
  const Interval ci = r.at("latency_ms.mean");
  MESSAGE("mean " << ci.mean << " ms ± " << ci.half_width << ", theory 5 ms");
  CHECK(ci.n == 10);
  CHECK(r.seeds == std::vector<std::uint64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
  CHECK(ci.low <= 5.0);
  CHECK(ci.high >= 5.0);
  CHECK(ci.half_width < 0.5);
}

TEST_CASE("replications: the interval narrows when each replication runs longer") {
  const double shorter = run_replications(mm1(60 * validation_scale()), 10, 2).at("latency_ms.mean").half_width;
  const double longer = run_replications(mm1(480 * validation_scale()), 10, 2).at("latency_ms.mean").half_width;
  MESSAGE("half-width " << shorter << " ms over 60 s, " << longer << " ms over 480 s");
  CHECK(longer < shorter);
  CHECK(longer < 0.7 * shorter);
}

TEST_CASE("replications: each replication runs under its own seed and the same seeds give the same intervals") {
  ScenarioSpec spec = mm1(20);
  spec.seed = 7;
  const Replications a = run_replications(spec, 3, 2);
  const Replications b = run_replications(spec, 3, 1);
  CHECK(a.seeds == std::vector<std::uint64_t>{7, 8, 9});
  CHECK(a.reports[1].scenario.seed == 8);
  CHECK(a.samples.at("latency_ms.p99") == b.samples.at("latency_ms.p99"));
  CHECK(a.reports[0].latency_ms.p99 != a.reports[1].latency_ms.p99);
  CHECK(a.intervals.count("scenario.seed") == 0);
}

TEST_CASE("replications: the SLO is judged on the means") {
  ScenarioSpec spec = mm1(20);
  spec.slo = {SloCheckSpec{"mean", 5.5, {}}};
  const Replications r = run_replications(spec, 4, 2);
  REQUIRE(r.slo_checks.size() == 1);
  CHECK(r.slo_checks[0].value == doctest::Approx(r.at("latency_ms.mean").mean));
  CHECK(r.slo_met == (r.at("latency_ms.mean").mean <= 5.5));
}

TEST_CASE("compare: a scenario against itself differs by exactly zero, with no significant difference") {
  const ScenarioSpec spec = mm1(20);
  const Comparison c = compare_scenarios(spec, spec, 1, 3, 2);
  REQUIRE(!c.figures.empty());
  for (const auto& f : c.figures) {
    CAPTURE(f.key);
    CHECK(f.difference.mean == 0);
    CHECK(f.difference.half_width == 0);
    CHECK(f.verdict == Verdict::NoDifference);
  }
}

TEST_CASE("compare: four web servers under load give a better p99 than two, and cost more") {
  const Comparison c = compare_scenarios(web_tier(2), web_tier(4), 1, 5, 2);
  auto figure = [&](const std::string& key) {
    for (const auto& f : c.figures)
      if (f.key == key) return f;
    FAIL("no figure " << key);
    return ComparedFigure{};
  };
  const ComparedFigure p99 = figure("latency_ms.p99"), cost = figure("cost.monthly_usd");
  MESSAGE("p99 " << p99.a.mean << " -> " << p99.b.mean << " ms, cost " << cost.a.mean << " -> " << cost.b.mean);
  CHECK(p99.verdict == Verdict::Better);
  CHECK(p99.difference.high < 0);
  CHECK(cost.verdict == Verdict::Worse);
  CHECK(figure("components.web.utilization").verdict == Verdict::Better);
}

TEST_CASE("compare: a difference is significant only when its interval excludes zero") {
  CHECK(verdict_of(confidence_interval_95({1, 1.1, 0.9}), true) == Verdict::Worse);
  CHECK(verdict_of(confidence_interval_95({1, 1.1, 0.9}), false) == Verdict::Better);
  CHECK(verdict_of(confidence_interval_95({-1, -1.1, -0.9}), true) == Verdict::Better);
  CHECK(verdict_of(confidence_interval_95({-1, 2, 1}), true) == Verdict::NoDifference);
  CHECK(std::string(verdict_name(Verdict::NoDifference)) == "no significant difference");
}
