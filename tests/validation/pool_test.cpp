#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "headroom/analysis/analytic.hpp"
#include "headroom/study/capacity.hpp"
#include "support/specs.hpp"
#include "support/theory.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

constexpr int kPoolReps = 8;


/// One web instance with negligible CPU and `workers` threads whose pool of `size` connections
/// calls a database with more vCPUs than connections: each connection is held for exactly the
/// query's exponential time, so the pool is an M/M/c station (c = size).
ScenarioSpec pooled(double lambda, int size, double query_ms, Duration timeout, Duration length) {
  ComponentSpec web = ec2("web", "m5.large", 1, dist_ms(DistSpec::Kind::Deterministic, 0.001, 0), 100'000,
                          1'000'000'000);
  auto& e = std::get<Ec2Spec>(web.kind);
  e.pool = size;
  e.pool_timeout = timeout;
  // No answer bytes: the database's NIC would add its transmission to the holding time.
  ComponentSpec db = rds("db", "db.m5.xlarge", exp_ms(query_ms), exp_ms(query_ms), 100'000);
  std::get<RdsSpec>(db.kind).result_size = 0;
  return open_scenario(lambda, length + 10 * kSecond, 10 * kSecond, {web, db}, {hop("web"), hop("db", "read")});
}

const ComponentReport& front_of(const Report& r) { return r.components.front().second; }

double stat(const Report& r, ComponentStat s) { return front_of(r).stat(s); }

/// Mean and standard error of `f` over independent runs.
Estimate estimate(const std::vector<Report>& runs, double (*f)(const Report&)) {
  Estimate e;
  e.n = static_cast<int>(runs.size());
  for (const Report& r : runs) e.mean += f(r);
  e.mean /= e.n;
  double ss = 0;
  for (const Report& r : runs) ss += (f(r) - e.mean) * (f(r) - e.mean);
  e.se = std::sqrt(ss / (e.n - 1) / e.n);
  return e;
}

void check_pool_against(const Estimate& e, double theory) {
  const double tolerance = theory::t999(e.n) * e.se;
  INFO("simulated ", e.mean, " ± ", e.se, " (SE over ", e.n, " replications), theory ", theory,
       ", tolerance ", tolerance);
  CHECK(std::fabs(e.mean - theory) <= tolerance);
  CHECK(e.se <= 0.03 * std::fabs(theory) / std::sqrt(validation_scale()));
}

}  // namespace

TEST_CASE("validation: a connection pool of c held for exponential queries is M/M/c: its mean wait matches Erlang C") {
  const double lambda = 3000, mu = 1000;  // a = 3 erlangs on 4 connections
  const int c = 4;
  const double a = lambda / mu;
  const auto spec = pooled(lambda, c, 1, 30 * kSecond, run_length(150));
  // Wq = C(c, a) / (cμ − λ); the share of calls that wait is C(c, a) itself; the connections are
  // busy a / c of the time.
  std::vector<Report> runs;
  ScenarioSpec s = spec;
  for (int i = 1; i <= kPoolReps; ++i) {
    s.seed = static_cast<std::uint64_t>(i);
    runs.push_back(simulate(s));
  }
  check_pool_against(estimate(runs, [](const Report& r) { return stat(r, ComponentStat::PoolWaitMeanMs) / 1000; }),
                theory::erlang_c(c, a) / (c * mu - lambda));
  check_pool_against(estimate(runs, [](const Report& r) { return stat(r, ComponentStat::PoolWaitedShare); }),
                theory::erlang_c(c, a));
  check_pool_against(estimate(runs, [](const Report& r) { return stat(r, ComponentStat::PoolUtilization); }), a / c);
  for (const Report& r : runs) {
    CHECK(stat(r, ComponentStat::PoolTimeouts) == 0);
    CHECK(r.errors.total() == 0);
    CHECK(stat(r, ComponentStat::PoolSize) == c);
  }
}

TEST_CASE("validation: a saturated pool serves c/T calls a second and times out the rest at its timeout") {
  // λ = 3000/s against 2 connections of 1 ms: 2000/s get through, 1000/s give up after 50 ms.
  const double lambda = 3000, capacity = 2000;
  const Duration length = run_length(20);
  const Report r = simulate(pooled(lambda, 2, 1, 50 * kMillisecond, length));
  const double window_s = to_seconds(length);
  const double timeouts = stat(r, ComponentStat::PoolTimeouts);
  INFO("ok ", r.ok, ", pool timeouts ", timeouts, ", rejected ", r.errors.rejected, " over ", window_s, " s");
  CHECK(static_cast<double>(r.ok) / window_s == doctest::Approx(capacity).epsilon(0.03));
  CHECK(timeouts / window_s == doctest::Approx(lambda - capacity).epsilon(0.05));
  CHECK(r.errors.rejected == static_cast<std::uint64_t>(timeouts));
  CHECK(stat(r, ComponentStat::PoolWaitP99Ms) == doctest::Approx(50).epsilon(0.01));
  CHECK(stat(r, ComponentStat::PoolUtilization) > 0.99);
}

TEST_CASE("validation: a pool as large as the workers never makes a request wait") {
  const Report r = simulate(pooled(3000, 100'000, 1, 30 * kSecond, run_length(5)));
  CHECK(stat(r, ComponentStat::PoolWaitedShare) == 0);
  CHECK(stat(r, ComponentStat::PoolWaitMeanMs) == 0);
  CHECK(r.errors.total() == 0);
}

TEST_CASE("validation: the hybrid engine's pool is the same M/M/c: Erlang C's wait, and c/T served when saturated") {
  RunOptions hybrid;
  hybrid.fidelity = Fidelity::Hybrid;
  const double lambda = 3000, mu = 1000;
  const int c = 4;
  const Report r = simulate(pooled(lambda, c, 1, 30 * kSecond, 10 * kMinute), hybrid);
  CHECK(r.sim.fidelity == "hybrid");
  CHECK(stat(r, ComponentStat::PoolWaitMeanMs) / 1000 ==
        doctest::Approx(theory::erlang_c(c, lambda / mu) / (c * mu - lambda)).epsilon(0.05));
  CHECK(stat(r, ComponentStat::PoolWaitedShare) == doctest::Approx(theory::erlang_c(c, lambda / mu)).epsilon(0.05));
  CHECK(stat(r, ComponentStat::PoolUtilization) == doctest::Approx(0.75).epsilon(0.02));
  CHECK(stat(r, ComponentStat::PoolTimeouts) == 0);

  const Report saturated = simulate(pooled(lambda, 2, 1, 50 * kMillisecond, 10 * kMinute), hybrid);
  const double window_s = 600;
  CHECK(static_cast<double>(saturated.ok) / window_s == doctest::Approx(2000).epsilon(0.03));
  CHECK(stat(saturated, ComponentStat::PoolTimeouts) / window_s == doctest::Approx(1000).epsilon(0.05));
  CHECK(stat(saturated, ComponentStat::PoolUtilization) == doctest::Approx(1).epsilon(0.01));
}

TEST_CASE("validation: a database saturated behind pools that fit its max_connections refuses nothing, in both engines") {
  // Pools of 8 on one instance into a 2-vCPU database of 1 ms queries that allows 20
  // connections: it serves 2,000 queries a second and never holds more than 8, so the 400/s
  // beyond its capacity wait in the pool and time out there (1 s), never at the database. (The
  // hybrid engine once let the database's own backlog grow to its 20 connections and refused
  // the rest: 12% errors at the database where per request there were none.)
  const double lambda = 2400, capacity = 2000;
  ComponentSpec web = ec2("web", "m5.large", 1, dist_ms(DistSpec::Kind::Deterministic, 0.001, 0), 100'000,
                          1'000'000'000);
  std::get<Ec2Spec>(web.kind).pool = 8;
  std::get<Ec2Spec>(web.kind).pool_timeout = kSecond;
  // Not scaled down under sanitizers: the pool's 1 s timeout makes the first seconds a transient.
  const Duration length = 60 * kSecond;
  const ScenarioSpec spec = open_scenario(lambda, length + 10 * kSecond, 10 * kSecond,
                                          {web, rds("db", "db.m5.large", exp_ms(1), exp_ms(1), 20)},
                                          {hop("web"), hop("db", "read")});
  RunOptions hybrid;
  hybrid.fidelity = Fidelity::Hybrid;
  const double window_s = to_seconds(length);
  for (const Report& r : {simulate(spec), simulate(spec, hybrid)}) {
    const std::string fidelity = r.sim.fidelity;
    const double db_errors = r.components.back().second.errors;
    const double timeouts = stat(r, ComponentStat::PoolTimeouts);
    INFO(fidelity, ": ok ", r.ok, ", pool timeouts ", timeouts, ", errors at the database ", db_errors);
    CHECK(db_errors == 0);
    CHECK(static_cast<double>(r.ok) / window_s == doctest::Approx(capacity).epsilon(0.03));
    CHECK(timeouts / window_s == doctest::Approx(lambda - capacity).epsilon(0.1));
    CHECK(stat(r, ComponentStat::PoolWaitP99Ms) == doctest::Approx(1000).epsilon(0.02));
  }
}

TEST_CASE("validation: analyze names a pool that fills before the CPUs as the bottleneck, where it is full") {
  // 2 connections held 10 ms each serve 200 calls a second; the web CPUs 4,000, the database 400.
  ComponentSpec web = ec2("web", "m5.xlarge", 1, exp_ms(1), 100, 1024);
  std::get<Ec2Spec>(web.kind).pool = 2;
  const ScenarioSpec spec = open_scenario(100, 10 * kMinute, kMinute,
                                          {web, rds("db", "db.m5.xlarge", exp_ms(10), exp_ms(10), 1000)},
                                          {hop("web"), hop("db", "read")});
  const AnalyticReport a = analyze(spec);
  CHECK(a.bottleneck == "web");
  CHECK(a.bottleneck_reason == "connection pool");
  CHECK(a.saturation_users == doctest::Approx(200).epsilon(0.01));
  CHECK(a.saturation_users < 200);
  ComponentSpec big = web;
  std::get<Ec2Spec>(big.kind).pool = 50;
  const AnalyticReport b = analyze(open_scenario(100, 10 * kMinute, kMinute,
                                                 {big, rds("db", "db.m5.xlarge", exp_ms(10), exp_ms(10), 1000)},
                                                 {hop("web"), hop("db", "read")}));
  CHECK(b.bottleneck == "db");
}

TEST_CASE("validation: a web instance that dies fails the requests waiting for its pool, and serves again with its pool whole") {
  ScenarioSpec spec = pooled(3000, 4, 1, 30 * kSecond, 20 * kSecond);
  FaultSpec f;
  f.kind = FaultSpec::Kind::Kill;
  f.target = "web";
  f.at = 20 * kSecond;
  f.repair = 2 * kSecond;
  spec.faults.push_back(f);
  const Report r = simulate(spec);
  REQUIRE(r.faults.size() == 1);
  CHECK(r.errors.failed > 0);
  CHECK(r.errors.unavailable > 0);
  CHECK(std::isfinite(r.faults[0].recovered_s));
  CHECK(static_cast<double>(r.ok) == doctest::Approx(3000 * 18).epsilon(0.03));
  CHECK(stat(r, ComponentStat::PoolWaitedShare) == doctest::Approx(theory::erlang_c(4, 3)).epsilon(0.1));
  CHECK(r.little.relative_error < 0.01);
}

TEST_CASE("validation: a run whose requests time out waiting for connections names the pool as its bottleneck") {
  const ScenarioSpec spec = pooled(3000, 2, 1, 50 * kMillisecond, run_length(10));
  const Bottleneck b = find_bottleneck(spec, simulate(spec));
  CHECK(b.component == "web");
  CHECK(b.reason == "connection pool");
}
