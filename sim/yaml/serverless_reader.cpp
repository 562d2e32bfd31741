// The serverless components (spec.md §3): lambda, apigateway, kinesis, firehose. Limits cite
// sources.md §7 (Lambda), §8 (API Gateway) and §9 (Kinesis, Firehose); checks that need other
// components (consumer, output, destination) are validate_scenario's.
#include <cmath>
#include <limits>

#include "headroom/core/units.hpp"
#include "readers.hpp"

namespace headroom::yaml {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

}  // namespace

std::optional<HopSpec> read_hop(Reader& r, const Field& f) {
  const auto text = r.scalar(f, "a hop such as web or db.read");
  if (!text) return std::nullopt;
  HopSpec hop;
  hop.loc = r.loc(f);
  const std::size_t dot = text->find('.');
  hop.component = text->substr(0, dot);
  if (dot != std::string::npos) hop.op = text->substr(dot + 1);
  if (hop.component.empty() || (dot != std::string::npos && hop.op.empty())) {
    r.error(f, "expected a hop such as web or db.read, found '" + *text + "'");
    return std::nullopt;
  }
  return hop;
}

std::optional<ConsumerSpec> read_consumer(Reader& r, const MapReader& m, const char* consumer_key) {
  if (!m.has(consumer_key)) {
    for (const char* key : {"batch_size", "batch_window"})
      if (m.has(key))
        r.error(m.get(key), std::string(key) + " goes with " + consumer_key +
                                ": (the lambda that polls the stream)");
    return std::nullopt;
  }
  ConsumerSpec c;
  c.loc = r.loc(m.get(consumer_key));
  if (auto v = r.name(m.get(consumer_key))) c.function = *v;
  // Event source mappings: batch size 1-10,000 for Kinesis and DynamoDB Streams, batching
  // window 0-300 s (Lambda developer guide, "Lambda event source mappings").
  if (auto v = r.integer(m.get("batch_size"), 1, 10000)) c.batch_size = static_cast<int>(*v);
  if (auto v = r.duration(m.get("batch_window"))) {
    if (*v > 300 * kSecond)
      r.error(m.get("batch_window"), "must be at most 300s (Lambda's maximum batching window), found " +
                                         format_duration(*v));
    else
      c.window = *v;
  }
  return c;
}

void read_lambda(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.lambda");
  LambdaSpec e;
  if (auto v = r.size(m.get("memory"))) {
    // Lambda's "MB" are MiB; a value written in MiB converts exactly, one in MB is taken as is.
    const double mb = std::fmod(*v, 1048576.0) == 0 ? *v / 1048576.0 : *v / 1e6;
    if (mb < 128 || mb > 10240)
      r.error(m.get("memory"), "must be 128MB-10240MB (sources.md §7b), found " + std::to_string(static_cast<long long>(mb)) + "MB");
    else
      e.memory_mb = mb;
  }
  if (auto d = read_dist(r, m.get("duration"))) e.duration = *d;
  if (auto d = read_dist(r, m.get("per_record"))) e.per_record = *d;
  if (auto v = r.choice(m.get("runtime"), *s.find("runtime"))) e.runtime = *v;
  if (auto d = read_dist(r, m.get("cold_start"))) e.cold_start = *d;
  if (auto v = r.choice(m.get("arch"), *s.find("arch"))) e.arch = *v;
  if (auto v = r.duration(m.get("keep_warm"), /*positive=*/true)) e.keep_warm = *v;
  if (auto v = r.integer(m.get("concurrency"), 1, kIntMax)) {
    e.concurrency = static_cast<int>(*v);
    e.concurrency_set = true;
  }
  if (auto v = r.integer(m.get("reserved"), 0, kIntMax)) e.reserved = static_cast<int>(*v);
  if (auto v = r.integer(m.get("provisioned"), 0, kIntMax)) e.provisioned = static_cast<int>(*v);
  if (auto v = r.duration(m.get("timeout"), /*positive=*/true)) {
    if (*v > 900 * kSecond)
      r.error(m.get("timeout"), "must be at most 900s (Lambda's maximum, sources.md §7b), found " + format_duration(*v));
    else
      e.timeout = *v;
  }
  if (m.has("output"))
    if (const auto hops = r.list(m.get("output"), "a list of operations such as [orders.write]"))
      for (const auto& hop : *hops)
        if (auto h = read_hop(r, hop)) e.output.push_back(std::move(*h));
  if (e.reserved > e.concurrency)
    r.error(m.get("reserved"), "reserved concurrency " + std::to_string(e.reserved) +
                                   " exceeds the account's concurrency " + std::to_string(e.concurrency));
  const int cap = e.reserved > 0 ? e.reserved : e.concurrency;
  if (e.provisioned > cap)
    r.error(m.get("provisioned"), "provisioned concurrency " + std::to_string(e.provisioned) + " exceeds the " +
                                      (e.reserved > 0 ? "reserved" : "account's") + " concurrency " +
                                      std::to_string(cap));
  c.kind = e;
}

void read_apigateway(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.apigateway");
  ApiGatewaySpec e;
  // No published overhead figure: ~10 ms (lognormal, cv 0.5) is an estimate (E).
  e.latency = lognormal_dist(10 * kMillisecond, 0.5, c.loc);
  if (auto v = r.choice(m.get("kind"), *s.find("kind"))) e.kind = *v;
  if (m.has("throttle")) {
    const MapReader t(r, m.get("throttle"), scenario_registry().at("throttle"));
    if (auto v = r.rate(t.get("rate"))) {
      if (*v <= 0) r.error(t.get("rate"), "must be positive (a zero throttle passes nothing)");
      else e.rate = *v;
    }
    if (auto v = r.count(t.get("burst"), /*positive=*/true)) e.burst = *v;
  }
  if (auto d = read_dist(r, m.get("latency"))) e.latency = *d;
  // Integration timeout 50 ms - 29 s (REST, raisable to 300 s since 2024) or 30 s (HTTP).
  if (auto v = r.duration(m.get("timeout"), /*positive=*/true)) {
    const Duration most = e.kind == "http" ? 30 * kSecond : 300 * kSecond;
    if (*v < 50 * kMillisecond || *v > most)
      r.error(m.get("timeout"), "an integration timeout is 50ms-" + format_duration(most) + " for a " + e.kind +
                                    " API (sources.md §8), found " + format_duration(*v));
    else
      e.timeout = *v;
  }
  c.kind = e;
}

void read_kinesis(Reader& r, const MapReader& m, ComponentSpec& c) {
  KinesisSpec e;
  // No published PutRecord latency (sources.md §12): ~15 ms (lognormal, cv 0.5) is an estimate (E).
  e.put_latency = lognormal_dist(15 * kMillisecond, 0.5, c.loc);
  // The default shard quota is 20,000 per account in us-east-1 (sources.md §9).
  if (auto v = r.integer(m.get("shards"), 1, 20000)) e.shards = static_cast<int>(*v);
  if (auto d = read_dist(r, m.get("put_latency"))) e.put_latency = *d;
  if (auto v = r.size(m.get("record_size"))) {
    if (*v <= 0 || *v > 1e6) r.error(m.get("record_size"), "a record is 1B-1MB (sources.md §9)");
    else e.record_size = *v;
  }
  e.consumer = read_consumer(r, m, "consumer");
  c.kind = e;
}

void read_firehose(Reader& r, const MapReader& m, ComponentSpec& c) {
  FirehoseSpec e;
  e.latency = lognormal_dist(15 * kMillisecond, 0.5, c.loc);  // an estimate (E), as Kinesis
  if (m.has("buffer")) {
    const MapReader b(r, m.get("buffer"), scenario_registry().at("buffer"));
    if (auto v = r.size(b.get("size"))) {
      if (*v < 1e6 || *v > 128 * 1048576.0)
        r.error(b.get("size"), "a buffer size is 1MB-128MiB (sources.md §9)");
      else
        e.buffer_size = *v;
    }
    if (auto v = r.duration(b.get("interval"))) {
      if (*v > 900 * kSecond) r.error(b.get("interval"), "a buffer interval is 0-900s (sources.md §9)");
      else e.buffer_interval = *v;
    }
  }
  if (auto v = r.name(m.get("destination"))) e.destination = *v;
  if (auto d = read_dist(r, m.get("latency"))) e.latency = *d;
  if (auto v = r.size(m.get("record_size"))) {
    if (*v <= 0 || *v > 1024000) r.error(m.get("record_size"), "a Firehose record is 1B-1000KiB");
    else e.record_size = *v;
  }
  c.kind = e;
}

}  // namespace headroom::yaml
