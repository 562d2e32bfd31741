// The serverless services against their documented behaviour (issue 5's proof): API Gateway's
// token bucket, Lambda's environments, concurrency and scale-out rate, Kinesis shard limits and
// iterator age, DynamoDB burst credit, on-demand ceilings and hot keys, Firehose buffering, and
// the asynchronous hop. Each figure is exact arithmetic on the limit (a token bucket passes
// rate × T + burst when demand exceeds it throughout) or a ratio with a tolerance stated here.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "headroom/analysis/analytic.hpp"
#include "headroom/run/simulate.hpp"
#include "support/loader.hpp"

using namespace headroom;
using namespace headroom::testing;
using S = ComponentStat;

namespace {

const ComponentReport& component(const Report& r, const std::string& name) {
  for (const auto& [n, c] : r.components)
    if (n == name) return c;
  FAIL("no component " << name);
  return r.components.front().second;
}

double stat(const Report& r, const std::string& comp, ComponentStat key) {
  for (const auto& [k, v] : component(r, comp).stats)
    if (k == key) return v;
  FAIL("no stat " << stat_info(key).name << " on " << comp);
  return 0;
}

/// A scenario of constant Poisson load `rate`/s for `duration` (no warmup: every request counts),
/// one class through `path`, with `components`.
ScenarioSpec scenario(double rate, const std::string& duration, const std::string& path, const std::string& components,
                      const std::string& bytes = "1KB") {
  return load("duration: " + duration + "\nload: {rate: " + std::to_string(rate) +
              "}\ntraffic: [{name: all, share: 100%, path: [" + path + "], bytes: " + bytes + "}]\ncomponents:\n" +
              components);
}

}  // namespace

TEST_CASE("apigateway: the throttle passes rate x T + burst under overload, and nothing beyond") {
  const auto s = scenario(1000, "60s", "api, fn",
                          "  api: {type: apigateway, throttle: {rate: 100/s, burst: 50}}\n"
                          "  fn: {type: lambda, duration: 1ms}\n");
  const Report r = simulate(s);
  const double passed = static_cast<double>(r.offered) - stat(r, "api", S::Throttled);
  // Offered ~1,000/s drains the bucket at once and keeps it empty: 50 + 100 × 60.
  CHECK(passed == doctest::Approx(50 + 100 * 60).epsilon(1.0 / 6050));
  CHECK(r.errors.throttled == static_cast<std::uint64_t>(stat(r, "api", S::Throttled)));
  // Below its rate, with bursts inside the bucket, nothing is refused.
  const Report calm = simulate(scenario(20, "60s", "api, fn",
                                        "  api: {type: apigateway, throttle: {rate: 100/s, burst: 50}}\n"
                                        "  fn: {type: lambda, duration: 1ms}\n"));
  CHECK(calm.errors.throttled == 0);
}

TEST_CASE("apigateway: an integration slower than its timeout is a 504") {
  const Report r = simulate(scenario(5, "60s", "api, fn",
                                     "  api: {type: apigateway, timeout: 1s}\n"
                                     "  fn: {type: lambda, duration: {mean: 2s, dist: deterministic}, timeout: 10s}\n"));
  CHECK(r.completed > 200);
  CHECK(r.errors.timeout == r.completed);
}

TEST_CASE("lambda: a cold start happens exactly when no idle environment is free") {
  // Environments never expire here: every cold start adds one, and one is added only when all
  // are busy, so the cold starts equal the peak concurrency.
  const Report r = simulate(scenario(500, "5m", "fn", "  fn: {type: lambda, duration: 40ms, keep_warm: 1h}\n"));
  CHECK(stat(r, "fn", S::ColdStarts) == stat(r, "fn", S::ConcurrencyMax));
  CHECK(stat(r, "fn", S::ColdStarts) > 20);
}

TEST_CASE("lambda: an environment idle longer than keep_warm is gone: P(cold) = exp(-rate x keep_warm)") {
  // One call a second on average, 1 ms each and a 1 ms init, environments kept 1 s: a call finds
  // the last environment if it comes 1-2 ms to 1.001 s after the previous call's start, so
  // P(cold) = exp(-1.001) + P(gap < ~1.5 ms) = 0.3675 + 0.0015 (Poisson gaps). A long init
  // would keep the environment busy and raise the share (a cold start breeds cold starts).
  const Report r = simulate(scenario(1, "4h", "fn",
                                     "  fn: {type: lambda, duration: {mean: 1ms, dist: deterministic}, "
                                     "cold_start: {mean: 1ms, dist: deterministic}, keep_warm: 1s}\n"));
  const double n = stat(r, "fn", S::Invocations);
  const double p = std::exp(-1.001) + 0.0015;
  CHECK(n > 13000);
  // 4 standard errors of a proportion over n calls (SE ~ 0.004), absolute.
  CHECK(std::abs(stat(r, "fn", S::ColdStartShare) - p) < 4 * std::sqrt(p * (1 - p) / n));
}

TEST_CASE("lambda: the cold-start share falls as load steadies") {
  const std::string fn = "  fn: {type: lambda, duration: 100ms}\n";
  const Report first_minute = simulate(scenario(200, "1m", "fn", fn));
  const Report ten_minutes = simulate(scenario(200, "10m", "fn", fn));
  ScenarioSpec later = scenario(200, "10m", "fn", fn);
  later.warmup = 2 * kMinute;
  const Report steady = simulate(later);
  CHECK(stat(first_minute, "fn", S::ColdStartShare) > 0.002);
  CHECK(stat(ten_minutes, "fn", S::ColdStartShare) < stat(first_minute, "fn", S::ColdStartShare) / 5);
  // In steady state the pool covers the Poisson peaks: cold starts only when concurrency
  // exceeds every earlier peak, a handful in 8 minutes.
  CHECK(stat(steady, "fn", S::ColdStartShare) < 1e-4);
  // Cold starts add their init to the latency: the first minute's tail carries them.
  CHECK(first_minute.latency_ms.max > 200);
}

TEST_CASE("lambda: the account concurrency limit caps executions and throttles the rest") {
  // 1,000/s of 1 s invocations need 1,000 environments; the account allows 200.
  const Report r = simulate(scenario(1000, "2m", "fn",
                                     "  fn: {type: lambda, duration: {mean: 1s, dist: deterministic}, concurrency: 200}\n"));
  CHECK(stat(r, "fn", S::ConcurrencyMax) == 200);
  const double throttled = stat(r, "fn", S::Throttled);
  const double share = throttled / static_cast<double>(r.offered);
  CHECK(std::abs(share - 0.8) < 0.01);  // the first second's 200 pass too: 24,000 of ~120,000
  CHECK(r.errors.throttled == static_cast<std::uint64_t>(throttled));
  // A reservation is the function's own ceiling.
  const Report reserved = simulate(scenario(1000, "1m", "fn",
                                            "  fn: {type: lambda, duration: {mean: 1s, dist: deterministic}, reserved: 50}\n"));
  CHECK(stat(reserved, "fn", S::ConcurrencyMax) == 50);
}

TEST_CASE("lambda: new environments come at 1,000 at once, then 1,000 every 10 s") {
  // 50,000/s of 100 ms calls need 5,000 environments from the first second; the limit allows
  // 10,000. After 10 s the function can have created 1,000 + 100 × 10 of them.
  const Report r = simulate(scenario(50000, "10s", "fn",
                                     "  fn: {type: lambda, duration: {mean: 100ms, dist: deterministic}, concurrency: 10000}\n"));
  CHECK(stat(r, "fn", S::ColdStarts) >= 1999);
  CHECK(stat(r, "fn", S::ColdStarts) <= 2001);
  CHECK(stat(r, "fn", S::Throttled) > 0);
}

TEST_CASE("lambda: provisioned concurrency serves without cold starts") {
  const Report r = simulate(scenario(100, "2m", "fn", "  fn: {type: lambda, duration: 50ms, provisioned: 40}\n"));
  CHECK(stat(r, "fn", S::ColdStarts) == 0);
  CHECK(stat(r, "fn", S::Invocations) > 10000);
}

TEST_CASE("kinesis: a shard takes 1,000 records/s or 1 MB/s and throttles the rest") {
  const std::string k = "  events: {type: kinesis, shards: 2}\n";
  const Report records = simulate(scenario(5000, "30s", "events.put", k, "1KB"));
  // Each shard's bucket holds a second: 1,000 at once, then 1,000/s (within a few records: a
  // refilled token waits for the next arrival, which may come after the end).
  CHECK(stat(records, "events", S::RecordsAccepted) == doctest::Approx(2 * (1000 + 1000 * 30)).epsilon(6.0 / 62000));
  CHECK(records.errors.throttled == static_cast<std::uint64_t>(stat(records, "events", S::Throttled)));
  // 10 KB records: 1 MB/s is 100 of them per second per shard.
  const Report bytes = simulate(scenario(1000, "30s", "events.put", k, "10KB"));
  CHECK(stat(bytes, "events", S::RecordsAccepted) == doctest::Approx(2 * (100 + 100 * 30)).epsilon(6.0 / 6200));
}

TEST_CASE("kinesis: the iterator age grows when the consumer is slower than the producers") {
  // One shard gets 500 records/s; the consumer needs 5 ms a record: at most 200/s.
  const std::string slow = "  events: {type: kinesis, shards: 1, consumer: proc}\n"
                           "  proc: {type: lambda, duration: 10ms, per_record: {mean: 5ms, dist: deterministic}}\n";
  const Report r = simulate(scenario(500, "10m", "events.put", slow));
  // The backlog grows by 300 records/s; the oldest unread record is 0.6 × t old at time t.
  CHECK(stat(r, "events", S::IteratorAgeMaxMs) > 0.5 * 600e3);
  const auto& age = component(r, "events").series;
  REQUIRE(age.size() == 10);
  for (std::size_t k = 2; k < age.size(); ++k) CHECK(age[k] > age[k - 1]);
  CHECK(stat(r, "events", S::RecordsPending) > 0.5 * 300 * 600);
  // A consumer that keeps up stays within its polling interval and one batch.
  const std::string fast = "  events: {type: kinesis, shards: 1, consumer: proc}\n"
                           "  proc: {type: lambda, duration: 10ms, per_record: {mean: 100us, dist: deterministic}}\n";
  const Report ok = simulate(scenario(500, "10m", "events.put", fast));
  CHECK(stat(ok, "events", S::IteratorAgeMaxMs) < 1500);
}

TEST_CASE("async: a request ends when the stream accepts it; the consumer's work is freshness") {
  const std::string pipeline = "  api: {type: apigateway}\n"
                               "  events: {type: kinesis, shards: 1, consumer: proc}\n"
                               "  proc: {type: lambda, duration: {mean: 3s, dist: deterministic}, timeout: 10s, output: [table.write]}\n"
                               "  table: {type: dynamodb}\n";
  const Report r = simulate(scenario(100, "5m", "api, events.put", pipeline));
  CHECK(r.latency_ms.p99 < 200);
  REQUIRE(component(r, "table").has_freshness);
  // Each record waits for the poll (up to 1 s) and whole 3 s batches: seconds, not milliseconds.
  CHECK(component(r, "table").freshness_ms.p50 > 3000);
  CHECK(stat(r, "events", S::RecordsProcessed) > 0);
}

TEST_CASE("dynamodb: a provisioned table throttles once its 300 s of burst credit is spent") {
  const std::string table = "  db: {type: dynamodb, mode: provisioned, rcu: 10, wcu: 100}\n";
  // 200 writes/s against 100 WCU: the credit (300 × 100) lasts 300 s.
  const Report early = simulate(scenario(200, "250s", "db.write", table));
  CHECK(early.errors.throttled == 0);
  const Report r = simulate(scenario(200, "600s", "db.write", table));
  const double passed = static_cast<double>(r.offered - r.errors.throttled);
  CHECK(passed == doctest::Approx(300 * 100 + 100 * 600).epsilon(2.0 / 90000));
  // Items over 1 KB take a unit per KB: 2.5 KB items cost 3 WCU.
  const Report big = simulate(scenario(20, "600s", "db.write",
                                       "  db: {type: dynamodb, mode: provisioned, rcu: 10, wcu: 100, item_size: 2.5KB}\n"));
  CHECK(stat(big, "db", S::WriteUnitsPerS) == doctest::Approx(60).epsilon(0.03));
}

TEST_CASE("dynamodb: on demand serves a new table's 4,000 writes/s at once and throttles beyond") {
  const Report r = simulate(scenario(6000, "60s", "db.write", "  db: {type: dynamodb}\n"));
  // Every second serves exactly the ceiling.
  CHECK(static_cast<double>(r.offered - r.errors.throttled) == doctest::Approx(4000 * 60).epsilon(0.001));
  const Report warm = simulate(scenario(6000, "60s", "db.write", "  db: {type: dynamodb, warm: {write: 10000}}\n"));
  CHECK(warm.errors.throttled == 0);
}

TEST_CASE("dynamodb: a hot key is held to its partition's 1,000 WCU") {
  // Half of 3,000 writes/s go to one key: 1,500/s against 1,000.
  const Report r = simulate(scenario(3000, "60s", "db.write", "  db: {type: dynamodb, hot_key: 50%}\n"));
  const double share = static_cast<double>(r.errors.throttled) / static_cast<double>(r.offered);
  // Over 60 s the key's partition passes its bucket's 1,000 and then 1,000/s: of 90,000 hot
  // writes 61,000 pass, 29,000 of 180,000 fail. Poisson noise is under 1%: allow 2%.
  const double expected = (1500.0 * 60 - (1000 + 1000.0 * 60)) / (3000.0 * 60);
  CHECK(std::abs(share - expected) < 0.02 * expected);
}

TEST_CASE("firehose: records land when the buffer interval or size fills") {
  const std::string by_time = "  lake: {type: firehose, destination: bucket, buffer: {size: 128MB, interval: 60s}}\n"
                              "  bucket: {type: s3, first_byte: {mean: 20ms, dist: deterministic}}\n";
  const Report r = simulate(scenario(100, "10m", "lake.put", by_time));
  const auto& f = component(r, "bucket").freshness_ms;
  // A buffer opened by its first record is delivered 60 s later: ages spread over 0-60 s,
  // uniform for Poisson arrivals, so a mean of ~30 s; plus the 20 ms PUT.
  CHECK(f.mean == doctest::Approx(30e3).epsilon(0.03));
  CHECK(f.max <= 60e3 + 20 + 1);
  CHECK(stat(r, "lake", S::Deliveries) == 9);  // the tenth is still buffering at the end
  // 1 MB buffers at 1,000 records/s of 1 KB fill in 1 s.
  const std::string by_size = "  lake: {type: firehose, destination: bucket, buffer: {size: 1MB, interval: 900s}}\n"
                              "  bucket: {type: s3}\n";
  const Report s = simulate(scenario(1000, "2m", "lake.put", by_size));
  CHECK(stat(s, "lake", S::Deliveries) == doctest::Approx(120).epsilon(0.03));
  CHECK(component(s, "bucket").freshness_ms.max < 2500);
}

TEST_CASE("az_outage: regional serverless services keep running through an AZ's loss") {
  ScenarioSpec s = scenario(100, "5m", "api, fn, events.put",
                            "  api: {type: apigateway}\n"
                            "  fn: {type: lambda, duration: 5ms}\n"
                            "  events: {type: kinesis, shards: 1}\n"
                            "  logs: {type: s3, azs: [a]}\n");
  FaultSpec f;
  f.kind = FaultSpec::Kind::AzOutage;
  f.target = "a";
  f.at = kMinute;
  f.repair = 2 * kMinute;
  s.faults = {f};
  const Report r = simulate(s);
  CHECK(r.offered > 20000);
  CHECK(r.errors.total() == 0);
}

TEST_CASE("analyze: a serverless stack saturates at its first documented limit") {
  // 50 requests/s per 1,000 users; API Gateway allows 2,000/s: 40,000 users. The function holds
  // an environment 100 ms: 2,000/s need 200 of the 150 reserved -> 30,000 users first.
  ScenarioSpec s = load("load: {users: 1000, think_time: 20s}\n"
                        "traffic: [{name: all, share: 100%, path: [api, fn]}]\ncomponents:\n"
                        "  api: {type: apigateway, throttle: {rate: 2000/s, burst: 1000}}\n"
                        "  fn: {type: lambda, duration: {mean: 100ms, dist: deterministic}, reserved: 150}\n");
  const AnalyticReport a = analyze(s);
  CHECK(a.bottleneck == "fn");
  CHECK(a.bottleneck_reason == "concurrency");
  CHECK(a.saturation_users == doctest::Approx(30000).epsilon(1e-9));
  CHECK(a.stations[0].saturation_users == doctest::Approx(40000).epsilon(1e-9));
}
