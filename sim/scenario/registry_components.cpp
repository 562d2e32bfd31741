// The component types (spec.md §3), each with its keys. Defaults cite docs/sources.md
// sections; registration order is that page's order.
#include "registry_builders.hpp"

namespace headroom::registry_detail {
namespace {

using K = ValueKind;

SectionInfo component(const std::string& type, std::string help, std::vector<ParamInfo> params) {
  params.insert(params.begin(), req("type", K::Enum, "the component type"));
  return section("component." + type, std::move(help), std::move(params));
}

ParamInfo azs() {
  return opt("azs", K::List, "[a]", "availability zones, spread evenly");
}

void register_built(ParamRegistry& r) {
  r.add(component(
      "ec2", "A pool of EC2 instances; each is a worker queue, then a FCFS queue for its vCPUs.",
      {opt("instance", K::String, "m5.large", "instance type (vCPUs, memory, price: catalog)"),
       opt("count", K::Integer, "1", "instances"), azs(),
       req("cpu", K::Distribution, "CPU demand per request, on one vCPU"),
       opt("workers", K::Integer, "2 x vCPUs + 1", "concurrent requests per instance (threads)"),
       opt("queue", K::Integer, "1024",
           "waiting requests per instance beyond busy workers (503 beyond); 0: none wait"),
       opt("boot_time", K::Time, "60s", "Auto Scaling: from launch to serving (sources.md §11d ~25-30 s to a booted OS, plus the app's start: an estimate)"),
       opt("service_by_class", K::Map, "", "class name -> CPU demand, overriding cpu"),
       opt("error_ratio", K::Fraction, "0", "share of requests the application fails (HTTP 500)"),
       opt("scaling", K::Map, "", "EC2 Auto Scaling instead of count: min, max, desired, target_cpu, schedule"),
       opt("purchase", K::Map, "on-demand", "on-demand base and Spot share: on_demand_base, spot, "
           "spot_interruption, spot_price")}));
  r.add(component(
      "elb", "An Application Load Balancer in front of an ec2 component; cross-zone on.",
      {req("targets", K::Reference, "the ec2 component it routes to"),
       one_of("algorithm", {"round_robin", "least_outstanding"}, "round_robin", "routing"),
       opt("health_check", K::Map, "{interval: 30s, timeout: 5s, healthy: 5, unhealthy: 2}",
           "target health checks (sources.md §11b)"),
       opt("idle_timeout", K::Time, "60s", "a request open longer gets a 504"), azs()}));
  r.add(component(
      "rds", "An RDS database instance, optionally Multi-AZ, with read replicas.",
      {one_of("engine", {"mysql", "postgres"}, "mysql", "database engine"),
       opt("instance", K::String, "db.m5.large", "DB instance class (catalog)"),
       opt("multi_az", K::Bool, "false", "synchronous standby in a second AZ"),
       opt("read_replicas", K::Integer, "0", "asynchronous read replicas (at most 15)"),
       one_of("reads_from", {"primary", "replicas", "all"}, "primary", "where reads go"),
       opt("query", K::Map, "{read: 1ms, write: 4ms}", "service demand of one query"),
       opt("max_connections", K::Integer, "from the instance's memory", "connection limit"),
       opt("failover_time", K::Distribution, "uniform 60-120s", "Multi-AZ failover"),
       opt("recovery_time", K::Distribution, "uniform 5-15m", "single-AZ: time to replace the instance (AWS gives no figure: an estimate)"),
       opt("host", K::Reference, "",
           "co-located on this ec2 component (count 1): the day-1 box; no replicas, not "
           "Multi-AZ"),
       opt("storage", K::Size, "20GB", "allocated gp3 storage, for cost (per GB-month, per instance)"),
       azs()}));
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
  r.add(component(
      "cloudfront",
      "A CloudFront distribution: the first hop (after a route53, if any); a hit is answered "
      "at the edge.",
      // sources.md §11g (estimates, E): hit ratio 90-99% for static assets, 60-90% for whole
      // sites; time to first byte from a nearby edge ~10-50 ms.
      {opt("hit_ratio", K::Fraction, "90%", "edge hit ratio (sources.md §11g: static assets)"),
       opt("edge_rtt", K::Time, "15ms",
           "client <-> edge round trip, replacing client.rtt (sources.md §11g: 10-50 ms)"),
       opt("latency", K::Time, "1ms", "edge processing per request (an estimate)"),
       req("origin", K::Reference, "where misses go: an s3, elb or ec2 component")}));
  r.add(component(
      "s3", "An S3 bucket; ops get (default) or put. Mid-path, a call its caller makes before going on.",
      // AWS publishes no S3 latency figure: 20 ms is spec.md §3's, an estimate.
      {opt("first_byte", K::Distribution, "20ms", "time to first byte (an estimate)"),
       opt("size", K::Size, "0B", "stored bytes, for cost"),
       opt("azs", K::List, "[a]", "AZs it is reached in, for az_outage (S3 is regional)")}));
  r.add(component("dynamodb", "A DynamoDB table; ops read and write. Mid-path, a call its caller makes before going on.",
                  {one_of("mode", {"on_demand", "provisioned"}, "on_demand", "capacity mode"),
                   opt("rcu", K::Count, "", "read capacity units; required with provisioned (300 s of unused capacity bursts)"),
                   opt("wcu", K::Count, "", "write capacity units; required with provisioned"),
                   opt("latency", K::Distribution, "5ms",
                       "one operation (sources.md §12: single-digit ms, an estimate)"),
                   opt("item_size", K::Size, "1KB", "bytes per item: reads take a unit per 4 KB, writes per 1 KB (sources.md §6)"),
                   one_of("consistency", {"eventual", "strong"}, "eventual", "reads: eventual costs half a unit"),
                   opt("hot_key", K::Fraction, "0%", "share of operations on one key: its partition serves at most 3,000 RCU and 1,000 WCU per second"),
                   opt("warm", K::Map, "{read: 12000, write: 4000}", "on-demand: units/s it serves at once (a new table's; warm throughput raises it)"),
                   opt("quota", K::Map, "{read: 40000, write: 40000}", "the table's throughput quota, units/s (sources.md §6)"),
                   opt("storage", K::Size, "0B", "stored bytes, for cost"),
                   opt("stream", K::Map, "", "DynamoDB Streams: {consumer: a lambda, batch_size, batch_window}")}));
  r.add(section("warm", "On-demand capacity served at once, in units per second.",
                {opt("read", K::Count, "12000", "read units/s"), opt("write", K::Count, "4000", "write units/s")}));
  r.add(section("quota", "The table's throughput quota, in units per second.",
                {opt("read", K::Count, "40000", "read units/s"), opt("write", K::Count, "40000", "write units/s")}));
  r.add(section("stream", "DynamoDB Streams with a Lambda consumer.",
                {req("consumer", K::Reference, "a lambda component"),
                 opt("batch_size", K::Integer, "100", "records per invocation at most (1-10000)"),
                 opt("batch_window", K::Time, "0s", "gather records this long before invoking (0-300 s)")}));
  r.add(component("route53", "Route 53 DNS: the first hop of a path.",
                  {opt("latency", K::Time, "0s", "resolution time added to each request")}));
}

// The serverless end of the journey (spec.md §3). Limits and defaults: sources.md §6 (DynamoDB),
// §7 (Lambda), §8 (API Gateway), §9 (Kinesis, Firehose).
void register_serverless(ParamRegistry& r) {
  r.add(component("lambda", "A Lambda function: execution environments are its unit of concurrency.",
                  {opt("memory", K::Size, "512MB", "memory, 128MB-10240MB (Lambda's MB; sets the price per second)"),
                   req("duration", K::Distribution, "run time of one invocation (its own work; calls it makes are added)"),
                   opt("per_record", K::Distribution, "0s", "as a stream consumer: added per record of a batch"),
                   one_of("runtime", {"nodejs", "python", "go", "rust", "java", "java_snapstart", "dotnet", "ruby"}, "nodejs",
                          "selects the default cold start (sources.md §7c)"),
                   opt("cold_start", K::Distribution, "by runtime (nodejs: lognormal 200ms cv 0.5)",
                       "init duration of a new execution environment"),
                   one_of("arch", {"x86_64", "arm64"}, "x86_64", "architecture (price per GB-second)"),
                   opt("keep_warm", K::Time, "10m", "an idle environment is reclaimed after this long (sources.md §7c: ~5-45 min observed)"),
                   opt("concurrency", K::Integer, "1000", "the account's concurrency limit in the Region, shared by every function (sources.md §7b)"),
                   opt("reserved", K::Integer, "0", "reserved concurrency: this function's own limit, taken from the account's"),
                   opt("provisioned", K::Integer, "0", "provisioned concurrency: environments kept initialised (no cold start)"),
                   opt("timeout", K::Time, "3s", "the function's timeout (AWS default 3 s, at most 900 s)"),
                   opt("output", K::List, "[]", "as a stream consumer: what each record is written to, e.g. [orders.write]")}));
  r.add(component("apigateway", "API Gateway: the account's token-bucket throttle (429 beyond), an overhead, the integration timeout.",
                  {one_of("kind", {"rest", "http"}, "rest", "API type (price, integration timeout)"),
                   opt("throttle", K::Map, "{rate: 10000/s, burst: 5000}", "the account-level token bucket (sources.md §8)"),
                   opt("latency", K::Distribution, "lognormal 10ms cv 0.5", "overhead per request (an estimate)"),
                   opt("timeout", K::Time, "29s (rest), 30s (http)", "integration timeout: a slower answer is a 504 (sources.md §8)")}));
  r.add(section("throttle", "API Gateway's token bucket.",
                {opt("rate", K::Rate, "10000/s", "steady requests per second"),
                 opt("burst", K::Count, "5000", "bucket size: requests that may pass at once")}));
  r.add(component("kinesis", "A Kinesis data stream: a request whose path ends at NAME.put returns when a shard accepts it.",
                  {req("shards", K::Integer, "shards: 1 MB/s or 1,000 records/s in, 2 MB/s out each (sources.md §9)"),
                   opt("put_latency", K::Distribution, "lognormal 15ms cv 0.5", "PutRecord until accepted (an estimate)"),
                   opt("record_size", K::Size, "the class's bytes, else 1KB", "bytes per record"),
                   opt("consumer", K::Reference, "", "a lambda component polling each shard"),
                   opt("batch_size", K::Integer, "100", "records per consumer invocation at most (1-10000)"),
                   opt("batch_window", K::Time, "0s", "gather records this long before invoking (0-300 s)")}));
  r.add(component("firehose", "An Amazon Data Firehose stream: buffers records, delivers them to S3 when the size or interval fills.",
                  {opt("buffer", K::Map, "{size: 5MB, interval: 300s}", "delivery buffer (sources.md §9: 1-128 MiB, 0-900 s)"),
                   req("destination", K::Reference, "an s3 component"),
                   opt("latency", K::Distribution, "lognormal 15ms cv 0.5", "PutRecord until accepted (an estimate)"),
                   opt("record_size", K::Size, "as received, else 1KB", "bytes per record")}));
  r.add(section("buffer", "Firehose's buffering hints: the first to fill triggers a delivery.",
                {opt("size", K::Size, "5MB", "bytes (1MB-128MB)"), opt("interval", K::Time, "300s", "seconds (0-900)")}));
}

void register_scaling_params(ParamRegistry& r) {
  // Defaults: sources.md §11c (default cooldown 300 s; warmup falls back to the cooldown) and
  // §11b (deregistration delay 300 s).
  r.add(section("scaling", "EC2 Auto Scaling of a pool (target tracking on CPU, scheduled actions).",
                {req("min", K::Integer, "fewest instances"),
                 req("max", K::Integer, "most instances"),
                 opt("desired", K::Integer, "min", "instances at the start"),
                 opt("target_cpu", K::Fraction, "", "target tracking: average CPU of in-service instances "
                     "(1-minute periods; out after 3 breaching minutes, in after 15)"),
                 opt("steps", K::List, "[]", "step scaling: [{above: 70%, add: 2}, {below: 30%, remove: 1}] on the "
                     "1-minute average CPU; out at most once per warmup, in once per cooldown"),
                 opt("schedule", K::List, "[]", "scheduled actions: [{at: 8h, desired: 10}, ...]"),
                 opt("warmup", K::Time, "300s", "a new instance's CPU is ignored, and scale-in held, this long"),
                 opt("cooldown", K::Time, "300s", "after a scale-in, before the next one"),
                 opt("deregistration_delay", K::Time, "300s", "draining before an instance scaled in stops")}));
  // Spot Advisor buckets and discounts: sources.md §11e (buckets O; typical discount 50-70%, T).
  r.add(section("purchase", "The purchase mix of a pool: an on-demand base, then a share of Spot.",
                {opt("on_demand_base", K::Integer, "0", "instances that are always on-demand"),
                 opt("spot", K::Fraction, "0%", "share of the capacity above the base bought as Spot"),
                 one_of("spot_interruption", {"<5%", "5-10%", "10-15%", "15-20%", ">20%"}, "<5%",
                        "Spot Advisor's monthly interruption bucket: a per-instance hazard at its midpoint"),
                 opt("spot_price", K::Map, "{discount: 70%}", "{discount: 70%}: Spot price = on-demand × (1 − discount)")}));
  r.add(section("purchase.spot_price", "The Spot price.",
                {opt("discount", K::Fraction, "70%", "off the on-demand price (sources.md §11e: typically 50-70%)"),
                 opt("trace", K::String, "", "a CSV of time,USD per hour (linear between rows, flat outside), "
                     "relative to the scenario; instead of a discount")}));
  r.add(section("scaling.step", "One step adjustment.",
                {opt("above", K::Fraction, "", "CPU above which to add"), opt("below", K::Fraction, "", "CPU below which to remove"),
                 opt("add", K::Integer, "", "instances to add"), opt("remove", K::Integer, "", "instances to remove")}));
  r.add(section("scaling.schedule", "One scheduled action.",
                {req("at", K::Time, "when"), req("desired", K::Integer, "the new desired capacity")}));
}

}  // namespace

void register_component_params(ParamRegistry& registry) {
  register_built(registry);
  register_scaling_params(registry);
  register_serverless(registry);
}

}  // namespace headroom::registry_detail
