// apigateway: API Gateway (spec.md §3): the account's token-bucket throttle (429 beyond), an
// overhead per request, and the integration timeout (504).
#include <fmt/format.h>

#include <algorithm>

#include "components/kind.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace apigateway_detail {

void read_apigateway(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.apigateway");
  ApiGatewaySpec e;
  // No published overhead figure: ~10 ms (lognormal, cv 0.5) is an estimate (E).
  e.latency = lognormal_dist(10 * kMillisecond, 0.5, c.loc);
  if (auto v = r.choice(m.get("kind"), *s.find("kind"))) e.kind = *v;
  if (m.has("throttle")) {
    const MapReader t(r, m.get("throttle"), scenario_registry().at("throttle"));
    if (auto v = r.rate(t.get("rate"))) {
      if (*v <= 0) r.error(t.get("rate"), "must be positive (a zero throttle passes nothing)");
      else e.rate = *v;
    }
    if (auto v = r.count(t.get("burst"), /*positive=*/true)) e.burst = *v;
  }
  if (auto d = read_dist(r, m.get("latency"))) e.latency = *d;
  // Integration timeout 50 ms - 29 s (REST, raisable to 300 s since 2024) or 30 s (HTTP).
  if (auto v = r.duration(m.get("timeout"), /*positive=*/true)) {
    const Duration most = e.kind == "http" ? 30 * kSecond : 300 * kSecond;
    if (*v < 50 * kMillisecond || *v > most)
      r.error(m.get("timeout"), "an integration timeout is 50ms-" + format_duration(most) + " for a " + e.kind +
                                    " API (sources.md §8), found " + format_duration(*v));
    else
      e.timeout = *v;
  }
  c.kind = e;
}

}  // namespace apigateway_detail
}  // namespace headroom::yaml

namespace headroom {
namespace apigateway_detail {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(with_rules(component("apigateway", yaml::apigateway_detail::read_apigateway, "API Gateway: the account's token-bucket throttle (429 beyond), an overhead, the integration timeout.",
                  {one_of("kind", {"rest", "http"}, "rest", "API type (price, integration timeout)"),
                   opt("throttle", K::Map, "{rate: 10000/s, burst: 5000}", "the account-level token bucket (sources.md §8)"),
                   opt("latency", K::Distribution, "lognormal 10ms cv 0.5", "overhead per request (an estimate)"),
                   opt("timeout", K::Time, "29s (rest), 30s (http)", "integration timeout: a slower answer is a 504 (sources.md §8)")}), HopRules{.no_instance_faults = "a regional serverless service does not fail by instance here; its limits are how it fails (throttles: lower its quota with --set to break it)"}));
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

/// Requests, in millions a month, through their tiers (sources.md §8): REST $3.50 for the
/// first 333 million, $2.80 for the next 667 million, $2.38 for the next 19 billion, $1.51
/// beyond; HTTP $1.00 for the first 300 million, $0.90 beyond.
constexpr PriceTier kRestTiers[] = {
    {"rest_requests", 333},
    {"rest_requests_next_667m", 667},
    {"rest_requests_next_19b", 19000},
    {"rest_requests_over_20b", kRestOfVolume},
};
constexpr PriceTier kHttpTiers[] = {
    {"http_requests", 300},
    {"http_requests_over_300m", kRestOfVolume},
};

bool is_http(const ComponentSpec& cs) { return std::get<ApiGatewaySpec>(cs.kind).kind == "http"; }

/// The requests (millions) gateway `id` served over the period: a 429 from the account throttle
/// is taken as not billed (an assumption, E).
double served_millions(const Model& m, std::uint16_t id) {
  const Gateway& g = m.gateways[static_cast<std::size_t>(m.components[id].ext)];
  const std::uint64_t ops = m.states[id].tally.ops;
  return static_cast<double>(ops - std::min<std::uint64_t>(ops, g.throttled)) / 1e6;
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  // The tiers count the account's requests of the same kind of API: every such gateway's.
  const bool http = is_http(cs);
  double total = 0;
  for (std::size_t j = 0; j < b.model.components.size(); ++j)
    if (b.model.components[j].kind == HopKind::Gateway && is_http(b.spec.components[j]) == http)
      total += served_millions(b.model, static_cast<std::uint16_t>(j));
  out.add("apigateway", b.model.components[id].name,
          http ? b.tiered("apigateway", kHttpTiers, served_millions(b.model, id), total)
               : b.tiered("apigateway", kRestTiers, served_millions(b.model, id), total));
}

void figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Gateway& g = f.model.gateways[static_cast<std::size_t>(f.model.components[id].ext)];
  cr.stats.emplace_back(ComponentStat::Throttled, static_cast<double>(g.throttled));
  cr.utilization = cr.throughput_rps / g.bucket.rate;
}

LimitShare limit_share(const Model& m, std::uint16_t id, const AnalyticLoad& load) {
  return {load.visits / m.gateways[static_cast<std::size_t>(m.components[id].ext)].bucket.rate,
          "API Gateway throttle (token bucket rate)"};
}

std::string summary(const ComponentReport& c) {
  return fmt::format("throttled {:.0f} (429)", c.stat(ComponentStat::Throttled));
}

}  // namespace apigateway_detail

const ComponentKind& apigateway_kind() {
  using namespace apigateway_detail;
  static const ComponentKind kind{.type = "apigateway",
                                  .hop = HopKind::Gateway,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .figures = figures,
                                  .limit_share = limit_share,
                                  .summary = summary,
                                  .when_busy = "throttle",
                                  .when_refusing = "throttle"};
  return kind;
}

}  // namespace headroom
