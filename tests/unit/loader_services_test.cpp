#include <doctest/doctest.h>

#include <string>

#include "headroom/yaml/load_scenario.hpp"
#include "support/loader.hpp"

using namespace headroom;
using namespace headroom::testing;


TEST_CASE("loader: cloudfront, s3, route53 and dynamodb read, with their defaults where unset") {
  const char* const base = R"(load: {users: 100, think_time: 10s}
traffic:
  - {name: static, share: 50%, path: [dns, cdn]}
  - {name: upload, share: 10%, path: [web, assets.put]}
  - {name: session, share: 40%, path: [web, sessions.read]}
components:
  web: {type: ec2, cpu: 10ms, error_ratio: 0.5%}
)";
  const ScenarioSpec d = load(std::string(base) + R"(  dns: {type: route53}
  cdn: {type: cloudfront, origin: assets}
  assets: {type: s3}
  sessions: {type: dynamodb}
)");
  CHECK(kind_of<Ec2Spec>(d, "web").error_ratio == doctest::Approx(0.005));
  CHECK(kind_of<Route53Spec>(d, "dns").latency == 0);
  const auto& cdn = kind_of<CloudFrontSpec>(d, "cdn");
  CHECK(cdn.hit_ratio == doctest::Approx(0.9));
  CHECK(cdn.edge_rtt == 15 * kMillisecond);
  CHECK(cdn.latency == kMillisecond);
  CHECK(cdn.origin == "assets");
  const auto& assets = kind_of<S3Spec>(d, "assets");
  CHECK(assets.first_byte.kind == DistSpec::Kind::Exponential);
  CHECK(assets.first_byte.mean == 20 * kMillisecond);
  CHECK(assets.size == 0);
  CHECK(assets.azs.empty());
  const auto& sessions = kind_of<DynamoSpec>(d, "sessions");
  CHECK(sessions.mode == "on_demand");
  CHECK(sessions.rcu == 0);
  CHECK(sessions.latency.mean == 5 * kMillisecond);
  CHECK(d.traffic[1].path[1].op == "put");

  const ScenarioSpec s = load(std::string(base) + R"(  dns: {type: route53, latency: 2ms}
  cdn: {type: cloudfront, origin: web, hit_ratio: 60%, edge_rtt: 30ms, latency: 500us}
  assets: {type: s3, first_byte: {mean: 40ms, dist: lognormal, cv: 2}, size: 1.5TB, azs: [a, b]}
  sessions: {type: dynamodb, mode: provisioned, rcu: 1k, wcu: 200, latency: 3ms}
)");
  CHECK(kind_of<Route53Spec>(s, "dns").latency == 2 * kMillisecond);
  CHECK(kind_of<CloudFrontSpec>(s, "cdn").hit_ratio == doctest::Approx(0.6));
  CHECK(kind_of<CloudFrontSpec>(s, "cdn").edge_rtt == 30 * kMillisecond);
  CHECK(kind_of<CloudFrontSpec>(s, "cdn").latency == 500 * kMicrosecond);
  CHECK(kind_of<S3Spec>(s, "assets").first_byte.kind == DistSpec::Kind::Lognormal);
  CHECK(kind_of<S3Spec>(s, "assets").size == 1.5e12);
  CHECK(kind_of<S3Spec>(s, "assets").azs.size() == 2);
  CHECK(kind_of<DynamoSpec>(s, "sessions").mode == "provisioned");
  CHECK(kind_of<DynamoSpec>(s, "sessions").rcu == 1000);
  CHECK(kind_of<DynamoSpec>(s, "sessions").wcu == 200);
  CHECK(kind_of<DynamoSpec>(s, "sessions").latency.mean == 3 * kMillisecond);
}

TEST_CASE("loader: a cache takes hit_ratio, or keys and capacity with zipf 0.99 by default") {
  const auto cache = [](const std::string& keys) {
    return kind_of<CacheSpec>(
        load("load: {rate: 1/s}\ntraffic: [{name: a, share: 1, path: [w, c]}]\ncomponents:\n"
             "  w: {type: ec2, cpu: 1ms}\n  c: {type: elasticache, origin: w2, " +
             keys + "}\n  w2: {type: ec2, cpu: 1ms}\n"),
        "c");
  };
  const CacheSpec che = cache("keys: 1M, capacity: 200k");
  CHECK(che.hit_ratio == -1);
  CHECK(che.keys == 1e6);
  CHECK(che.capacity == 2e5);
  CHECK(che.zipf == doctest::Approx(0.99));
  CHECK(cache("keys: 10k, capacity: 1k, zipf: 0.7").zipf == doctest::Approx(0.7));
  CHECK(cache("hit_ratio: 85%").hit_ratio == doctest::Approx(0.85));
  CHECK(cache("hit_ratio: 85%").zipf == 0);
  // shards count primaries as nodes do; cluster mode turns Multi-AZ failover on with replicas,
  // as AWS does; replicas alone (nodes) leave it as written.
  const CacheSpec cluster = cache("hit_ratio: 85%, shards: 4, replicas: 2");
  CHECK(cluster.nodes == 4);
  CHECK(cluster.sharded);
  CHECK(cluster.replicas == 2);
  CHECK(cluster.multi_az);
  CHECK_FALSE(cache("hit_ratio: 85%, shards: 4").multi_az);
  CHECK_FALSE(cache("hit_ratio: 85%, shards: 4, replicas: 1, multi_az: false").multi_az);
  CHECK_FALSE(cache("hit_ratio: 85%, nodes: 2, replicas: 1").multi_az);
  CHECK_FALSE(cache("hit_ratio: 85%, nodes: 2").sharded);
}

TEST_CASE("loader: an rds or a cache may be co-located on a one-instance ec2 host") {
  const ScenarioSpec s = load(R"(load: {users: 10, think_time: 10s}
traffic: [{name: all, share: 100%, path: [box, cache, db.read]}]
components:
  box: {type: ec2, cpu: 10ms}
  cache: {type: elasticache, hit_ratio: 50%, host: box}
  db: {type: rds, host: box}
)");
  CHECK(kind_of<RdsSpec>(s, "db").host == "box");
  CHECK(kind_of<CacheSpec>(s, "cache").host == "box");
}
