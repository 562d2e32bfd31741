// cloudfront: a CloudFront distribution (spec.md §3), the first hop of a path (after a route53,
// if any). A hit is answered at the edge; a miss goes to its origin over the edge's round trip
// to the region.
#include <fmt/format.h>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace cloudfront_detail {

void read_cloudfront(Reader& r, const MapReader& m, ComponentSpec& c) {
  CloudFrontSpec e;  // defaults: hit ratio 90%, edge RTT 15 ms (sources.md §11g, estimates)
  if (auto v = r.fraction(m.get("hit_ratio"))) e.hit_ratio = *v;
  if (auto v = r.duration(m.get("edge_rtt"))) e.edge_rtt = *v;
  if (auto v = r.duration(m.get("latency"))) e.latency = *v;
  if (auto v = r.name(m.get("origin"))) e.origin = *v;
  c.kind = e;
}

}  // namespace cloudfront_detail
}  // namespace headroom::yaml

namespace headroom {
namespace cloudfront_detail {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component(
      "cloudfront", yaml::cloudfront_detail::read_cloudfront,
      "A CloudFront distribution: the first hop (after a route53, if any); a hit is answered "
      "at the edge.",
      // sources.md §11g (estimates, E): hit ratio 90-99% for static assets, 60-90% for whole
      // sites; time to first byte from a nearby edge ~10-50 ms.
      {opt("hit_ratio", K::Fraction, "90%", "edge hit ratio (sources.md §11g: static assets)"),
       opt("edge_rtt", K::Time, "15ms",
           "client <-> edge round trip, replacing client.rtt (sources.md §11g: 10-50 ms)"),
       opt("latency", K::Time, "1ms", "edge processing per request (an estimate)"),
       req("origin", K::Reference, "where misses go: an s3, elb or ec2 component")}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& cf = std::get<CloudFrontSpec>(cs.kind);
  c.hit_ratio = cf.hit_ratio;
  c.edge_rtt = cf.edge_rtt;
  c.op = Distribution::deterministic(cf.latency);
  b.add_instance(id, kNoAz, 0);
}

/// CloudFront's data transfer out, US, Mexico and Canada: its monthly volume tiers in GB
/// (sources.md §5: 10 TB, 40 TB, 100 TB, 350 TB, 524 TB, 4 PB, then the rest; 1 TB = 1,000 GB
/// here, as every size in headroom).
constexpr PriceTier kTransferTiers[] = {
    {"transfer_out", 10e3},
    {"transfer_out_next_40tb", 40e3},
    {"transfer_out_next_100tb", 100e3},
    {"transfer_out_next_350tb", 350e3},
    {"transfer_out_next_524tb", 524e3},
    {"transfer_out_next_4pb", 4096e3},
    {"transfer_out_over_5pb", kRestOfVolume},
};

void bill(const BillContext& b, const ComponentSpec&, std::uint16_t id, Bill& out) {
  const Component& c = b.model.components[id];
  // Every response leaves through the edge, hit or miss: the bytes of all requests that
  // reached it. Origin fetches from AWS origins are free (sources.md §5, O). The tiers apply to
  // the account's month: every distribution's bytes together.
  double total_gb = 0;
  for (std::size_t o = 0; o < b.model.components.size(); ++o)
    if (b.model.components[o].kind == HopKind::Edge) total_gb += b.model.states[o].tally.bytes / 1e9;
  out.add("cloudfront", c.name, b.tiered("cloudfront", kTransferTiers, b.tally(id).bytes / 1e9, total_gb));
  out.add("cloudfront", c.name, static_cast<double>(b.tally(id).ops) / 1e4 * b.rate("cloudfront", "https_requests"));
}

void draw(const ComponentSpec& cs, TopologyNode& n) {
  n.detail = fmt::format("edge, hit {:g}%", std::get<CloudFrontSpec>(cs.kind).hit_ratio * 100);
}

}  // namespace cloudfront_detail

const ComponentKind& cloudfront_kind() {
  using namespace cloudfront_detail;
  static const ComponentKind kind{.type = "cloudfront",
                                  .hop = HopKind::Edge,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw};
  return kind;
}

}  // namespace headroom
