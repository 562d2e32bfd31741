#include "run/cost.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "headroom/core/money.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "components/build_model.hpp"
#include "support/specs.hpp"

using namespace headroom;
using doctest::Approx;

namespace {

ScenarioSpec load_cost(const std::string& components, const std::string& traffic) {
  return load_scenario_text(
      "load: {rate: 1/s}\ntraffic:\n" + traffic + "components:\n" + components, "cost.yaml", {});
}

/// As load_cost(), with `users` users sending one request every `think` on average.
ScenarioSpec load_users(const std::string& users, const std::string& think, const std::string& components,
                        const std::string& traffic) {
  return load_scenario_text("load: {users: " + users + ", think_time: " + think + "}\ntraffic:\n" + traffic +
                                "components:\n" + components,
                            "cost.yaml", {});
}

/// The model of `spec` as a fixed fleet leaves it after a window of `window`: every instance
/// alive throughout, counters zero until a test sets them.
Model fixed_fleet(const ScenarioSpec& spec, Duration window) {
  Model m = build_model(spec, 1);
  for (std::size_t i = 0; i < m.components.size(); ++i) {
    m.states[i].tally.alive_area = static_cast<double>(m.components[i].count) * static_cast<double>(window);
    m.states[i].tally.billed_area = m.states[i].tally.alive_area;
  }
  return m;
}

Component& comp(Model& m, const std::string& name) {
  for (auto& c : m.components)
    if (c.name == name) return c;
  FAIL("no component " << name);
  return m.components.front();
}

ComponentState& state(Model& m, const std::string& name) {
  return m.states[static_cast<std::size_t>(&comp(m, name) - m.components.data())];
}

/// Hand arithmetic: each line item of the bill is rounded to the micro-dollar, so the hand total
/// may differ by a few micro-dollars.
Approx usd(double v) {
  return Approx(v).epsilon(1e-9).scale(3000);
}

}  // namespace

TEST_CASE("money: line items rounded to the micro-dollar sum exactly, in any order") {
  Money a = Money::from_usd(0.1) + Money::from_usd(0.2);
  CHECK(a.micro_usd == 300000);
  CHECK(Money::from_usd(0.0000004).micro_usd == 0);
  CHECK(Money::from_usd(0.0000005).micro_usd == 1);
  Money many;
  for (int i = 0; i < 1000000; ++i) many += Money::from_usd(0.01);
  CHECK(many.micro_usd == 10000000000LL);
  CHECK(many.usd() == 10000.0);
}

TEST_CASE("cost: four m5.large for a one-hour window cost four times the hourly price") {
  using namespace headroom::testing;
  const ScenarioSpec spec =
      open_scenario(20, kHour + 10 * kMinute, 10 * kMinute,
                    {ec2("web", "m5.large", 4, exp_ms(1), 4, 100)}, {hop("web")});
  const Report r = simulate(spec);
  CHECK(r.cost.by_service.at("ec2") == usd(4 * 0.096));
  CHECK(r.cost.by_service.at("public_ipv4") == usd(4 * 0.005));
  CHECK(r.cost.period_usd == usd(4 * 0.096 + 4 * 0.005));
  CHECK(r.cost.monthly_usd == usd((4 * 0.096 + 4 * 0.005) * 730));
  CHECK(r.cost.by_component.at("web") == usd(r.cost.period_usd));
  CHECK(r.cost.spot_savings_usd == 0);
}

TEST_CASE("cost: monthly is the period's cost times 730 hours over the period's hours") {
  const ScenarioSpec spec = load_cost("  web: {type: ec2, instance: c5.large, count: 3, cpu: 1ms}\n",
                                 "  - {name: all, share: 100%, path: [web]}\n");
  const Model m = fixed_fleet(spec, 2 * kHour);
  const CostReport c = compute_cost(spec, m, 30 * kMinute, 2 * kHour + 30 * kMinute);
  CHECK(c.by_service.at("ec2") == usd(3 * 0.085 * 2));
  CHECK(c.period_usd == usd(3 * (0.085 + 0.005) * 2));
  CHECK(c.monthly_usd == usd(c.period_usd * 730 / 2));
}

TEST_CASE("cost: every service has a key, and services and components each sum to the total") {
  const ScenarioSpec spec = load_cost("  web: {type: ec2, count: 2, cpu: 1ms}\n  db: {type: rds}\n",
                                 "  - {name: all, share: 100%, path: [web, db.read]}\n");
  const CostReport c = compute_cost(spec, fixed_fleet(spec, kHour), 0, kHour);
  double services = 0, components = 0;
  for (const char* s : {"ec2", "rds", "elasticache", "elb", "cloudfront", "s3", "route53",
                        "dynamodb", "data_transfer", "public_ipv4"}) {
    REQUIRE_MESSAGE(c.by_service.count(s) == 1, s);
    services += c.by_service.at(s);
  }
  for (const auto& [name, v] : c.by_component) components += v;
  CHECK(c.by_service.size() == 16);
  CHECK(services == usd(c.period_usd));
  CHECK(components == usd(c.period_usd));
}

TEST_CASE("cost: an RDS Multi-AZ db.m5.large MySQL bills two instances plus the storage of both") {
  const ScenarioSpec spec =
      load_cost("  db: {type: rds, engine: mysql, instance: db.m5.large, multi_az: true}\n",
           "  - {name: all, share: 100%, path: [db.read]}\n");
  const CostReport c = compute_cost(spec, fixed_fleet(spec, kHour), 0, kHour);
  const double storage = 2 * 20 * 0.115 / 730;  // 20 GB default, per GB-month, pro rata for 1 h
  CHECK(c.by_service.at("rds") == usd(2 * 0.171 + storage));
  CHECK(c.by_component.at("db") == usd(2 * 0.171 + storage));
}

TEST_CASE(
    "cost: RDS prices by engine, and each read replica is one more instance with its storage") {
  const ScenarioSpec spec = load_cost(
      "  db: {type: rds, engine: postgres, instance: db.t3.medium, read_replicas: 2, storage: "
      "100GB}\n",
      "  - {name: all, share: 100%, path: [db.read]}\n");
  const CostReport c = compute_cost(spec, fixed_fleet(spec, 3 * kHour), 0, 3 * kHour);
  CHECK(c.by_service.at("rds") == usd(3 * 0.072 * 3 + 3 * 100 * 0.115 * 3 / 730));
}

TEST_CASE("cost: ElastiCache bills every node-hour") {
  const ScenarioSpec spec = load_cost(
      "  cache: {type: elasticache, node: cache.m5.large, nodes: 3, hit_ratio: 90%}\n"
      "  db: {type: rds, instance: db.t3.micro, storage: 0GB}\n",
      "  - {name: all, share: 100%, path: [cache, db.read]}\n");
  const CostReport c = compute_cost(spec, fixed_fleet(spec, kHour), 0, kHour);
  CHECK(c.by_service.at("elasticache") == usd(3 * 0.156));
  CHECK(c.by_service.at("rds") == usd(0.017));
}

TEST_CASE("cost: ElastiCache bills shards x (1 + replicas) node-hours") {
  const ScenarioSpec spec = load_cost(
      "  cache: {type: elasticache, node: cache.r5.large, shards: 4, replicas: 2, multi_az: true, hit_ratio: 90%, "
      "azs: [a, b, c]}\n"
      "  db: {type: rds, instance: db.t3.micro, storage: 0GB}\n",
      "  - {name: all, share: 100%, path: [cache, db.read]}\n");
  const CostReport c = compute_cost(spec, fixed_fleet(spec, 2 * kHour), 0, 2 * kHour);
  CHECK(c.by_service.at("elasticache") == usd(4 * 3 * 0.216 * 2));
}

TEST_CASE("cost: a database and a cache co-located on their host cost nothing themselves") {
  const ScenarioSpec spec = load_cost(
      "  box: {type: ec2, instance: m5.large, count: 1, cpu: 1ms}\n"
      "  db: {type: rds, host: box}\n"
      "  cache: {type: elasticache, host: box, hit_ratio: 50%}\n",
      "  - {name: all, share: 100%, path: [box, cache, db.read]}\n");
  const CostReport c = compute_cost(spec, fixed_fleet(spec, kHour), 0, kHour);
  CHECK(c.by_component.at("db") == 0);
  CHECK(c.by_component.at("cache") == 0);
  CHECK(c.by_service.at("rds") == 0);
  CHECK(c.by_service.at("elasticache") == 0);
  CHECK(c.period_usd == usd(0.096 + 0.005));
}

TEST_CASE("cost: an ALB bills its hours, the largest LCU dimension, and one public IPv4 per node") {
  const ScenarioSpec spec = load_cost(
      "  lb: {type: elb, targets: web}\n"
      "  web: {type: ec2, count: 4, azs: [a, b], cpu: 1ms}\n",
      "  - {name: all, share: 100%, path: [lb, web], bytes: 10KB}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "lb").tally.ops = 90000;    // 25 new connections/s: 1 LCU; 30/min active connections: 0.5 LCU
  state(m, "lb").tally.bytes = 0.5e9;  // 0.5 GB/h: 0.5 LCU
  CostReport c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_service.at("elb") == usd(0.0225 + 1 * 0.008));
  CHECK(c.by_service.at("public_ipv4") == usd(2 * 0.005));  // two nodes; the targets need none
  CHECK(c.by_component.at("web") == usd(4 * 0.096));

  state(m, "lb").tally.bytes = 3e9;  // 3 GB/h: 3 LCU, more than the connections' 1
  c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_service.at("elb") == usd(0.0225 + 3 * 0.008));
  CHECK(c.by_service.at("data_transfer") == usd(3 * 0.09));
  CHECK(c.by_component.at("lb") == usd(0.0225 + 3 * 0.008 + 2 * 0.005 + 3 * 0.09));
}

TEST_CASE(
    "cost: a Route 53 zone is billed pro rata, and queries per million unless they are aliases") {
  const ScenarioSpec spec = load_cost(
      "  dns: {type: route53}\n"
      "  box: {type: ec2, count: 1, cpu: 1ms}\n"
      "  lb: {type: elb, targets: web}\n"
      "  web: {type: ec2, count: 2, cpu: 1ms}\n",
      "  - {name: direct, share: 25%, path: [dns, box]}\n"
      "  - {name: balanced, share: 75%, path: [dns, lb, web]}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "dns").tally.ops = 4000000;  // a quarter to the box's address, the rest to the ALB's alias
  const CostReport c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_service.at("route53") == usd(0.50 / 730 + 1 * 0.40));
  const CostReport month = compute_cost(spec, fixed_fleet(spec, 730 * kHour), 0, 730 * kHour);
  CHECK(month.by_service.at("route53") == usd(0.50));
}

TEST_CASE(
    "cost: CloudFront bills every byte and request it serves; its S3 origin bills storage and "
    "requests") {
  const ScenarioSpec spec = load_cost(
      "  cdn: {type: cloudfront, hit_ratio: 90%, origin: assets}\n"
      "  assets: {type: s3, size: 50GB}\n",
      "  - {name: static, share: 100%, path: [cdn], bytes: 100KB}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "cdn").tally.ops = 1000000;
  state(m, "cdn").tally.bytes = 100e9;
  state(m, "assets").tally.reads = 100000;
  state(m, "assets").tally.writes = 2000;
  state(m, "assets").tally.bytes = 10e9;  // fetched by the edge: free (sources.md §5)
  const CostReport c = compute_cost(spec, m, 0, kHour);
  // 100 GB an hour is 73 TB a month: 10 TB at $0.085, 40 TB at $0.080, 23 TB at $0.060 per GB
  // (sources.md §5's volume tiers), that month's bill brought back to the hour.
  CHECK(c.by_service.at("cloudfront") == usd((10e3 * 0.085 + 40e3 * 0.080 + 23e3 * 0.060) / 730 + 100 * 0.01));
  CHECK(c.by_service.at("s3") == usd(50 * 0.023 / 730 + 100 * 0.0004 + 2 * 0.005));
  CHECK(c.by_service.at("data_transfer") == 0);
}

TEST_CASE(
    "cost: bytes to the internet and between AZs are charged to the component that sends them") {
  const ScenarioSpec spec = load_cost(
      "  web: {type: ec2, count: 2, azs: [a, b], cpu: 1ms}\n"
      "  db: {type: rds, azs: [a], storage: 0GB}\n",
      "  - {name: all, share: 100%, path: [web, db.read], bytes: 50KB}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "web").tally.bytes = 10e9;
  state(m, "db").tally.bytes = 10e9;
  state(m, "db").tally.cross_az_bytes = 5e9;
  const CostReport c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_component.at("web") == usd(2 * 0.096 + 2 * 0.005 + 10 * 0.09));
  CHECK(c.by_component.at("db") == usd(0.171 + 5 * 2 * 0.01));
  CHECK(c.by_service.at("data_transfer") == usd(10 * 0.09 + 5 * 2 * 0.01));
}

TEST_CASE("cost: DynamoDB bills request units on demand, and capacity-hours when provisioned") {
  const ScenarioSpec spec = load_cost(
      "  web: {type: ec2, cpu: 1ms}\n"
      "  od: {type: dynamodb}\n"
      "  pv: {type: dynamodb, mode: provisioned, rcu: 100, wcu: 50}\n",
      "  - {name: a, share: 50%, path: [web, od.read]}\n"
      "  - {name: b, share: 50%, path: [web, pv.write]}\n");
  Model m = fixed_fleet(spec, 2 * kHour);
  // Request units consumed, as the runner counts them (a 1 KB item: half a read unit eventually
  // consistent, one write unit).
  m.tables[static_cast<std::size_t>(comp(m, "od").ext)].read_units_used = 2000000;
  m.tables[static_cast<std::size_t>(comp(m, "od").ext)].write_units_used = 1000000;
  m.tables[static_cast<std::size_t>(comp(m, "pv").ext)].write_units_used = 5000000;
  const CostReport c = compute_cost(spec, m, 0, 2 * kHour);
  CHECK(c.by_component.at("od") == usd(2 * 0.125 + 1 * 0.625));
  CHECK(c.by_component.at("pv") == usd(2 * (100 * 0.00013 + 50 * 0.00065)));
}

TEST_CASE("cost: an empty window costs nothing") {
  const ScenarioSpec spec =
      load_cost("  web: {type: ec2, cpu: 1ms}\n", "  - {name: all, share: 100%, path: [web]}\n");
  const CostReport c = compute_cost(spec, fixed_fleet(spec, 0), kHour, kHour);
  CHECK(c.period_usd == 0);
  CHECK(c.monthly_usd == 0);
}

TEST_CASE("cost: Lambda bills requests and GB-seconds, provisioned environments by the second") {
  const ScenarioSpec spec = load_cost(
      "  fn: {type: lambda, memory: 512MB, duration: 100ms}\n"
      "  arm: {type: lambda, memory: 1024MB, duration: 100ms, arch: arm64, provisioned: 10}\n",
      "  - {name: a, share: 50%, path: [fn]}\n"
      "  - {name: b, share: 50%, path: [arm]}\n");
  Model m = fixed_fleet(spec, kHour);
  Function& fn = m.functions[static_cast<std::size_t>(comp(m, "fn").ext)];
  fn.invocations = 1000000;
  fn.billed_ms = 1000000 * 100.0;  // 100,000 s at 0.5 GB
  Function& arm = m.functions[static_cast<std::size_t>(comp(m, "arm").ext)];
  arm.billed_ms = 0;
  const CostReport c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_component.at("fn") == usd(0.20 + 0.5 * 100000 * 0.0000166667));
  // Ten 1 GB environments provisioned for an hour, nothing executed.
  CHECK(c.by_component.at("arm") == usd(10 * 1.0 * 3600 * 0.0000041667));
}

TEST_CASE("cost: API Gateway per million served, Kinesis shard-hours and payload units, Firehose per 5 KB") {
  const ScenarioSpec spec = load_cost(
      "  rest: {type: apigateway}\n"
      "  http: {type: apigateway, kind: http}\n"
      "  events: {type: kinesis, shards: 4}\n"
      "  lake: {type: firehose, destination: bucket}\n"
      "  bucket: {type: s3}\n"
      "  fn: {type: lambda, duration: 1ms}\n",
      "  - {name: a, share: 50%, path: [rest, fn, events.put]}\n"
      "  - {name: b, share: 50%, path: [http, fn, lake.put]}\n");
  Model m = fixed_fleet(spec, 2 * kHour);
  state(m, "rest").tally.ops = 2000000;
  m.gateways[static_cast<std::size_t>(comp(m, "rest").ext)].throttled = 1000000;  // not billed
  state(m, "http").tally.ops = 1000000;
  m.streams[static_cast<std::size_t>(comp(m, "events").ext)].put_units = 3000000;
  m.firehoses[static_cast<std::size_t>(comp(m, "lake").ext)].billed_bytes = 2e9;
  const CostReport c = compute_cost(spec, m, 0, 2 * kHour);
  // A million served in two hours is 365 million a month: REST's first 333 million at $3.50 and
  // 32 million at $2.80, HTTP's first 300 million at $1.00 and 65 million at $0.90 (sources.md
  // §8), each month brought back to the two hours.
  CHECK(c.by_component.at("rest") == usd((333 * 3.50 + 32 * 2.80) * 2 / 730));
  CHECK(c.by_component.at("http") == usd((300 * 1.00 + 65 * 0.90) * 2 / 730));
  CHECK(c.by_component.at("events") == usd(4 * 2 * 0.015 + 3 * 0.014));
  CHECK(c.by_component.at("lake") == usd(2 * 0.029));
  // A 1 KB record is billed as 5 KB; a 45 KB record is two PUT payload units.
  const Stream& s = m.streams[static_cast<std::size_t>(comp(m, "events").ext)];
  CHECK(s.payload_units(1000) == 1);
  CHECK(s.payload_units(25000) == 1);
  CHECK(s.payload_units(45000) == 2);
}

TEST_CASE("cost: an idle serverless stack costs its shards, storage and provisioned environments only") {
  ScenarioSpec spec = load_scenario_text(
      "duration: 1h\nload: {rate: 0/s}\ntraffic: [{name: a, share: 100%, path: [api, fn, events.put]}]\ncomponents:\n"
      "  api: {type: apigateway}\n"
      "  fn: {type: lambda, duration: 20ms}\n"
      "  events: {type: kinesis, shards: 2, consumer: proc}\n"
      "  proc: {type: lambda, duration: 20ms, output: [table.write]}\n"
      "  table: {type: dynamodb, storage: 10GB}\n",
      "idle.yaml", {});
  const Report r = simulate(spec);
  CHECK(r.offered == 0);
  CHECK(r.cost.by_service.at("lambda") == 0);
  CHECK(r.cost.by_service.at("apigateway") == 0);
  CHECK(r.cost.by_service.at("kinesis") == usd(2 * 0.015));
  CHECK(r.cost.by_service.at("dynamodb") == usd(10 * 0.25 / 730));
  CHECK(r.cost.period_usd == usd(2 * 0.015 + 10 * 0.25 / 730));
}

TEST_CASE("cost: an ebs volume bills its GB-months and the IOPS and throughput above gp3's baseline, per instance") {
  const ScenarioSpec spec =
      load_cost("  web: {type: ec2, instance: c5.large, count: 3, cpu: 1ms}\n"
           "  data: {type: ebs, attach: web, size: 100GB, iops: 6000, throughput: 250}\n"
           "  root: {type: ebs, attach: web}\n",
           "  - {name: all, share: 100%, path: [web]}\n");
  const Model m = fixed_fleet(spec, 10 * kHour);
  const CostReport c = compute_cost(spec, m, 0, 10 * kHour);
  const double data_month = 100 * 0.08 + (6000 - 3000) * 0.005 + (250 - 125) * 0.04;
  CHECK(data_month == doctest::Approx(28));
  CHECK(c.by_component.at("data") == usd(3 * 10.0 / 730 * data_month));
  CHECK(c.by_component.at("root") == usd(3 * 10.0 / 730 * 8 * 0.08));
  CHECK(c.by_service.at("ebs") == usd(3 * 10.0 / 730 * (data_month + 0.64)));
}

TEST_CASE("cost: an ebs volume on an Auto Scaling pool bills the instance-hours the pool was billed") {
  const ScenarioSpec spec =
      load_cost("  web: {type: ec2, instance: c5.large, count: 2, cpu: 1ms}\n"
           "  root: {type: ebs, attach: web, size: 20GB}\n",
           "  - {name: all, share: 100%, path: [web]}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "web").tally.billed_area = 7.5 * static_cast<double>(kHour);
  const CostReport c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_component.at("root") == usd(7.5 / 730 * 20 * 0.08));
}

TEST_CASE("cost: Route 53 counts a query per user only when the resolver's cached answer has expired") {
  const ScenarioSpec spec = load_users("1000", "20s",
                                       "  dns: {type: route53}\n"
                                       "  box: {type: ec2, count: 1, cpu: 1ms}\n",
                                       "  - {name: all, share: 100%, path: [dns, box]}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "dns").tally.ops = 8000000;
  const CostReport c = compute_cost(spec, m, 0, kHour);
  // A request every 20 s and a 60 s TTL: one query per 80 s, a quarter of the requests, 2 million
  // in the hour. A month of them is 1.46 billion: the first billion at $0.40 per million, the
  // other 460 million at $0.20 (sources.md §10).
  CHECK(c.by_service.at("route53") == usd(0.50 / 730 + (1000 * 0.40 + 460 * 0.20) / 730));

  const ScenarioSpec short_ttl = load_users("1000", "20s",
                                            "  dns: {type: route53, ttl: 20s}\n"
                                            "  box: {type: ec2, count: 1, cpu: 1ms}\n",
                                            "  - {name: all, share: 100%, path: [dns, box]}\n");
  Model m2 = fixed_fleet(short_ttl, kHour);
  state(m2, "dns").tally.ops = 2000000;
  CHECK(compute_cost(short_ttl, m2, 0, kHour).by_service.at("route53") == usd(0.50 / 730 + 1 * 0.40));
}

TEST_CASE("cost: internet transfer out goes through the account's monthly tiers, shared pro rata by the senders") {
  const ScenarioSpec spec = load_cost("  web: {type: ec2, count: 1, cpu: 1ms}\n  box: {type: ec2, count: 1, cpu: 1ms}\n",
                                 "  - {name: a, share: 50%, path: [web], bytes: 100KB}\n"
                                 "  - {name: b, share: 50%, path: [box], bytes: 100KB}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "web").tally.bytes = 60e9;
  state(m, "box").tally.bytes = 40e9;
  const CostReport c = compute_cost(spec, m, 0, kHour);
  // 100 GB an hour is 73 TB a month: 10 TB at $0.09, 40 TB at $0.085, 23 TB at $0.07 per GB.
  const double hour = (10e3 * 0.09 + 40e3 * 0.085 + 23e3 * 0.07) / 730;
  CHECK(c.by_service.at("data_transfer") == usd(hour));
  CHECK(c.by_component.at("web") == usd(0.096 + 0.005 + 0.6 * hour));
  CHECK(c.by_component.at("box") == usd(0.096 + 0.005 + 0.4 * hour));

  state(m, "web").tally.bytes = 150e9;
  state(m, "box").tally.bytes = 100e9;
  // 250 GB an hour is 182.5 TB a month: past 150 TB, the rest at $0.05.
  CHECK(compute_cost(spec, m, 0, kHour).by_service.at("data_transfer") ==
        usd((10e3 * 0.09 + 40e3 * 0.085 + 100e3 * 0.07 + 32.5e3 * 0.05) / 730));
}

TEST_CASE("cost: an ALB's new and active connections come from users' kept-alive sessions") {
  const std::string components = "  lb: {type: elb, targets: web}\n  web: {type: ec2, count: 2, cpu: 1ms}\n";
  const std::string traffic = "  - {name: all, share: 100%, path: [lb, web]}\n";
  const ScenarioSpec spec = load_users("20000", "20s", components, traffic);
  Model m = fixed_fleet(spec, kHour);
  state(m, "lb").tally.ops = 3600000;  // 1,000 requests/s from 20,000 users
  const CostReport c = compute_cost(spec, m, 0, kHour);
  // The ALB closes a connection idle for 60 s: a user's next request, 20 s later on average,
  // finds it closed e^-3 of the time (49.8 new connections/s, 2 LCU); each user's connection is
  // open 1 - e^-3 of the time (19,004 active, 6.3 LCU: the largest).
  const double active = 20000 * (1 - std::exp(-3.0));
  CHECK(c.by_service.at("elb") == usd(0.0225 + active / 3000 * 0.008));

  const ScenarioSpec idle = load_users("20000", "20s",
                                       "  lb: {type: elb, targets: web, idle_timeout: 10s}\n"
                                       "  web: {type: ec2, count: 2, cpu: 1ms}\n",
                                       traffic);
  Model m2 = fixed_fleet(idle, kHour);
  state(m2, "lb").tally.ops = 3600000;
  // Closed after 10 s: e^-0.5 of the requests open a connection, 606.5/s or 24.3 LCU.
  CHECK(compute_cost(idle, m2, 0, kHour).by_service.at("elb") == usd(0.0225 + 1000 * std::exp(-0.5) / 25 * 0.008));
}

TEST_CASE("cost: an ALB's processed bytes are its requests and its responses") {
  const ScenarioSpec spec = load_cost("  lb: {type: elb, targets: web}\n  web: {type: ec2, count: 2, cpu: 1ms}\n",
                                 "  - {name: all, share: 100%, path: [lb, web], bytes: 10KB}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "lb").tally.bytes = 2e9;
  state(m, "lb").tally.request_bytes = 1e9;
  const CostReport c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_service.at("elb") == usd(0.0225 + 3 * 0.008));
  CHECK(c.by_service.at("data_transfer") == usd(2 * 0.09));
}

TEST_CASE("cost: Lambda's GB-seconds go through each architecture's monthly tiers") {
  const ScenarioSpec spec = load_cost(
      "  a: {type: lambda, memory: 1024MB, duration: 100ms}\n"
      "  b: {type: lambda, memory: 1024MB, duration: 100ms}\n"
      "  arm: {type: lambda, memory: 1024MB, duration: 100ms, arch: arm64}\n",
      "  - {name: a, share: 40%, path: [a]}\n"
      "  - {name: b, share: 40%, path: [b]}\n"
      "  - {name: c, share: 20%, path: [arm]}\n");
  Model m = fixed_fleet(spec, kHour);
  m.functions[static_cast<std::size_t>(comp(m, "a").ext)].billed_ms = 15e6 * 1000;  // 15 million GB-s
  m.functions[static_cast<std::size_t>(comp(m, "b").ext)].billed_ms = 5e6 * 1000;
  m.functions[static_cast<std::size_t>(comp(m, "arm").ext)].billed_ms = 30e6 * 1000;
  const CostReport c = compute_cost(spec, m, 0, kHour);
  // x86: 20 million GB-s an hour, 14.6 billion a month: 6 billion at $0.0000166667 and 8.6 billion
  // at $0.000015, three quarters of it for a. Arm: 21.9 billion a month: 7.5 billion at
  // $0.0000133334, 11.25 billion at $0.0000120001, 3.15 billion at $0.0000106667 (sources.md §7a).
  const double x86 = (6e9 * 0.0000166667 + 8.6e9 * 0.000015) / 730;
  const double arm = (7.5e9 * 0.0000133334 + 11.25e9 * 0.0000120001 + 3.15e9 * 0.0000106667) / 730;
  CHECK(c.by_component.at("a") == usd(0.75 * x86));
  CHECK(c.by_component.at("b") == usd(0.25 * x86));
  CHECK(c.by_component.at("arm") == usd(arm));
}

TEST_CASE("cost: API Gateway's REST requests go through their four monthly tiers") {
  const ScenarioSpec spec = load_cost("  rest: {type: apigateway}\n  fn: {type: lambda, duration: 1ms}\n",
                                 "  - {name: a, share: 100%, path: [rest, fn]}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "rest").tally.ops = 30000000;  // 21.9 billion a month
  const CostReport c = compute_cost(spec, m, 0, kHour);
  CHECK(c.by_component.at("rest") == usd((333 * 3.50 + 667 * 2.80 + 19000 * 2.38 + 1900 * 1.51) / 730));
}

TEST_CASE("cost: CloudFront's tiers count every distribution of the account together") {
  const ScenarioSpec spec = load_cost(
      "  one: {type: cloudfront, origin: assets}\n  two: {type: cloudfront, origin: assets}\n  assets: {type: s3}\n",
      "  - {name: a, share: 50%, path: [one], bytes: 100KB}\n  - {name: b, share: 50%, path: [two], bytes: 100KB}\n");
  Model m = fixed_fleet(spec, kHour);
  state(m, "one").tally.bytes = 50e9;
  state(m, "two").tally.bytes = 50e9;
  const CostReport c = compute_cost(spec, m, 0, kHour);
  const double hour = (10e3 * 0.085 + 40e3 * 0.080 + 23e3 * 0.060) / 730;
  CHECK(c.by_component.at("one") == usd(hour / 2));
  CHECK(c.by_service.at("cloudfront") == usd(hour));
}

TEST_CASE("cost: each hop carries the request and the page up to the hop that makes the page, a query and its result beyond") {
  const ScenarioSpec spec = load_cost(
      "  lb: {type: elb, targets: web}\n  web: {type: ec2, count: 2, cpu: 1ms}\n"
      "  sessions: {type: dynamodb, item_size: 3KB}\n"
      "  cache: {type: elasticache, hit_ratio: 80%}\n  db: {type: rds, result_size: 2KB}\n",
      "  - {name: browse, share: 100%, path: [lb, web, sessions.read, cache, db.read], bytes: 20KB, "
      "request_bytes: 1500B}\n");
  const Model m = build_model(spec, 1);
  const auto& hops = m.classes[0].hops;
  REQUIRE(hops.size() == 5);
  CHECK(hops[0].request_bytes == 1500);
  CHECK(hops[0].response_bytes == 20000);
  CHECK(hops[1].request_bytes == 1500);
  CHECK(hops[1].response_bytes == 20000);
  CHECK(hops[2].request_bytes == 200);
  CHECK(hops[2].response_bytes == 3000);
  CHECK(hops[3].response_bytes == 1000);
  CHECK(hops[4].request_bytes == 200);
  CHECK(hops[4].response_bytes == 2000);
}

TEST_CASE("cost: an ALB's hops to targets in other AZs are free; a web server's queries to a database in another AZ are charged both ways") {
  ScenarioSpec spec = load_scenario_text(
      "duration: 12m\nwarmup: 2m\nload: {users: 2000, think_time: 20s}\n"
      "traffic: [{name: all, share: 100%, path: [lb, web, db.read]}]\ncomponents:\n"
      "  lb: {type: elb, targets: web, azs: [a, b]}\n"
      "  web: {type: ec2, instance: m5.large, count: 2, azs: [b], cpu: 1ms}\n"
      "  db: {type: rds, instance: db.m5.large, azs: [a], storage: 0GB}\n",
      "azs.yaml", {});
  const Report r = simulate(spec);
  double queries = 0;
  for (const auto& [name, cr] : r.components)
    if (name == "db") queries = cr.throughput_rps * 600;
  REQUIRE(queries > 50000);
  CHECK(r.cost.by_component.at("web") == usd(r.cost.by_service.at("ec2")));
  // Every query crosses from b to a: 200 bytes there, its 1 KB result back, each charged $0.01/GB
  // out and in (sources.md §5).
  CHECK(r.cost.by_service.at("data_transfer") == Approx(queries * 1200 * 2 * 0.01 / 1e9).epsilon(0.01));
  CHECK(r.cost.by_component.at("db") - 0.171 / 6 == Approx(r.cost.by_service.at("data_transfer")).epsilon(1e-4));
}

TEST_CASE("cost: a NAT gateway bills each AZ's gateway-hours and every GB it processes both ways; its calls out are egress") {
  const ScenarioSpec spec = load_cost("  lb: {type: elb, targets: web}\n"
                                 "  web: {type: ec2, count: 2, azs: [a, b], cpu: 1ms}\n"
                                 "  payments: {type: nat_gateway, azs: [a, b], request_size: 3KB, result_size: 1KB}\n",
                                 "  - {name: pay, share: 100%, path: [lb, web, payments], bytes: 2KB}\n");
  Model m = fixed_fleet(spec, 10 * kHour);
  // The calls' bytes: what each sends and what the payment API answers (build_model.cpp).
  const auto& hops = m.classes[0].hops;
  REQUIRE(hops.size() == 3);
  CHECK(hops[1].response_bytes == 2000);  // the web tier still makes the page
  CHECK(hops[2].request_bytes == 3000);
  CHECK(hops[2].response_bytes == 1000);
  state(m, "payments").tally.request_bytes = 3e6 * 3000;  // 3 million calls in 10 hours
  state(m, "payments").tally.bytes = 3e6 * 1000;
  const CostReport c = compute_cost(spec, m, 0, 10 * kHour);
  // Two gateways for 10 hours at $0.045, 12 GB processed at $0.045 (sources.md §16).
  CHECK(c.by_service.at("nat_gateway") == usd(2 * 10 * 0.045 + 12 * 0.045));
  // The 9 GB of calls go out to the internet: 657 GB a month, inside the first tier at $0.09.
  CHECK(c.by_component.at("payments") == usd(2 * 10 * 0.045 + 12 * 0.045 + 9 * 0.09));

  const ScenarioSpec one = load_cost("  web: {type: ec2, count: 1, cpu: 1ms}\n  out: {type: nat_gateway}\n",
                                "  - {name: all, share: 100%, path: [web, out]}\n");
  const Model idle = fixed_fleet(one, kHour);
  CHECK(compute_cost(one, idle, 0, kHour).by_component.at("out") == usd(0.045));
}
