#include <doctest/doctest.h>

#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

TEST_CASE("cloudfront: a hit costs the edge round trip and the edge's latency, not the region's") {
  CloudFrontSpec cf;
  cf.hit_ratio = 1.0;
  cf.edge_rtt = 15 * kMillisecond;
  cf.latency = kMillisecond;
  cf.origin = "assets";
  S3Spec s3;
  s3.first_byte = dist_ms(DistSpec::Kind::Deterministic, 20, 0);
  auto s = open_scenario(100, 10 * kMinute, kMinute,
                         {ComponentSpec{"cdn", "cloudfront", cf, {}}, ComponentSpec{"assets", "s3", s3, {}}},
                         {hop("cdn")});
  s.client.rtt = 80 * kMillisecond;
  const Report hit = simulate(s);
  CHECK(hit.latency_ms.mean == doctest::Approx(16.0).epsilon(1e-6));
  std::get<CloudFrontSpec>(s.components[0].kind).hit_ratio = 0;
  const Report miss = simulate(s);
  CHECK(miss.latency_ms.mean == doctest::Approx(15 + 1 + (80 - 15) + 20).epsilon(1e-6));
}

TEST_CASE("elb: a request silent past idle_timeout comes back as a 504") {
  auto web = ec2("web", "m5.2xlarge", 1, dist_ms(DistSpec::Kind::Deterministic, 1500, 0), 100, 1000);
  auto lb = elb("lb", "web", "round_robin");
  std::get<ElbSpec>(lb.kind).idle_timeout = kSecond;
  auto s = open_scenario(2, 10 * kMinute, kMinute, {lb, web}, {hop("lb"), hop("web")});
  const Report r = simulate(s);
  CHECK(r.offered > 1000);
  CHECK(r.errors.timeout == r.completed);
}

TEST_CASE("host: a co-located database shares its host's vCPU and dies with it") {
  auto box = ec2("box", "c7g.medium", 1, dist_ms(DistSpec::Kind::Deterministic, 1, 0), 100, 100'000);
  auto db = rds("db", "db.m5.large", dist_ms(DistSpec::Kind::Deterministic, 1, 0), exp_ms(4), 500);
  std::get<RdsSpec>(db.kind).host = "box";
  auto s = open_scenario(300, 20 * kMinute, kMinute, {box, db}, {hop("box"), hop("db", "read")});
  const Report r = simulate(s);
  CHECK(r.components[0].second.utilization == doctest::Approx(0.3).epsilon(0.03));
  CHECK(r.components[1].second.utilization == doctest::Approx(0.3).epsilon(0.03));
  FaultSpec f;
  f.kind = FaultSpec::Kind::Kill;
  f.target = "box";
  f.at = 10 * kMinute;
  f.repair = 2 * kMinute;
  s.faults = {f};
  const Report broken = simulate(s);
  CHECK(broken.components[1].second.instances_min == 0);
  CHECK(broken.faults[0].failed_requests == doctest::Approx(300.0 * 120).epsilon(0.05));
}

TEST_CASE("elasticache: a Redis node saturates at one command per op demand on its one command thread") {
  auto overloaded = [](const std::string& engine, double rate) {
    auto c = cache("cache", 1.0, DistSpec{}, 1);
    std::get<CacheSpec>(c.kind).engine = engine;
    auto s = open_scenario(rate, 2 * kSecond, 0, {c}, {hop("cache")});
    s.network = NetworkSpec{};
    return simulate(s).components[0].second;
  };
  const double per_thread = 1 / 13e-6;  // the default op, sources.md §11a
  const auto redis = overloaded("redis", 1.5 * per_thread);
  CHECK(redis.throughput_rps == doctest::Approx(per_thread).epsilon(0.02));
  CHECK(redis.utilization == doctest::Approx(1.0).epsilon(0.01));
  const auto memcached = overloaded("memcached", 1.5 * 2 * per_thread);
  CHECK(memcached.throughput_rps == doctest::Approx(2 * per_thread).epsilon(0.02));
}

TEST_CASE("elasticache: N cluster-mode shards saturate at N / op demand, replicas adding none") {
  const double per_thread = 1 / 13e-6;  // the default op, sources.md §11a
  auto c = cache("cache", 1.0, DistSpec{}, 3);
  auto& e = std::get<CacheSpec>(c.kind);
  e.sharded = true;
  e.replicas = 2;  // copies for failover: the primaries take the commands
  auto s = open_scenario(1.5 * 3 * per_thread, 2 * kSecond, 0, {c}, {hop("cache")});
  s.network = NetworkSpec{};
  const auto r = simulate(s).components[0].second;
  CHECK(r.throughput_rps == doctest::Approx(3 * per_thread).epsilon(0.02));
  CHECK(r.utilization == doctest::Approx(1.0).epsilon(0.01));
}
