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
namespace {

// A GET or SET of a small key on one Redis command thread, its network work included: the
// redis-benchmark figure of about 75,000 requests/s without pipelining (sources.md §11a).
constexpr Duration kCacheOp = 13 * kMicrosecond;
// ElastiCache enhanced I/O: on nodes with 4+ vCPUs, up to 72% more throughput (sources.md §11a).
constexpr int kEnhancedIoVcpus = 4;
constexpr double kEnhancedIoGain = 1.72;
}  // namespace
}  // namespace headroom

namespace headroom::yaml {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();


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
  if (auto d = read_dist(r, m.get("op"))) e.op = *d;
  read_hit_ratio(r, m, e);
  if (auto v = r.name(m.get("origin"))) e.origin = *v;
  if (auto v = r.name(m.get("host"))) e.host = *v;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  if (auto v = r.size(m.get("result_size"))) e.result_size = *v;
  c.kind = e;
}

}  // namespace
}  // namespace headroom::yaml

namespace headroom {
namespace {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  const auto& cache = std::get<CacheSpec>(c.kind);
  const std::string base = "components." + c.name;
  check_host(spec, c, cache.host, base, out);
  if (!cache.host.empty() && cache.nodes > 1)
    out.error(c.loc_of("nodes"), base + ".nodes", "a cache on a host is one node on that box (remove host for more nodes)");
}

void params(ParamRegistry& r) {
  r.add(with_rules(component(
      "elasticache", yaml::read_cache, "An ElastiCache cluster; a hit ends the request, a miss goes on.",
      {one_of("engine", {"redis", "memcached"}, "redis",
              "Redis: one command thread per node (I/O threads on 4+ vCPUs); memcached: every vCPU"),
       opt("node", K::String, "cache.m5.large", "cache node type (catalog)"),
       opt("nodes", K::Integer, "1", "nodes"),
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
           "what one lookup answers, for transfer between AZs (sources.md §12, an estimate)"),
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

void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& cache = std::get<CacheSpec>(cs.kind);
  n.detail = fmt::format("{} {} x {}", cache.engine, cache.node, cache.nodes);
  if (cache.hit_ratio >= 0) n.detail += fmt::format(", hit {:g}%", cache.hit_ratio * 100);
  if (!cache.host.empty()) n.detail += ", on " + cache.host;
  n.placements = spread_placements(cache.azs, cache.nodes);
  if (n.placements.size() > 1) n.detail += fmt::format(" over {} AZs", n.placements.size());
}

}  // namespace

const ComponentKind& elasticache_kind() {
  static const ComponentKind kind{.type = "elasticache",
                                  .hop = HopKind::Cache,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .draw = draw,
                                  .when_busy = "CPU"};
  return kind;
}

}  // namespace headroom
