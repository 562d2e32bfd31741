// The serverless hops of the data plane and the asynchronous pipeline behind them (spec.md §3,
// issue 5): API Gateway's throttle, Lambda environments, stream shards and their polling
// consumers, DynamoDB capacity, Firehose buffers. A request whose path ends at a
// stream's put returns when the record is accepted; what happens to the record afterwards is
// measured as data freshness (the age of the data when it lands), not as request latency.
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "runtime/runner.hpp"

namespace headroom {
namespace {

// Batch APIs a consumer writes through: BatchWriteItem takes 25 items; a data stream's PutRecords
// and Firehose's PutRecordBatch take 500 records (their API references).
constexpr std::uint32_t kBatchWriteItems = 25;
constexpr std::uint32_t kPutRecordsBatch = 500;

std::uint32_t calls(std::uint32_t n, std::uint32_t per_call) { return (n + per_call - 1) / per_call; }

}  // namespace

void Runner::function_busy_changed(Function& f, int before) {
  const SimTime now = engine_.now();
  // Busy environments integrated over the measured window, and the peak of each minute.
  const SimTime from = std::max(f.busy_since, recorder_.warmup());
  if (now > from) f.busy_area += static_cast<double>(before) * static_cast<double>(now - from);
  f.busy_since = now;
  if (now >= recorder_.warmup()) f.peak = std::max(f.peak, f.busy);
  f.interval_peak = std::max(f.interval_peak, f.busy);
  const auto minute = static_cast<std::size_t>(now / kMinute);
  if (minute < f.peak_per_minute.size())
    f.peak_per_minute[minute] = std::max(f.peak_per_minute[minute], static_cast<std::uint32_t>(f.busy));
}

Duration Runner::deliver_serverless(std::uint32_t id, const Component& c, ComponentState& st, Instance& in) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const Hop& h = r.hops[hop];
  const SimTime now = engine_.now();
  auto throttle = [&](std::uint64_t& counter) -> Duration {
    if (r.measured) ++counter;
    --in.outstanding;
    fail(id, hop, ErrorKind::Throttled, kNoFault);
    return -1;
  };
  switch (h.kind) {
    case HopKind::Gateway: {
      Gateway& g = model_.gateways[static_cast<std::size_t>(c.ext)];
      if (!g.bucket.take(now, 1)) return throttle(g.throttled);  // 429 Too Many Requests
      return h.demand->sample(st.service_rng);
    }
    case HopKind::Function: {
      Function& f = model_.functions[static_cast<std::size_t>(c.ext)];
      const int before = f.busy;
      const Acquired how = acquire_environment(f, model_.lambda, now);
      if (how == Acquired::Throttled) return throttle(f.throttled);
      function_busy_changed(f, before);
      Duration d = f.duration.sample(st.service_rng);
      if (d > f.timeout) {
        // "Task timed out": the function stops at its timeout and the call fails.
        d = f.timeout;
        r.error = ErrorKind::Timeout;
        if (r.measured) ++f.timeouts, ++st.tally.errors;
      }
      if (how == Acquired::Cold) {
        d += f.cold.sample(st.service_rng);
        if (r.measured) ++f.cold_starts;
      }
      if (r.measured) ++f.invocations;
      return d;
    }
    case HopKind::Stream: {
      Stream& s = model_.streams[static_cast<std::size_t>(c.ext)];
      StreamShard& sh = s.shards[r.inst[hop] - c.first];
      const double bytes = s.record_bytes(model_.classes[r.cls].bytes);
      // A shard takes its records and bytes per second (StreamTraits); beyond, the put is throttled.
      if (sh.in_records.available(now) < 1 || sh.in_bytes.available(now) < bytes) return throttle(s.throttled);
      sh.in_records.take(now, 1);
      sh.in_bytes.take(now, bytes);
      if (r.measured) {
        ++s.accepted;
        s.put_units += s.payload_units(bytes);
      }
      return h.demand->sample(st.service_rng);
    }
    case HopKind::Table: {
      Table& t = model_.tables[static_cast<std::size_t>(c.ext)];
      const bool write = h.op == DbOp::Write;
      const double units = write ? t.write_units : t.read_units;
      const bool hot = t.hot_key > 0 && t.rng.bernoulli(t.hot_key);
      TokenBucket& partition = write ? t.hot_write : t.hot_read;
      if (hot && partition.available(now) < units) return throttle(t.throttled);
      if (!(write ? t.write : t.read).take(now, units)) return throttle(t.throttled);
      if (hot) partition.take(now, units);
      if (r.measured) (write ? t.write_units_used : t.read_units_used) += units;
      return h.demand->sample(st.service_rng);
    }
    case HopKind::Firehose: return h.demand->sample(st.service_rng);
    default: HEADROOM_ASSERT(false, "not a serverless hop");
  }
  return -1;
}

bool Runner::after_serverless(std::uint32_t id, const Component& c) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const Hop& h = r.hops[hop];
  const SimTime now = engine_.now();
  switch (h.kind) {
    case HopKind::Function:
      if (r.error != ErrorKind::None) {  // timed out
        respond(id, hop);
        return false;
      }
      return true;
    case HopKind::Stream: {
      // Accepted: the request is answered; the record waits for the shard's consumer.
      Stream& s = model_.streams[static_cast<std::size_t>(c.ext)];
      const double bytes = s.record_bytes(model_.classes[r.cls].bytes);
      enqueue(c.ext, r.inst[hop] - c.first, StreamRecord{now, now, static_cast<std::uint32_t>(bytes)});
      respond(id, hop);
      return false;
    }
    case HopKind::Table: {
      Table& t = model_.tables[static_cast<std::size_t>(c.ext)];
      if (h.op == DbOp::Write && t.stream >= 0) {
        Stream& s = model_.streams[static_cast<std::size_t>(t.stream)];
        const auto shard = s.rng.below(static_cast<std::uint32_t>(s.shards.size()));
        if (r.measured) ++s.accepted;
        enqueue(t.stream, shard, StreamRecord{now, now, static_cast<std::uint32_t>(t.write_units * 1024)});
      }
      return true;
    }
    case HopKind::Firehose: {
      const double bytes = model_.classes[r.cls].bytes > 0 ? model_.classes[r.cls].bytes : 1000;
      firehose_put(c.ext, now, bytes);
      respond(id, hop);
      return false;
    }
    default: return true;
  }
}

void Runner::release_function(std::uint32_t id, const Component& c) {
  Request& r = requests_[id];
  Function& f = model_.functions[static_cast<std::size_t>(c.ext)];
  const SimTime now = engine_.now();
  const int before = f.busy;
  const bool provisioned = release_environment(f, model_.lambda, now);
  function_busy_changed(f, before);
  if (r.measured) bill_execution(f, now - r.entered[r.hop], provisioned);
}

void Runner::fresh(std::uint16_t component, SimTime t0) {
  if (in_window(t0)) recorder_.freshness(component, engine_.now() - t0);
}

void Runner::enqueue(std::int32_t stream, std::uint32_t shard, const StreamRecord& rec) {
  Stream& s = model_.streams[static_cast<std::size_t>(stream)];
  if (s.consumer < 0) return;  // nobody reads it: only its shard-hours and PUTs matter
  StreamShard& sh = s.shards[shard];
  sh.records.push(rec);
  ++pipeline_records_;
  if (sh.batch == 0 && !sh.poll_scheduled) {
    // The poller asks on its grid: the next tick of this shard's one-second (or 250 ms) clock.
    const SimTime now = engine_.now();
    const SimTime k = (now - sh.phase + s.poll_interval - 1) / s.poll_interval;
    schedule_poll(stream, shard, sh.phase + std::max<SimTime>(0, k) * s.poll_interval);
  }
}

void Runner::schedule_poll(std::int32_t stream, std::uint32_t shard, SimTime at) {
  StreamShard& sh = model_.streams[static_cast<std::size_t>(stream)].shards[shard];
  sh.poll_scheduled = true;
  engine_.schedule_at(std::max(at, engine_.now()), kPoll, static_cast<std::uint32_t>(stream), shard);
}

void Runner::poll(std::int32_t stream, std::uint32_t shard) {
  Stream& s = model_.streams[static_cast<std::size_t>(stream)];
  StreamShard& sh = s.shards[shard];
  const SimTime now = engine_.now();
  sh.poll_scheduled = false;
  if (sh.batch > 0) return;
  // Records past the stream's retention are gone, processed or not.
  while (!sh.records.empty() && now - sh.records.front().in > s.retention) {
    if (in_window(sh.records.front().t0)) ++s.expired;
    sh.records.pop();
    --pipeline_records_;
  }
  if (sh.records.empty()) return;
  // The iterator age: how far behind the head of the shard its consumer reads.
  const Duration age = now - sh.records.front().in;
  if (now >= recorder_.warmup()) s.age_max = std::max(s.age_max, age);
  if (const auto minute = static_cast<std::size_t>(now / kMinute); minute < s.age_per_minute.size())
    s.age_per_minute[minute] = std::max(s.age_per_minute[minute], age);
  const std::uint32_t available = sh.records.size();
  // A batching window holds a short batch back until the window has passed since its first record.
  if (available < s.batch_size && s.window > 0 && now < sh.records.front().in + s.window) {
    schedule_poll(stream, shard, sh.records.front().in + s.window);
    return;
  }
  // The batch: up to batch_size records, within the shard's 2 MB/s of reads.
  std::uint32_t n = 0;
  double bytes = 0;
  const double budget = sh.out_bytes.available(now);
  while (n < std::min(available, s.batch_size) && bytes + sh.records.at(n).bytes <= budget) bytes += sh.records.at(n++).bytes;
  if (n == 0) {
    schedule_poll(stream, shard, now + s.poll_interval);
    return;
  }
  Function& f = model_.functions[static_cast<std::size_t>(s.consumer)];
  ComponentState& fst = model_.states[f.component];
  const int before = f.busy;
  const bool measured = now >= recorder_.warmup();
  const Acquired how = acquire_environment(f, model_.lambda, now);
  if (how == Acquired::Throttled) {
    if (measured) ++f.throttled;
    schedule_poll(stream, shard, now + s.poll_interval);  // the poller retries
    return;
  }
  sh.out_bytes.take(now, bytes);
  function_busy_changed(f, before);
  if (measured) {
    ++f.invocations;
    if (how == Acquired::Cold) ++f.cold_starts;
  }
  Duration d = f.duration.sample(fst.service_rng);
  for (std::uint32_t i = 0; i < n; ++i) d += f.per_record.sample(fst.service_rng);
  // Its writes: each output takes its capacity now and adds its calls' latency; a throttled
  // output fails the batch, which is retried whole (as Lambda does for stream sources).
  bool failed = false;
  for (const OutputOp& op : f.outputs) {
    const Component& oc = model_.components[op.component];
    ComponentState& ost = model_.states[op.component];
    switch (op.kind) {
      case OutputOp::Kind::TableWrite: {
        Table& t = model_.tables[static_cast<std::size_t>(op.index)];
        const double units = n * t.write_units;
        for (std::uint32_t k = 0; k < calls(n, kBatchWriteItems); ++k) d += oc.op.sample(ost.service_rng);
        if (!failed && !t.write.take(now, units)) {
          failed = true;
          if (measured) ++t.throttled;
        } else if (!failed && measured) {
          t.write_units_used += units;
        }
        break;
      }
      case OutputOp::Kind::StreamPut:  // (a consumer's puts are not held to the shard limits)
      case OutputOp::Kind::FirehosePut:
        for (std::uint32_t k = 0; k < calls(n, kPutRecordsBatch); ++k) d += oc.op.sample(ost.service_rng);
        break;
      case OutputOp::Kind::S3Put: d += oc.op.sample(ost.service_rng); break;  // the batch as one object
    }
  }
  if (d > f.timeout) {
    d = f.timeout;
    failed = true;
    if (measured) ++f.timeouts;
  }
  if (how == Acquired::Cold) d += f.cold.sample(fst.service_rng);
  sh.batch = n;
  sh.batch_failed = failed;
  sh.batch_started = now;
  engine_.schedule_in(d, kBatchDone, static_cast<std::uint32_t>(stream), shard);
}

void Runner::batch_done(std::int32_t stream, std::uint32_t shard) {
  Stream& s = model_.streams[static_cast<std::size_t>(stream)];
  StreamShard& sh = s.shards[shard];
  Function& f = model_.functions[static_cast<std::size_t>(s.consumer)];
  const SimTime now = engine_.now();
  const int before = f.busy;
  const bool provisioned = release_environment(f, model_.lambda, now);
  function_busy_changed(f, before);
  if (sh.batch_started >= recorder_.warmup()) {
    // The consumer's invocations are its latency and throughput (it answers no client).
    recorder_.component_latency(f.component, now - sh.batch_started);
    ++model_.states[f.component].tally.completed;
    bill_execution(f, now - sh.batch_started, provisioned);
  }
  const std::uint32_t n = sh.batch;
  sh.batch = 0;
  if (sh.batch_failed) {
    schedule_poll(stream, shard, now + s.poll_interval);  // the same records again
    return;
  }
  for (std::uint32_t i = 0; i < n; ++i) {
    const StreamRecord rec = sh.records.pop();
    --pipeline_records_;
    if (in_window(rec.t0)) ++s.processed;
    for (const OutputOp& op : f.outputs) {
      switch (op.kind) {
        case OutputOp::Kind::TableWrite: {
          fresh(op.component, rec.t0);
          if (in_window(rec.t0)) ++model_.states[op.component].tally.completed;
          const Table& t = model_.tables[static_cast<std::size_t>(op.index)];
          if (t.stream >= 0) {
            Stream& ts = model_.streams[static_cast<std::size_t>(t.stream)];
            if (in_window(rec.t0)) ++ts.accepted;
            enqueue(t.stream, ts.rng.below(static_cast<std::uint32_t>(ts.shards.size())), StreamRecord{rec.t0, now, rec.bytes});
          }
          break;
        }
        case OutputOp::Kind::StreamPut: {
          Stream& out = model_.streams[static_cast<std::size_t>(op.index)];
          const double bytes = out.record_size > 0 ? out.record_size : rec.bytes;
          if (in_window(rec.t0)) {
            ++out.accepted;
            out.put_units += out.payload_units(bytes);
          }
          fresh(op.component, rec.t0);
          enqueue(op.index, out.rng.below(static_cast<std::uint32_t>(out.shards.size())),
                  StreamRecord{rec.t0, now, static_cast<std::uint32_t>(bytes)});
          break;
        }
        case OutputOp::Kind::FirehosePut: firehose_put(op.index, rec.t0, rec.bytes); break;
        case OutputOp::Kind::S3Put: fresh(op.component, rec.t0); break;
      }
    }
  }
  for (const OutputOp& op : f.outputs)
    if (op.kind == OutputOp::Kind::S3Put && sh.batch_started >= recorder_.warmup()) ++model_.states[op.component].tally.writes;
  if (!sh.records.empty()) poll(stream, shard);  // a backlog is read again at once
}

void Runner::firehose_put(std::int32_t index, SimTime t0, double bytes) {
  Firehose& f = model_.firehoses[static_cast<std::size_t>(index)];
  const double size = f.record_size > 0 ? f.record_size : bytes;
  if (f.buffer.empty() && f.interval > 0)
    engine_.schedule_in(f.interval, kFlush, static_cast<std::uint32_t>(index), f.generation);
  f.buffer.push(t0);
  ++pipeline_records_;
  f.bytes += size;
  if (in_window(t0)) {
    ++f.records;
    // Ingestion is billed per record rounded up to 5 KB (sources.md §9).
    f.billed_bytes += std::ceil(size / 5000.0) * 5000.0;
  }
  if (f.bytes >= f.size || f.interval == 0) firehose_flush(index);
}

void Runner::firehose_flush(std::int32_t index) {
  Firehose& f = model_.firehoses[static_cast<std::size_t>(index)];
  const Component& dest = model_.components[f.destination];
  ComponentState& dest_st = model_.states[f.destination];
  // The delivery is one S3 object; the records land when its PUT completes.
  const Duration put = dest.op.sample(dest_st.service_rng);
  const SimTime landed = engine_.now() + put;
  while (!f.buffer.empty()) {
    const SimTime t0 = f.buffer.pop();
    --pipeline_records_;
    if (in_window(t0)) recorder_.freshness(f.destination, landed - t0);
  }
  if (engine_.now() >= recorder_.warmup()) {
    ++f.deliveries;
    ++dest_st.tally.writes;
  }
  f.bytes = 0;
  ++f.generation;
}

}  // namespace headroom
