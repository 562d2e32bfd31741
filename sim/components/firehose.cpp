// firehose: an Amazon Data Firehose stream (spec.md §3): buffers records and delivers them to
// an s3 component when its size or interval fills, whichever comes first.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace firehose_detail {

void read_firehose(Reader& r, const MapReader& m, ComponentSpec& c) {
  FirehoseSpec e;
  e.latency = lognormal_dist(15 * kMillisecond, 0.5, c.loc);  // an estimate (E), as a data stream's put
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

}  // namespace firehose_detail
}  // namespace headroom::yaml

namespace headroom {
namespace firehose_detail {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  check_reference(spec, c, "destination", std::get<FirehoseSpec>(c.kind).destination, "s3",
                  "a firehose delivers to an s3 component", out);
}

void params(ParamRegistry& r) {
  r.add(with_rules(component("firehose", yaml::firehose_detail::read_firehose, "An Amazon Data Firehose stream: buffers records, delivers them to S3 when the size or interval fills.",
                  {opt("buffer", K::Map, "{size: 5MB, interval: 300s}", "delivery buffer (sources.md §9: 1-128 MiB, 0-900 s)"),
                   req("destination", K::Reference, "an s3 component"),
                   opt("latency", K::Distribution, "lognormal 15ms cv 0.5", "PutRecord until accepted (an estimate)"),
                   opt("record_size", K::Size, "as received, else 1KB", "bytes per record")}), HopRules{.operations = {"put"}, .operation_required = true, .noun = "a firehose stream", .last_reason = kAsynchronous, .no_instance_faults = "a regional serverless service does not fail by instance here; its limits are how it fails (throttles: lower its quota with --set to break it)", .record_sink = "put"}, validate));
  r.add(section("buffer", "Firehose's buffering hints: the first to fill triggers a delivery.",
                {opt("size", K::Size, "5MB", "bytes (1MB-128MB)"), opt("interval", K::Time, "300s", "seconds (0-900)")}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& fh = std::get<FirehoseSpec>(cs.kind);
  Model& m = b.model;
  c.op = Distribution(fh.latency);
  c.ext = static_cast<std::int32_t>(m.firehoses.size());
  Firehose f;
  f.component = id;
  f.destination = b.id_of(fh.destination);
  f.size = fh.buffer_size;
  f.interval = fh.buffer_interval;
  f.record_size = fh.record_size;
  m.firehoses.push_back(std::move(f));
  b.add_instance(id, kNoAz, 0);
}

void bill(const BillContext& b, const ComponentSpec&, std::uint16_t id, Bill& out) {
  const Component& c = b.model.components[id];
  const Firehose& f = b.model.firehoses[static_cast<std::size_t>(c.ext)];
  out.add("firehose", c.name, f.billed_bytes / 1e9 * b.rate("firehose", "ingestion"));
}

void figures(const FigureContext& fc, std::uint16_t id, ComponentReport& cr) {
  const Firehose& f = fc.model.firehoses[static_cast<std::size_t>(fc.model.components[id].ext)];
  cr.throughput_rps = static_cast<double>(f.records) / fc.window_s;
  cr.stats.emplace_back(ComponentStat::Records, static_cast<double>(f.records));
  cr.stats.emplace_back(ComponentStat::Deliveries, static_cast<double>(f.deliveries));
  cr.stats.emplace_back(ComponentStat::RecordsBuffered, f.buffer.size());
}

std::string summary(const ComponentReport& c) {
  using S = ComponentStat;
  return fmt::format("{:.0f} records in {:.0f} deliveries, {:.0f} buffered at the end", c.stat(S::Records),
                     c.stat(S::Deliveries), c.stat(S::RecordsBuffered));
}

void draw_edges(const ComponentSpec& cs, TopologyGraph& g) {
  add_edge(g, cs.name, std::get<FirehoseSpec>(cs.kind).destination, "delivers", true);
}

}  // namespace firehose_detail

const ComponentKind& firehose_kind() {
  using namespace firehose_detail;
  static const ComponentKind kind{.type = "firehose",
                                  .hop = HopKind::Firehose,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .figures = figures,
                                  .draw_edges = draw_edges,
                                  .summary = summary};
  return kind;
}

}  // namespace headroom
