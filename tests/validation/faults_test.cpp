#include <doctest/doctest.h>

#include <cmath>

#include "support/specs.hpp"
#include "support/theory.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

FaultSpec kill(const std::string& target, Duration at, int count = 1, Duration repair = 0,
               const std::string& role = "") {
  FaultSpec f;
  f.kind = FaultSpec::Kind::Kill;
  f.target = target;
  f.role = role;
  f.at = at;
  f.count = count;
  f.repair = repair;
  return f;
}

FaultSpec az_outage(const std::string& az, Duration at, Duration lasting) {
  FaultSpec f;
  f.kind = FaultSpec::Kind::AzOutage;
  f.target = az;
  f.at = at;
  f.repair = lasting;
  return f;
}

ScenarioSpec web_behind_lb(double rate, int instances, std::vector<std::string> azs) {
  auto web = ec2("web", "m5.large", instances, exp_ms(5), 50, 1000);
  std::get<Ec2Spec>(web.kind).azs = azs;
  auto s = open_scenario(rate, 30 * kMinute, kMinute, {elb("lb", "web", "round_robin"), web},
                         {hop("lb"), hop("web")});
  s.network = NetworkSpec{};
  return s;
}

DistSpec fixed(Duration d) {
  DistSpec s;
  s.kind = DistSpec::Kind::Deterministic;
  s.mean = d;
  s.cv = 0;
  return s;
}

}  // namespace

TEST_CASE("elb: a dead target is detected within interval x unhealthy threshold + timeout") {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    auto s = web_behind_lb(400, 4, {"a", "b"});
    s.seed = seed;
    s.faults = {kill("web", 10 * kMinute)};
    const Report r = simulate(s);
    REQUIRE(r.faults.size() == 1);
    const auto& f = r.faults[0];
    const double delay = f.detected_s - f.at_s;
    INFO("seed ", seed, " detection after ", delay, " s");
    CHECK(delay >= 1 * 30 + 5 - 1e-6);
    CHECK(delay <= 2 * 30 + 5 + 1e-6);
    CHECK(f.recovered_s == f.detected_s);
    CHECK(std::isnan(f.restored_s));
    const double expected = 400.0 / 4 * delay;
    CHECK(static_cast<double>(f.failed_requests) == doctest::Approx(expected).epsilon(0.2));
    CHECK(r.errors.unavailable + r.errors.failed == f.failed_requests);
  }
}

TEST_CASE("elb: a repaired target serves again only after passing its healthy checks") {
  auto s = web_behind_lb(400, 4, {"a", "b"});
  s.faults = {kill("web", 10 * kMinute, 1, 5 * kMinute)};
  const Report r = simulate(s);
  const auto& f = r.faults[0];
  const double back = 15 * 60;
  CHECK(f.restored_s >= back + 4 * 30);
  CHECK(f.restored_s <= back + 5 * 30);
  CHECK(r.components[1].second.instances_min == 3);
  CHECK(r.components[1].second.instances_max == 4);
}

TEST_CASE("rds: a single-AZ primary loss loses rate x outage requests") {
  auto s = open_scenario(200, 30 * kMinute, kMinute,
                         {ec2("web", "m5.large", 1, exp_ms(2), 100, 1000),
                          rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 500)},
                         {hop("web"), hop("db", "read")});
  std::get<RdsSpec>(s.components[1].kind).recovery_time = fixed(2 * kMinute);
  s.faults = {kill("db", 10 * kMinute, 1, 0, "primary")};
  const Report r = simulate(s);
  const auto& f = r.faults[0];
  CHECK(f.detected_s == doctest::Approx(600));
  CHECK(f.recovered_s == doctest::Approx(720));
  CHECK(static_cast<double>(f.failed_requests) == doctest::Approx(200.0 * 120).epsilon(0.03));
}

TEST_CASE("rds: a Multi-AZ failover loses rate x failover time, within AWS's 60-120 s") {
  for (std::uint64_t seed = 1; seed <= 4; ++seed) {
    auto s = open_scenario(200, 30 * kMinute, kMinute,
                           {ec2("web", "m5.large", 1, exp_ms(2), 100, 1000),
                            rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 500)},
                           {hop("web"), hop("db", "write")});
    s.seed = seed;
    auto& db = std::get<RdsSpec>(s.components[1].kind);
    db.multi_az = true;
    db.azs = {"a", "b"};
    s.faults = {kill("db", 10 * kMinute, 1, 0, "primary")};
    const Report r = simulate(s);
    const auto& f = r.faults[0];
    const double outage = f.recovered_s - f.at_s;
    CHECK(outage >= 60);
    CHECK(outage <= 120);
    CHECK(static_cast<double>(f.failed_requests) == doctest::Approx(200.0 * outage).epsilon(0.04));
  }
}

TEST_CASE("multi-az: an AZ outage in a two-AZ stage keeps serving on half the capacity") {
  auto s = web_behind_lb(400, 4, {"a", "b"});
  s.faults = {az_outage("b", 10 * kMinute, 10 * kMinute)};
  const Report r = simulate(s);
  const auto& web = r.components[1].second;
  CHECK(web.instances_min == 2);
  CHECK(web.instances_max == 4);
  const auto& f = r.faults[0];
  CHECK(f.recovered_s - f.at_s <= 65.0 + 1e-6);
  CHECK(f.restored_s >= 20 * 60 + 4 * 30);
  CHECK(static_cast<double>(f.failed_requests) <= 400.0 / 2 * 66);
  CHECK(r.availability > 1 - 400.0 / 2 * 66 / (400.0 * 29 * 60));
  CHECK(r.errors.rejected == 0);
}

TEST_CASE("rds: read replicas take the reads, spread evenly (reads_from all = three M/M/2 stations)") {
  const double lambda = 3000;
  auto s = open_scenario(lambda, 5 * kMinute, 20 * kSecond, {rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 10'000)},
                         {hop("db", "read")});
  auto& db = std::get<RdsSpec>(s.components[0].kind);
  db.read_replicas = 2;
  db.reads_from = "all";
  const Estimate e = replicate(s, 6, [](const Report& r) { return r.latency_ms.mean / 1000; });
  CHECK(std::fabs(e.mean - theory::mmc_mean_sojourn(2, lambda / 3, 1000)) <= theory::t999(6) * e.se + 1e-9);
  db.reads_from = "replicas";
  s.faults = {kill("db", 30 * kSecond, 1, 0, "primary")};
  std::get<RdsSpec>(s.components[0].kind).recovery_time = fixed(10 * kMinute);
  s.load.curve.value = 1500;
  const Report r = simulate(s);
  CHECK(r.errors.total() == 0);
  CHECK(r.faults[0].failed_requests == 0);
}

TEST_CASE("elasticache: losing one of four nodes sends its keys to the database") {
  const double lambda = 1000, hit = 0.9;
  auto base = open_scenario(lambda, 10 * kMinute, 20 * kSecond,
                            {cache("cache", hit, exp_ms(0.1), 4), rds("db", "db.m5.xlarge", exp_ms(1), exp_ms(4), 5000)},
                            {hop("cache"), hop("db", "read")});
  auto broken = base;
  broken.faults = {kill("cache", kSecond)};
  const double before = replicate(base, 4, [](const Report& r) { return r.components[1].second.throughput_rps; }).mean;
  const double after = replicate(broken, 4, [](const Report& r) { return r.components[1].second.throughput_rps; }).mean;
  CHECK(before == doctest::Approx(lambda * (1 - hit)).epsilon(0.03));
  CHECK(after == doctest::Approx(lambda * (0.25 + 0.75 * (1 - hit))).epsilon(0.03));
}

TEST_CASE("clients: retries multiply the offered load by (1 - p^(r+1)) / (1 - p)") {
  for (int retries : {1, 3}) {
    const double p = 0.3;
    auto s = open_scenario(500, 10 * kMinute, 10 * kSecond, {ec2("web", "m5.xlarge", 1, exp_ms(1), 100, 1000)},
                           {hop("web")});
    std::get<Ec2Spec>(s.components[0].kind).error_ratio = p;
    s.client.retries = retries;
    s.client.backoff = 10 * kMillisecond;
    const Report r = simulate(s);
    const double multiplier = static_cast<double>(r.attempts) / static_cast<double>(r.offered);
    CHECK(multiplier == doctest::Approx((1 - std::pow(p, retries + 1)) / (1 - p)).epsilon(0.01));
    CHECK(r.error_rate == doctest::Approx(std::pow(p, retries + 1)).epsilon(0.1));
  }
}

TEST_CASE("clients: a client that times out and retries leaves its abandoned work running") {
  auto s = open_scenario(150, 10 * kMinute, 10 * kSecond, {ec2("web", "c7g.medium", 1, exp_ms(6), 1, 100'000)},
                         {hop("web")});
  s.client.timeout = 100 * kMillisecond;
  s.client.retries = 2;
  const Report r = simulate(s);
  CHECK(r.attempts > r.offered);
  CHECK(r.components[0].second.throughput_rps * 590 > static_cast<double>(r.ok) * 1.05);
  CHECK(r.components[0].second.utilization > 0.9);
}
