#pragma once
/// The scenario as plain data: what the YAML reader produces and the model builder consumes.
/// Units are resolved (durations in ns, sizes in bytes, rates per second, shares as fractions);
/// every struct keeps the source location of the YAML node it came from, so that checks made
/// after reading can still point into the user's file. No yaml-cpp type appears here.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "headroom/core/diagnostics.hpp"
#include "headroom/core/dist_spec.hpp"
#include "headroom/core/time.hpp"

namespace headroom {

/// A load curve: users (or requests/s) as a function of simulated time since the start.
struct CurveSpec {
  enum class Kind { Constant, Ramp, Step, Diurnal, Spike, Trace, Sum };
  Kind kind = Kind::Constant;
  double value = 0;             ///< constant
  double from = 0, to = 0;      ///< ramp, linear over the whole run
  double base = 0, peak = 0;    ///< diurnal, spike
  Duration peak_at = 0;         ///< diurnal: time of day of the peak
  Duration period = kDay;       ///< diurnal
  Duration at = 0, rise = 0, hold = 0, decay = 0;  ///< spike: starts rising at `at`
  /// step: [t, value] pairs, value holds from t on (before the first: the first value);
  /// trace: [t, value] points, linear interpolation, held flat outside.
  std::vector<std::pair<Duration, double>> points;
  std::string file;             ///< trace: resolved path of the CSV
  std::vector<CurveSpec> terms; ///< sum
  SourceLoc loc;
};

/// Offered load: either users/think_time or a direct request rate, as a curve over time.
struct LoadSpec {
  bool by_rate = false;         ///< true: `rate:` gives requests/s; false: `users:` with think_time
  CurveSpec curve;
  Duration think_time = 0;      ///< mean time between one active user's requests
  SourceLoc loc;
};

/// One hop of a traffic class's path: a component and, for `db.read`-style hops, an operation.
struct HopSpec {
  std::string component;
  std::string op;               ///< "" or read|write|put …
  SourceLoc loc;
};

struct ClassSpec {
  std::string name;
  double share = 0;             ///< fraction of requests, the classes sum to 1
  std::vector<HopSpec> path;
  double bytes = 0;             ///< response size, for transfer and cost
  /// What the client sends (headers, cookies, a small body): 1 KB, an estimate (sources.md §12).
  double request_bytes = 1000;
  SourceLoc loc;
};

/// Who the concurrent users are: how the peak concurrent users of `load` convert to the daily and
/// monthly active users a founder counts (Little's law: mean concurrent users = daily actives ×
/// sessions per day × session length / 24 h). Defaults are estimates (sources.md §15).
struct PopulationSpec {
  Duration session = 10 * kMinute;       ///< one visit's length
  double sessions_per_day = 2;           ///< visits per daily active user
  /// Peak over the day's mean concurrency: taken from a diurnal curve, else this (0: 2).
  double peak_to_mean = 0;
  double monthly_active_per_daily = 4;   ///< MAU / DAU (a DAU/MAU "stickiness" of 25%)
  /// Overrides the derivation: daily actives per peak concurrent user (0: derived).
  double daily_active_per_concurrent = 0;
  SourceLoc loc;
};

struct ClientSpec {
  Duration rtt = 0;             ///< client <-> region round trip, added once per request
  Duration timeout = 0;         ///< 0: never gives up
  int retries = 0;              ///< retries after an error or a timeout
  /// Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And
  /// Jitter"): retry k waits uniform(0, min(backoff_max, backoff × 2^k)).
  Duration backoff = 100 * kMillisecond;
  Duration backoff_max = 20 * kSecond;
};

struct NetworkSpec {
  Duration same_az = 250 * kMicrosecond;   ///< one-way, per hop (sources.md §12: RTT 0.1–0.4 ms)
  Duration cross_az = 1 * kMillisecond;    ///< one-way, per hop (sources.md §12: RTT 0.5–1.5 ms)
};

/// One SLO clause: a latency limit (ms) or a fraction (error_rate, availability).
struct SloCheckSpec {
  std::string metric;           ///< mean|p50|p90|p95|p99|p999|max|error_rate|availability
  double limit = 0;             ///< milliseconds for latency metrics, fraction otherwise
  SourceLoc loc;
};

/// The SLO of one request class (`slo: {classes: {browse: {p99: 300ms}}}`): its own clauses,
/// which replace the top-level clause of the same metric for that class.
struct ClassSloSpec {
  std::string name;                    ///< a class of `traffic`
  std::vector<SloCheckSpec> clauses;
  SourceLoc loc;                       ///< of the class's name
};

struct ElbHealthCheckSpec {
  Duration interval = 30 * kSecond;  ///< sources.md §11b: ALB defaults 30 s, 5 s, 5, 2
  Duration timeout = 5 * kSecond;
  int healthy = 5;
  int unhealthy = 2;
};

/// EC2 Auto Scaling for a pool (spec.md §3 `scaling:`): target tracking on average CPU, and
/// scheduled actions.
/// One step adjustment: when the 1-minute average CPU is above (or below) a threshold, add (or
/// remove) instances; the most extreme matching step wins.
struct ScalingStepSpec {
  double above = -1, below = -1;        ///< exactly one is set (a fraction)
  int change = 0;                       ///< + for above, − for below
};

struct ScalingSpec {
  int min = 1, max = 1, desired = 1;
  double target_cpu = 0;                ///< 0: no target tracking
  std::vector<ScalingStepSpec> steps;   ///< step scaling
  std::vector<std::pair<Duration, int>> schedule;  ///< at -> desired capacity
  Duration warmup = 300 * kSecond;      ///< new instances' metrics ignored, scale-in held
  Duration cooldown = 300 * kSecond;    ///< after a scale-in, before the next one
  Duration deregistration_delay = 300 * kSecond;  ///< draining before termination (ALB default)
  SourceLoc loc;
};

/// The purchase mix of a pool (spec.md §3 `purchase:`): an on-demand base, then a share of Spot.
struct PurchaseSpec {
  int on_demand_base = 0;               ///< the first instances are always on-demand
  double spot = 0;                      ///< share of the capacity above the base that is Spot
  std::string interruption = "<5%";    ///< Spot Advisor bucket: <5%, 5-10%, 10-15%, 15-20%, >20%
  double discount = 0.7;                ///< Spot price = on-demand × (1 − discount)
  std::vector<std::pair<Duration, double>> price_trace;  ///< USD/h over time, instead of a discount
};

struct Ec2Spec {
  std::string instance = "m5.large";
  int count = 1;
  std::vector<std::string> azs;         ///< empty: the region's first AZ, "a"
  DistSpec cpu;                         ///< CPU demand per request (one vCPU)
  int workers = 0;                      ///< 0: default (2 × vCPUs + 1)
  int64_t queue = -1;                   ///< -1: default; waiting requests per instance beyond workers
  Duration boot_time = 0;
  std::map<std::string, DistSpec> service_by_class;  ///< class name -> CPU demand override
  double error_ratio = 0;               ///< fraction of requests the application fails (HTTP 500)
  std::optional<ScalingSpec> scaling;   ///< Auto Scaling instead of a fixed count
  PurchaseSpec purchase;
  /// Burstable types only: "standard" or "unlimited"; "" for the type's default (T2 standard,
  /// T3/T3a/T4g unlimited, as AWS launches them).
  std::string credit;
  /// Burstable types only: CPU credits each initial instance holds at the start; < 0 for the
  /// most it can hold (24 h of earnings: the fleet was idle a day before the run).
  double credit_balance = -1;
  /// The application's connection pool to the database it calls, per instance (HikariCP's
  /// maximumPoolSize); 0: none, every worker thread has a connection of its own.
  int pool = 0;
  /// How long a request waits for a pooled connection before it fails (HikariCP's
  /// connectionTimeout).
  Duration pool_timeout = 30 * kSecond;
};

struct ElbSpec {
  std::string targets;
  std::string algorithm = "round_robin";  ///< round_robin | least_outstanding
  ElbHealthCheckSpec health_check;
  Duration idle_timeout = 60 * kSecond;
  std::vector<std::string> azs;
};

struct RdsSpec {
  std::string engine = "mysql";
  std::string instance = "db.m5.large";
  bool multi_az = false;
  int read_replicas = 0;
  std::string reads_from = "primary";   ///< primary | replicas | all
  DistSpec query_read, query_write;
  int max_connections = 0;              ///< 0: default from the instance's memory
  std::optional<DistSpec> failover_time;
  std::optional<DistSpec> recovery_time;
  std::string host;                     ///< co-located on an ec2 component
  std::vector<std::string> azs;
  /// A read replica's replay of one write of the primary, on the replica's CPU by one applier
  /// thread; unset: the write's own query demand.
  std::optional<DistSpec> apply;
  /// A read served by a replica lagging more than this is counted stale.
  Duration stale_after = kSecond;
  /// Allocated storage in bytes (gp3), billed per GB-month for every instance, standby included.
  /// Default 20 GB: RDS's smallest allocation for MySQL and PostgreSQL on gp2/gp3 (an
  /// estimate, E: sources.md §12).
  double storage = 20e9;
  /// What one query answers (rows, not the page): 1 KB, an estimate (sources.md §12).
  double result_size = 1000;
  /// The storage's type and performance (docs/storage.md, sources.md §2b): gp3 (3,000 IOPS and
  /// 125 MiB/s included below 400 GiB, 12,000 and 500 at or above) or io1 (provisioned IOPS).
  std::string storage_type = "gp3";
  int iops = 0;                   ///< 0: the type's included IOPS (gp3); io1 requires it
  double storage_throughput = 0;  ///< MiB/s; 0: the type's included throughput
  /// Storage I/Os per query (docs/storage.md): without `io:` the volume is no station (as before
  /// `io` existed); with it, a read costs `io_read` and a write `io_write` I/Os on average.
  bool io = false;
  double io_read = 0.05, io_write = 2;
  double io_size = 16384;              ///< bytes per I/O: one InnoDB page
  std::optional<Duration> io_latency;  ///< per query's I/Os; unset: the type's (sources.md §2b)
};

struct CacheSpec {
  std::string engine = "redis";         ///< redis | memcached
  std::string node = "cache.m5.large";
  /// Primaries keys hash across: `nodes`, or `shards` (cluster mode enabled), which set the same
  /// count; each primary is one station.
  int nodes = 1;
  bool sharded = false;                 ///< written as `shards` (cluster mode), not `nodes`
  int replicas = 0;                     ///< per shard (ElastiCache: 0-5)
  bool multi_az = false;                ///< automatic failover: a replica is promoted on loss
  std::optional<DistSpec> failover_time, replacement_time;
  DistSpec op;
  double hit_ratio = -1;                ///< -1: computed from keys/zipf/capacity
  double keys = 0, zipf = 0, capacity = 0;
  std::string origin;
  std::string host;
  std::vector<std::string> azs;
  /// What one lookup answers (a value, not the page): 1 KB, an estimate (sources.md §12).
  double result_size = 1000;
};

/// CloudFront: an edge cache. Hits are answered at the edge (edge_rtt replaces client.rtt);
/// misses go to `origin` over the edge's round trip to the region.
struct CloudFrontSpec {
  double hit_ratio = 0.9;
  Duration edge_rtt = 15 * kMillisecond;
  Duration latency = 1 * kMillisecond;   ///< edge processing per request
  std::string origin;
};

/// S3: an object store with a first-byte latency and no queueing at web scale.
struct S3Spec {
  DistSpec first_byte;                   ///< default exponential 20 ms
  double size = 0;                       ///< bytes stored, for cost
  std::vector<std::string> azs;
};

/// A NAT gateway: how instances in private subnets reach a service on the internet (a payment
/// API, a partner's feed). A hop is one call through it to that outside service; the gateway
/// bills hours per AZ and every GB it processes, both ways (sources.md §16).
struct NatGatewaySpec {
  std::vector<std::string> azs;          ///< one gateway per AZ (AWS's advice); empty: "a"
  DistSpec upstream;                     ///< the outside service's answer time, through the gateway
  double request_size = 1000;            ///< what one call sends out
  double result_size = 2000;             ///< what the outside service answers
};

/// Route 53: DNS resolution added to each request that passes it.
struct Route53Spec {
  Duration latency = 0;
  /// How long resolvers keep the answer: 60 s, the fixed TTL of an alias to an ELB (sources.md §10).
  Duration ttl = 60 * kSecond;
};

/// An event-source mapping: a Lambda function polling the shards of a stream (a data stream, a
/// table's change stream), one batch in flight per shard.
struct ConsumerSpec {
  std::string function;                  ///< a lambda component
  int batch_size = 100;                  ///< records per invocation at most (AWS default 100)
  Duration window = 0;                   ///< MaximumBatchingWindowInSeconds (AWS default 0)
  SourceLoc loc;
};

/// DynamoDB: capacity in request units (on-demand) or provisioned RCU/WCU with burst credit;
/// item sizes in 4 KB read / 1 KB write units; a hot key's partition ceiling; Streams.
struct DynamoSpec {
  std::string mode = "on_demand";        ///< on_demand | provisioned
  double rcu = 0, wcu = 0;
  DistSpec latency;                      ///< default exponential 5 ms
  double item_size = 1000;               ///< bytes per item read or written
  std::string consistency = "eventual";  ///< eventual (half a unit per 4 KB) | strong
  double hot_key = 0;                    ///< share of operations on one partition key
  double warm_read = 0, warm_write = 0;  ///< on-demand: pre-warmed units/s (0: a new table's)
  double quota_read = 40000, quota_write = 40000;  ///< table throughput quota, units/s
  double storage = 0;                    ///< bytes stored, for cost
  std::optional<ConsumerSpec> stream;    ///< DynamoDB Streams with a Lambda consumer
};

/// A Lambda function: execution environments as the unit of concurrency.
struct LambdaSpec {
  double memory_mb = 512;                ///< Lambda's MB (128 - 10,240)
  DistSpec duration;                     ///< one invocation's run time (its own work)
  DistSpec per_record;                   ///< added per record of a stream batch (mean 0: none)
  std::string runtime = "nodejs";        ///< selects the default cold start
  std::optional<DistSpec> cold_start;    ///< init duration of a new environment
  std::string arch = "x86_64";           ///< x86_64 | arm64 (price)
  Duration keep_warm = 10 * kMinute;     ///< an idle environment is reclaimed after this long
  int concurrency = 1000;                ///< the account's concurrency limit in the Region
  bool concurrency_set = false;
  int reserved = 0;                      ///< reserved concurrency (0: draws on the unreserved pool)
  int provisioned = 0;                   ///< provisioned concurrency: always-initialised environments
  Duration timeout = 3 * kSecond;        ///< the function's timeout (AWS default 3 s, max 900 s)
  std::vector<HopSpec> output;           ///< as a stream consumer: what each record is written to
};

/// API Gateway: the account's token-bucket throttle, an overhead and the integration timeout.
struct ApiGatewaySpec {
  std::string kind = "rest";             ///< rest | http
  double rate = 10000, burst = 5000;     ///< requests/s and bucket size (sources.md §8)
  DistSpec latency;                      ///< overhead per request
  Duration timeout = 0;                  ///< integration timeout; 0: the kind's (29 s REST, 30 s HTTP)
};

/// A Kinesis data stream (provisioned shards), optionally with a Lambda consumer.
struct KinesisSpec {
  int shards = 1;
  DistSpec put_latency;                  ///< PutRecord until accepted
  std::optional<ConsumerSpec> consumer;
  double record_size = 0;                ///< bytes per record; 0: the class's `bytes`, else 1 KB
};

/// Amazon Data Firehose: buffers records and delivers them to S3 when a size or interval fills.
struct FirehoseSpec {
  double buffer_size = 5e6;              ///< bytes (sources.md §9: 1-128 MiB, default 5)
  Duration buffer_interval = 300 * kSecond;  ///< (sources.md §9: 0-900 s, default 300)
  std::string destination;               ///< an s3 component
  DistSpec latency;                      ///< PutRecord until accepted
  double record_size = 0;                ///< bytes per record; 0: as it arrives, else 1 KB
};

/// An EBS volume attached to every instance of an ec2 pool (its root or data volume): storage,
/// not a hop. Billed per GB-month and, above gp3's included baseline, per IOPS and MiB/s
/// provisioned, for as long as each instance exists (sources.md §13).
struct EbsSpec {
  std::string attach;                    ///< the ec2 component whose instances each carry one
  std::string volume = "gp3";            ///< volume type (gp3 only, so far)
  double size = 8e9;                     ///< bytes per volume (8 GB: the usual Linux root volume)
  int iops = 3000;                       ///< provisioned IOPS (gp3: 3,000 included)
  double throughput = 125;               ///< provisioned MiB/s (gp3: 125 included)
};

/// One component; `kind` holds the type-specific keys.
struct ComponentSpec {
  std::string name;
  std::string type;                     ///< ec2 | elb | rds | elasticache | …
  std::variant<std::monostate, Ec2Spec, ElbSpec, RdsSpec, CacheSpec, CloudFrontSpec, S3Spec, Route53Spec,
               DynamoSpec, LambdaSpec, ApiGatewaySpec, KinesisSpec, FirehoseSpec, EbsSpec, NatGatewaySpec>
      kind;
  SourceLoc loc;
  /// Where the value of each key written for this component is (e.g. "targets", "origin"), so
  /// that checks made after reading (validate_scenario) point at the offending value.
  std::map<std::string, SourceLoc> key_locs = {};  // "= {}": aggregate inits may omit it
  /// key_locs[key], or `loc` when the key was not written.
  const SourceLoc& loc_of(const std::string& key) const;
  /// Where its misses go, for a cache-like component (elasticache, cloudfront); else "".
  const std::string& origin() const;
  /// The ec2 component it is co-located on (`host:` of an rds or elasticache), or "".
  const std::string& host() const;
  /// The Lambda consumer polling its stream (a data stream, a table's change stream), or nullptr.
  const ConsumerSpec* consumer() const;
};

/// One fault (spec.md §4).
struct FaultSpec {
  enum class Kind { Kill, AzOutage, SpotReclaim, Random };
  Kind kind = Kind::Kill;
  std::string target;                   ///< component name; the AZ for az_outage
  std::string role;                     ///< kill of an rds: "primary" (default) or "replica"; of an elasticache: "primary" (as none) or "replica"
  Duration at = 0;                      ///< when it strikes (not for random)
  int count = 1;                        ///< kill: how many instances (or cache nodes, replicas)
  Duration repair = 0;                  ///< kill: back after this long (0: never); az_outage: `for`
  double share = 0;                     ///< spot_reclaim
  Duration mtbf = 0, mttr = 0;          ///< random: exponential times between failures, to repair
  SourceLoc loc;
  /// Where the value of each key written for this fault is (e.g. "kill", "count"), so that
  /// validate_scenario points at the offending value.
  std::map<std::string, SourceLoc> key_locs = {};  // "= {}": aggregate inits may omit it
  /// key_locs[key], or `loc` when the key was not written.
  const SourceLoc& loc_of(const std::string& key) const;
};

/// The whole scenario, as read, before it is built into a model.
struct ScenarioSpec {
  std::string file;                     ///< path as given by the user
  bool fragment = false;                 ///< `fragment: true`: a piece scenarios include, not run on its own
  std::string include;                  ///< the file its `include:` names, resolved; "" when none
  std::string name;
  int stage = 0;
  std::string description;
  uint64_t seed = 1;
  Duration duration = kHour;
  Duration warmup = 0;
  std::string region = "us-east-1";
  ClientSpec client;
  NetworkSpec network;
  LoadSpec load;
  PopulationSpec population;
  std::vector<ClassSpec> traffic;
  std::vector<ComponentSpec> components;  ///< in file order
  std::vector<FaultSpec> faults;
  /// The top-level SLO: judged over all requests together, and over each class on its own unless
  /// the class gives its own clause for the metric (spec.md §6).
  std::vector<SloCheckSpec> slo;
  std::vector<ClassSloSpec> slo_classes;  ///< in file order
  SourceLoc loc;
  /// Where the value of each top-level key is (e.g. "traffic"), as for ComponentSpec::key_locs.
  std::map<std::string, SourceLoc> key_locs = {};  // "= {}": aggregate inits may omit it

  /// Component names -> their index in `components`, sorted by name: built by the loader once
  /// the components are read, so that validating n components looks each name up in O(log n)
  /// (a linear find made validate quadratic: 100k components took 26 s, issue 16). An entry is
  /// trusted only if the component at its index still has that name; anything else, including
  /// a spec built or changed by hand, falls back to a scan.
  std::vector<std::pair<std::string, std::size_t>> component_index = {};

  /// The component named `component`, or nullptr.
  const ComponentSpec* find(const std::string& component) const;
  /// Builds component_index from `components`.
  void index_components();
  /// key_locs[key], or `loc` when the key was not written.
  const SourceLoc& loc_of(const std::string& key) const;
};

}  // namespace headroom
