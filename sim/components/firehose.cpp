// firehose: an Amazon Data Firehose stream (spec.md §3): buffers records and delivers them to
// an s3 component when its size or interval fills, whichever comes first.
#include "components/kind.hpp"
#include "scenario/registry_builders.hpp"

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component("firehose", "An Amazon Data Firehose stream: buffers records, delivers them to S3 when the size or interval fills.",
                  {opt("buffer", K::Map, "{size: 5MB, interval: 300s}", "delivery buffer (sources.md §9: 1-128 MiB, 0-900 s)"),
                   req("destination", K::Reference, "an s3 component"),
                   opt("latency", K::Distribution, "lognormal 15ms cv 0.5", "PutRecord until accepted (an estimate)"),
                   opt("record_size", K::Size, "as received, else 1KB", "bytes per record")}));
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

}  // namespace

const ComponentKind& firehose_kind() {
  static const ComponentKind kind{"firehose", HopKind::Firehose, params, build, nullptr, bill};
  return kind;
}

}  // namespace headroom
