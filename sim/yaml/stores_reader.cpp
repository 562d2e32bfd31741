// The data stores: rds, elasticache and ebs volumes (spec.md §3). Checks that need other
// components (host, origin, attach) are validate_scenario's.
#include <fmt/format.h>

#include <limits>

#include "readers.hpp"

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

}  // namespace

void read_rds(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.rds");
  RdsSpec e;
  // Without `query:` a read costs 1 ms and a write 4 ms of database time, exponential: a simple
  // indexed lookup and a single-row commit on an unloaded db.m5-class instance (the registry's
  // defaults; scenarios that care about the database should say).
  e.query_read = exponential_dist(1 * kMillisecond, c.loc);
  e.query_write = exponential_dist(4 * kMillisecond, c.loc);
  if (auto v = r.choice(m.get("engine"), *s.find("engine"))) e.engine = *v;
  if (auto v = read_instance(r, m.get("instance"), InstanceFamily::Rds, "RDS instance class"))
    e.instance = *v;
  if (auto v = r.boolean(m.get("multi_az"))) e.multi_az = *v;
  // RDS for MySQL and PostgreSQL allow at most 15 read replicas per source instance.
  if (auto v = r.integer(m.get("read_replicas"), 0, 15)) e.read_replicas = static_cast<int>(*v);
  if (auto v = r.choice(m.get("reads_from"), *s.find("reads_from"))) e.reads_from = *v;
  if (m.has("query")) {
    const MapReader q(r, m.get("query"), scenario_registry().at("query"));
    if (auto d = read_dist(r, q.get("read"))) e.query_read = *d;
    if (auto d = read_dist(r, q.get("write"))) e.query_write = *d;
  }
  if (auto v = r.integer(m.get("max_connections"), 1, kIntMax))
    e.max_connections = static_cast<int>(*v);
  if (auto d = read_dist(r, m.get("failover_time"))) e.failover_time = *d;
  if (auto d = read_dist(r, m.get("recovery_time"))) e.recovery_time = *d;
  if (auto v = r.name(m.get("host"))) e.host = *v;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  if (auto v = r.size(m.get("storage"))) e.storage = *v;
  c.kind = e;
}

void read_cache(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.elasticache");
  CacheSpec e;
  // One command of a small key: ~200 us of server time (exponential) is the registry's default.
  e.op = exponential_dist(200 * kMicrosecond, c.loc);
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
  c.kind = e;
}

void read_ebs(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.ebs");
  EbsSpec e;
  if (auto v = r.name(m.get("attach"))) e.attach = *v;
  if (auto v = r.choice(m.get("volume"), *s.find("volume"))) e.volume = *v;
  // gp3 limits (sources.md §14): 1 GiB to 16 TiB, 3,000 to 16,000 IOPS, 125 to 1,000 MiB/s.
  if (auto v = r.size(m.get("size"))) {
    if (*v < 1073741824.0 || *v > 16.0 * 1099511627776.0)
      r.error(m.get("size"), fmt::format("a gp3 volume holds 1GiB to 16TiB, found {:g}GB", *v / 1e9));
    else
      e.size = *v;
  }
  if (auto v = r.integer(m.get("iops"), 3000, 16000)) e.iops = static_cast<int>(*v);
  if (auto v = r.number(m.get("throughput"))) {
    if (*v < 125 || *v > 1000)
      r.error(m.get("throughput"), fmt::format("a gp3 volume takes 125 to 1000 MiB/s, found {:g}", *v));
    else
      e.throughput = *v;
  }
  c.kind = e;
}

}  // namespace headroom::yaml
