// nat_gateway: a NAT gateway (spec.md §3), the way instances in private subnets reach a service
// on the internet: a payment API, a partner's feed. A hop on it is one call to that outside
// service: its answer time, then the caller goes on (or the path ends). On the bill: each
// gateway's hours (one per AZ, as AWS advises and charges) and every GB it processes, in both
// directions (sources.md §16); what it sends to the internet is also data transfer out, billed
// with the region's other egress (run/cost.cpp).
#include <fmt/format.h>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace nat_gateway_detail {

void read_nat_gateway(Reader& r, const MapReader& m, ComponentSpec& c) {
  NatGatewaySpec e;
  // No published figure for someone else's API: 100 ms lognormal (cv 0.5) is an estimate for a
  // payment or partner API in the same country (sources.md §16, E); scenarios replace it.
  e.upstream = lognormal_dist(100 * kMillisecond, 0.5, c.loc);
  if (auto d = read_dist(r, m.get("upstream"))) e.upstream = *d;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  if (auto v = r.size(m.get("request_size"))) e.request_size = *v;
  if (auto v = r.size(m.get("result_size"))) e.result_size = *v;
  c.kind = e;
}

}  // namespace nat_gateway_detail
}  // namespace headroom::yaml

namespace headroom {
namespace nat_gateway_detail {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(with_rules(
      component("nat_gateway", yaml::nat_gateway_detail::read_nat_gateway,
                "A NAT gateway: private instances' calls out to a service on the internet (a payment API). A hop is "
                "one such call; billed per gateway-hour (one per AZ) and per GB processed.",
                {opt("azs", K::List, "[a]", "one gateway in each of these AZs, each billed by the hour"),
                 opt("upstream", K::Distribution, "lognormal 100ms cv 0.5",
                     "the outside service's answer time through the gateway (an estimate)"),
                 opt("request_size", K::Size, "1KB", "what one call sends out"),
                 opt("result_size", K::Size, "2KB", "what the outside service answers")}),
      HopRules{.noun = "a nat gateway",
               .no_instance_faults = "a NAT gateway is a managed service, redundant within its AZ: kill the instances that call it"}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  c.op = dist_or(std::get<NatGatewaySpec>(cs.kind).upstream, 100 * kMillisecond);
  // One regional instance: each AZ's instances use their own AZ's gateway, so a call crosses no
  // AZ and the hop adds no network delay beyond the outside service's answer time.
  b.add_instance(id, kNoAz, 0);
}

/// Gateways billed by the hour: one per AZ it is in.
std::size_t gateways(const NatGatewaySpec& nat) { return nat.azs.empty() ? 1 : nat.azs.size(); }

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& nat = std::get<NatGatewaySpec>(cs.kind);
  const std::string& name = b.model.components[id].name;
  out.add("nat_gateway", name,
          static_cast<double>(gateways(nat)) * b.hours * b.rate("nat_gateway", "gateway_hour"));
  // Data processing: every byte through the gateway, out and back (sources.md §16).
  const double processed_gb = (b.tally(id).request_bytes + b.tally(id).bytes) / 1e9;
  out.add("nat_gateway", name, processed_gb * b.rate("nat_gateway", "processed"));
}

void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& nat = std::get<NatGatewaySpec>(cs.kind);
  n.detail = fmt::format("NAT, {} gateway{}", gateways(nat), gateways(nat) == 1 ? "" : "s");
}

}  // namespace nat_gateway_detail

const ComponentKind& nat_gateway_kind() {
  using namespace nat_gateway_detail;
  static const ComponentKind kind{.type = "nat_gateway",
                                  .hop = HopKind::Store,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw};
  return kind;
}

}  // namespace headroom
