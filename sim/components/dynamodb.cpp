// dynamodb: a DynamoDB table (spec.md §3): capacity in request units (on-demand) or provisioned
// RCU/WCU with burst credit; item sizes in 4 KB read / 1 KB write units; a hot key's partition
// ceiling; a stream polled by a Lambda consumer.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "components/streams.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace dynamodb_detail {

void read_dynamodb(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.dynamodb");
  DynamoSpec e;
  // sources.md §12: GetItem in "single-digit ms" (≈2-5 ms, an estimate): 5 ms, exponential.
  e.latency = exponential_dist(5 * kMillisecond, c.loc);
  if (auto v = r.choice(m.get("mode"), *s.find("mode")))
    e.mode = *v;
  else if (m.has("mode"))
    return;  // reported; rcu and wcu would be judged against a guessed mode
  if (auto v = r.count(m.get("rcu"), /*positive=*/true)) e.rcu = *v;
  if (auto v = r.count(m.get("wcu"), /*positive=*/true)) e.wcu = *v;
  if (auto d = read_dist(r, m.get("latency"))) e.latency = *d;
  if (auto v = r.size(m.get("item_size"))) {
    // An item is at most 400 KB (DynamoDB developer guide, service quotas).
    if (*v <= 0 || *v > 400e3) r.error(m.get("item_size"), "an item is 1B-400KB");
    else e.item_size = *v;
  }
  if (auto v = r.choice(m.get("consistency"), *s.find("consistency"))) e.consistency = *v;
  if (auto v = r.fraction(m.get("hot_key"))) e.hot_key = *v;
  if (m.has("warm")) {
    const MapReader w(r, m.get("warm"), scenario_registry().at("warm"));
    if (auto v = r.count(w.get("read"), /*positive=*/true)) e.warm_read = *v;
    if (auto v = r.count(w.get("write"), /*positive=*/true)) e.warm_write = *v;
  }
  if (m.has("quota")) {
    const MapReader q(r, m.get("quota"), scenario_registry().at("quota"));
    if (auto v = r.count(q.get("read"), /*positive=*/true)) e.quota_read = *v;
    if (auto v = r.count(q.get("write"), /*positive=*/true)) e.quota_write = *v;
  }
  if (auto v = r.size(m.get("storage"))) e.storage = *v;
  if (m.has("stream")) {
    const MapReader st(r, m.get("stream"), scenario_registry().at("stream"));
    e.stream = read_consumer(r, st, "consumer");
  }
  if (m.has("warm") && e.mode == "provisioned")
    r.error(m.get("warm"), "warm goes with mode: on_demand (a provisioned table serves its rcu and wcu)");
  const bool provisioned = e.mode == "provisioned";
  for (const auto& [key, what] : {std::pair{"rcu", "read"}, std::pair{"wcu", "write"}}) {
    if (provisioned && !m.has(key))
      r.error_at(m.loc(), m.path(),
                 std::string("missing ") + key + " (a provisioned table needs its " + what +
                     " capacity units)");
    if (!provisioned && m.has(key))
      r.error(m.get(key), std::string(key) +
                              " goes with mode: provisioned (an on-demand table has no "
                              "provisioned capacity)");
  }
  c.kind = e;
}

}  // namespace dynamodb_detail
}  // namespace headroom::yaml

namespace headroom {
namespace dynamodb_detail {

/// A table's change stream: polled four times a second (Lambda developer guide, "How Lambda
/// processes records from DynamoDB Streams"), records kept 24 h, a shard's limits taken as a
/// data stream's (not documented separately: an estimate), reads not billed to the consumer.
constexpr StreamTraits kChangeStream{.data_stream = false,
                                     .poll_interval = 250 * kMillisecond,
                                     .shard_records_in = 1000,
                                     .shard_bytes_in = 1e6,
                                     .shard_bytes_out = 2e6,
                                     .retention = kDay,
                                     .payload_unit = 0};

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  if (const ConsumerSpec* k = c.consumer()) check_consumer(spec, *k, "components." + c.name + ".stream.consumer", out);
}

void params(ParamRegistry& r) {
  r.add(with_rules(component("dynamodb", yaml::dynamodb_detail::read_dynamodb, "A DynamoDB table; ops read and write. Mid-path, a call its caller makes before going on.",
                  {one_of("mode", {"on_demand", "provisioned"}, "on_demand", "capacity mode"),
                   opt("rcu", K::Count, "", "read capacity units; required with provisioned (300 s of unused capacity bursts)"),
                   opt("wcu", K::Count, "", "write capacity units; required with provisioned"),
                   opt("latency", K::Distribution, "5ms",
                       "one operation (sources.md §12: single-digit ms, an estimate)"),
                   opt("item_size", K::Size, "1KB", "bytes per item: reads take a unit per 4 KB, writes per 1 KB (sources.md §6)"),
                   one_of("consistency", {"eventual", "strong"}, "eventual", "reads: eventual costs half a unit"),
                   opt("hot_key", K::Fraction, "0%", "share of operations on one key: its partition serves at most 3,000 RCU and 1,000 WCU per second"),
                   opt("warm", K::Map, "{read: 12000, write: 4000}", "on-demand: units/s it serves at once (a new table's; warm throughput raises it)"),
                   opt("quota", K::Map, "{read: 40000, write: 40000}", "the table's throughput quota, units/s (sources.md §6)"),
                   opt("storage", K::Size, "0B", "stored bytes, for cost"),
                   opt("stream", K::Map, "", "DynamoDB Streams: {consumer: a lambda, batch_size, batch_window}")}), HopRules{.operations = {"read", "write"}, .operation_required = true, .noun = "a dynamodb table", .no_instance_faults = "a regional serverless service does not fail by instance here; its limits are how it fails (throttles: lower its quota with --set to break it)", .record_sink = "write"}, validate));
  r.add(section("warm", "On-demand capacity served at once, in units per second.",
                {opt("read", K::Count, "12000", "read units/s"), opt("write", K::Count, "4000", "write units/s")}));
  r.add(section("quota", "The table's throughput quota, in units per second.",
                {opt("read", K::Count, "40000", "read units/s"), opt("write", K::Count, "40000", "write units/s")}));
  r.add(section("stream", "DynamoDB Streams with a Lambda consumer.",
                {req("consumer", K::Reference, "a lambda component"),
                 opt("batch_size", K::Integer, "100", "records per invocation at most (1-10000)"),
                 opt("batch_window", K::Time, "0s", "gather records this long before invoking (0-300 s)")}));
}

/// Partitions a table needs for its provisioned capacity (3,000 RCU and 1,000 WCU each,
/// sources.md §6); at least one. Its stream has as many shards.
int table_partitions(const DynamoSpec& t) {
  const double need = t.mode == "provisioned" ? t.rcu / 3000 + t.wcu / 1000
                                              : std::max(t.warm_read, 12000.0) / 3000 + std::max(t.warm_write, 4000.0) / 1000;
  return std::max(1, static_cast<int>(std::ceil(need - 1e-9)));
}

Table build_table(const DynamoSpec& t, std::uint16_t id, Rng rng) {
  Table tb;
  tb.component = id;
  // Reads: a unit per 4 KB, half for an eventually consistent one; writes: a unit per 1 KB
  // (sources.md §6).
  tb.read_units = std::ceil(t.item_size / 4096.0) * (t.consistency == "strong" ? 1.0 : 0.5);
  tb.write_units = std::ceil(t.item_size / 1024.0);
  const bool provisioned = t.mode == "provisioned";
  tb.read.provisioned = tb.write.provisioned = provisioned;
  if (provisioned) {
    // Unused capacity is kept as burst credit for up to 300 s (sources.md §6; DynamoDB
    // developer guide, "Burst capacity"); the bucket starts full.
    tb.read.bucket = TokenBucket(t.rcu, 300 * t.rcu);
    tb.write.bucket = TokenBucket(t.wcu, 300 * t.wcu);
  }
  // A new on-demand table serves 12,000 read and 4,000 write units per second at once
  // (DynamoDB developer guide, "Initial throughput for on-demand capacity mode"; E).
  tb.read.warm = t.warm_read > 0 ? t.warm_read : 12000;
  tb.write.warm = t.warm_write > 0 ? t.warm_write : 4000;
  tb.read.quota = t.quota_read;
  tb.write.quota = t.quota_write;
  tb.hot_key = t.hot_key;
  tb.rng = rng;
  return tb;
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& ddb = std::get<DynamoSpec>(cs.kind);
  Model& m = b.model;
  c.op = dist_or(ddb.latency, 5 * kMillisecond);  // sources.md §12: single-digit ms (E)
  c.ext = static_cast<std::int32_t>(m.tables.size());
  m.tables.push_back(build_table(ddb, id, b.stream(cs, "keys")));
  if (ddb.stream) {
    m.tables.back().stream = static_cast<std::int32_t>(m.streams.size());
    m.streams.push_back(build_stream(id, kChangeStream, 0, *ddb.stream, table_partitions(ddb),
                                     b.stream(cs, "stream")));
  }
  b.add_instance(id, kNoAz, 0);
}

/// Its stream's consumer, a lambda component, once every component is built.
void link(BuildContext& b, const ComponentSpec& cs, std::uint16_t id) {
  const auto& ddb = std::get<DynamoSpec>(cs.kind);
  Model& m = b.model;
  const Table& t = m.tables[static_cast<std::size_t>(m.components[id].ext)];
  if (t.stream < 0) return;
  m.streams[static_cast<std::size_t>(t.stream)].consumer = m.components[b.id_of(ddb.stream->function)].ext;
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& ddb = std::get<DynamoSpec>(cs.kind);
  const Component& c = b.model.components[id];
  const Table& t = b.model.tables[static_cast<std::size_t>(c.ext)];
  if (ddb.mode == "provisioned") {
    out.add("dynamodb", c.name,
            b.hours * (ddb.rcu * b.rate("dynamodb", "provisioned_read") + ddb.wcu * b.rate("dynamodb", "provisioned_write")));
  } else {
    // The request units consumed: a read unit per 4 KB (half when eventually consistent),
    // a write unit per 1 KB (sources.md §6, O).
    out.add("dynamodb", c.name, t.read_units_used / 1e6 * b.rate("dynamodb", "on_demand_reads"));
    out.add("dynamodb", c.name, t.write_units_used / 1e6 * b.rate("dynamodb", "on_demand_writes"));
  }
  out.add("dynamodb", c.name, ddb.storage / 1e9 * b.months * b.rate("dynamodb", "storage"));
}

void figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Model& m = f.model;
  const Table& t = m.tables[static_cast<std::size_t>(m.components[id].ext)];
  auto add = [&](ComponentStat key, double v) { cr.stats.emplace_back(key, v); };
  {
    Table probe = t;  // the ceilings as they stood at the end
    const double rc = probe.read.ceiling(f.end), wc = probe.write.ceiling(f.end);
    cr.utilization = std::max(t.read_units_used / f.window_s / rc, t.write_units_used / f.window_s / wc);
  }
  add(ComponentStat::Throttled, static_cast<double>(t.throttled));
  add(ComponentStat::ReadUnitsPerS, t.read_units_used / f.window_s);
  add(ComponentStat::WriteUnitsPerS, t.write_units_used / f.window_s);
  if (t.stream >= 0) {
    const Stream& s = m.streams[static_cast<std::size_t>(t.stream)];
    add(ComponentStat::StreamRecords, static_cast<double>(s.accepted));
    add(ComponentStat::StreamRecordsProcessed, static_cast<double>(s.processed));
    add(ComponentStat::StreamIteratorAgeMaxMs, to_seconds(s.age_max) * 1e3);
  }
}

LimitShare limit_share(const Model& m, std::uint16_t id, const AnalyticLoad& load) {
  Table t = m.tables[static_cast<std::size_t>(m.components[id].ext)];
  const double rc = t.read.ceiling(0), wc = t.write.ceiling(0);
  double used = std::max(load.reads * t.read_units / rc, load.writes * t.write_units / wc);
  // A hot key's partition serves at most 3,000 RCU and 1,000 WCU (sources.md §6).
  if (t.hot_key > 0)
    used = std::max({used, load.reads * t.read_units * t.hot_key / 3000, load.writes * t.write_units * t.hot_key / 1000});
  return {used, t.read.provisioned ? "provisioned capacity (burst credit aside)"
                                   : "on-demand: the warm throughput (twice the previous peak after 30 min)"};
}

std::string summary(const ComponentReport& c) {
  using S = ComponentStat;
  std::string line = fmt::format("read {:.0f} / write {:.0f} units/s, throttled {:.0f}", c.stat(S::ReadUnitsPerS),
                                 c.stat(S::WriteUnitsPerS), c.stat(S::Throttled));
  if (c.stat(S::StreamRecords) > 0)
    line += fmt::format(", stream iterator age max {}", age_text(c.stat(S::StreamIteratorAgeMaxMs)));
  return line;
}

void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& ddb = std::get<DynamoSpec>(cs.kind);
  n.detail = ddb.mode == "provisioned" ? fmt::format("provisioned {:g} RCU / {:g} WCU", ddb.rcu, ddb.wcu) : "on-demand";
}

void draw_edges(const ComponentSpec& cs, TopologyGraph& g) {
  if (const ConsumerSpec* k = cs.consumer()) add_edge(g, cs.name, k->function, "stream", true);
}

}  // namespace dynamodb_detail

const ComponentKind& dynamodb_kind() {
  using namespace dynamodb_detail;
  static const ComponentKind kind{.type = "dynamodb",
                                  .hop = HopKind::Table,
                                  .params = params,
                                  .build = build,
                                  .link = link,
                                  .bill = bill,
                                  .figures = figures,
                                  .limit_share = limit_share,
                                  .draw = draw,
                                  .draw_edges = draw_edges,
                                  .summary = summary,
                                  .when_busy = "throttle",
                                  .when_refusing = "throttle"};
  return kind;
}

}  // namespace headroom
