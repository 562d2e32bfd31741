// apigateway: API Gateway (spec.md §3): the account's token-bucket throttle (429 beyond), an
// overhead per request, and the integration timeout (504).
#include <algorithm>

#include "components/kind.hpp"
#include "scenario/registry_builders.hpp"

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component("apigateway", "API Gateway: the account's token-bucket throttle (429 beyond), an overhead, the integration timeout.",
                  {one_of("kind", {"rest", "http"}, "rest", "API type (price, integration timeout)"),
                   opt("throttle", K::Map, "{rate: 10000/s, burst: 5000}", "the account-level token bucket (sources.md §8)"),
                   opt("latency", K::Distribution, "lognormal 10ms cv 0.5", "overhead per request (an estimate)"),
                   opt("timeout", K::Time, "29s (rest), 30s (http)", "integration timeout: a slower answer is a 504 (sources.md §8)")}));
  r.add(section("throttle", "API Gateway's token bucket.",
                {opt("rate", K::Rate, "10000/s", "steady requests per second"),
                 opt("burst", K::Count, "5000", "bucket size: requests that may pass at once")}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& api = std::get<ApiGatewaySpec>(cs.kind);
  Model& m = b.model;
  c.op = Distribution(api.latency);
  // Integration timeout: 29 s for REST, 30 s for HTTP APIs (sources.md §8).
  c.idle_timeout = api.timeout > 0 ? api.timeout : api.kind == "http" ? 30 * kSecond : 29 * kSecond;
  c.ext = static_cast<std::int32_t>(m.gateways.size());
  Gateway g;
  g.bucket = TokenBucket(api.rate, api.burst);
  m.gateways.push_back(g);
  b.add_instance(id, kNoAz, 0);
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& api = std::get<ApiGatewaySpec>(cs.kind);
  const Component& c = b.model.components[id];
  // Per request served, at the first tier's price (sources.md §8); a 429 from the account
  // throttle is taken as not billed (an assumption, E).
  const Gateway& g = b.model.gateways[static_cast<std::size_t>(c.ext)];
  const double served = static_cast<double>(c.ops - std::min<std::uint64_t>(c.ops, g.throttled));
  out.add("apigateway", c.name,
          served / 1e6 * b.rate("apigateway", api.kind == "http" ? "http_requests" : "rest_requests"));
}

}  // namespace

const ComponentKind& apigateway_kind() {
  static const ComponentKind kind{"apigateway", HopKind::Gateway, params, build, nullptr, bill};
  return kind;
}

}  // namespace headroom
