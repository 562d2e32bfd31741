#include "run/cost_rate.hpp"

#include "headroom/core/assert.hpp"
#include "headroom/catalog/catalog.hpp"
#include "topology/model.hpp"

namespace headroom {
namespace {

double hourly(const std::string& type, InstanceFamily family, const std::string& engine) {
  const InstanceType* t = find_instance(type, family);
  HEADROOM_ASSERT(t != nullptr, "cost rate: validated instance type missing from the catalog: " + type);
  return t->hourly_usd(engine);
}

}  // namespace

std::vector<PoolPrice> pool_prices(const ScenarioSpec& spec, const Model& model) {
  std::vector<PoolPrice> out;
  for (std::size_t i = 0; i < spec.components.size(); ++i) {
    const ComponentSpec& cs = spec.components[i];
    PoolPrice p;
    p.component = static_cast<std::uint16_t>(i);
    if (const auto* ec2 = std::get_if<Ec2Spec>(&cs.kind)) {
      p.on_demand_usd_per_hour = hourly(ec2->instance, InstanceFamily::Ec2, "");
      // With a price trace, the series shows the discount's price: the trace is priced exactly
      // in the run's cost, not here.
      p.spot_usd_per_hour = p.on_demand_usd_per_hour * (1 - model.components[i].spot_discount);
    } else if (const auto* rds = std::get_if<RdsSpec>(&cs.kind)) {
      // Every DB instance bills while it exists: primary, standby and replicas (cost.cpp).
      if (rds->host.empty())
        p.fixed_usd_per_hour = (1 + (rds->multi_az ? 1 : 0) + rds->read_replicas) *
                               hourly(rds->instance, InstanceFamily::Rds, rds->engine);
    } else if (const auto* cache = std::get_if<CacheSpec>(&cs.kind)) {
      // Every node bills, replicas like primaries (elasticache.cpp's bill).
      if (cache->host.empty())
        p.fixed_usd_per_hour =
            cache->nodes * (1 + cache->replicas) * hourly(cache->node, InstanceFamily::ElastiCache, cache->engine);
    } else {
      continue;
    }
    out.push_back(p);
  }
  return out;
}

}  // namespace headroom
