// s3: an S3 bucket (spec.md §3): a first-byte latency and no queueing at web scale; ops get
// (default) or put.
#include <fmt/format.h>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace s3_detail {

void read_s3(Reader& r, const MapReader& m, ComponentSpec& c) {
  S3Spec e;
  // AWS publishes no S3 latency figure; 20 ms to the first byte (exponential) is spec.md §3's
  // example, an estimate that scenarios can replace.
  e.first_byte = exponential_dist(20 * kMillisecond, c.loc);
  if (auto d = read_dist(r, m.get("first_byte"))) e.first_byte = *d;
  if (auto v = r.size(m.get("size"))) e.size = *v;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  c.kind = e;
}

}  // namespace s3_detail
}  // namespace headroom::yaml

namespace headroom {
namespace s3_detail {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(with_rules(component(
      "s3", yaml::s3_detail::read_s3, "An S3 bucket; ops get (default) or put. Mid-path, a call its caller makes before going on.",
      // No published S3 latency figure: 20 ms is spec.md §3's, an estimate.
      {opt("first_byte", K::Distribution, "20ms", "time to first byte (an estimate)"),
       opt("size", K::Size, "0B", "stored bytes, for cost"),
       opt("azs", K::List, "[a]", "AZs it is reached in, for az_outage (S3 is regional)")}), HopRules{.operations = {"get", "put"}, .noun = "an s3 bucket", .record_sink = "put"}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& s3 = std::get<S3Spec>(cs.kind);
  c.op = dist_or(s3.first_byte, 20 * kMillisecond);  // S3 first byte ~20 ms (spec.md §3, E)
  b.add_instance(id, kNoAz, 0);
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& s3 = std::get<S3Spec>(cs.kind);
  const Component& c = b.model.components[id];
  out.add("s3", c.name, s3.size / 1e9 * b.months * b.rate("s3", "storage"));
  out.add("s3", c.name, static_cast<double>(b.tally(id).reads) / 1000 * b.rate("s3", "get_requests"));
  out.add("s3", c.name, static_cast<double>(b.tally(id).writes) / 1000 * b.rate("s3", "put_requests"));
}

void draw(const ComponentSpec&, TopologyNode& n) { n.detail = "bucket"; }

}  // namespace s3_detail

const ComponentKind& s3_kind() {
  using namespace s3_detail;
  static const ComponentKind kind{.type = "s3",
                                  .hop = HopKind::Store,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw};
  return kind;
}

}  // namespace headroom
