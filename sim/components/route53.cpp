// route53: Route 53 DNS (spec.md §3), the first hop of a path: a resolution delay, then the next
// hop; a hosted zone and queries on the bill.
#include <fmt/format.h>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace {

void read_route53(Reader& r, const MapReader& m, ComponentSpec& c) {
  Route53Spec e;
  if (auto v = r.duration(m.get("latency"))) e.latency = *v;
  c.kind = e;
}

}  // namespace
}  // namespace headroom::yaml

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component("route53", yaml::read_route53, "Route 53 DNS: the first hop of a path.",
                  {opt("latency", K::Time, "0s", "resolution time added to each request")}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  c.op = Distribution::deterministic(std::get<Route53Spec>(cs.kind).latency);
  b.add_instance(id, kNoAz, 0);
}

/// The share of a Route 53 component's queries that are billed. Alias records to an ALB,
/// CloudFront or S3 answer free (sources.md §10, T); a record for an instance's address is a
/// standard query.
double billed_query_share(const Model& m, std::uint16_t comp) {
  double billed = 0, all = 0;
  for (const TrafficClass& tc : m.classes) {
    if (tc.hops.size() < 2 || tc.hops[0].component != comp) continue;
    all += tc.share;
    const Component& next = m.components[tc.hops[1].component];
    const bool alias = next.kind == HopKind::Lb || next.kind == HopKind::Edge || next.type == "s3";
    if (!alias) billed += tc.share;
  }
  return all > 0 ? billed / all : 0;
}

void bill(const BillContext& b, const ComponentSpec&, std::uint16_t id, Bill& out) {
  const Component& c = b.model.components[id];
  // One hosted zone, pro rata; one query per request (resolvers cache answers, so this is
  // an upper bound).
  out.add("route53", c.name, b.months * b.rate("route53", "hosted_zone"));
  const double queries = static_cast<double>(c.tally.ops) * billed_query_share(b.model, id);
  out.add("route53", c.name, queries / 1e6 * b.rate("route53", "queries"));
}

void draw(const ComponentSpec&, TopologyNode& n) { n.detail = "DNS"; }

}  // namespace

const ComponentKind& route53_kind() {
  static const ComponentKind kind{.type = "route53",
                                  .hop = HopKind::Dns,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw};
  return kind;
}

}  // namespace headroom
