// ScenarioSpec -> Model: instances placed in AZs, paths compiled to hop arrays, one random
// stream per component and purpose, keyed by the component's name (spec.md §7).
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "headroom/model/catalog.hpp"
#include "headroom/model/che.hpp"
#include "model/model.hpp"

namespace headroom {
namespace {

std::uint16_t intern_az(Model& m, const std::string& az) {
  const std::uint16_t i = m.az_index(az);
  if (i != kNoAz) return i;
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

Distribution uniform_between(Duration lo, Duration hi) {
  DistSpec d;
  d.kind = DistSpec::Kind::Uniform;
  d.mean = (lo + hi) / 2;
  d.cv = static_cast<double>(hi - lo) / (std::sqrt(12.0) * static_cast<double>(d.mean));
  return Distribution(d);
}

/// Adds an instance with its own Cpu of `cores` (0: none), or sharing `host`'s when given.
std::uint32_t add_instance(Model& m, std::uint16_t component, std::uint16_t az, int cores,
                           std::int64_t host = -1) {
  Instance in;
  in.component = component;
  in.az = az;
  if (host >= 0) {
    in.cpu = m.instances[static_cast<std::size_t>(host)].cpu;
    in.guest = true;
    in.az = m.instances[static_cast<std::size_t>(host)].az;
  } else {
    Cpu c;
    c.cores = cores;
    m.cpus.push_back(std::move(c));
    in.cpu = static_cast<std::uint32_t>(m.cpus.size() - 1);
  }
  m.instances.push_back(std::move(in));
  const auto id = static_cast<std::uint32_t>(m.instances.size() - 1);
  if (host >= 0) m.instances[static_cast<std::size_t>(host)].guests.push_back(id);
  return id;
}

/// Managed regional services: reached without an AZ-to-AZ hop delay.
bool regional(HopKind k) {
  return k == HopKind::Store || k == HopKind::Table || k == HopKind::Stream || k == HopKind::Firehose ||
         k == HopKind::Function || k == HopKind::Gateway;
}

/// Cold starts by runtime, lognormal with cv 0.5 around the middle of the typical range
/// (sources.md §7c, T: Node.js 100-300 ms, Python 150-300, Go/Rust 50-200, Java 1-3 s,
/// Java with SnapStart 90-300 ms, .NET 300-700 ms; Ruby is not listed: taken as Python's, E).
Distribution default_cold_start(const std::string& runtime) {
  const Duration ms = runtime == "python" || runtime == "ruby" ? 225
                      : runtime == "go" || runtime == "rust"   ? 125
                      : runtime == "java"                      ? 2000
                      : runtime == "java_snapstart"            ? 200
                      : runtime == "dotnet"                    ? 500
                                                               : 200;
  DistSpec d;
  d.kind = DistSpec::Kind::Lognormal;
  d.mean = ms * kMillisecond;
  d.cv = 0.5;
  return Distribution(d);
}

Function build_function(const LambdaSpec& fn, std::uint16_t id, Duration run) {
  Function f;
  f.component = id;
  f.memory_gb = fn.memory_mb / 1024.0;
  f.duration = Distribution(fn.duration);
  f.per_record = fn.per_record.mean > 0 ? Distribution(fn.per_record) : Distribution::deterministic(0);
  f.cold = fn.cold_start ? Distribution(*fn.cold_start) : default_cold_start(fn.runtime);
  f.keep_warm = fn.keep_warm;
  f.timeout = fn.timeout;
  f.reserved = fn.reserved;
  f.provisioned = fn.provisioned;
  f.arm = fn.arch == "arm64";
  f.peak_per_minute.assign(static_cast<std::size_t>(run / kMinute) + 1, 0);
  return f;
}

/// Partitions a table needs for its provisioned capacity (3,000 RCU and 1,000 WCU each,
/// sources.md §6); at least one. Its stream has as many shards.
int table_partitions(const DynamoSpec& t) {
  const double need = t.mode == "provisioned" ? t.rcu / 3000 + t.wcu / 1000
                                              : std::max(t.warm_read, 12000.0) / 3000 + std::max(t.warm_write, 4000.0) / 1000;
  return std::max(1, static_cast<int>(std::ceil(need - 1e-9)));
}

Table build_table(const DynamoSpec& t, std::uint16_t id, Rng rng) {
  Table tb;
  tb.component = id;
  // Reads: a unit per 4 KB, half for an eventually consistent one; writes: a unit per 1 KB
  // (sources.md §6).
  tb.read_units = std::ceil(t.item_size / 4096.0) * (t.consistency == "strong" ? 1.0 : 0.5);
  tb.write_units = std::ceil(t.item_size / 1024.0);
  const bool provisioned = t.mode == "provisioned";
  tb.read.provisioned = tb.write.provisioned = provisioned;
  if (provisioned) {
    // Unused capacity is kept as burst credit for up to 300 s (sources.md §6; DynamoDB
    // developer guide, "Burst capacity"); the bucket starts full.
    tb.read.bucket = TokenBucket(t.rcu, 300 * t.rcu);
    tb.write.bucket = TokenBucket(t.wcu, 300 * t.wcu);
  }
  // A new on-demand table serves 12,000 read and 4,000 write units per second at once
  // (DynamoDB developer guide, "Initial throughput for on-demand capacity mode"; E).
  tb.read.warm = t.warm_read > 0 ? t.warm_read : 12000;
  tb.write.warm = t.warm_write > 0 ? t.warm_write : 4000;
  tb.read.quota = t.quota_read;
  tb.write.quota = t.quota_write;
  tb.hot_key = t.hot_key;
  tb.rng = rng;
  return tb;
}

Stream build_stream(std::uint16_t id, bool kinesis, double record_size, const ConsumerSpec& consumer, int shards,
                    Rng rng) {
  Stream s;
  s.component = id;
  s.kinesis = kinesis;
  s.record_size = record_size;
  s.batch_size = static_cast<std::uint32_t>(consumer.batch_size);
  s.window = consumer.window;
  s.poll_interval = kinesis ? kSecond : 250 * kMillisecond;
  s.rng = rng;
  s.shards.resize(static_cast<std::size_t>(shards));
  for (auto& sh : s.shards) {
    // Per shard: 1,000 records/s or 1 MB/s in, 2 MB/s out (sources.md §9), each a
    // one-second bucket; the poller's phase on its grid is random.
    sh.in_records = TokenBucket(1000, 1000);
    sh.in_bytes = TokenBucket(1e6, 1e6);
    sh.out_bytes = TokenBucket(2e6, 2e6);
    sh.phase = static_cast<SimTime>(rng.uniform01() * static_cast<double>(s.poll_interval));
  }
  return s;
}

/// Consumers and outputs name other components: linked once every component is built.
template <class IdOf>
void link_serverless(const ScenarioSpec& spec, Model& m, IdOf id_of) {
  int reserved = 0;
  for (const auto& f : m.functions) reserved += f.reserved;
  m.lambda.unreserved_limit = m.lambda.limit - reserved;
  for (auto& s : m.streams) {
    const ComponentSpec& cs = spec.components[s.component];
    std::string fn;
    if (const auto* k = std::get_if<KinesisSpec>(&cs.kind); k && k->consumer) fn = k->consumer->function;
    if (const auto* t = std::get_if<DynamoSpec>(&cs.kind); t && t->stream) fn = t->stream->function;
    s.consumer = fn.empty() ? -1 : m.components[id_of(fn)].ext;
  }
  for (auto& f : m.functions) {
    const auto& l = std::get<LambdaSpec>(spec.components[f.component].kind);
    for (const HopSpec& h : l.output) {
      OutputOp op;
      op.component = id_of(h.component);
      const Component& t = m.components[op.component];
      op.index = t.ext;
      op.kind = t.kind == HopKind::Table    ? OutputOp::Kind::TableWrite
                : t.kind == HopKind::Stream ? OutputOp::Kind::StreamPut
                : t.kind == HopKind::Firehose ? OutputOp::Kind::FirehosePut
                                              : OutputOp::Kind::S3Put;
      f.outputs.push_back(op);
    }
  }
}

}  // namespace

Model build_model(const ScenarioSpec& spec, std::uint64_t seed) {
  Model m;
  m.same_az = spec.network.same_az;
  m.cross_az = spec.network.cross_az;
  m.rtt = spec.client.rtt;
  m.timeout = spec.client.timeout;
  m.retries = spec.client.retries;
  m.backoff = spec.client.backoff;
  m.backoff_max = spec.client.backoff_max;
  m.components.reserve(spec.components.size());

  std::vector<std::string> names;
  for (const auto& cs : spec.components) names.push_back(cs.name);
  auto id_of = [&](const std::string& name) {
    auto it = std::find(names.begin(), names.end(), name);
    HEADROOM_ASSERT(it != names.end(), "validated reference to unknown component " + name);
    return static_cast<std::uint16_t>(it - names.begin());
  };
  // Hosts first: a co-located database or cache shares an instance that must already exist.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < spec.components.size(); ++i)
    if (std::holds_alternative<Ec2Spec>(spec.components[i].kind)) order.push_back(i);
  for (std::size_t i = 0; i < spec.components.size(); ++i)
    if (!std::holds_alternative<Ec2Spec>(spec.components[i].kind)) order.push_back(i);
  m.components.resize(spec.components.size());

  for (std::size_t ci : order) {
    const ComponentSpec& cs = spec.components[ci];
    const auto id = static_cast<std::uint16_t>(ci);
    Component c;
    c.name = cs.name;
    c.type = cs.type;
    c.service_rng = Rng::stream(seed, cs.name + "/service");
    c.route_rng = Rng::stream(seed, cs.name + "/route");
    c.hit_rng = Rng::stream(seed, cs.name + "/hits");
    c.first = static_cast<std::uint32_t>(m.instances.size());
    auto host_of = [&](const std::string& host) -> std::int64_t {
      return host.empty() ? -1 : static_cast<std::int64_t>(m.components[id_of(host)].first);
    };

    if (const auto* ec2 = std::get_if<Ec2Spec>(&cs.kind)) {
      c.kind = HopKind::Pool;
      c.cpu = Distribution(ec2->cpu);
      c.error_ratio = ec2->error_ratio;
      const int vcpus = vcpus_of(ec2->instance, InstanceFamily::Ec2);
      // Default thread pool: 2 × vCPUs + 1, the sizing gunicorn documents for its workers.
      const int workers = ec2->workers > 0 ? ec2->workers : 2 * vcpus + 1;
      // Default backlog: 1024 waiting requests per instance, a typical accept backlog.
      const std::int64_t queue = ec2->queue >= 0 ? ec2->queue : 1024;
      // An Auto Scaling group gets all `max` instances up front, those beyond `desired` Off:
      // indices stay fixed, so balancers and requests can name them.
      const int count = ec2->scaling ? ec2->scaling->max : ec2->count;
      const int running = ec2->scaling ? ec2->scaling->desired : ec2->count;
      for (int i = 0; i < count; ++i) {
        const auto in = add_instance(m, id, intern_az(m, az_of(ec2->azs, static_cast<std::size_t>(i))), vcpus);
        m.instances[in].workers = workers;
        m.instances[in].queue_limit = queue;
        if (i >= running) {
          m.instances[in].life = Life::Off;
          m.instances[in].alive = false;
        }
      }
      const PurchaseSpec& p = ec2->purchase;
      c.on_demand_base = p.on_demand_base;
      c.spot_share = p.spot;
      c.spot_discount = p.discount;
      c.spot_price = p.price_trace;
      // The Spot Advisor's buckets are monthly interruption frequencies (sources.md §11e); each
      // becomes a constant per-instance hazard at the bucket's midpoint (25% for ">20%"; E).
      const double monthly = p.interruption == "5-10%"    ? 0.075
                             : p.interruption == "10-15%" ? 0.125
                             : p.interruption == "15-20%" ? 0.175
                             : p.interruption == ">20%"   ? 0.25
                                                          : 0.025;
      c.spot_hazard = -std::log1p(-monthly) / static_cast<double>(730 * kHour);
      // The initial fleet follows the mix: the base on-demand, then Spot spread evenly.
      for (int i = 0, above = 0, spots = 0; i < running; ++i) {
        if (i < p.on_demand_base) continue;
        ++above;
        if (spots < static_cast<int>(std::floor(above * p.spot + 1e-9))) {
          m.instances[c.first + static_cast<std::uint32_t>(i)].spot = true;
          ++spots;
        }
      }
      if (const auto& sc = ec2->scaling) {
        Scaling& g = c.scaling;
        g.enabled = true;
        g.min = sc->min;
        g.max = sc->max;
        g.desired = sc->desired;
        g.target = sc->target_cpu;
        g.warmup = sc->warmup;
        g.cooldown = sc->cooldown;
        g.deregistration_delay = sc->deregistration_delay;
        // Launch to serving: ~25-30 s to a booted OS (sources.md §11d) plus the application's
        // start; 60 s when the scenario does not say (estimate, E).
        g.boot_time = ec2->boot_time > 0 ? ec2->boot_time : 60 * kSecond;
        g.schedule = sc->schedule;
        g.steps = sc->steps;
      }
    } else if (const auto* elb = std::get_if<ElbSpec>(&cs.kind)) {
      c.kind = HopKind::Lb;
      c.least_outstanding = elb->algorithm == "least_outstanding";
      c.lb_target = id_of(elb->targets);
      c.health = elb->health_check;
      c.idle_timeout = elb->idle_timeout;
      // One load-balancer node per AZ it is enabled in (default: its targets' AZs); DNS spreads
      // clients evenly across the live nodes.
      std::vector<std::string> azs = elb->azs;
      if (azs.empty())
        if (const auto* t = spec.find(elb->targets))
          if (const auto* te = std::get_if<Ec2Spec>(&t->kind)) azs = te->azs;
      if (azs.empty()) azs = {"a"};
      for (const auto& az : azs) add_instance(m, id, intern_az(m, az), 0);
    } else if (const auto* rds = std::get_if<RdsSpec>(&cs.kind)) {
      c.kind = HopKind::Db;
      // Defaults when `query` leaves an operation out: 1 ms reads, 4 ms writes (sources.md §12:
      // "typical web query 1-10 ms", a PK lookup 0.2-1 ms; estimates, so tunable).
      c.read = dist_or(rds->query_read, kMillisecond);
      c.write = dist_or(rds->query_write, 4 * kMillisecond);
      c.reads_from = rds->reads_from == "replicas" ? ReadsFrom::Replicas
                     : rds->reads_from == "all"    ? ReadsFrom::All
                                                   : ReadsFrom::Primary;
      c.multi_az = rds->multi_az;
      // The standby commits synchronously in another AZ: one cross-AZ round trip per write.
      if (rds->multi_az) c.commit_delay = 2 * spec.network.cross_az;
      // Multi-AZ failover: "typically 60-120 seconds" (sources.md §11a, RDS User Guide, O).
      c.failover_time = rds->failover_time ? Distribution(*rds->failover_time)
                                           : uniform_between(60 * kSecond, 120 * kSecond);
      // Single-AZ: the instance is replaced and recovered; AWS gives no figure, 5-15 minutes is
      // an estimate (confidence E) — set recovery_time for your case.
      c.recovery_time = rds->recovery_time ? Distribution(*rds->recovery_time)
                                           : uniform_between(5 * kMinute, 15 * kMinute);
      const int vcpus = vcpus_of(rds->instance, InstanceFamily::Rds);
      const int conns = rds->max_connections > 0 ? rds->max_connections : default_max_connections(*rds);
      for (int i = 0; i <= rds->read_replicas; ++i) {
        const auto in = add_instance(m, id, intern_az(m, az_of(rds->azs, static_cast<std::size_t>(i))), vcpus,
                                     host_of(rds->host));
        m.instances[in].workers = conns;
        m.instances[in].queue_limit = 0;  // beyond max_connections MySQL and PostgreSQL refuse
      }
      // The standby lives in the second AZ given, else in an AZ of its own ("standby").
      c.standby_az = intern_az(m, rds->azs.size() > 1 ? rds->azs[1] : (az_of(rds->azs, 0) == "b" ? "a" : "b"));
    } else if (const auto* cache = std::get_if<CacheSpec>(&cs.kind)) {
      c.kind = HopKind::Cache;
      c.op = dist_or(cache->op, 200 * kMicrosecond);
      if (cache->hit_ratio >= 0) {
        c.hit_ratio = cache->hit_ratio;
      } else {
        c.hit_ratio = che_lru_hit_ratio(cache->keys, cache->zipf, cache->capacity);
        // A node that comes back empty refills as it misses: about its share of the capacity.
        c.warm_lookups = cache->capacity / std::max(1, cache->nodes);
      }
      // Redis executes commands on one thread per node; memcached uses every vCPU.
      const int vcpus = vcpus_of(cache->node, InstanceFamily::ElastiCache);
      const int cores = cache->engine == "memcached" ? vcpus : 1;
      for (int i = 0; i < cache->nodes; ++i)
        add_instance(m, id, intern_az(m, az_of(cache->azs, static_cast<std::size_t>(i))), cores, host_of(cache->host));
    } else if (const auto* cf = std::get_if<CloudFrontSpec>(&cs.kind)) {
      c.kind = HopKind::Edge;
      c.hit_ratio = cf->hit_ratio;
      c.edge_rtt = cf->edge_rtt;
      c.op = Distribution::deterministic(cf->latency);
      add_instance(m, id, kNoAz, 0);
    } else if (const auto* s3 = std::get_if<S3Spec>(&cs.kind)) {
      c.kind = HopKind::Store;
      c.op = dist_or(s3->first_byte, 20 * kMillisecond);  // sources.md §12: S3 first byte ~20 ms (E)
      add_instance(m, id, kNoAz, 0);
    } else if (const auto* r53 = std::get_if<Route53Spec>(&cs.kind)) {
      c.kind = HopKind::Dns;
      c.op = Distribution::deterministic(r53->latency);
      add_instance(m, id, kNoAz, 0);
    } else if (const auto* ddb = std::get_if<DynamoSpec>(&cs.kind)) {
      c.kind = HopKind::Table;
      c.op = dist_or(ddb->latency, 5 * kMillisecond);  // sources.md §12: single-digit ms (E)
      c.ext = static_cast<std::int32_t>(m.tables.size());
      m.tables.push_back(build_table(*ddb, id, Rng::stream(seed, cs.name + "/keys")));
      if (ddb->stream) {
        m.tables.back().stream = static_cast<std::int32_t>(m.streams.size());
        m.streams.push_back(build_stream(id, /*kinesis=*/false, 0, *ddb->stream,
                                         table_partitions(*ddb), Rng::stream(seed, cs.name + "/stream")));
      }
      add_instance(m, id, kNoAz, 0);
    } else if (const auto* fn = std::get_if<LambdaSpec>(&cs.kind)) {
      c.kind = HopKind::Function;
      c.cpu = Distribution(fn->duration);
      c.ext = static_cast<std::int32_t>(m.functions.size());
      m.functions.push_back(build_function(*fn, id, spec.duration));
      if (fn->concurrency_set) m.lambda.limit = fn->concurrency;
      add_instance(m, id, kNoAz, 0);
    } else if (const auto* api = std::get_if<ApiGatewaySpec>(&cs.kind)) {
      c.kind = HopKind::Gateway;
      c.op = Distribution(api->latency);
      // Integration timeout: 29 s for REST, 30 s for HTTP APIs (sources.md §8).
      c.idle_timeout = api->timeout > 0 ? api->timeout : api->kind == "http" ? 30 * kSecond : 29 * kSecond;
      c.ext = static_cast<std::int32_t>(m.gateways.size());
      Gateway g;
      g.bucket = TokenBucket(api->rate, api->burst);
      m.gateways.push_back(g);
      add_instance(m, id, kNoAz, 0);
    } else if (const auto* ks = std::get_if<KinesisSpec>(&cs.kind)) {
      c.kind = HopKind::Stream;
      c.op = Distribution(ks->put_latency);
      c.ext = static_cast<std::int32_t>(m.streams.size());
      // Its consumer, if any, is linked by link_serverless once every component exists.
      m.streams.push_back(build_stream(id, /*kinesis=*/true, ks->record_size, ks->consumer.value_or(ConsumerSpec{}),
                                       ks->shards, Rng::stream(seed, cs.name + "/partition_keys")));
      // One instance per shard: routing a put picks its shard (a random partition key).
      for (int i = 0; i < ks->shards; ++i) add_instance(m, id, kNoAz, 0);
    } else if (const auto* fh = std::get_if<FirehoseSpec>(&cs.kind)) {
      c.kind = HopKind::Firehose;
      c.op = Distribution(fh->latency);
      c.ext = static_cast<std::int32_t>(m.firehoses.size());
      Firehose f;
      f.component = id;
      f.destination = id_of(fh->destination);
      f.size = fh->buffer_size;
      f.interval = fh->buffer_interval;
      f.record_size = fh->record_size;
      m.firehoses.push_back(std::move(f));
      add_instance(m, id, kNoAz, 0);
    } else {
      HEADROOM_ASSERT(false, "component type without a model passed validation: " + cs.type);
    }
    c.count = static_cast<std::uint32_t>(m.instances.size()) - c.first;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      if (m.instances[i].cpu < m.cpus.size()) c.total_cores += m.cpus[m.instances[i].cpu].cores;
    c.alive = 0;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) c.alive += m.instances[i].alive ? 1 : 0;
    c.alive_min = c.alive_max = c.billed = c.alive;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) c.billed_spot += m.instances[i].spot ? 1 : 0;
    m.components[ci] = std::move(c);
  }
  link_serverless(spec, m, id_of);
  for (auto& s : m.streams) s.age_per_minute.assign(static_cast<std::size_t>(spec.duration / kMinute) + 1, 0);
  for (auto& c : m.components)
    if (c.kind == HopKind::Lb) {
      const Component& t = m.components[c.lb_target];
      c.targets.assign(t.count, TargetHealth{});
      for (std::uint32_t i = 0; i < t.count; ++i) {
        if (m.instances[t.first + i].life == Life::InService) c.healthy_list.push_back(i);
        else c.targets[i].healthy = false;  // not launched yet: not registered
      }
    }

  m.az_down.assign(m.azs.size(), false);
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
  auto make_hop = [&](std::uint16_t comp, const std::string& op, std::size_t k) {
    Hop h;
    h.component = comp;
    auto& c = m.components[comp];
    h.kind = c.kind;
    switch (c.kind) {
      case HopKind::Pool: h.demand = c.by_class.empty() ? &c.cpu : &c.by_class[k]; break;
      case HopKind::Db:
        h.op = op == "write" ? DbOp::Write : DbOp::Read;
        h.demand = h.op == DbOp::Write ? &c.write : &c.read;
        break;
      case HopKind::Store:
      case HopKind::Table:
      case HopKind::Stream:
      case HopKind::Firehose:
        h.op = op == "write" || op == "put" ? DbOp::Write : DbOp::Read;
        h.demand = &c.op;
        break;
      case HopKind::Function: h.demand = &c.cpu; break;
      case HopKind::Gateway: h.demand = &c.op; break;
      case HopKind::Cache:
      case HopKind::Edge:
      case HopKind::Dns: h.demand = &c.op; break;
      case HopKind::Lb: break;
    }
    return h;
  };
  for (std::size_t k = 0; k < spec.traffic.size(); ++k) {
    auto& tc = m.classes[k];
    for (const auto& hs : spec.traffic[k].path) tc.hops.push_back(make_hop(id_of(hs.component), hs.op, k));
    // A cache or CDN at the end of a path sends its misses to its origin: on a hit the request
    // ends there anyway, so appending the origin as the next hop is the same thing.
    for (;;) {
      const std::string& last = m.components[tc.hops.back().component].name;
      const ComponentSpec* cs = spec.find(last);
      std::string origin;
      if (const auto* cache = std::get_if<CacheSpec>(&cs->kind)) origin = cache->origin;
      if (const auto* cf = std::get_if<CloudFrontSpec>(&cs->kind)) origin = cf->origin;
      if (origin.empty()) break;
      tc.hops.push_back(make_hop(id_of(origin), "read", k));
      // A balancer as origin routes on to its targets, as it would in a path.
      if (tc.hops.back().kind == HopKind::Lb)
        tc.hops.push_back(make_hop(m.components[tc.hops.back().component].lb_target, "", k));
      HEADROOM_ASSERT(tc.hops.size() <= static_cast<std::size_t>(kMaxDepth), "origin chain deeper than kMaxDepth");
    }
    HEADROOM_ASSERT(!tc.hops.empty() && tc.hops.size() <= static_cast<std::size_t>(kMaxDepth),
                    "path empty or deeper than kMaxDepth");
    tc.hops.back().last = true;
    // Fixed delays: the client's half round trip to the first real hop (a CDN edge's when the
    // path starts at one), nothing to reach DNS or a regional managed service, and the edge's
    // round trip to the region for a CDN's origin (client and edge are close; the region is not).
    std::size_t first_real = tc.hops[0].kind == HopKind::Dns && tc.hops.size() > 1 ? 1 : 0;
    if (first_real == 1) tc.hops[0].in_delay = 0;
    const Hop& entry = tc.hops[first_real];
    const Duration edge_rtt = entry.kind == HopKind::Edge ? m.components[entry.component].edge_rtt : m.rtt;
    tc.hops[first_real].in_delay = edge_rtt / 2;
    for (std::size_t i = first_real + 1; i < tc.hops.size(); ++i) {
      if (tc.hops[i - 1].kind == HopKind::Edge) tc.hops[i].in_delay = std::max<Duration>(0, m.rtt - edge_rtt) / 2;
      else if (regional(tc.hops[i].kind)) tc.hops[i].in_delay = 0;
    }
  }
  return m;
}

}  // namespace headroom
