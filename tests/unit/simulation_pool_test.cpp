#include <doctest/doctest.h>

#include <stdexcept>

#include "headroom/study/simulation_pool.hpp"
#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

std::vector<ScenarioSpec> seeds(int n) {
  std::vector<ScenarioSpec> specs;
  for (int i = 0; i < n; ++i) {
    specs.push_back(open_scenario(200 + 100 * i, 20 * kSecond, 5 * kSecond,
                                  {ec2("web", "t2.micro", 1, exp_ms(1), 1, 1000)}, {hop("web")}));
    specs.back().seed = static_cast<std::uint64_t>(i + 1);
  }
  return specs;
}

}  // namespace

TEST_CASE("simulation pool: studies sharing three workers get each report in the order of their scenarios") {
  const std::vector<ScenarioSpec> specs = seeds(4);
  std::vector<Report> alone;
  for (const auto& s : specs) alone.push_back(simulate(s));
  SimulationPool pool(3);
  CHECK(pool.threads() == 3);
  std::vector<std::vector<Report>> shared(3);
  pool.for_each_study(shared.size(), [&](std::size_t i) { shared[i] = pool.run(specs, RunOptions{}); });
  for (const auto& reports : shared) {
    REQUIRE(reports.size() == specs.size());
    for (std::size_t i = 0; i < specs.size(); ++i) {
      CHECK(reports[i].scenario.seed == specs[i].seed);
      CHECK(reports[i].offered == alone[i].offered);
      CHECK(reports[i].latency_ms.p99 == alone[i].latency_ms.p99);
    }
  }
  CHECK(pool.run({}, RunOptions{}).empty());
}

TEST_CASE("simulation pool: the first study that threw is rethrown once every study has ended") {
  SimulationPool pool(2);
  std::vector<int> ended(3, 0);
  auto run = [&] {
    pool.for_each_study(3, [&](std::size_t i) {
      pool.run(seeds(1), RunOptions{});
      ended[i] = 1;
      if (i > 0) throw std::runtime_error("study " + std::to_string(i));
    });
  };
  CHECK_THROWS_WITH(run(), "study 1");
  CHECK(ended == std::vector<int>{1, 1, 1});
}
