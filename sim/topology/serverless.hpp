#pragma once
// The serverless services' run-time state (spec.md §3): API Gateway's throttle, Lambda's execution
// environments, stream shards (a data stream's, a table's change stream's) with their consumers,
// DynamoDB capacity and Firehose buffers. The pure rules live here and in serverless.cpp
// (unit-tested without a run); the runner's handlers that move requests and records through them
// are in runner_serverless.cpp.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <deque>
#include <vector>

#include "headroom/core/distribution.hpp"
#include "headroom/core/random.hpp"
#include "headroom/core/time.hpp"
#include "topology/ring_queue.hpp"

namespace headroom {

/// A token bucket: `rate` tokens per second, at most `capacity` held. Starts full.
struct TokenBucket {
  double rate = 0, capacity = 0, tokens = 0;
  SimTime last = 0;
  TokenBucket() = default;
  TokenBucket(double rate_per_s, double cap) : rate(rate_per_s), capacity(cap), tokens(cap) {}
  double available(SimTime now) {
    if (now > last) {
      tokens = std::min(capacity, tokens + rate * to_seconds(now - last));
      last = now;
    }
    return tokens;
  }
  /// Takes `n` tokens if they are there; otherwise takes none.
  bool take(SimTime now, double n) {
    // A part in 10^9 of slack: a bucket refilled to exactly n in floating point passes.
    if (available(now) + 1e-9 * std::max(1.0, n) < n) return false;
    tokens -= n;
    return true;
  }
};

/// An API Gateway: the account-level token bucket (sources.md §8: 10,000/s, burst 5,000).
struct Gateway {
  TokenBucket bucket;
  std::uint64_t throttled = 0;
};

/// The Region's Lambda concurrency, shared by every function (sources.md §7b).
struct LambdaAccount {
  int limit = 1000;             ///< concurrent executions in the Region
  int unreserved_limit = 1000;  ///< limit minus what functions reserve
  int unreserved_busy = 0;      ///< executions of functions without a reservation
};

/// What a consumer does with each record of a batch.
struct OutputOp {
  enum class Kind : std::uint8_t { TableWrite, StreamPut, FirehosePut, S3Put };
  Kind kind = Kind::TableWrite;
  std::uint16_t component = 0;
  std::int32_t index = 0;  ///< into Model::tables / streams / firehoses
};

/// A Lambda function. Environments are its unit of concurrency: one runs one invocation at a
/// time; a new one pays the init (cold start); idle ones are reclaimed after keep_warm.
struct Function {
  std::uint16_t component = 0;
  double memory_gb = 0.5;       ///< billing: GB-seconds = memory_mb / 1024 × seconds
  Distribution duration, per_record, cold;
  Duration keep_warm = 0, timeout = 0;
  int reserved = 0, provisioned = 0;
  bool arm = false;
  int busy = 0, prov_busy = 0;
  std::deque<SimTime> idle;     ///< idle on-demand environments, by when they went idle, oldest first
  /// Per-function scale-out: 1,000 new environments every 10 s, refilled continuously
  /// (sources.md §7b, the current rule).
  TokenBucket scale{100, 1000};
  std::vector<OutputOp> outputs;
  // measured (after warmup)
  std::uint64_t invocations = 0, cold_starts = 0, throttled = 0, timeouts = 0;
  double billed_ms = 0, billed_ms_provisioned = 0;  ///< execution, rounded up to 1 ms each
  double busy_area = 0;         ///< busy environments integrated over the window (env·ns)
  SimTime busy_since = 0;
  int peak = 0;
  int interval_peak = 0;        ///< the time series' interval: busy environments at most
  std::vector<std::uint32_t> peak_per_minute;
};

enum class Acquired : std::uint8_t { Warm, Cold, Throttled };

/// Books an execution that held its environment for `held`: billed per millisecond, rounded up,
/// init included (sources.md §7a), at the provisioned rate when it ran on a provisioned one.
inline void bill_execution(Function& f, Duration held, bool provisioned) {
  const double ms = std::ceil(static_cast<double>(held) / static_cast<double>(kMillisecond));
  (provisioned ? f.billed_ms_provisioned : f.billed_ms) += ms;
}

/// Takes an execution environment for one invocation at `now`, or says why not. Provisioned
/// environments first, then the most recently idle one, then a new one (cold) if the scale-out
/// rate allows; beyond the function's reserved concurrency, or the account's unreserved pool,
/// the invocation is throttled (429).
Acquired acquire_environment(Function& f, LambdaAccount& account, SimTime now);
/// Gives the environment back at `now`. Returns true when it counted as provisioned.
bool release_environment(Function& f, LambdaAccount& account, SimTime now);
/// Reclaims environments idle for longer than keep_warm.
void expire_environments(Function& f, SimTime now);

/// A record on a stream: when its data entered the pipeline (t0, for end-to-end freshness) and
/// when it entered this stream (for the iterator age).
struct StreamRecord {
  SimTime t0 = 0, in = 0;
  std::uint32_t bytes = 0;
};

/// A shard: its records, its write and read limits, and the one batch its consumer works on.
struct StreamShard {
  Ring<StreamRecord> records;
  TokenBucket in_records, in_bytes, out_bytes;
  std::uint32_t batch = 0;      ///< records of the invocation in flight (0: idle)
  bool batch_failed = false, batch_provisioned = false;
  bool poll_scheduled = false;
  SimTime batch_started = 0;
  SimTime phase = 0;            ///< the poller's offset on its grid
};

/// What a stream's kind decides about it (set in sim/components/<kind>.cpp, with its sources):
/// how often its consumer polls a shard, each shard's limits per second, how long a record is
/// kept, and the size of the payload unit its puts are billed in.
struct StreamTraits {
  bool data_stream = true;      ///< the component is the stream; false: a table's change stream
  Duration poll_interval = kSecond;
  double shard_records_in = 1000, shard_bytes_in = 1e6, shard_bytes_out = 2e6;
  Duration retention = kDay;
  double payload_unit = 0;      ///< bytes per billed put payload unit; 0: puts are not billed so
};

/// A stream of records in shards, with the Lambda that polls it: a data stream, or a table's
/// change stream.
struct Stream {
  std::uint16_t component = 0;
  bool data_stream = true;      ///< StreamTraits::data_stream
  std::vector<StreamShard> shards;
  std::int32_t consumer = -1;   ///< index into Model::functions
  std::uint32_t batch_size = 100;
  Duration window = 0;
  Duration poll_interval = kSecond;  ///< StreamTraits::poll_interval
  Duration retention = kDay;    ///< StreamTraits::retention
  double payload_unit = 0;      ///< StreamTraits::payload_unit
  double record_size = 0;       ///< bytes per record; 0: the request's
  Rng rng;                      ///< shard choice (partition keys)
  // measured (records whose data entered after warmup)
  std::uint64_t accepted = 0, throttled = 0, processed = 0, expired = 0, put_units = 0;
  /// The payload units one put of `bytes` is billed as: one per started payload_unit.
  std::uint64_t payload_units(double bytes) const {
    return payload_unit > 0 ? static_cast<std::uint64_t>(std::max(1.0, std::ceil(bytes / payload_unit))) : 0;
  }
  Duration age_max = 0;
  std::vector<Duration> age_per_minute;
  /// Bytes of a record put with a response of `class_bytes`: the stream's record_size, else the
  /// class's bytes, else 1 KB.
  double record_bytes(double class_bytes) const {
    return record_size > 0 ? record_size : class_bytes > 0 ? class_bytes : 1000;
  }
};

/// DynamoDB capacity in one direction (reads or writes), in request units per second.
struct Capacity {
  bool provisioned = false;
  TokenBucket bucket;           ///< provisioned: rcu or wcu per second, 300 s of burst credit
  // on-demand: at once it serves up to twice the previous peak (at least `warm`), where the
  // previous peak is what it served per second until 30 minutes ago (sources.md §6, E)
  double warm = 0, quota = 0;
  std::int64_t second = -1;     ///< the current one-second window
  double used = 0;              ///< units served in it
  double peak = 0;              ///< the highest units served in any finished second
  std::deque<std::pair<SimTime, double>> peaks;  ///< (when, peak) each time the peak rose
  double lagged = 0;            ///< the peak as of 30 minutes ago
  /// Takes `units` at `now`, or returns false (throttled).
  bool take(SimTime now, double units);
  /// Units per second it would serve at `now` (on-demand) or its provisioned rate.
  double ceiling(SimTime now);
};

/// A DynamoDB table.
struct Table {
  std::uint16_t component = 0;
  double read_units = 0.5, write_units = 1;  ///< per operation, from the item size
  Capacity read, write;
  double hot_key = 0;           ///< share of operations on one key
  TokenBucket hot_read{3000, 3000}, hot_write{1000, 1000};  ///< its partition (sources.md §6)
  std::int32_t stream = -1;     ///< index into Model::streams
  Rng rng;
  // measured
  std::uint64_t throttled = 0;
  double read_units_used = 0, write_units_used = 0;
};

/// Amazon Data Firehose: a buffer delivered to S3 when its size or interval fills.
struct Firehose {
  std::uint16_t component = 0, destination = 0;
  double size = 5e6;
  Duration interval = 300 * kSecond;
  double record_size = 0;
  Ring<SimTime> buffer;         ///< the t0 of each buffered record
  double bytes = 0;
  std::uint32_t generation = 0; ///< bumped per delivery: a stale interval timer is ignored
  // measured
  std::uint64_t records = 0, deliveries = 0;
  double billed_bytes = 0;      ///< each record rounded up to 5 KB (sources.md §9)
};

}  // namespace headroom
