// cloudfront: a CloudFront distribution (spec.md §3), the first hop of a path (after a route53,
// if any). A hit is answered at the edge; a miss goes to its origin over the edge's round trip
// to the region.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace {

void read_cloudfront(Reader& r, const MapReader& m, ComponentSpec& c) {
  CloudFrontSpec e;  // defaults: hit ratio 90%, edge RTT 15 ms (sources.md §11g, estimates)
  if (auto v = r.fraction(m.get("hit_ratio"))) e.hit_ratio = *v;
  if (auto v = r.duration(m.get("edge_rtt"))) e.edge_rtt = *v;
  if (auto v = r.duration(m.get("latency"))) e.latency = *v;
  if (auto v = r.name(m.get("origin"))) e.origin = *v;
  c.kind = e;
}

}  // namespace
}  // namespace headroom::yaml

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component(
      "cloudfront", yaml::read_cloudfront,
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

/// CloudFront's data transfer out for a month of `gb`, through its volume tiers (sources.md §5:
/// 10 TB, 40 TB, 100 TB, 350 TB, 524 TB, 4 PB, then the rest; 1 TB = 1,000 GB here, as every
/// size in headroom).
double transfer_month(const BillContext& b, double gb) {
  static constexpr std::array<std::pair<const char*, double>, 7> kTiers = {{
      {"transfer_out", 10e3},
      {"transfer_out_next_40tb", 40e3},
      {"transfer_out_next_100tb", 100e3},
      {"transfer_out_next_350tb", 350e3},
      {"transfer_out_next_524tb", 524e3},
      {"transfer_out_next_4pb", 4096e3},
      {"transfer_out_over_5pb", 1e300},
  }};
  double usd = 0, left = gb;
  for (const auto& [key, size] : kTiers) {
    const double in_tier = std::min(left, size);
    usd += in_tier * b.rate("cloudfront", key);
    left -= in_tier;
    if (left <= 0) break;
  }
  return usd;
}

void bill(const BillContext& b, const ComponentSpec&, std::uint16_t id, Bill& out) {
  const Component& c = b.model.components[id];
  // Every response leaves through the edge, hit or miss: the bytes of all requests that
  // reached it. Origin fetches from AWS origins are free (sources.md §5, O).
  // The tiers apply to a month's volume: the period's bytes are projected to a month,
  // priced through the tiers, and the month's bill brought back to the period.
  const double month_gb = c.tally.bytes / 1e9 * b.month_hours / b.hours;
  out.add("cloudfront", c.name, transfer_month(b, month_gb) * b.hours / b.month_hours);
  out.add("cloudfront", c.name, static_cast<double>(c.tally.ops) / 1e4 * b.rate("cloudfront", "https_requests"));
}

void draw(const ComponentSpec& cs, TopologyNode& n) {
  n.detail = fmt::format("edge, hit {:g}%", std::get<CloudFrontSpec>(cs.kind).hit_ratio * 100);
}

}  // namespace

const ComponentKind& cloudfront_kind() {
  static const ComponentKind kind{.type = "cloudfront",
                                  .hop = HopKind::Edge,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw};
  return kind;
}

}  // namespace headroom
