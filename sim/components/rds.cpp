// rds: an RDS database instance (spec.md §3), optionally Multi-AZ, with read replicas, or
// co-located on an ec2 box (day one).
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "components/defaults.hpp"
#include "components/kind.hpp"
#include "components/rds_storage.hpp"
#include "headroom/core/units.hpp"
#include "scenario/registry_builders.hpp"
#include "scenario/validate_detail.hpp"
#include "yaml/readers.hpp"

namespace headroom::yaml {
namespace rds_detail {


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
  if (auto d = read_dist(r, m.get("failover_time"), BareDuration::Exact)) e.failover_time = *d;
  if (auto d = read_dist(r, m.get("recovery_time"), BareDuration::Exact)) e.recovery_time = *d;
  if (auto v = r.name(m.get("host"))) e.host = *v;
  if (auto v = r.names(m.get("azs"))) e.azs = *v;
  if (auto v = r.size(m.get("storage"))) e.storage = *v;
  if (auto v = r.size(m.get("result_size"))) e.result_size = *v;
  if (auto d = read_dist(r, m.get("apply"))) e.apply = *d;
  read_rds_storage(r, m, e);
  if (auto v = r.duration(m.get("stale_after"))) e.stale_after = *v;
  c.kind = e;
}

}  // namespace rds_detail
}  // namespace headroom::yaml

namespace headroom {
namespace rds_detail {

using namespace registry_detail;
using namespace validate_detail;
using K = ValueKind;

void validate(const ScenarioSpec& spec, const ComponentSpec& c, Diagnostics& out) {
  const auto& rds = std::get<RdsSpec>(c.kind);
  const std::string base = "components." + c.name;
  if (rds.reads_from == "replicas" && rds.read_replicas == 0)
    out.error(c.loc_of("reads_from"), base + ".reads_from",
              "'replicas' needs read_replicas of at least 1 ('" + c.name + "' has none)");
  check_host(spec, c, rds.host, base, out);
  if (!rds.host.empty() && rds.read_replicas > 0)
    out.error(c.loc_of("read_replicas"), base + ".read_replicas",
              "a database on a host has no read replicas: co-location is the single box of "
              "day 1 (remove host to add replicas)");
  if (!rds.host.empty() && rds.multi_az)
    out.error(c.loc_of("multi_az"), base + ".multi_az",
              "a database on a host cannot be Multi-AZ: its standby needs an instance of its "
              "own in another AZ (remove host or multi_az)");
  validate_rds_storage(spec, c, out);
}

std::vector<ParamInfo> with_storage(std::vector<ParamInfo> keys) {
  for (ParamInfo& p : rds_storage_params()) keys.push_back(std::move(p));
  return keys;
}

void params(ParamRegistry& r) {
  register_rds_io(r);
  r.add(with_rules(component(
      "rds", yaml::rds_detail::read_rds, "An RDS database instance, optionally Multi-AZ, with read replicas.",
      with_storage({one_of("engine", {"mysql", "postgres"}, "mysql", "database engine"),
       opt("instance", K::String, "db.m5.large", "DB instance class (catalog)"),
       opt("multi_az", K::Bool, "false", "synchronous standby in a second AZ"),
       opt("read_replicas", K::Integer, "0", "asynchronous read replicas (at most 15)"),
       one_of("reads_from", {"primary", "replicas", "all"}, "primary", "where reads go"),
       opt("query", K::Map, "{read: 1ms, write: 4ms}", "service demand of one query"),
       opt("max_connections", K::Integer, "from the instance's memory", "connection limit"),
       opt("failover_time", K::Distribution, "uniform 60-120s", "Multi-AZ failover"),
       opt("apply", K::Distribution, "the write query",
           "a read replica's replay of one write, on its CPU by one applier thread (sources.md §11a)"),
       opt("stale_after", K::Time, "1s", "a read from a replica lagging more than this counts as stale"),
       opt("recovery_time", K::Distribution, "uniform 5-15m", "single-AZ: time to replace the instance (AWS gives no figure: an estimate)"),
       opt("host", K::Reference, "",
           "co-located on this ec2 component (count 1): the day-1 box; no replicas, not "
           "Multi-AZ"),
       opt("storage", K::Size, "20GB", "allocated storage (storage_type), billed per GB-month per instance"),
       opt("result_size", K::Size, "1KB",
           "what one query answers, for transfer between AZs and, for a read, its instance's NIC (sources.md §12, an estimate)"),
       azs()})), HopRules{.operations = {"read", "write"}, .operation_required = true, .noun = "an rds database", .last_reason = "is a database and must be the last hop (a database does not call onward)"}, validate));
}

void build(BuildContext& b, const ComponentSpec& cs, std::uint16_t id, Component& c) {
  const auto& rds = std::get<RdsSpec>(cs.kind);
  Model& m = b.model;
  // Defaults when `query` leaves an operation out: 1 ms reads, 4 ms writes (sources.md §12:
  // "typical web query 1-10 ms", a PK lookup 0.2-1 ms; estimates, so tunable).
  c.read = dist_or(rds.query_read, kMillisecond);
  c.write = dist_or(rds.query_write, 4 * kMillisecond);
  c.reads_from = rds.reads_from == "replicas" ? ReadsFrom::Replicas
                 : rds.reads_from == "all"    ? ReadsFrom::All
                                              : ReadsFrom::Primary;
  c.multi_az = rds.multi_az;
  // A replica replays each write of the primary on one applier thread (MySQL's replication SQL
  // thread), by default at the cost of the write itself (sources.md §11a, an estimate).
  c.apply = rds.apply ? Distribution(*rds.apply) : c.write;
  c.stale_after = rds.stale_after;
  // The standby commits synchronously in another AZ: one cross-AZ round trip per write.
  if (rds.multi_az) c.commit_delay = 2 * b.spec.network.cross_az;
  // Multi-AZ failover: "typically 60-120 seconds" (sources.md §11a, RDS User Guide, O).
  c.failover_time = rds.failover_time ? Distribution(*rds.failover_time)
                                      : uniform_between(60 * kSecond, 120 * kSecond);
  // Single-AZ: the instance is replaced and recovered; AWS gives no figure, 5-15 minutes is
  // an estimate (confidence E) — set recovery_time for your case.
  c.recovery_time = rds.recovery_time ? Distribution(*rds.recovery_time)
                                      : uniform_between(5 * kMinute, 15 * kMinute);
  c.io = rds_storage_io(b.spec, rds);
  const int vcpus = vcpus_of(rds.instance, InstanceFamily::Rds);
  const int conns = rds.max_connections > 0 ? rds.max_connections : default_max_connections(rds);
  // Each DB instance answers its queries through a NIC of its own at its class's bandwidth
  // (sources.md §1c); a co-located database sends through its host's.
  b.set_bandwidth(c, rds.instance, InstanceFamily::Rds, rds.host);
  for (int i = 0; i <= rds.read_replicas; ++i) {
    const auto in = b.add_instance(id, b.intern_az(BuildContext::az_of(rds.azs, static_cast<std::size_t>(i))), vcpus,
                                   b.host_of(rds.host));
    b.add_nic(in, id, c);
    m.instances[in].workers = conns;
    m.instances[in].queue_limit = 0;  // beyond max_connections MySQL and PostgreSQL refuse
    if (c.io.on) {  // each copy writes its own volume (topology/volume.hpp)
      m.instances[in].volume = static_cast<std::uint32_t>(m.volumes.size());
      m.volumes.emplace_back().component = id;
    }
  }
  // The standby lives in the second AZ given, else in an AZ of its own ("standby").
  b.model.states[id].standby_az =
      b.intern_az(rds.azs.size() > 1 ? rds.azs[1] : (BuildContext::az_of(rds.azs, 0) == "b" ? "a" : "b"));
}

void bill(const BillContext& b, const ComponentSpec& cs, std::uint16_t id, Bill& out) {
  const auto& rds = std::get<RdsSpec>(cs.kind);
  // A co-located database runs on its host: the host's instance is the whole bill.
  if (!rds.host.empty()) return;
  const std::string& n = b.model.components[id].name;
  // A DB instance bills while it exists, failing over or not: the primary, a Multi-AZ
  // standby (sources.md §2a, O: "billed per DB instance-hour for both the primary and
  // standby") and each read replica (a DB instance of its own).
  const int instances = 1 + (rds.multi_az ? 1 : 0) + rds.read_replicas;
  const InstanceType& t = catalog_instance(rds.instance, InstanceFamily::Rds);
  out.add("rds", n, instances * b.hours * t.hourly_usd(rds.engine));
  // Storage per GB-month provisioned at its type's rate, with the IOPS and throughput provisioned
  // above what the type includes, for the standby too (sources.md §2a, O); a replica keeps its
  // own copy (E).
  out.add("rds", n, instances * b.months * rds_storage_month_usd(b, rds));
}

void figures(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Component& c = f.model.components[id];
  network_figure(f, id, cr);  // its instances' NICs, averaged over them
  storage_figures(f, id, cr);
  if (c.count < 2) return;  // no read replica
  const ComponentState& st = f.model.states[id];
  cr.stats.emplace_back(ComponentStat::ReplicaLagMaxMs, st.lag_max_ns * 1e-6);
  cr.stats.emplace_back(ComponentStat::StaleReads, static_cast<double>(st.stale_reads));
  cr.series_kind = ComponentSeries::ReplicaLagMsPerMinute;
  for (std::size_t k = 0; k < std::min(f.minutes(), st.lag_per_minute.size()); ++k) cr.series.push_back(st.lag_per_minute[k]);
  cr.series.resize(f.minutes(), 0.0);
}

/// The primary in the first AZ, replicas round the list (one box per AZ), the standby in the
/// second AZ given, else in another.
void draw(const ComponentSpec& cs, TopologyNode& n) {
  const auto& rds = std::get<RdsSpec>(cs.kind);
  n.detail = fmt::format("{} {}", rds.engine, rds.instance);
  if (rds.multi_az) n.detail += ", Multi-AZ";
  if (rds.read_replicas > 0) n.detail += fmt::format(", {} read replica{}", rds.read_replicas, rds.read_replicas > 1 ? "s" : "");
  if (!rds.host.empty()) n.detail += ", on " + rds.host;
  const auto list = azs_or_default(rds.azs);
  n.placements.push_back({list[0], ""});
  for (int i = 1; i <= rds.read_replicas; ++i) {
    const std::string& az = list[static_cast<std::size_t>(i) % list.size()];
    if (std::none_of(n.placements.begin(), n.placements.end(), [&](const auto& p) { return p.az == az && p.role == "replica"; }))
      n.placements.push_back({az, "replica"});
  }
  if (rds.multi_az) n.placements.push_back({list.size() > 1 ? list[1] : (list[0] == "b" ? "a" : "b"), "standby"});
}

}  // namespace rds_detail

const ComponentKind& rds_kind() {
  using namespace rds_detail;
  static const ComponentKind kind{.type = "rds",
                                  .hop = HopKind::Db,
                                  .params = params,
                                  .build = build,
                                  .bill = bill,
                                  .figures = figures,
                                  .draw = draw,
                                  .summary = storage_summary,
                                  .when_busy = "CPU",
                                  .when_refusing = "connections"};
  return kind;
}

}  // namespace headroom
