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

namespace {

ScenarioSpec checked_pool(double rate, int instances, Duration duration) {
  auto web = ec2("web", "m5.large", instances, fixed(10 * kMillisecond), 2, 1'000'000);
  std::get<Ec2Spec>(web.kind).azs = {"a"};
  auto lb = elb("lb", "web", "round_robin");
  std::get<ElbSpec>(lb.kind).health_check = {.interval = 10 * kSecond, .timeout = 5 * kSecond, .healthy = 3, .unhealthy = 2};
  auto s = open_scenario(rate, duration, kSecond, {lb, web}, {hop("lb"), hop("web")});
  s.network = NetworkSpec{};
  return s;
}

}  // namespace

TEST_CASE("elb: a health check behind a queue longer than its timeout fails and marks a live target unhealthy") {
  // 300/s on 200/s of capacity: the queue grows by 100 requests (0.5 s of work) a second, so a
  // check waits more than its 5 s timeout from t = 10 s. Two checks 10 s apart must fail, each
  // at its timeout: the target is marked unhealthy between 25 s and 35 s, and routed to from
  // then on only because it is the only one (fail open).
  const Duration duration = 2 * kMinute;
  const Report r = simulate(checked_pool(300, 1, duration));
  const auto& lb = r.components[0].second;
  CHECK(lb.stat(ComponentStat::MarkedUnhealthy) == 1);
  const double open = lb.stat(ComponentStat::FailOpenSeconds);
  CHECK(open >= to_seconds(duration) - 35 - 1);
  CHECK(open <= to_seconds(duration) - 25 + 1);
  const Report idle = simulate(checked_pool(150, 1, duration));
  CHECK(idle.components[0].second.stat(ComponentStat::MarkedUnhealthy) == 0);
}

TEST_CASE("elb: with every target unhealthy the balancer fails open and routes to all of them") {
  const Report r = simulate(checked_pool(500, 2, 3 * kMinute));
  const auto& lb = r.components[0].second;
  CHECK(lb.stat(ComponentStat::MarkedUnhealthy) >= 2);
  CHECK(lb.stat(ComponentStat::FailOpenSeconds) > 30);
  CHECK(r.errors.unavailable == 0);
  CHECK(r.components[1].second.throughput_rps > 0.9 * 2 * 200);
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

namespace {

/// `writes`/s to a primary whose one replica replays each in 5 ms (200/s), and `reads`/s from it.
ScenarioSpec replicated(double writes, double reads) {
  auto db = rds("db", "db.m5.large", exp_ms(1), exp_ms(1), 5000);
  auto& spec = std::get<RdsSpec>(db.kind);
  spec.read_replicas = 1;
  spec.reads_from = "replicas";
  spec.apply = fixed(5 * kMillisecond);
  spec.stale_after = kSecond;
  auto s = open_scenario(writes + reads, 2 * kMinute, kSecond, {db}, {hop("db", "write")});
  s.traffic[0].share = writes / (writes + reads);
  s.traffic.push_back(ClassSpec{"reads", reads / (writes + reads), {hop("db", "read")}, 0, 1000, {}});
  return s;
}

}  // namespace

TEST_CASE("rds: replica lag grows at (write rate - apply rate) when writes outrun the replica") {
  // 300 writes/s against 200 applied/s: the backlog grows by 100 writes a second, and the
  // oldest unapplied write's age by (1 - 200/300) s a second: 40 s after two minutes.
  const Report r = simulate(replicated(300, 50));
  const auto& db = r.components[0].second;
  CHECK(db.stat(ComponentStat::ReplicaLagMaxMs) == doctest::Approx(120e3 / 3).epsilon(0.03));
  REQUIRE(db.series.size() == 2);
  CHECK(db.series[1] - db.series[0] == doctest::Approx(60e3 / 3).epsilon(0.05));
  // Reads are stale once the lag passes 1 s, 3 s in: nearly every read of the window.
  CHECK(db.stat(ComponentStat::StaleReads) == doctest::Approx(50 * (120 - 3)).epsilon(0.05));
}

TEST_CASE("hybrid: replica lag grows at (write rate - apply rate) at rate level too") {
  RunOptions o;
  o.fidelity = Fidelity::Hybrid;
  const Report r = simulate(replicated(300, 50), o);
  const auto& db = r.components[0].second;
  CHECK(db.stat(ComponentStat::ReplicaLagMaxMs) == doctest::Approx(120e3 / 3).epsilon(0.05));
  CHECK(db.stat(ComponentStat::StaleReads) == doctest::Approx(50 * (120 - 3)).epsilon(0.05));
  const Report calm = simulate(replicated(100, 50), o);
  CHECK(calm.components[0].second.stat(ComponentStat::StaleReads) == 0);
}

TEST_CASE("rds: replica lag stays near zero while the replica keeps up") {
  const Report r = simulate(replicated(100, 50));
  const auto& db = r.components[0].second;
  CHECK(db.stat(ComponentStat::ReplicaLagMaxMs) < 200);
  CHECK(db.stat(ComponentStat::StaleReads) == 0);
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

namespace {

// A cache of one shard in front of a database, at λ lookups/s: keys and capacity give the hit
// ratio (Che) and make a node that comes back empty refill, so warm and cold returns differ.
ScenarioSpec cache_shard(double lambda, int replicas, bool multi_az, int shards = 1) {
  auto c = cache("cache", -1, exp_ms(0.05), shards);
  auto& e = std::get<CacheSpec>(c.kind);
  e.sharded = true;
  e.keys = 100'000;
  e.zipf = 0.99;
  e.capacity = 20'000.0 * shards;
  e.replicas = replicas;
  e.multi_az = multi_az;
  e.azs = {"a", "b"};
  auto s = open_scenario(lambda, 10 * kMinute, 20 * kSecond, {c, rds("db", "db.m5.xlarge", exp_ms(0.5), exp_ms(4), 5000)},
                         {hop("cache"), hop("db", "read")});
  return s;
}

// The database's reads in the measured window beyond those of the same run without the fault,
// and the cache's hit ratio in that calm run.
struct Extra {
  double reads = 0, hit = 0;
};
Extra extra_db_reads(const ScenarioSpec& broken, double lambda, const RunOptions& o = {}) {
  ScenarioSpec calm = broken;
  calm.faults.clear();
  const double window = to_seconds(broken.duration - broken.warmup);
  const double before = simulate(calm, o).components[1].second.throughput_rps;
  return {(simulate(broken, o).components[1].second.throughput_rps - before) * window, 1 - before / lambda};
}

}  // namespace

TEST_CASE("elasticache: a Multi-AZ shard's replica is promoted within AWS's ~30 s and serves warm") {
  const double lambda = 1000;
  for (std::uint64_t seed = 1; seed <= 3; ++seed) {
    auto s = cache_shard(lambda, 1, true);
    s.seed = seed;
    s.faults = {kill("cache", 2 * kMinute, 1, 10 * kMinute)};
    const Report r = simulate(s);
    const auto& f = r.faults[0];
    REQUIRE(f.promotions.size() == 1);
    const double failover = f.promotions[0].at_s - f.at_s;
    // "should usually take about 30 seconds" (docs/sources.md §11a): the default uniform 20-40 s.
    CHECK(failover >= 20);
    CHECK(failover <= 40);
    CHECK(f.promotions[0].az == "b");
    CHECK(f.restored_s == doctest::Approx(f.promotions[0].at_s));
    CHECK(f.failed_requests < 10);  // only the commands in service on it: its lookups miss instead
    // Its hits went to the database only while it failed over: λ h × failover, no refill after.
    const Extra e = extra_db_reads(s, lambda);
    INFO("seed ", seed, " failover ", failover, " s, hit ratio ", e.hit);
    CHECK(e.reads == doctest::Approx(lambda * e.hit * failover).epsilon(0.06));
  }
}

TEST_CASE("elasticache: without replicas a lost node returns empty after its repair and refills") {
  const double lambda = 1000, repair = 60;
  auto s = cache_shard(lambda, 0, false);
  s.faults = {kill("cache", 2 * kMinute, 1, from_seconds(repair))};
  const Report r = simulate(s);
  CHECK(r.faults[0].promotions.empty());
  CHECK(r.faults[0].restored_s - r.faults[0].at_s == doctest::Approx(repair));
  // Down: every lookup misses (λ h × repair extra); back empty, its n-th lookup misses extra with
  // probability h e^(-n/w), w = the capacity it refills: h w more in all.
  const Extra cold = extra_db_reads(s, lambda);
  CHECK(cold.reads == doctest::Approx(lambda * cold.hit * repair + cold.hit * 20'000).epsilon(0.06));
  // With a replica but no automatic failover ElastiCache replaces the primary and syncs it from
  // the replica: down as long, but back warm.
  auto synced = cache_shard(lambda, 1, false);
  synced.faults = s.faults;
  const Extra warm = extra_db_reads(synced, lambda);
  CHECK(warm.reads == doctest::Approx(lambda * warm.hit * repair).epsilon(0.06));
}

TEST_CASE("elasticache: an AZ outage promotes the lost primaries' replicas in the other AZ") {
  const double lambda = 1000;
  for (const Fidelity fidelity : {Fidelity::Request, Fidelity::Hybrid}) {
    auto s = cache_shard(lambda, 1, true, 2);  // shard 0: primary in a, replica in b; shard 1: b, a
    std::get<RdsSpec>(s.components[1].kind).azs = {"b"};  // the database outlives the outage
    s.faults = {az_outage("a", 2 * kMinute, 5 * kMinute)};
    RunOptions o;
    o.fidelity = fidelity;
    o.zoom = {{0, kSecond}};  // hybrid: the outage at rate level
    const Report r = simulate(s, o);
    const auto& f = r.faults[0];
    REQUIRE(f.promotions.size() == 1);
    CHECK(f.promotions[0].shard == 0);
    CHECK(f.promotions[0].az == "b");
    const double failover = f.promotions[0].at_s - f.at_s;
    CHECK(failover >= 20);
    CHECK(failover <= 40);
    INFO(r.sim.fidelity, ": failover ", failover, " s");
    // Half the keys missed for the failover time, not for the outage's 5 minutes.
    const Extra e = extra_db_reads(s, lambda, o);
    CHECK(e.reads == doctest::Approx(lambda / 2 * e.hit * failover).epsilon(0.1));
  }
}

namespace {

/// 200 requests/s into `web` bare web servers (no balancer) that answer 20% of them with a 500,
/// calling a single-AZ database that takes 2 minutes to recover.
ScenarioSpec erring_web_and_db(int web) {
  auto s = open_scenario(200, 30 * kMinute, kMinute,
                         {ec2("web", "m5.large", web, exp_ms(2), 100, 1000),
                          rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 500)},
                         {hop("web"), hop("db", "read")});
  std::get<Ec2Spec>(s.components[0].kind).error_ratio = 0.2;
  std::get<RdsSpec>(s.components[1].kind).recovery_time = fixed(2 * kMinute);
  return s;
}

}  // namespace

TEST_CASE("fault rows: the cost estimate subtracts the failure rate before the fault over its window") {
  // The web tier fails 20% of its requests itself (HTTP 500), fault or not: 40 failures a second
  // before the database dies. For its 120 s outage every request fails, at the database or at
  // the application; the estimate charges the fault with the window's failures above the 40/s
  // the run had anyway (model.md, "fault rows").
  auto s = erring_web_and_db(1);
  s.faults = {kill("db", 10 * kMinute, 1, 0, "primary")};
  const Report r = simulate(s);
  const auto& f = r.faults[0];
  INFO("failed at the fault ", f.failed_requests, ", estimate ", f.excess_failed, ", baseline ", f.baseline_per_s,
       "/s, window to ", f.window_end_s, " s");
  CHECK(f.baseline_per_s == doctest::Approx(200 * 0.2).epsilon(0.05));
  CHECK(f.window_end_s == doctest::Approx(720));
  CHECK(f.excess_failed >= static_cast<double>(f.failed_requests));
  // 200 x 120 failed in the window, 40 x 120 of them would have anyway; without the subtraction
  // the estimate would be all 24,000 (3%: the requests' Poisson count over 120 s, ±1.4% at 2σ).
  CHECK(f.excess_failed == doctest::Approx(200.0 * 120 * 0.8).epsilon(0.03));
}

TEST_CASE("fault rows: overlapping faults count each failure once, not the shared span in both rows") {
  // 200 requests/s over two bare web servers (no balancer: a dead one fails its half) that fail
  // 20% themselves (40/s before any fault). One web server dies at 600 s and is repaired at
  // 720 s; the database dies at 660 s and is back at 780 s. Failures a second:
  //   600-660 s: the dead half (100, blamed on web) + 20 of the other half's own 500s
  //   660-720 s: the dead half (100, web) + 80 at the database (db) + 20 500s
  //   720-780 s: 160 at the database (db) + 40 500s
  // Each failure counts to the fault it is blamed on, else to the earliest open one: web holds
  // 100 x 120 + 20 x 120 = 14,400 less 40/s over its 120 s = 9,600, but never less than the
  // 12,000 failed at it (the dead half's own 500s are among them); the database 80 x 60 +
  // 160 x 60 + 40 x 60 (the 500s once web's window closed) = 16,800 less 40/s over the 60 s it
  // alone was open = 14,400. Counting the shared minute in both rows, as before, gave web
  // 19,200 - 4,800 = 14,400 and the database 19,200 - 4,800 = 19,200: 33,600 in all.
  auto s = erring_web_and_db(2);
  s.faults = {kill("web", 10 * kMinute, 1, 2 * kMinute), kill("db", 11 * kMinute, 1, 0, "primary")};
  const Report r = simulate(s);
  REQUIRE(r.faults.size() == 2);
  const FaultReport& web = r.faults[0];
  const FaultReport& db = r.faults[1];
  INFO("web: failed ", web.failed_requests, ", estimate ", web.excess_failed, ", window to ", web.window_end_s,
       "; db: failed ", db.failed_requests, ", estimate ", db.excess_failed, ", window to ", db.window_end_s);
  CHECK(web.window_end_s == doctest::Approx(720));
  CHECK(db.window_end_s == doctest::Approx(780));
  // Poisson counts over 60-120 s of 100-200/s: ±2% at 2σ for each row, less for the sum.
  CHECK(web.excess_failed == static_cast<double>(web.failed_requests));
  CHECK(web.excess_failed == doctest::Approx(12'000).epsilon(0.04));
  CHECK(db.excess_failed == doctest::Approx(14'400).epsilon(0.04));
  CHECK(web.excess_failed + db.excess_failed == doctest::Approx(26'400).epsilon(0.03));
  // The run's failures above its 40/s (about 24,000) plus web's floor (2,400): no more.
  const double run_excess = static_cast<double>(r.errors.total()) - web.baseline_per_s * 29 * 60;
  CHECK(web.excess_failed + db.excess_failed <= 1.05 * (run_excess + 2'400));
}

TEST_CASE("fault rows: a request that gives up at its deadline after its retries counts in the failure rate") {
  // Every attempt takes 50 ms and the client waits 20 ms, once more after a retry: each of the
  // 10 requests a second gives up at its deadline (on_timeout), none comes back failed. The rate
  // before the fault is those 10/s; the total once left them out and read 0/s.
  auto s = open_scenario(10, 20 * kMinute, kMinute,
                         {ec2("web", "m5.large", 2, dist_ms(DistSpec::Kind::Deterministic, 50, 0), 100, 1000)},
                         {hop("web")});
  s.client.timeout = 20 * kMillisecond;
  s.client.retries = 1;
  s.faults = {kill("web", 10 * kMinute, 1, kMinute)};
  const Report r = simulate(s);
  REQUIRE(r.faults.size() == 1);
  INFO("timeouts ", r.errors.timeout, ", baseline ", r.faults[0].baseline_per_s, "/s");
  CHECK(r.errors.timeout > 0);
  // 5,400 give-ups in the 9 minutes before: ±2.7% at 2σ.
  CHECK(r.faults[0].baseline_per_s == doctest::Approx(10).epsilon(0.05));
}
