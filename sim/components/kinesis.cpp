// kinesis: a Kinesis data stream with provisioned shards (spec.md §3), optionally polled by a
// Lambda consumer. A request whose path ends at NAME.put returns when a shard accepts it.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "components/kind.hpp"
#include "components/streams.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace kinesis_detail {

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

}  // namespace kinesis_detail
}  // namespace headroom::yaml

namespace headroom {
namespace kinesis_detail {

/// A provisioned data stream: per shard 1,000 records/s or 1 MB/s in and 2 MB/s out, records
/// kept 24 h by default, puts billed per 25 KB payload unit (sources.md §9); Lambda polls each
/// shard once a second (Lambda developer guide, "How Lambda processes records from Amazon
/// Kinesis Data Streams").
constexpr StreamTraits kDataStream{.data_stream = true,
                                   .poll_interval = kSecond,
                                   .shard_records_in = 1000,
                                   .shard_bytes_in = 1e6,
                                   .shard_bytes_out = 2e6,
                                   .retention = kDay,
                                   .payload_unit = 25000};

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  if (const ConsumerSpec* k = c.consumer()) check_consumer(spec, *k, "components." + c.name + ".consumer", out);
}

void params(ParamRegistry& r) {
  r.add(with_rules(component("kinesis", yaml::kinesis_detail::read_kinesis, "A Kinesis data stream: a request whose path ends at NAME.put returns when a shard accepts it.",
                  {req("shards", K::Integer, "shards: 1 MB/s or 1,000 records/s in, 2 MB/s out each (sources.md §9)"),
                   opt("put_latency", K::Distribution, "lognormal 15ms cv 0.5", "PutRecord until accepted (an estimate)"),
                   opt("record_size", K::Size, "the class's bytes, else 1KB", "bytes per record"),
                   opt("consumer", K::Reference, "", "a lambda component polling each shard"),
                   opt("batch_size", K::Integer, "100", "records per consumer invocation at most (1-10000)"),
                   opt("batch_window", K::Time, "0s", "gather records this long before invoking (0-300 s)")}), HopRules{.operations = {"put"}, .operation_required = true, .noun = "a kinesis stream", .last_reason = kAsynchronous, .no_instance_faults = "a regional serverless service does not fail by instance here; its limits are how it fails (throttles: lower its quota with --set to break it)", .record_sink = "put"}, validate));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& ks = std::get<KinesisSpec>(cs.kind);
  Model& m = b.model;
  c.op = Distribution(ks.put_latency);
  c.ext = static_cast<std::int32_t>(m.streams.size());
  // Its consumer, if any, is linked once every component exists.
  m.streams.push_back(build_stream(id, kDataStream, ks.record_size, ks.consumer.value_or(ConsumerSpec{}),
                                   ks.shards, b.stream(cs, "partition_keys")));
  // One instance per shard: routing a put picks its shard (a random partition key).
  for (int i = 0; i < ks.shards; ++i) b.add_instance(id, kNoAz, 0);
}

void link(BuildContext& b, const ComponentSpec& cs, std::uint16_t id) {
  const auto& ks = std::get<KinesisSpec>(cs.kind);
  if (!ks.consumer) return;
  Model& m = b.model;
  m.streams[static_cast<std::size_t>(m.components[id].ext)].consumer =
      m.components[b.id_of(ks.consumer->function)].ext;
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& ks = std::get<KinesisSpec>(cs.kind);
  const Component& c = b.model.components[id];
  // Shard-hours whatever the traffic, and a PUT payload unit per 25 KB of each record
  // (sources.md §9).
  const Stream& s = b.model.streams[static_cast<std::size_t>(c.ext)];
  out.add("kinesis", c.name, ks.shards * b.hours * b.rate("kinesis", "shard_hour"));
  out.add("kinesis", c.name, static_cast<double>(s.put_units) / 1e6 * b.rate("kinesis", "put_payload_units"));
}

void figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Stream& s = f.model.streams[static_cast<std::size_t>(f.model.components[id].ext)];
  auto add = [&](ComponentStat key, double v) { cr.stats.emplace_back(key, v); };
  std::uint64_t pending = 0;
  for (const auto& sh : s.shards) pending += sh.records.size();
  cr.utilization = static_cast<double>(s.accepted) / f.window_s / (1000.0 * static_cast<double>(s.shards.size()));
  add(ComponentStat::RecordsAccepted, static_cast<double>(s.accepted));
  add(ComponentStat::RecordsProcessed, static_cast<double>(s.processed));
  add(ComponentStat::RecordsPending, static_cast<double>(pending));
  add(ComponentStat::RecordsExpired, static_cast<double>(s.expired));
  add(ComponentStat::Throttled, static_cast<double>(s.throttled));
  add(ComponentStat::IteratorAgeMaxMs, to_seconds(s.age_max) * 1e3);
  cr.series_kind = ComponentSeries::IteratorAgeMsPerMinute;
  for (std::size_t k = 0; k < std::min(f.minutes(), s.age_per_minute.size()); ++k)
    cr.series.push_back(to_seconds(s.age_per_minute[k]) * 1e3);
}

LimitShare limit_share(const Model& m, std::uint16_t id, const AnalyticLoad& load) {
  const double shards = static_cast<double>(m.components[id].count);
  return {std::max(load.visits / (1000 * shards), load.record_bytes / (1e6 * shards)),
          "shard write limits (1,000 records or 1 MB per shard-second)"};
}

std::string summary(const ComponentReport& c) {
  using S = ComponentStat;
  return fmt::format("{:.0f} records accepted, throttled {:.0f}, processed {:.0f}, pending {:.0f}, iterator age max {}",
                     c.stat(S::RecordsAccepted), c.stat(S::Throttled), c.stat(S::RecordsProcessed),
                     c.stat(S::RecordsPending), age_text(c.stat(S::IteratorAgeMaxMs)));
}

void draw_edges(const ComponentSpec& cs, TopologyGraph& g) {
  if (const ConsumerSpec* k = cs.consumer()) add_edge(g, cs.name, k->function, "polled", true);
}

}  // namespace kinesis_detail

const ComponentKind& kinesis_kind() {
  using namespace kinesis_detail;
  static const ComponentKind kind{.type = "kinesis",
                                  .hop = HopKind::Stream,
                                  .params = params,
                                  .build = build,
                                  .link = link,
                                  .bill = bill,
                                  .figures = figures,
                                  .limit_share = limit_share,
                                  .draw_edges = draw_edges,
                                  .summary = summary,
                                  .when_busy = "throttle",
                                  .when_refusing = "throttle"};
  return kind;
}

}  // namespace headroom
