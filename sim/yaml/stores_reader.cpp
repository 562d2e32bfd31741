// The data stores: rds and elasticache (SPEC §3).
#include <limits>

#include "readers.hpp"

namespace headroom::yaml {
namespace {

constexpr std::int64_t kIntMax = std::numeric_limits<int>::max();

DistSpec exponential(Duration mean, const SourceLoc& loc) {
  DistSpec d;
  d.kind = DistSpec::Kind::Exponential;
  d.mean = mean;
  d.cv = 1;
  d.loc = loc;
  return d;
}

}  // namespace

void read_rds(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.rds");
  RdsSpec e;
  // Without `query:` a read costs 1 ms and a write 4 ms of database time, exponential: a simple
  // indexed lookup and a single-row commit on an unloaded db.m5-class instance (the registry's
  // defaults; scenarios that care about the database should say).
  e.query_read = exponential(1 * kMillisecond, c.loc);
  e.query_write = exponential(4 * kMillisecond, c.loc);
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
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  c.kind = e;
}

void read_cache(Reader& r, const MapReader& m, ComponentSpec& c) {
  const SectionInfo& s = scenario_registry().at("component.elasticache");
  CacheSpec e;
  // One command of a small key: ~200 us of server time (exponential) is the registry's default.
  e.op = exponential(200 * kMicrosecond, c.loc);
  if (auto v = r.choice(m.get("engine"), *s.find("engine"))) e.engine = *v;
  if (auto v =
          read_instance(r, m.get("node"), InstanceFamily::ElastiCache, "ElastiCache node type"))
    e.node = *v;
  if (auto v = r.integer(m.get("nodes"), 1, kIntMax)) e.nodes = static_cast<int>(*v);
  if (auto d = read_dist(r, m.get("op"))) e.op = *d;
  if (auto v = r.fraction(m.get("hit_ratio"))) e.hit_ratio = *v;
  if (auto v = r.name(m.get("origin"))) e.origin = *v;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  c.kind = e;
}

}  // namespace headroom::yaml
