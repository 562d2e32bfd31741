#include <doctest/doctest.h>

#include <string>

#include "headroom/yaml/load_scenario.hpp"
#include "support/loader.hpp"

using namespace headroom;
using namespace headroom::testing;


TEST_CASE("loader: every form of fault reads into its FaultSpec") {
  const ScenarioSpec s = load(R"(duration: 2h
faults:
  - {at: 10m, kill: web, count: 2, repair: 5m}
  - {at: 30m, kill: db}
  - {at: 35m, kill: db.replica, count: 2}
  - {at: 38m, kill: cache}
  - {at: 40m, az_outage: b, for: 15m}
  - {random: web, mtbf: 720h, mttr: 10m}
  - {random: db.primary, mtbf: 30d, mttr: 2m}
load: {users: 100, think_time: 10s}
traffic: [{name: all, share: 100%, path: [web, cache, db.read]}]
components:
  web: {type: ec2, count: 4, azs: [a, b], cpu: 10ms}
  cache: {type: elasticache, hit_ratio: 80%}
  db: {type: rds, read_replicas: 2}
)");
  using Kind = FaultSpec::Kind;
  REQUIRE(s.faults.size() == 7);
  const FaultSpec& kill = s.faults[0];
  CHECK(kill.kind == Kind::Kill);
  CHECK(kill.target == "web");
  CHECK(kill.role == "");
  CHECK(kill.at == 10 * kMinute);
  CHECK(kill.count == 2);
  CHECK(kill.repair == 5 * kMinute);
  CHECK(kill.loc.line == 3);
  CHECK(kill.loc_of("count").col == 33);
  CHECK(s.faults[1].target == "db");
  CHECK(s.faults[1].role == "primary");
  CHECK(s.faults[1].count == 1);
  CHECK(s.faults[1].repair == 0);
  CHECK(s.faults[2].role == "replica");
  CHECK(s.faults[2].count == 2);
  CHECK(s.faults[3].target == "cache");
  CHECK(s.faults[3].role == "");
  const FaultSpec& outage = s.faults[4];
  CHECK(outage.kind == Kind::AzOutage);
  CHECK(outage.target == "b");
  CHECK(outage.at == 40 * kMinute);
  CHECK(outage.repair == 15 * kMinute);
  const FaultSpec& random = s.faults[5];
  CHECK(random.kind == Kind::Random);
  CHECK(random.target == "web");
  CHECK(random.mtbf == 720 * kHour);
  CHECK(random.mttr == 10 * kMinute);
  CHECK(random.at == 0);
  CHECK(s.faults[6].role == "primary");
  CHECK(s.faults[6].mtbf == 30 * kDay);
}

TEST_CASE("loader: a scenario without faults has none") {
  CHECK(load(kMinimal).faults.empty());
  CHECK(load(std::string(kMinimal) + "faults: []\n").faults.empty());
}

TEST_CASE("loader: client retries and their backoff read, with defaults where unset") {
  const ScenarioSpec d = load(kMinimal);
  CHECK(d.client.retries == 0);
  CHECK(d.client.backoff == 100 * kMillisecond);
  CHECK(d.client.backoff_max == 20 * kSecond);
  LoadOptions o;
  o.overrides = {{"client", "{retries: 3, backoff: 50ms, backoff_max: 2s}"}};
  const ScenarioSpec s = load(kMinimal, o);
  CHECK(s.client.retries == 3);
  CHECK(s.client.backoff == 50 * kMillisecond);
  CHECK(s.client.backoff_max == 2 * kSecond);
  o.overrides = {{"client.backoff", "30s"}};
  CHECK(errors(kMinimal, o) ==
        "--set: error: client.backoff: backoff_max (20s) must be at least backoff (30s)");
}

TEST_CASE("loader: an az_outage may strike any AZ a component uses, a Multi-AZ standby's too") {
  const std::string scenario = R"(load: {users: 100, think_time: 10s}
traffic: [{name: all, share: 100%, path: [lb, web, db.read]}]
components:
  lb: {type: elb, targets: web}
  web: {type: ec2, cpu: 10ms}
  db: {type: rds, multi_az: true}
faults:
)";
  CHECK(load(scenario + "  - {at: 1m, az_outage: b, for: 5m}\n").faults[0].target == "b");
  CHECK(errors(scenario + "  - {at: 1m, az_outage: c, for: 5m}\n", {}) ==
        "scenario.yaml:8:25: error: faults[0].az_outage: no component is in AZ 'c' (AZs in use: "
        "a, b)");
}
