// Database and cache nodes' network bandwidth as a resource (sim/topology/nic.hpp, docs/sources.md
// §1c): an rds read's result and an elasticache hit's value queue FCFS for the node's NIC and take
// bytes × 8 / bandwidth each; a co-located database sends through its host's NIC.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "headroom/analysis/analytic.hpp"
#include "headroom/measure/figure_keys.hpp"
#include "support/nic_phases.hpp"
#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

// A front pool that is never the limit (m5.24xlarge: 96 vCPUs, 25 Gbit/s, 100-byte pages, 10 µs
// of CPU) calling `below`, whose answers of `bytes` are what the run measures.
ComponentSpec front(const std::string& name = "web") { return ec2(name, "m5.24xlarge", 1, dist_ms(DistSpec::Kind::Deterministic, 0.01, 0), 400, 2000); }

ScenarioSpec cache_scenario(const std::string& node, double rate, double bytes, Duration duration) {
  ComponentSpec c = cache("cache", 1.0, dist_ms(DistSpec::Kind::Deterministic, 0.005, 0));
  auto& cs = std::get<CacheSpec>(c.kind);
  cs.node = node;
  cs.result_size = bytes;
  ComponentSpec db = rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 100);
  ScenarioSpec s = open_scenario(rate, duration, kMinute, {front(), c, db}, {hop("web"), hop("cache"), hop("db", "read")});
  s.traffic[0].bytes = 100;
  return s;
}

ScenarioSpec db_scenario(const std::string& type, double rate, double bytes, Duration duration) {
  ComponentSpec db = rds("db", type, dist_ms(DistSpec::Kind::Deterministic, 0.01, 0), exp_ms(4), 64);
  std::get<RdsSpec>(db.kind).result_size = bytes;
  ScenarioSpec s = open_scenario(rate, duration, kMinute, {front(), db}, {hop("web"), hop("db", "read")});
  s.traffic[0].bytes = 100;
  return s;
}

// A cache.m5.large (0.75 Gbit/s baseline, up to 10: sources.md §1c) answering 2 MB values to
// 1,000 lookups a second, every one a hit: 625/s at the burst rate from a full bucket, drained at
// (10 − 0.75) Gbit/s in exactly 300 s (kNicBurstSeconds), then 0.75e9 / 16e6 = 46.9/s.
ScenarioSpec cache_flat_out() { return cache_scenario("cache.m5.large", 1000, 2e6, 12 * kMinute); }

}  // namespace

TEST_CASE("node nic: a cache node without burst saturates at bandwidth / (8 x value bytes)") {
  // cache.m5.12xlarge: 12 Gbit/s, no "up to" (sources.md §1c). 1 MB values: 1,500 hits a second;
  // its command thread would do 130,000. Offered 2,500. Over ~2.5 min the count of transmissions
  // is exact to a few in 225,000: 2%. Not scaled down under sanitizers (0.5 s there): over 30 s
  // the queue's start from empty costs 5%.
  const Duration d = 150 * kSecond + kMinute;
  const Report r = run_at(cache_scenario("cache.m5.12xlarge", 2500, 1e6, d));
  const ComponentReport& c = component_report(r, "cache");
  CHECK(c.throughput_rps == doctest::Approx(12e9 / 8e6).epsilon(0.02));
  CHECK(c.stat(ComponentStat::NetworkUtilization) == doctest::Approx(1.0).epsilon(0.02));
  CHECK(c.utilization < 0.05);  // its thread is nearly idle: the wire is the wall
  // analyze names the cache's network as the wall, at the same rate.
  const AnalyticReport a = analyze(cache_scenario("cache.m5.12xlarge", 1000, 1e6, 10 * kMinute));
  CHECK(a.bottleneck == "cache");
  CHECK(a.bottleneck_reason == "network 12 Gbit/s");
  CHECK(a.saturation_rps == doctest::Approx(1500).epsilon(1e-6));
}

TEST_CASE("node nic: a cache miss sends no value") {
  // Half the lookups hit: 3,000 offered, 1,500 hits of 1 MB fill the 12 Gbit/s wire, misses go on.
  ScenarioSpec s = cache_scenario("cache.m5.12xlarge", 2000, 1e6, 3 * kMinute);
  std::get<CacheSpec>(s.components[1].kind).hit_ratio = 0.5;
  std::get<RdsSpec>(s.components[2].kind).instance = "db.m5.24xlarge";
  const AnalyticReport a = analyze(s);
  CHECK(a.bottleneck == "cache");
  CHECK(a.saturation_rps == doctest::Approx(3000).epsilon(1e-6));
  const Report r = run_at(s);
  CHECK(component_report(r, "cache").stat(ComponentStat::NetworkUtilization) == doctest::Approx(2000 * 0.5 / 1500).epsilon(0.03));
}

TEST_CASE("node nic: a cache node bursts for the bucket's 5 minutes, then sends at its baseline") {
  const Report r = run_at(cache_flat_out(), Fidelity::Request, 10 * kSecond);
  const NicPhases p = nic_phases(r);
  CHECK(p.burst_rps == doctest::Approx(10e9 / 16e6).epsilon(0.01));
  CHECK(p.baseline_rps == doctest::Approx(0.75e9 / 16e6).epsilon(0.03));
  CHECK(p.empty_at == doctest::Approx(300).epsilon(0.035));  // within one 10-s interval
}

// The hybrid engine: what waits at the node is bounded by the front pool's 400 workers, the rest
// waits in the pool's queue (hybrid_callers.cpp). Before that bound the node's fluid backlog grew
// without one, the pool's measured hold cut what it sent, the node idled between surges: 531/s
// while bursting, 56/s after, the bucket empty at 360 s.
TEST_CASE("node nic: the hybrid engine bursts and throttles a cache node like per request") {
  const Report request = run_at(cache_flat_out(), Fidelity::Request, 10 * kSecond);
  const Report hybrid = run_at(cache_flat_out(), Fidelity::Hybrid, 10 * kSecond);
  const NicPhases a = nic_phases(request), b = nic_phases(hybrid);
  CHECK(b.burst_rps == doctest::Approx(a.burst_rps).epsilon(0.02));
  CHECK(b.baseline_rps == doctest::Approx(a.baseline_rps).epsilon(0.03));
  CHECK(b.empty_at == doctest::Approx(a.empty_at).epsilon(0.035));
  CHECK(component_report(hybrid, "cache").stat(ComponentStat::NetworkUtilization) ==
        doctest::Approx(component_report(request, "cache").stat(ComponentStat::NetworkUtilization)).epsilon(0.03));
}

TEST_CASE("node nic: a database answering big result sets saturates its NIC, and bursts first") {
  // db.m5.8xlarge: 10 Gbit/s, no burst: 1 MB results, 1,250 reads a second (2%, as above).
  const Duration d = static_cast<Duration>(150 * kSecond * validation_scale()) + kMinute;
  const Report r = run_at(db_scenario("db.m5.8xlarge", 2000, 1e6, d));
  CHECK(component_report(r, "db").throughput_rps == doctest::Approx(1250).epsilon(0.02));
  CHECK(component_report(r, "db").stat(ComponentStat::NetworkUtilization) == doctest::Approx(1.0).epsilon(0.02));
  const AnalyticReport a = analyze(db_scenario("db.m5.8xlarge", 1000, 1e6, 10 * kMinute));
  CHECK(a.bottleneck == "db");
  CHECK(a.bottleneck_reason == "network 10 Gbit/s");
  CHECK(a.saturation_rps == doctest::Approx(1250).epsilon(1e-6));
  // db.m5.large: 0.75 Gbit/s, up to 10 for 5 minutes (sources.md §1c): 2 MB results as for the cache.
  const Report b = run_at(db_scenario("db.m5.large", 1000, 2e6, 12 * kMinute), Fidelity::Request, 10 * kSecond);
  const NicPhases p = nic_phases(b);
  CHECK(p.burst_rps == doctest::Approx(625).epsilon(0.01));
  CHECK(p.baseline_rps == doctest::Approx(0.75e9 / 16e6).epsilon(0.03));
  CHECK(p.empty_at == doctest::Approx(300).epsilon(0.035));
}

TEST_CASE("node nic: a co-located database sends through its host's NIC, or over the loopback") {
  // An m5.8xlarge (10 Gbit/s, no burst) behind a balancer makes 1 MB pages for half the requests;
  // for the other half another pool reads 1 MB results from the database on that box. One wire
  // carries both: 1 MB a request, 1,250 a second in all (separate NICs would carry 2,500).
  ComponentSpec web = ec2("web", "m5.8xlarge", 1, dist_ms(DistSpec::Kind::Deterministic, 0.01, 0), 200, 2000);
  ComponentSpec db = rds("db", "db.m5.large", dist_ms(DistSpec::Kind::Deterministic, 0.01, 0), exp_ms(4), 400);
  std::get<RdsSpec>(db.kind).host = "web";
  std::get<RdsSpec>(db.kind).result_size = 1e6;
  const Duration d = static_cast<Duration>(150 * kSecond * validation_scale()) + kMinute;
  ScenarioSpec s = open_scenario(2000, d, kMinute, {elb("lb", "web", "round_robin"), web, front("api"), db}, {hop("lb"), hop("web")});
  s.traffic[0].share = 0.5;
  s.traffic[0].bytes = 1e6;
  ClassSpec reads;
  reads.name = "reads";
  reads.share = 0.5;
  reads.path = {hop("api"), hop("db", "read")};
  reads.bytes = 100;
  s.traffic.push_back(reads);
  // Each component's figure is its answers' share of the one wire: together, full.
  const Report r = run_at(s);
  CHECK(component_report(r, "web").stat(ComponentStat::NetworkUtilization) + component_report(r, "db").stat(ComponentStat::NetworkUtilization) ==
        doctest::Approx(1.0).epsilon(0.02));
  // analyze, below saturation (1,000 a second): the wire saturates at 1,250.
  ScenarioSpec below = s;
  below.load.curve.value = 1000;
  const AnalyticReport a = analyze(below);
  CHECK(a.saturation_rps == doctest::Approx(1250).epsilon(1e-3));
  CHECK(a.bottleneck_reason == "network 10 Gbit/s");
  // The day-one box: the application on the box reads its own database over the loopback, so
  // only its pages use the wire (0.5 MB pages and 0.5 MB results: 2,500 pages a second).
  ScenarioSpec box = open_scenario(1000, 5 * kMinute, kMinute, {elb("lb", "web", "round_robin"), web, db},
                                   {hop("lb"), hop("web"), hop("db", "read")});
  box.traffic[0].bytes = 0.5e6;
  std::get<RdsSpec>(box.components[2].kind).result_size = 0.5e6;
  const AnalyticReport b = analyze(box);
  int found = 0;
  for (const auto& st : b.stations)
    if (st.component == "web") {
      ++found;
      CHECK(st.network_utilization == doctest::Approx(1000 / 2500.0).epsilon(1e-3));
    }
  CHECK(found == 1);
}

TEST_CASE("kill cache.replica: the hit ratio holds, but the shard has no replica to promote") {
  // One shard with one replica, Multi-AZ, 80% hits. Kill its replica at 2 min and (optionally)
  // its primary at 4 min: without a replica nothing is promoted; with it, the replica is.
  auto scenario = [](bool kill_replica, bool kill_primary) {
    ScenarioSpec s = cache_scenario("cache.m5.large", 200, 1000, 6 * kMinute);
    auto& cs = std::get<CacheSpec>(s.components[1].kind);
    cs.hit_ratio = 0.8;
    cs.replicas = 1;
    cs.multi_az = true;
    cs.azs = {"a", "b"};
    FaultSpec f;
    f.kind = FaultSpec::Kind::Kill;
    f.target = "cache";
    f.count = 1;
    if (kill_replica) {
      f.role = "replica";
      f.at = 2 * kMinute;
      s.faults.push_back(f);
    }
    if (kill_primary) {
      f.role = "";
      f.at = 4 * kMinute;
      f.repair = kMinute;
      s.faults.push_back(f);
    }
    return s;
  };
  const Report both = run_at(scenario(true, true));
  const Report primary_only = run_at(scenario(false, true));
  REQUIRE(both.faults.size() == 2);
  REQUIRE(primary_only.faults.size() == 1);
  CHECK(both.faults[0].target == "cache.replica");
  CHECK(primary_only.faults[0].promotions.size() == 1);
  CHECK(both.faults[1].promotions.empty());
  // The replica alone: every lookup still reaches the primary, which holds every key, so the
  // database sees the misses only, 20% of the cache's lookups, and nothing fails. 5 measured
  // minutes: ~12,000 reads, Poisson: 3 standard errors are ~3%.
  const Report replica_only = run_at(scenario(true, false));
  CHECK(replica_only.faults[0].failed_requests == 0);
  CHECK(component_report(replica_only, "db").throughput_rps == doctest::Approx(0.2 * component_report(replica_only, "cache").throughput_rps).epsilon(0.04));
  CHECK(replica_only.error_rate == 0);
}
