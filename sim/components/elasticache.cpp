// elasticache: an ElastiCache cluster (spec.md §3); a hit ends the request, a miss goes on. Its
// hit ratio is given, or computed for an LRU cache by Che's approximation.
#include <algorithm>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "headroom/core/che.hpp"
#include "scenario/registry_builders.hpp"

namespace headroom {
namespace {

using namespace registry_detail;
using K = ValueKind;

void params(ParamRegistry& r) {
  r.add(component(
      "elasticache", "An ElastiCache cluster; a hit ends the request, a miss goes on.",
      {one_of("engine", {"redis", "memcached"}, "redis", "Redis serves a node on one thread"),
       opt("node", K::String, "cache.m5.large", "cache node type (catalog)"),
       opt("nodes", K::Integer, "1", "nodes"),
       opt("op", K::Distribution, "200us", "service demand of one command (exponential)"),
       opt("hit_ratio", K::Fraction, "",
           "fraction of lookups that hit; or give keys and capacity instead"),
       opt("keys", K::Count, "",
           "distinct keys: with capacity, the hit ratio of an LRU cache by Che's approximation"),
       // 0.99 is YCSB's default Zipf constant for key-value workloads, and spec.md §3's example.
       opt("zipf", K::Number, "0.99", "Zipf exponent of key popularity (0: uniform), with keys"),
       opt("capacity", K::Count, "", "keys the cache holds (LRU), with keys"),
       opt("origin", K::Reference, "", "where a miss goes when the cache is the last hop"),
       // Co-location is one box: several nodes on it would be one cache.
       opt("host", K::Reference, "",
           "co-located on this ec2 component (count 1): the day-1 box; one node"),
       azs()}));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& cache = std::get<CacheSpec>(cs.kind);
  c.op = dist_or(cache.op, 200 * kMicrosecond);
  if (cache.hit_ratio >= 0) {
    c.hit_ratio = cache.hit_ratio;
  } else {
    c.hit_ratio = che_lru_hit_ratio(cache.keys, cache.zipf, cache.capacity);
    // A node that comes back empty refills as it misses: about its share of the capacity.
    c.warm_lookups = cache.capacity / std::max(1, cache.nodes);
  }
  // Redis executes commands on one thread per node; memcached uses every vCPU.
  const int vcpus = vcpus_of(cache.node, InstanceFamily::ElastiCache);
  const int cores = cache.engine == "memcached" ? vcpus : 1;
  for (int i = 0; i < cache.nodes; ++i)
    b.add_instance(id, b.intern_az(BuildContext::az_of(cache.azs, static_cast<std::size_t>(i))), cores,
                   b.host_of(cache.host));
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& cache = std::get<CacheSpec>(cs.kind);
  // A co-located cache runs on its host: the host's instance is the whole bill.
  if (!cache.host.empty()) return;
  // Per node-hour, every node (sources.md §3, O*).
  const InstanceType& t = catalog_instance(cache.node, InstanceFamily::ElastiCache);
  out.add("elasticache", b.model.components[id].name, cache.nodes * b.hours * t.hourly_usd(cache.engine));
}

}  // namespace

const ComponentKind& elasticache_kind() {
  static const ComponentKind kind{"elasticache", HopKind::Cache, params, build, nullptr, bill};
  return kind;
}

}  // namespace headroom
