#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "headroom/measure/figures.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "support/cli.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

std::string fleet(const std::string& web_extra, const std::string& db_extra) {
  return R"(name: pools
duration: 10m
load: {users: 100, think_time: 10s}
traffic:
  - {name: browse, share: 100%, path: [lb, web, db.read]}
components:
  lb: {type: elb, targets: web}
  web:
    type: ec2
    cpu: 5ms
)" + web_extra + R"(
  db:
    type: rds
    instance: db.t3.micro
)" + db_extra + "\n";
}

std::vector<Diagnostic> warnings_of(const std::string& text) {
  std::vector<Diagnostic> w;
  LoadOptions lo;
  lo.warnings = &w;
  (void)load_scenario_text(text, "pools.yaml", lo);
  return w;
}

ScenarioSpec pooled_demo() {
  ScenarioSpec s = load_scenario(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/web-and-db.yaml");
  s.duration = 15 * kMinute;
  return s;
}

}  // namespace

TEST_CASE("pool: a fleet whose pools exceed the database's max_connections is a warning with the numbers") {
  // db.t3.micro: 1 GiB / 12,582,880 bytes = 85 connections (MySQL's default formula).
  const auto w = warnings_of(fleet("    count: 10\n    pool: 20", ""));
  REQUIRE(w.size() == 1);
  CHECK(w[0].str() ==
        "pools.yaml:12:11: warning: components.web.pool: web: 10 instances x pool 20 = 200 connections > db "
        "max_connections 85 (db.t3.micro, from its memory): the pools cannot all open; give a smaller pool, a "
        "larger database, or a proxy in front (RDS Proxy)");
}

TEST_CASE("pool: Auto Scaling's max counts, and a max_connections the scenario sets is named as set") {
  const auto w = warnings_of(fleet("    scaling: {min: 2, max: 8, target_cpu: 50%}\n    pool: 20", "    max_connections: 100"));
  REQUIRE(w.size() == 1);
  CHECK(w[0].message.find("8 instances (Auto Scaling's max) x pool 20 = 160 connections > db max_connections 100 "
                          "(db.t3.micro, as set)") != std::string::npos);
}

TEST_CASE("pool: pools that fit in max_connections raise no warning") {
  CHECK(warnings_of(fleet("    count: 4\n    pool: 20", "")).empty());
  CHECK(warnings_of(fleet("    count: 40", "")).empty());
}

TEST_CASE("pool: a pool no request ever waits for changes no figure but its own") {
  const Report before = simulate(pooled_demo());
  ScenarioSpec s = pooled_demo();
  for (auto& c : s.components)
    if (auto* e = std::get_if<Ec2Spec>(&c.kind)) e->pool = 1'000'000;
  const Report after = simulate(s);
  auto a = report_figures(before), b = report_figures(after);
  for (auto it = b.begin(); it != b.end();)
    it = it->first.find("pool_") != std::string::npos || it->first.find("db_max_connections") != std::string::npos
             ? b.erase(it)
             : std::next(it);
  for (auto it = a.begin(); it != a.end();) it = it->first.rfind("sim.", 0) == 0 ? a.erase(it) : std::next(it);
  for (auto it = b.begin(); it != b.end();) it = it->first.rfind("sim.", 0) == 0 ? b.erase(it) : std::next(it);
  CHECK(a == b);
  CHECK(after.components[1].second.stat(ComponentStat::PoolWaitedShare) == 0);
}

TEST_CASE("pool: a pooled run is byte-identical for the same seed") {
  ScenarioSpec s = pooled_demo();
  for (auto& c : s.components)
    if (auto* e = std::get_if<Ec2Spec>(&c.kind)) e->pool = 4;
  const std::string a = without_sim(to_json(simulate(s)));
  CHECK(a == without_sim(to_json(simulate(s))));
  CHECK(a.find("\"pool_wait_p99_ms\"") != std::string::npos);
}
