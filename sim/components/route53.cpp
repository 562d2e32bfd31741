// route53: Route 53 DNS (spec.md §3), the first hop of a path: a resolution delay, then the next
// hop; a hosted zone and queries on the bill.
#include <fmt/format.h>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace route53_detail {

void read_route53(Reader& r, const MapReader& m, ComponentSpec& c) {
  Route53Spec e;
  if (auto v = r.duration(m.get("latency"))) e.latency = *v;
  if (auto v = r.duration(m.get("ttl"))) e.ttl = *v;
  c.kind = e;
}

}  // namespace route53_detail
}  // namespace headroom::yaml

namespace headroom {
namespace route53_detail {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component("route53", yaml::route53_detail::read_route53, "Route 53 DNS: the first hop of a path.",
                  {opt("latency", K::Time, "0s", "resolution time added to each request"),
                   opt("ttl", K::Time, "60s",
                       "how long resolvers cache the answer: a user's lookup reaches Route 53 "
                       "once its cached answer has expired (sources.md §10: 60 s, an ELB "
                       "alias's fixed TTL)")}));
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

/// Standard queries: their monthly tiers (sources.md §10: $0.40 per million for the first
/// billion a month, $0.20 beyond), in millions of queries.
constexpr PriceTier kQueryTiers[] = {
    {"queries", 1e3},
    {"queries_over_1b", kRestOfVolume},
};

/// The queries (millions) component `id` answers over the period that are billed. A user's resolver keeps
/// the answer for the record's TTL, so a lookup reaches Route 53 only at the first request after
/// it expired: with requests every `gap` seconds on average (a Poisson stream, as the load
/// generator sends them), one query per TTL + gap, i.e. gap / (TTL + gap) of the requests. An
/// upper bound: a resolver shared by many users (an ISP's) asks once for all of them. With a
/// load given as a rate there are no users to follow: one query per request.
double billed_queries(const BillContext& b, std::uint16_t id) {
  const double ttl = to_seconds(std::get<Route53Spec>(b.spec.components[id].kind).ttl);
  const double gap = b.user_gap_s(id);
  const double per_request = gap > 0 ? gap / (ttl + gap) : 1;
  return static_cast<double>(b.tally(id).ops) / 1e6 * per_request * billed_query_share(b.model, id);
}

void bill(const BillContext& b, const ComponentSpec&, std::uint16_t id, Bill& out) {
  const Component& c = b.model.components[id];
  // One hosted zone, pro rata; the account's queries through the tiers.
  out.add("route53", c.name, b.months * b.rate("route53", "hosted_zone"));
  double total = 0;
  for (std::size_t j = 0; j < b.model.components.size(); ++j)
    if (b.model.components[j].kind == HopKind::Dns) total += billed_queries(b, static_cast<std::uint16_t>(j));
  out.add("route53", c.name, b.tiered("route53", kQueryTiers, billed_queries(b, id), total));
}

void draw(const ComponentSpec&, TopologyNode& n) { n.detail = "DNS"; }

}  // namespace route53_detail

const ComponentKind& route53_kind() {
  using namespace route53_detail;
  static const ComponentKind kind{.type = "route53",
                                  .hop = HopKind::Dns,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw};
  return kind;
}

}  // namespace headroom
