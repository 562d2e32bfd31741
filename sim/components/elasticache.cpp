// elasticache: an ElastiCache cluster (spec.md §3); a hit ends the request, a miss goes on. Its
// hit ratio is given, or computed for an LRU cache by Che's approximation.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "headroom/core/che.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom {
namespace elasticache_detail {

// A GET or SET of a small key on one Redis command thread, its network work included: the
// redis-benchmark figure of about 75,000 requests/s without pipelining (sources.md §11a).
constexpr Duration kCacheOp = 13 * kMicrosecond;
// ElastiCache enhanced I/O: on nodes with 4+ vCPUs, up to 72% more throughput (sources.md §11a).
constexpr int kEnhancedIoVcpus = 4;
constexpr double kEnhancedIoGain = 1.72;
// ElastiCache's limits: 0-5 replicas per shard; in cluster mode 1-500 shards and 500 nodes, as
// 500 shards of one node or 83 of six (sources.md §11a).
constexpr int kMaxReplicas = 5;
constexpr int kMaxShards = 500;
constexpr int kMaxClusterNodes = 500;
}  // namespace elasticache_detail
}  // namespace headroom

namespace headroom::yaml {
namespace elasticache_detail {

using namespace headroom::elasticache_detail;  // the node limits above



// Zipf exponent when keys are given without one: YCSB's default for key-value workloads
// (its ZipfianGenerator constant), and spec.md §3's example.
constexpr double kDefaultZipf = 0.99;

// Either hit_ratio, or keys and capacity (zipf optional): Che's approximation (model/che.hpp)
// then computes the hit ratio of an LRU cache, and hit_ratio stays -1 to say so.
void read_hit_ratio(Reader& r, const MapReader& m, CacheSpec& e) {
  const bool che = m.has("keys") || m.has("zipf") || m.has("capacity");
  if (m.has("hit_ratio") && che) {
    const char* key = m.has("keys") ? "keys" : m.has("capacity") ? "capacity" : "zipf";
    r.error(m.get(key),
            "give either hit_ratio or keys and capacity (Che's approximation computes the hit "
            "ratio), not both");
    return;
  }
  if (m.has("hit_ratio")) {
    if (auto v = r.fraction(m.get("hit_ratio"))) e.hit_ratio = *v;
    return;
  }
  if (!che) {
    r.error_at(m.loc(), m.path(),
               "missing hit_ratio (or keys and capacity, from which Che's approximation computes "
               "the hit ratio of an LRU cache)");
    return;
  }
  if (!m.has("keys"))
    r.error_at(m.loc(), m.path(),
               "missing keys (the number of distinct keys, which Che's approximation "
               "needs with capacity)");
  if (!m.has("capacity"))
    r.error_at(m.loc(), m.path(),
               "missing capacity (the keys the cache holds, which Che's approximation "
               "needs with keys)");
  e.zipf = kDefaultZipf;
  if (auto v = r.count(m.get("keys"), /*positive=*/true)) e.keys = *v;
  if (auto v = r.number(m.get("zipf"))) e.zipf = *v;
  if (auto v = r.count(m.get("capacity"), /*positive=*/true)) e.capacity = *v;
}

void read_cache(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.elasticache");
  CacheSpec e;
  // One command of a small key: ~13 us of a command thread (exponential) is the registry's
  // default (sources.md §11a).
  e.op = exponential_dist(kCacheOp, c.loc);
  if (auto v = r.choice(m.get("engine"), *s.find("engine"))) e.engine = *v;
  if (auto v =
          read_instance(r, m.get("node"), InstanceFamily::ElastiCache, "ElastiCache node type"))
    e.node = *v;
  if (auto v = r.integer(m.get("nodes"), 1, kIntMax)) e.nodes = static_cast<int>(*v);
  // Cluster mode: `shards` primaries the keys hash across, which is what `nodes` counts too.
  if (m.has("shards") && m.has("nodes"))
    r.error(m.get("shards"),
            "give shards (cluster mode: primaries, each with its replicas) or nodes, not both");
  else if (auto v = r.integer(m.get("shards"), 1, kMaxShards)) {
    e.nodes = static_cast<int>(*v);
    e.sharded = true;
  }
  if (auto v = r.integer(m.get("replicas"), 0, kMaxReplicas)) e.replicas = static_cast<int>(*v);
  // Cluster mode enables Multi-AZ automatic failover itself when shards have replicas
  // (sources.md §11a); elsewhere it is chosen.
  e.multi_az = e.sharded && e.replicas > 0;
  if (auto v = r.boolean(m.get("multi_az"))) e.multi_az = *v;
  if (auto d = read_dist(r, m.get("failover_time"), BareDuration::Exact)) e.failover_time = *d;
  if (auto d = read_dist(r, m.get("replacement_time"), BareDuration::Exact)) e.replacement_time = *d;
  if (auto d = read_dist(r, m.get("op"))) e.op = *d;
  read_hit_ratio(r, m, e);
  if (auto v = r.name(m.get("origin"))) e.origin = *v;
  if (auto v = r.name(m.get("host"))) e.host = *v;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  if (auto v = r.size(m.get("result_size"))) e.result_size = *v;
  c.kind = e;
}

}  // namespace elasticache_detail
}  // namespace headroom::yaml

namespace headroom {
namespace elasticache_detail {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  const auto& cache = std::get<CacheSpec>(c.kind);
  const std::string base = "components." + c.name;
  check_host(spec, c, cache.host, base, out);
  const char* count_key = cache.sharded ? "shards" : "nodes";
  if (!cache.host.empty() && (cache.nodes > 1 || cache.sharded))
    out.error(c.loc_of(count_key), base + "." + count_key,
              std::string("a cache on a host is one node on that box (remove host for more ") +
                  (cache.sharded ? "shards)" : "nodes)"));
  if (!cache.host.empty() && cache.replicas > 0)
    out.error(c.loc_of("replicas"), base + ".replicas",
              "a cache on a host has no replicas: co-location is the single box of day 1 (remove "
              "host to add replicas)");
  if (cache.engine == "memcached" && cache.replicas > 0)
    out.error(c.loc_of("replicas"), base + ".replicas",
              "memcached does not replicate: a lost node's keys miss until it is back (use engine: "
              "redis for replicas)");
  if (cache.multi_az && cache.replicas == 0)
    out.error(c.loc_of("multi_az"), base + ".multi_az",
              "Multi-AZ automatic failover promotes a replica: give replicas of at least 1 (AWS "
              "requires one per shard)");
  // The reader holds replicas to 0-5 and shards to 1-500; together they must fit a cluster.
  if (cache.sharded && cache.nodes * (1 + cache.replicas) > kMaxClusterNodes)
    out.error(c.loc_of("shards"), base + ".shards",
              fmt::format("ElastiCache allows at most {} nodes in a cluster, found {} shards x (1 + {} replicas) = "
                          "{} (at most {} shards with {} replicas)",
                          kMaxClusterNodes, cache.nodes, cache.replicas, cache.nodes * (1 + cache.replicas),
                          kMaxClusterNodes / (1 + cache.replicas), cache.replicas));
}

void params(ParamRegistry& r) {
  r.add(with_rules(component(
      "elasticache", yaml::elasticache_detail::read_cache, "An ElastiCache cluster; a hit ends the request, a miss goes on.",
      {one_of("engine", {"redis", "memcached"}, "redis",
              "Redis: one command thread per node (I/O threads on 4+ vCPUs); memcached: every vCPU"),
       opt("node", K::String, "cache.m5.large", "cache node type (catalog)"),
       opt("nodes", K::Integer, "1", "primaries the keys hash across (no replicas unless given)"),
       opt("shards", K::Integer, "",
           "cluster mode: primaries the keys hash across (1-500), instead of nodes"),
       opt("replicas", K::Integer, "0",
           "replicas per shard (0-5), each billed as a node, spread over the azs after its primary"),
       opt("multi_az", K::Bool, "true with shards and replicas (as AWS), else false",
           "automatic failover: a lost primary's replica is promoted after failover_time (needs replicas)"),
       opt("failover_time", K::Distribution, "uniform 20-40s",
           "Multi-AZ: from a primary's loss to its replica serving (AWS: about 30 s, sources.md §11a)"),
       opt("replacement_time", K::Distribution, "uniform 2-6m",
           "a replacement replica for a promoted one (AWS: a few minutes, sources.md §11a)"),
       opt("op", K::Distribution, "13us",
           "demand of one command on a thread, its network work included (sources.md §11a)"),
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
       opt("result_size", K::Size, "1KB",
           "what a hit answers (the value), for transfer between AZs and its node's NIC (sources.md §12, an estimate)"),
       azs()}), HopRules{}, validate));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& cache = std::get<CacheSpec>(cs.kind);
  DistSpec op = cache.op;
  if (op.mean <= 0) op = {.kind = DistSpec::Kind::Exponential, .mean = kCacheOp, .cv = 1.0, .loc = {}};
  if (cache.hit_ratio >= 0) {
    c.hit_ratio = cache.hit_ratio;
  } else {
    c.hit_ratio = che_lru_hit_ratio(cache.keys, cache.zipf, cache.capacity);
    // A node that comes back empty refills as it misses: about its share of the capacity.
    c.warm_lookups = cache.capacity / std::max(1, cache.nodes);
  }
  // Redis executes commands on one thread per node; memcached runs a worker thread per vCPU
  // (sources.md §11a). On nodes with 4 vCPUs or more ElastiCache's enhanced I/O moves the network
  // work to I/O threads: the command thread does only the command, up to 72% more throughput
  // (sources.md §11a), so its demand is the op's divided by 1.72.
  const int vcpus = vcpus_of(cache.node, InstanceFamily::ElastiCache);
  const int cores = cache.engine == "memcached" ? vcpus : 1;
  if (cache.engine == "redis" && vcpus >= kEnhancedIoVcpus)
    op.mean = static_cast<Duration>(std::llround(static_cast<double>(op.mean) / kEnhancedIoGain));
  c.op = Distribution(op);
  c.multi_az = cache.multi_az;
  c.replicas = cache.replicas;
  // Multi-AZ automatic failover "should usually take about 30 seconds" (sources.md §11a, O): a
  // uniform 20-40 s keeps that mean and spreads it, as detection and promotion vary (E).
  c.failover_time = cache.failover_time ? Distribution(*cache.failover_time)
                                        : uniform_between(20 * kSecond, 40 * kSecond);
  // A promoted replica's replacement takes "a few minutes" (sources.md §11a, O): 2-6 min (E).
  c.replacement_time = cache.replacement_time ? Distribution(*cache.replacement_time)
                                              : uniform_between(2 * kMinute, 6 * kMinute);
  // Shard i's primary is in the i-th AZ given (round robin), its replicas in the AZs after it,
  // so a shard's copies span AZs when there are AZs to span.
  // A node sends its hits' values through a NIC of its own at its type's bandwidth (sources.md
  // §1c); a co-located cache through its host's.
  b.set_bandwidth(c, cache.node, InstanceFamily::ElastiCache, cache.host);
  ComponentState& st = b.model.states[id];
  st.cache_shards.assign(static_cast<std::size_t>(cache.nodes), {});
  for (int i = 0; i < cache.nodes; ++i) {
    const auto at = [&](int k) { return BuildContext::az_of(cache.azs, static_cast<std::size_t>(i + k)); };
    b.add_nic(b.add_instance(id, b.intern_az(at(0)), cores, b.host_of(cache.host)), id, c);
    for (int k = 1; k <= cache.replicas; ++k)
      st.cache_shards[static_cast<std::size_t>(i)].replicas.push_back(b.intern_az(at(k)));
  }
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& cache = std::get<CacheSpec>(cs.kind);
  // A co-located cache runs on its host: the host's instance is the whole bill.
  if (!cache.host.empty()) return;
  // Per node-hour, every node (sources.md §3, O*).
  const InstanceType& t = catalog_instance(cache.node, InstanceFamily::ElastiCache);
  // Replicas bill like primaries (sources.md §3): shards x (1 + replicas) nodes.
  out.add("elasticache", b.model.components[id].name,
          cache.nodes * (1 + cache.replicas) * b.hours * t.hourly_usd(cache.engine));
}

void figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) { network_figure(f, id, cr); }

void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& cache = std::get<CacheSpec>(cs.kind);
  n.detail = fmt::format("{} {} x {}", cache.engine, cache.node, cache.nodes);
  if (cache.sharded) n.detail += cache.nodes > 1 ? " shards" : " shard";
  if (cache.replicas > 0)
    n.detail += fmt::format(" x (1 primary + {} replica{}){}", cache.replicas, cache.replicas > 1 ? "s" : "",
                            cache.multi_az ? ", Multi-AZ" : "");
  if (cache.hit_ratio >= 0) n.detail += fmt::format(", hit {:g}%", cache.hit_ratio * 100);
  if (!cache.host.empty()) n.detail += ", on " + cache.host;
  n.placements = spread_placements(cache.azs, cache.nodes);
  const std::size_t primaries = n.placements.size();
  // Replicas as build() places them: shard i's k-th in the AZ k after its primary's.
  const auto list = azs_or_default(cache.azs);
  for (int i = 0; i < cache.nodes && i < static_cast<int>(list.size()); ++i)
    for (int k = 1; k <= cache.replicas; ++k) {
      const std::string& az = list[static_cast<std::size_t>(i + k) % list.size()];
      if (std::none_of(n.placements.begin(), n.placements.end(), [&](const auto& p) { return p.az == az && p.role == "replica"; }))
        n.placements.push_back({az, "replica"});
    }
  if (primaries > 1) n.detail += fmt::format(" over {} AZs", primaries);
}

}  // namespace elasticache_detail

const ComponentKind& elasticache_kind() {
  using namespace elasticache_detail;
  static const ComponentKind kind{.type = "elasticache",
                                  .hop = HopKind::Cache,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .figures = figures,
                                  .draw = draw,
                                  .summary = network_text,
                                  .when_busy = "CPU"};
  return kind;
}

}  // namespace headroom
