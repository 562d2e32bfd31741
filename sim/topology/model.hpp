#pragma once
// The built model: components, their instances and the compiled traffic classes, as flat arrays
// indexed by small integers. Built once from a ScenarioSpec (components/build_model.cpp), then read and updated
// by the runner's handlers; nothing here knows about YAML.
#include <cmath>
#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <vector>

#include "headroom/core/distribution.hpp"
#include "headroom/core/random.hpp"
#include "headroom/measure/histogram.hpp"
#include "headroom/scenario/spec.hpp"
#include "measure/component_tally.hpp"
#include "topology/credits.hpp"
#include "topology/nic.hpp"
#include "topology/ring_queue.hpp"
#include "topology/serverless.hpp"
#include "topology/volume.hpp"

namespace headroom {

/// What a hop does with a request.
enum class HopKind : std::uint8_t {
  Lb,     // routes to its targets, holds nothing
  Pool,   // ec2: worker, then CPU, then the next hop
  Db,     // rds: connection, then CPU; answers
  Cache,  // elasticache: CPU op; a hit answers, a miss goes on
  Edge,   // cloudfront: a delay; a hit answers, a miss goes to the origin
  Store,  // s3, dynamodb: a delay (no queueing at this scale); answers
  Dns,    // route53: a delay, then the next hop
  Gateway,   // apigateway: a token bucket (429), a delay, then its integration
  Function,  // lambda: an execution environment (warm, cold or 429) for the call's duration
  Stream,    // a stream put: a shard's write limits, then accepted (the request ends there)
  Table,     // dynamodb: capacity units (throttle), a delay; answers or its caller goes on
  Firehose,  // firehose put: a delay, then buffered for S3 (the request ends there)
  Attached,  // attached to instances (a volume): billed, never a hop of a path
};
enum class DbOp : std::uint8_t { None, Read, Write };
enum class ReadsFrom : std::uint8_t { Primary, Replicas, All };

inline constexpr int kMaxDepth = 8;  // hops per path: the request keeps one slot per hop
inline constexpr std::int32_t kUnlimited = std::numeric_limits<std::int32_t>::max();
inline constexpr std::uint16_t kNoAz = 0xFFFF;  // regional managed services: no AZ, no hop delay
inline constexpr std::int32_t kNoFault = -1;

/// A set of cores run FCFS: one instance's vCPUs, shared by what is co-located on it.
struct Cpu {
  std::int32_t cores = 0, busy = 0;
  std::uint32_t epoch = 0;  // bumped when its host dies: services in progress are void
  RingQueue wait;           // requests holding a worker, waiting for a core
  CpuCredits credits;       // a burstable instance's CPU credits (off for the others)
};

/// Where an instance of an Auto Scaling group is in its life. Fixed pools stay InService.
enum class Life : std::uint8_t { InService, Off, Booting, Draining };

/// One server: an EC2 instance, a database instance, a cache node, a load-balancer node or a
/// managed service's endpoint. Requests first take a worker (thread or connection), waiting FIFO
/// in a bounded backlog, then run their demand on a Cpu.
struct Instance {
  std::uint16_t component = 0;
  std::uint16_t az = 0;
  std::uint32_t cpu = 0;  // index into Model::cpus (a co-located instance shares its host's)
  std::uint32_t nic = kNoNic;  // index into Model::nics: its type gives its bandwidth (a guest: its host's)
  std::uint32_t volume = kNoVolume;  // index into Model::volumes: a database whose I/O is modelled
  std::int32_t workers = kUnlimited, workers_busy = 0;
  std::int64_t queue_limit = std::numeric_limits<std::int64_t>::max();
  std::uint32_t outstanding = 0;  // routed here and not yet answered (least_outstanding)
  RingQueue worker_wait;          // requests waiting for a worker
  // ec2 with `pool`: the application's connections to its database, how many are lent out, and
  // the requests waiting for one (FCFS, each until its pool timeout)
  std::int32_t pool = 0, pool_busy = 0;
  RingQueue pool_wait;
  bool alive = true;
  std::uint32_t epoch = 0;        // bumped at every death and repair: requests inside are void
  std::int32_t killed_by = kNoFault;  // the fault (timeline entry) that last took it down
  bool detect_pending = false;  // dead behind a balancer that has not noticed yet
  bool await_healthy = false;   // back, but a balancer must see it pass its checks first
  std::vector<std::uint32_t> guests;  // instances co-located on this one (they die with it)
  bool guest = false;                 // co-located on a host: shares its Cpu
  // elasticache: lookups served since the node last came back, for its cold-start warm-up
  std::uint64_t served_since_start = 0;
  bool cold = false;
  /// The share of a cold cache node's keys refilled after its lookups since it came back:
  /// 1 − e^(−n/w), w the lookups its capacity takes to refill (LRU refill).
  double filled(double warm_lookups) const {
    return -std::expm1(-static_cast<double>(served_since_start) / warm_lookups);
  }
  // Auto Scaling
  Life life = Life::InService;
  SimTime launched_at = -kDay;  // the initial fleet is long warmed up
  SimTime billed_from = 0;      // launch time: EC2 bills at least 60 s per launch
  bool spot = false;            // bought as Spot: may be interrupted after a 2-minute notice
  std::uint32_t spot_generation = 0;  // bumped per launch: stale interruption events are ignored
  std::int64_t busy_total = 0;  // core-ns of service started here, all run long (CloudWatch CPU)
  std::int64_t busy_mark = 0;   // busy_total at the last metric period
};

/// One hop of a compiled path.
struct Hop {
  std::uint16_t component = 0;
  HopKind kind = HopKind::Pool;
  DbOp op = DbOp::None;
  const Distribution* demand = nullptr;  // CPU demand, query, op or service latency
  bool last = false;                     // the path's final hop: it answers without calling on
  /// Fixed one-way delay to reach this hop from the previous one (and back), or -1 for the
  /// same-AZ / cross-AZ delay of the two instances involved.
  Duration in_delay = -1;
  /// Bytes the previous hop (or the client) sends to this one, and this one answers: the
  /// client's request and the page up to the hop that makes the page, a query and its result
  /// beyond it (build_model.cpp).
  double request_bytes = 0, response_bytes = 0;
  /// Its answer's transmission on the instance's NIC (topology/nic.hpp) at the baseline and at
  /// the burst bandwidth, computed once per class and component; 0: it sends nothing through one.
  Duration nic_ns = 0, nic_burst_ns = 0;
  /// A database hop called from an ec2 hop with a connection pool: that hop's index, whose
  /// instance lends the connection for this hop; -1: no pool (build_model.cpp).
  std::int8_t pool_from = -1;
};

/// What answers ask of a NIC (topology/nic.hpp) per second, summed over the hops that send
/// through it: the answers, their bits, and their transmission times at the sustained and at the
/// burst rates with those times' squares — the busy shares and M/G/1's second moments. The
/// analytic model sums it per pool, the hybrid engine per NIC.
struct NicOffer {
  double answers = 0, bits = 0, t = 0, t_fast = 0, t2 = 0, t2_fast = 0;
  /// Adds `rate` answers a second of hop `h` (its transmission times computed at build).
  void add(const Hop& h, double rate) {
    const double slow = to_seconds(h.nic_ns), fast = to_seconds(h.nic_burst_ns);
    answers += rate;
    bits += rate * h.response_bytes * 8;
    t += rate * slow;
    t_fast += rate * fast;
    t2 += rate * slow * slow;
    t2_fast += rate * fast * fast;
  }
  /// Adds another offer to the same NIC (a host's and its co-located guest's answers).
  void add(const NicOffer& o) {
    answers += o.answers;
    bits += o.bits;
    t += o.t;
    t_fast += o.t_fast;
    t2 += o.t2;
    t2_fast += o.t2_fast;
  }
  /// The same offer `k` times over (e.g. spread over a fleet: k = 1 / instances).
  NicOffer scaled(double k) const { return {k * answers, k * bits, k * t, k * t_fast, k * t2, k * t2_fast}; }
};

struct TrafficClass {
  std::string name;
  double share = 0;
  double cumulative = 0;  // upper edge of this class's share in [0, 1]
  std::vector<Hop> hops;
  double bytes = 0;
};

/// The first hop a client reaches over the internet: DNS resolution is not one.
inline std::size_t first_real_hop(const TrafficClass& tc) {
  return tc.hops.size() > 1 && tc.hops[0].kind == HopKind::Dns ? 1 : 0;
}

/// The hop whose worker is held while hop `i` runs: the nearest one before it, past the balancer
/// it calls through and the caches, tables, stores and name lookups that same caller reads
/// before calling on (a cache's miss goes on to the database from the caller, not from the
/// cache). `i` itself for the first hop, which nothing calls; a hop returned is not always an
/// ec2 tier (the clients' first hop may be a balancer, CloudFront, a gateway).
inline std::size_t calling_hop(const TrafficClass& tc, std::size_t i) {
  const auto passed_through = [](HopKind k) {
    return k == HopKind::Lb || k == HopKind::Cache || k == HopKind::Table || k == HopKind::Store || k == HopKind::Dns;
  };
  std::size_t j = i;
  while (j > 0 && (j == i || passed_through(tc.hops[j].kind))) --j;
  return j;
}

/// An ELB's view of one target: what its health checks have concluded.
struct TargetHealth {
  bool healthy = true;
  int successes = 0, failures = 0;
};

/// An Auto Scaling group's policy (target tracking on CPU, step and scheduled actions), as
/// compiled.
struct Scaling {
  bool enabled = false;
  int min = 0, max = 0;
  int initial = 0;    // the desired capacity at the start
  double target = 0;  // average CPU; 0: no target tracking
  Duration warmup = 0, cooldown = 0, deregistration_delay = 0, boot_time = 0;
  std::vector<std::pair<Duration, int>> schedule;
  std::vector<ScalingStepSpec> steps;
};

/// One CloudWatch datapoint of a group's average CPU, on its way to the alarms.
struct CpuDatapoint {
  double cpu = 0;
  int counted = 0;  // in-service instances outside their warmup that it averages
  int warming = 0;  // instances booting or warming up when it was measured
};

/// An Auto Scaling group during a run: its desired capacity and its alarms' memory.
struct ScalingState {
  int desired = 0;
  std::deque<CpuDatapoint> published;  // measured, not yet visible to the alarms
  int high = 0, low = 0;        // consecutive 1-minute datapoints above / below the alarms
  SimTime last_scale_in = -kDay, last_step_out = -kDay;
};

/// A component as compiled from its spec: what it is, where its instances are and how it
/// behaves. Built once (components/build_model.cpp) and never changed by a run: the runtime reads
/// it through a const reference. What a run changes is its ComponentState.
struct Component {
  std::string name, type;
  HopKind kind = HopKind::Pool;
  std::uint32_t first = 0, count = 0;  // its instances: [first, first + count)
  Distribution cpu, read, write, op;
  std::vector<Distribution> by_class;  // per class index; empty -> cpu
  double error_ratio = 0;  // ec2: application errors (HTTP 500)
  Duration pool_timeout = 0;  // ec2 with a connection pool: how long a request waits for one
  std::int32_t pool_db = -1;  // ec2 with a connection pool: the rds component its pools call
  // elb
  std::uint16_t lb_target = 0;
  bool least_outstanding = false;
  ElbHealthCheckSpec health;
  Duration idle_timeout = 0;
  // rds
  ReadsFrom reads_from = ReadsFrom::Primary;
  Duration commit_delay = 0;  // Multi-AZ: the synchronous standby commit added to each write
  bool multi_az = false;
  Distribution failover_time, recovery_time;
  Distribution apply;         // a replica's replay of one write (its applier thread)
  Duration stale_after = 0;   // a read from a replica further behind is stale
  StorageIo io;               // its storage's I/O per query and performance (topology/volume.hpp)
  // caches and edges
  double hit_ratio = 0;
  double warm_lookups = 0;  // a cache: lookups for a cold node to refill (capacity per node)
  int replicas = 0;         // a cache: replicas per shard (multi_az and failover_time as for rds)
  Distribution replacement_time;  // a cache: a promoted replica's replacement
  Duration edge_rtt = 0;    // an edge: its round trip to the region
  std::int32_t ext = -1;    // serverless: index into Model::gateways, functions, streams, tables, firehoses
  std::int32_t total_cores = 0;
  // Spot
  int on_demand_base = 0;
  double spot_share = 0, spot_discount = 0;
  double spot_hazard = 0;  // interruptions per nanosecond of a Spot instance's life
  std::vector<std::pair<SimTime, double>> spot_price;  // USD/h over time (a trace), or empty
  Scaling scaling;
  // burstable: the CPU credits of an instance Auto Scaling launches (T2 standard: its launch
  // credits; else none), and the unlimited mode's surplus price
  CpuCredits launch_credits;
  double surplus_usd_per_vcpu_hour = 0;
  // ec2: each instance's network bandwidth, bits/s (0: its type gives none, no NIC resource), and
  // the most of it that may leave the Region (through an internet gateway: sources.md §1c)
  double nic_bps = 0, nic_burst_bps = 0, nic_internet_bps = 0;
};

/// A read replica's replication stream: the primary's writes it has not applied yet, by commit
/// time, replayed one at a time by its applier thread.
struct ReplicaLog {
  std::deque<SimTime> pending;
  bool applying = false;
  double fluid = 0;      // hybrid: writes waiting, as a rate-level backlog
  Duration fluid_lag = 0;  // hybrid: that backlog's wait at the replica's apply rate
  double fluid_age = 0;    // hybrid: seconds since that backlog last was empty (the lag's bound)
};

/// An ElastiCache shard's replicas during a run: where each live one is, and whether one is being
/// promoted to replace its lost primary (the shard's instance).
struct CacheShard {
  std::vector<std::uint16_t> replicas;  // AZs of the live replicas
  bool promoting = false;
};

/// A component during a run: its random streams, what its balancer believes of its targets,
/// how many of its instances are alive and billed, and what was measured of it.
struct ComponentState {
  Rng service_rng, route_rng, hit_rng, apply_rng, io_rng;
  // elb
  std::uint32_t rr_next = 0;
  std::vector<TargetHealth> targets;        // per instance of lb_target
  std::vector<std::uint32_t> healthy_list;  // target indexes believed healthy, in order
  std::uint64_t marked_unhealthy = 0;       // in the measured window
  SimTime open_since = -1;                  // every target unhealthy (failing open) since; -1: not
  Duration open_ns = 0;                     // failing open, in the measured window
  // rds: one replication stream per read replica (instance first + 1 + k), the largest lag seen
  // (ns) and its largest per minute (ms), reads served stale in the measured window
  std::vector<ReplicaLog> replicas;
  double lag_max_ns = 0;
  std::vector<double> lag_per_minute;
  std::uint64_t stale_reads = 0;
  // ec2 with a connection pool: the waits for a connection in the measured window (a timed-out
  // one at its timeout); empty without a pool
  std::vector<Histogram> pool_waits;
  // instances alive now; `billed` also counts instances booting, draining, or dead but not yet
  // terminated
  std::uint32_t alive = 0, billed = 0, billed_spot = 0;
  ComponentTally tally;  // what was measured of it inside the window: counters and integrals
  // Spot
  std::int32_t reclaim_record = kNoFault;  // a spot_reclaim waiting for the group to refill
  std::uint32_t reclaim_target = 0;        // in-service instances before it struck
  SimTime alive_since = 0;
  bool window_open = false;  // min/max count from the warmup's end
  ScalingState scaling;
  std::uint16_t standby_az = 0;  // rds Multi-AZ: where the standby is (a failover swaps it in)
  std::vector<CacheShard> cache_shards;  // elasticache: per shard (instance first + i)
};

struct Model {
  Model() = default;
  // Built once and moved into the runner: a copy would be a second, silently diverging simulation
  // state (and megabytes for large fleets), so copies are not allowed.
  Model(const Model&) = delete;
  Model& operator=(const Model&) = delete;
  Model(Model&&) = default;
  Model& operator=(Model&&) = default;

  std::vector<Component> components;   // compiled: never changed once built
  std::vector<ComponentState> states;  // per component, what a run changes
  std::vector<Instance> instances;
  std::vector<Cpu> cpus;
  std::vector<Nic> nics;
  std::vector<Volume> volumes;
  std::vector<TrafficClass> classes;
  std::vector<std::string> azs;
  std::vector<bool> az_down;  // during an az_outage: nothing launches there
  // the serverless services (spec.md §3)
  std::vector<Gateway> gateways;
  std::vector<Function> functions;
  std::vector<Stream> streams;
  std::vector<Table> tables;
  std::vector<Firehose> firehoses;
  LambdaAccount lambda;
  Duration same_az = 0, cross_az = 0;
  Duration rtt = 0;
  Duration timeout = 0;
  int retries = 0;
  Duration backoff = 0, backoff_max = 0;
  Duration net(std::uint32_t a, std::uint32_t b) const {
    const std::uint16_t za = instances[a].az, zb = instances[b].az;
    if (za == kNoAz || zb == kNoAz) return 0;
    return za == zb ? same_az : cross_az;
  }
  std::uint16_t az_index(const std::string& az) const {
    for (std::size_t i = 0; i < azs.size(); ++i)
      if (azs[i] == az) return static_cast<std::uint16_t>(i);
    return kNoAz;
  }
};

/// The integral over [a, b] of a piecewise-linear price (USD/h, flat outside its points), in
/// USD·ns/h: multiply by instances and divide by kHour for dollars.
double price_integral(const std::vector<std::pair<SimTime, double>>& points, SimTime a, SimTime b);

}  // namespace headroom
