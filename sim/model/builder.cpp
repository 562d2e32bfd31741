// ScenarioSpec -> Model: instances placed in AZs, paths compiled to hop arrays, one random
// stream per component and purpose, keyed by the component's name (SPEC §7).
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "headroom/model/catalog.hpp"
#include "model/model.hpp"

namespace headroom {
namespace {

std::uint16_t az_index(Model& m, const std::string& az) {
  auto it = std::find(m.azs.begin(), m.azs.end(), az);
  if (it != m.azs.end()) return static_cast<std::uint16_t>(it - m.azs.begin());
  m.azs.push_back(az);
  return static_cast<std::uint16_t>(m.azs.size() - 1);
}

const std::string& az_of(const std::vector<std::string>& azs, std::size_t i) {
  static const std::string kDefault = "a";
  return azs.empty() ? kDefault : azs[i % azs.size()];
}

int vcpus_of(const std::string& name, InstanceFamily family) {
  const InstanceType* t = find_instance(name, family);
  HEADROOM_ASSERT(t != nullptr, "instance type passed validation but is not in the catalog: " + name);
  return t->vcpus;
}

/// RDS's default max_connections, from the parameter-group formulas: MySQL
/// {DBInstanceClassMemory/12582880}, PostgreSQL LEAST({DBInstanceClassMemory/9531392}, 5000)
/// (RDS default parameter groups; confidence T: public measurements agree, e.g. PostgreSQL on an
/// 8 GiB db.m4.large reports 856). Instance memory stands in for DBInstanceClassMemory, which is
/// a little smaller (the OS's share), so these defaults run a few percent high.
int default_max_connections(const RdsSpec& rds) {
  const InstanceType* t = find_instance(rds.instance, InstanceFamily::Rds);
  const double bytes = (t ? t->memory_gib : 8) * 1024.0 * 1024.0 * 1024.0;
  if (rds.engine == "postgres") return static_cast<int>(std::min(bytes / 9531392.0, 5000.0));
  return static_cast<int>(bytes / 12582880.0);
}

Distribution dist_or(const DistSpec& d, Duration fallback_mean) {
  if (d.mean > 0) return Distribution(d);
  return Distribution::exponential(fallback_mean);
}

Instance make_instance(std::uint16_t component, std::uint16_t az, int cores) {
  Instance in;
  in.component = component;
  in.az = az;
  in.cores = cores;
  return in;
}

}  // namespace

Model build_model(const ScenarioSpec& spec, std::uint64_t seed) {
  Model m;
  m.same_az = spec.network.same_az;
  m.cross_az = spec.network.cross_az;
  m.rtt_down = spec.client.rtt / 2;
  m.rtt_up = spec.client.rtt - m.rtt_down;
  m.timeout = spec.client.timeout;
  m.components.reserve(spec.components.size());

  std::vector<std::string> names;
  for (const auto& cs : spec.components) names.push_back(cs.name);
  auto id_of = [&](const std::string& name) {
    auto it = std::find(names.begin(), names.end(), name);
    HEADROOM_ASSERT(it != names.end(), "validated reference to unknown component " + name);
    return static_cast<std::uint16_t>(it - names.begin());
  };

  for (std::size_t ci = 0; ci < spec.components.size(); ++ci) {
    const ComponentSpec& cs = spec.components[ci];
    const auto id = static_cast<std::uint16_t>(ci);
    Component c;
    c.name = cs.name;
    c.type = cs.type;
    c.service_rng = Rng::stream(seed, cs.name + "/service");
    c.route_rng = Rng::stream(seed, cs.name + "/route");
    c.hit_rng = Rng::stream(seed, cs.name + "/hits");
    c.first = static_cast<std::uint32_t>(m.instances.size());

    if (const auto* ec2 = std::get_if<Ec2Spec>(&cs.kind)) {
      c.kind = HopKind::Pool;
      c.cpu = Distribution(ec2->cpu);
      const int vcpus = vcpus_of(ec2->instance, InstanceFamily::Ec2);
      // Default thread pool: 2 × vCPUs + 1, the sizing gunicorn documents for its workers.
      const int workers = ec2->workers > 0 ? ec2->workers : 2 * vcpus + 1;
      // Default backlog: 1024 waiting requests per instance, a typical accept backlog.
      const std::int64_t queue = ec2->queue >= 0 ? ec2->queue : 1024;
      for (int i = 0; i < ec2->count; ++i) {
        Instance in = make_instance(id, az_index(m, az_of(ec2->azs, static_cast<std::size_t>(i))), vcpus);
        in.workers = workers;
        in.queue_limit = queue;
        m.instances.push_back(std::move(in));
      }
    } else if (const auto* elb = std::get_if<ElbSpec>(&cs.kind)) {
      c.kind = HopKind::Lb;
      c.least_outstanding = elb->algorithm == "least_outstanding";
      c.lb_target = id_of(elb->targets);
      // One load-balancer node per AZ it is enabled in (default: its targets' AZs); DNS spreads
      // clients evenly across the nodes.
      std::vector<std::string> azs = elb->azs;
      if (azs.empty()) {
        if (const auto* t = spec.find(elb->targets))
          if (const auto* te = std::get_if<Ec2Spec>(&t->kind)) azs = te->azs;
      }
      if (azs.empty()) azs = {"a"};
      for (const auto& az : azs) m.instances.push_back(make_instance(id, az_index(m, az), 0));
    } else if (const auto* rds = std::get_if<RdsSpec>(&cs.kind)) {
      c.kind = HopKind::Db;
      // Defaults when `query` leaves an operation out: 1 ms reads, 4 ms writes (aws-facts §12:
      // "typical web query 1-10 ms", a PK lookup 0.2-1 ms; estimates, so tunable).
      c.read = dist_or(rds->query_read, kMillisecond);
      c.write = dist_or(rds->query_write, 4 * kMillisecond);
      c.reads_from = rds->reads_from == "replicas" ? ReadsFrom::Replicas
                     : rds->reads_from == "all"    ? ReadsFrom::All
                                                   : ReadsFrom::Primary;
      // The standby commits synchronously in another AZ: one cross-AZ round trip per write.
      if (rds->multi_az) c.commit_delay = 2 * spec.network.cross_az;
      const int vcpus = vcpus_of(rds->instance, InstanceFamily::Rds);
      const int conns = rds->max_connections > 0 ? rds->max_connections : default_max_connections(*rds);
      for (int i = 0; i <= rds->read_replicas; ++i) {
        Instance in = make_instance(id, az_index(m, az_of(rds->azs, static_cast<std::size_t>(i))), vcpus);
        in.workers = conns;
        in.queue_limit = 0;  // beyond max_connections MySQL and PostgreSQL refuse the connection
        m.instances.push_back(std::move(in));
      }
    } else if (const auto* cache = std::get_if<CacheSpec>(&cs.kind)) {
      c.kind = HopKind::Cache;
      c.op = dist_or(cache->op, 200 * kMicrosecond);
      c.hit_ratio = cache->hit_ratio;
      // Redis executes commands on one thread per node; memcached uses every vCPU.
      const int vcpus = vcpus_of(cache->node, InstanceFamily::ElastiCache);
      const int cores = cache->engine == "memcached" ? vcpus : 1;
      for (int i = 0; i < cache->nodes; ++i)
        m.instances.push_back(
            make_instance(id, az_index(m, az_of(cache->azs, static_cast<std::size_t>(i))), cores));
    } else {
      HEADROOM_ASSERT(false, "component type without a model passed validation: " + cs.type);
    }
    c.count = static_cast<std::uint32_t>(m.instances.size()) - c.first;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) c.total_cores += m.instances[i].cores;
    m.components.push_back(std::move(c));
  }

  double cumulative = 0;
  for (const auto& cls : spec.traffic) {
    TrafficClass tc;
    tc.name = cls.name;
    tc.share = cls.share;
    cumulative += cls.share;
    tc.cumulative = cumulative;
    tc.bytes = cls.bytes;
    m.classes.push_back(std::move(tc));
  }
  if (!m.classes.empty()) m.classes.back().cumulative = 1.0;

  // Class-specific CPU demands, then the compiled paths (which point into them: no more resizing).
  for (std::size_t ci = 0; ci < spec.components.size(); ++ci) {
    const auto* ec2 = std::get_if<Ec2Spec>(&spec.components[ci].kind);
    if (!ec2 || ec2->service_by_class.empty()) continue;
    auto& c = m.components[ci];
    c.by_class.assign(m.classes.size(), c.cpu);
    for (std::size_t k = 0; k < m.classes.size(); ++k) {
      auto it = ec2->service_by_class.find(m.classes[k].name);
      if (it != ec2->service_by_class.end()) c.by_class[k] = Distribution(it->second);
    }
  }
  for (std::size_t k = 0; k < spec.traffic.size(); ++k) {
    auto& tc = m.classes[k];
    for (const auto& hs : spec.traffic[k].path) {
      Hop h;
      h.component = id_of(hs.component);
      auto& c = m.components[h.component];
      h.kind = c.kind;
      switch (c.kind) {
        case HopKind::Pool: h.demand = c.by_class.empty() ? &c.cpu : &c.by_class[k]; break;
        case HopKind::Db:
          h.op = hs.op == "write" ? DbOp::Write : DbOp::Read;
          h.demand = h.op == DbOp::Write ? &c.write : &c.read;
          break;
        case HopKind::Cache: h.demand = &c.op; break;
        case HopKind::Lb: break;
      }
      tc.hops.push_back(h);
    }
    // A cache at the end of a path sends its misses to its origin: on a hit the request ends at
    // the cache anyway, so appending the origin as the next hop is the same thing.
    const auto& last = spec.traffic[k].path.back();
    if (const auto* cs = spec.find(last.component))
      if (const auto* cache = std::get_if<CacheSpec>(&cs->kind); cache && !cache->origin.empty()) {
        Hop h;
        h.component = id_of(cache->origin);
        auto& oc = m.components[h.component];
        h.kind = oc.kind;
        h.demand = oc.kind == HopKind::Db ? &oc.read : &oc.cpu;
        h.op = oc.kind == HopKind::Db ? DbOp::Read : DbOp::None;
        tc.hops.push_back(h);
      }
    HEADROOM_ASSERT(!tc.hops.empty() && tc.hops.size() <= static_cast<std::size_t>(kMaxDepth),
                    "path empty or deeper than kMaxDepth");
    tc.hops.back().last = true;
  }
  return m;
}

}  // namespace headroom
