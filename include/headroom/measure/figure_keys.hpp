#pragma once
/// What a report figure measures (its unit, and which way is better), and the typed keys of the
/// figures only some component kinds report: a misspelt key is a compile error, not a silent 0.
#include <string_view>

namespace headroom {

/// The unit of a report figure.
enum class FigureUnit {
  Count,          ///< requests, records, events, instances launched …
  Fraction,       ///< 0…1: rates, shares, utilisation (JSON keeps fractions; writers show %)
  Milliseconds,   ///< latencies and ages
  Seconds,        ///< simulated times and durations, wall time
  PerSecond,      ///< throughput, arrival rate, capacity units consumed per second
  Instances,      ///< things alive at once: instances, concurrency, requests in flight
  InstanceHours,  ///< billed instance-hours
  GbSeconds,      ///< Lambda's billed memory × time
  Usd,            ///< money
  Seed,           ///< an identifier that happens to be a number: no mean, no difference
  Users,          ///< people: peak concurrent, daily or monthly active users
};

/// Which way a figure should move for the system to be better off (compare's verdicts).
enum class Better {
  Lower,    ///< latency, errors, cost, utilisation (headroom)
  Higher,   ///< availability, requests served
  Neither,  ///< a description of the run: durations, offered load, fleet sizes
};

/// A figure's unit and direction.
struct FigureTraits {
  FigureUnit unit = FigureUnit::Count;
  Better better = Better::Neither;
};

/// The unit as text: "ms", "s", "1/s", "USD", "fraction", "" for counts …
std::string_view unit_name(FigureUnit u);

/// A figure only some component kinds report, as an extra key of the component in JSON.
enum class ComponentStat {
  Throttled,               ///< the serverless kinds: requests refused by a limit
  Invocations,             ///< lambda
  ColdStarts,              ///< lambda
  ColdStartShare,          ///< lambda: cold_starts / invocations
  Timeouts,                ///< lambda
  ConcurrencyMax,          ///< lambda
  ConcurrencyMean,         ///< lambda
  GbSeconds,               ///< lambda: billed memory × duration
  ReadUnitsPerS,           ///< dynamodb
  WriteUnitsPerS,          ///< dynamodb
  StreamRecords,           ///< dynamodb with a stream
  StreamRecordsProcessed,  ///< dynamodb with a stream
  StreamIteratorAgeMaxMs,  ///< dynamodb with a stream
  RecordsAccepted,         ///< a stream
  RecordsProcessed,        ///< a stream
  RecordsPending,          ///< a stream: still in the shards at the end
  RecordsExpired,          ///< a stream: past retention before anyone read them
  IteratorAgeMaxMs,        ///< a stream
  Records,                 ///< firehose
  Deliveries,              ///< firehose
  RecordsBuffered,         ///< firehose: still buffered at the end
  CreditBalance,           ///< a burstable ec2 pool: its instances' mean CPU credit balance at the end
  SurplusCredits,          ///< a burstable ec2 pool (unlimited): surplus credits spent in the window, net of those paid down
  MarkedUnhealthy,         ///< elb: targets its health checks marked unhealthy (a live one: overloaded)
  FailOpenSeconds,         ///< elb: time every registered target was unhealthy and it routed to all
  ReplicaLagMaxMs,         ///< rds with read replicas: the largest replica lag seen
  StaleReads,              ///< rds with read replicas: reads served more than stale_after behind
  NetworkUtilization,      ///< an ec2 pool whose type gives its bandwidth: its answers' time at the sustained rate ÷ instance-time alive
  PoolSize,                ///< an ec2 pool with `pool`: connections per instance
  PoolWaitMeanMs,          ///< its requests' mean wait for a connection (timed-out ones at the timeout)
  PoolWaitP99Ms,           ///< the 99th percentile of that wait
  PoolWaitedShare,         ///< the share of its database calls that waited for a connection
  PoolTimeouts,            ///< requests that gave up waiting for a connection (pool timeout)
  PoolUtilization,         ///< the share of its connections lent out, over its instances alive
  PoolConnectionsMax,      ///< connections its pools hold at most: size × the most instances (Auto Scaling's max)
  DbMaxConnections,        ///< the max_connections of the database its pool connects to
  StorageUtilization,      ///< rds with `io:`: its volumes' busy share (IOPS used ÷ provisioned, or the throughput's share if it binds)
  StorageIops,             ///< rds with `io:`: I/Os per second its volumes did, all copies
  StorageIopsProvisioned,  ///< rds with `io:`: one volume's provisioned IOPS
  StorageWaitMeanMs,       ///< rds with `io:`: a query's mean time for its I/Os (queue, transfer, device latency)
};

/// A per-minute series a component kind reports, as an array key of the component in JSON.
enum class ComponentSeries {
  None,
  ConcurrencyPerMinute,    ///< lambda: peak concurrency in each minute
  IteratorAgeMsPerMinute,  ///< a stream: the oldest unread record's age in each minute, ms
  ReplicaLagMsPerMinute,   ///< rds with read replicas: the largest replica lag in each minute, ms
};

/// A component figure's JSON key and traits.
struct ComponentStatInfo {
  std::string_view name;
  FigureTraits traits;
};

const ComponentStatInfo& stat_info(ComponentStat s);
const ComponentStatInfo& series_info(ComponentSeries s);  ///< name "" for None

}  // namespace headroom
