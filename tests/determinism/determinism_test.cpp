#include <doctest/doctest.h>

#include "headroom/run/simulate.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "support/cli.hpp"
#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {
ScenarioSpec demo() {
  ScenarioSpec s = load_scenario(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/web-and-db.yaml");
  s.duration = 20 * kMinute;
  return s;
}
}  // namespace

TEST_CASE("determinism: the same scenario and seed give byte-identical JSON apart from sim.*") {
  const std::string a = without_sim(to_json(simulate(demo())));
  const std::string b = without_sim(to_json(simulate(demo())));
  CHECK(a == b);
}

TEST_CASE("determinism: another seed gives another report") {
  ScenarioSpec s = demo();
  const std::string a = without_sim(to_json(simulate(s)));
  s.seed = 2;
  CHECK(a != without_sim(to_json(simulate(s))));
}

TEST_CASE("determinism: adding a component that no path uses leaves every other number unchanged") {
  ScenarioSpec s = demo();
  const Report before = simulate(s);
  // Streams are keyed by kind and ordinal (spec.md §7): a component of another kind may go
  // anywhere, one of the same kind after the others of its kind.
  S3Spec bucket;
  bucket.first_byte = exp_ms(20);
  s.components.insert(s.components.begin(), ComponentSpec{"spare_bucket", "s3", bucket, {}});
  s.components.push_back(ec2("spare", "m5.large", 2, exp_ms(5), 4, 10));
  const Report after = simulate(s);
  CHECK(before.offered == after.offered);
  CHECK(before.latency_ms.p99 == after.latency_ms.p99);
  CHECK(before.latency_ms.mean == after.latency_ms.mean);
  CHECK(before.errors.total() == after.errors.total());
}

TEST_CASE("determinism: two CLI runs write identical JSON reports") {
  const CliResult a = run_cli("run scenarios/examples/single-server.yaml --duration 5m --json - --quiet");
  const CliResult b = run_cli("run scenarios/examples/single-server.yaml --duration 5m --json - --quiet");
  REQUIRE(a.status == 0);
  CHECK(without_sim(a.out) == without_sim(b.out));
}

TEST_CASE("determinism: the serverless stage, shortened, gives byte-identical JSON for one seed") {
  // Stage 07 scaled down to 2 minutes at 1% of its users: every serverless path, the stream
  // consumers and Firehose included.
  const auto stage = [] {
    ScenarioSpec s = load_scenario(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/journey/07-serverless.yaml");
    s.duration = 3 * kMinute;
    s.warmup = kMinute;
    for (auto& term : s.load.curve.terms) term.value /= 100, term.base /= 100, term.peak /= 100;
    return s;
  };
  const std::string a = without_sim(to_json(simulate(stage())));
  CHECK(a == without_sim(to_json(simulate(stage()))));
  CHECK(a.find("\"freshness_ms\"") != std::string::npos);
  CHECK(a.find("\"concurrency_per_minute\"") != std::string::npos);
}
