#include "runtime/runner.hpp"

#include <algorithm>

#include "headroom/core/assert.hpp"

namespace headroom {

Runner::Runner(Model model, std::vector<FaultSpec> faults, ArrivalProcess arrivals, Rng class_rng,
               std::uint64_t seed, SimTime warmup, SimTime end, const RunOptions& options)
    : model_(std::move(model)),
      fault_specs_(std::move(faults)),
      arrivals_(std::move(arrivals)),
      class_rng_(class_rng),
      retry_rng_(Rng::stream(seed, "client/retries")),
      fault_rng_(Rng::stream(seed, "faults")),
      recorder_(model_.classes.size(), model_.components.size(), warmup, end),
      options_(options) {
  if (options_.halves) recorder_.track_halves();
}

std::string Runner::run() {
  const SimTime end = recorder_.end();
  if (options_.fidelity == Fidelity::Hybrid) {
    hybrid_start();
  } else {
    const SimTime first = arrivals_.next();
    if (first != kNever) engine_.schedule_at(first, kArrival, 0, 0);
  }
  schedule_faults();
  schedule_scaling();
  if (series_.on()) engine_.schedule_at(std::min(series_.interval(), end), kSample, 0, 0);
  // Progress, interruption and the event budget are looked at every 65,536 events; a hybrid
  // step is thousands of requests' work, so there every 256 events (about 4 minutes of a day).
  const std::uint64_t check = options_.fidelity == Fidelity::Hybrid ? 0xFF : 0xFFFF;
  Event e;
  std::string stop;
  while (engine_.next(end, e)) {
    const auto id = static_cast<std::uint32_t>(e.arg);
    switch (e.kind) {
      case kArrival: on_arrival(); break;
      case kDeliver: deliver(id); break;
      case kCpuDone: cpu_done(id); break;
      case kNicDone: nic_done(id); break;
      case kIoServed: io_served(id); break;
      case kIoDone: io_done(id); break;
      case kReturn:
      case kCommitDone: respond(id, requests_[id].hop); break;
      case kDelayDone: after_service(id); break;
      case kClientDone: client_done(id); break;
      case kTimeout: on_timeout(id, static_cast<std::uint32_t>(e.arg >> 32)); break;
      case kRetry: start_attempt(id); break;
      case kFault: strike(e.target); break;
      case kRepair: on_repair(e.target, static_cast<std::int32_t>(e.arg)); break;
      case kRecovered: on_recovered(e.target, static_cast<std::int32_t>(e.arg & 0xFFFFFFFF), e.arg >> 32); break;
      case kAzRestore: on_az_restore(static_cast<std::int32_t>(e.arg)); break;
      case kRandomFailure: on_random_failure(e.target, id); break;
      case kHealthTick: health_tick(static_cast<std::uint16_t>(e.target)); break;
      case kHealthResult: health_result(static_cast<std::uint16_t>(e.target), id); break;
      case kMetricTick: metric_tick(static_cast<std::uint16_t>(e.target)); break;
      case kMetricEval: metric_eval(static_cast<std::uint16_t>(e.target)); break;
      case kScheduledAction: scheduled_action(static_cast<std::uint16_t>(e.target), id); break;
      case kBooted: booted(e.target); break;
      case kDrainCheck: drain_check(e.target, static_cast<SimTime>(e.arg)); break;
      case kReplace: replace(e.target); break;
      case kSpotNotice: spot_notice(e.target, e.arg); break;
      case kSpotTerminate: spot_terminate(e.target, static_cast<std::int32_t>(e.arg)); break;
      case kPoll: poll(static_cast<std::int32_t>(e.target), id); break;
      case kBatchDone: batch_done(static_cast<std::int32_t>(e.target), id); break;
      case kFlush:
        if (static_cast<std::uint32_t>(e.arg) == model_.firehoses[e.target].generation)
          firehose_flush(static_cast<std::int32_t>(e.target));
        break;
      case kSample: sample_series(); break;
      case kStep: hybrid_step(); break;
      case kProbeTimeout: probe_timeout(id, static_cast<std::uint32_t>(e.arg >> 32)); break;
      case kCachePromote:
        on_cache_promote(e.target, static_cast<std::uint16_t>(e.arg >> 32),
                         static_cast<std::int32_t>(static_cast<std::uint32_t>(e.arg)));
        break;
      case kCacheReplica: on_cache_replica(e.target, static_cast<std::uint16_t>(e.arg)); break;
      case kPoolTimeout: pool_timeout(id, static_cast<std::uint32_t>(e.arg >> 32)); break;
      case kPoolGrant: descend(id, requests_[id].hop + 1); break;
      default: HEADROOM_ASSERT(false, "unknown event kind");
    }
    if ((engine_.events_run() & check) == 0) {
      if (options_.progress) options_.progress(engine_.now(), end, engine_.events_run());
      if (options_.stop && options_.stop->load(std::memory_order_relaxed)) {
        stop = "interrupted";
        break;
      }
      if (engine_.events_run() >= options_.max_events) {
        stop = "event budget exhausted (" + std::to_string(options_.max_events) +
               " events); raise it with --max-events";
        break;
      }
    }
    if (static_cast<std::uint64_t>(in_flight_ + pipeline_records_) > options_.max_in_flight) [[unlikely]] {
      stop = "more than " + std::to_string(options_.max_in_flight) +
             (pipeline_records_ > in_flight_ ? " records waiting in streams and buffers at once: the consumers are not keeping up"
                                             : " requests in flight at once: the topology is not keeping up with its load") +
             " (raise the limit with --max-in-flight)";
      break;
    }
  }
  if (stop.empty()) engine_.advance_to(end);
  finish_series();
  recorder_.in_flight_changed(engine_.now(), in_flight_);
  close_books(engine_.now());
  return stop;
}

std::uint32_t Runner::pick_lb_target(std::uint16_t lb_id, const Component& pool) {
  ComponentState& lb = model_.states[lb_id];
  const auto& healthy = routable(lb_id);
  const auto n = static_cast<std::uint32_t>(healthy.size());
  if (model_.components[lb_id].least_outstanding) {
    // Fewest outstanding requests; ties go round robin so that idle targets share evenly.
    std::uint32_t best = 0, best_load = UINT32_MAX;
    for (std::uint32_t k = 0; k < n; ++k) {
      const std::uint32_t i = (lb.rr_next + k) % n;
      const std::uint32_t load = model_.instances[pool.first + healthy[i]].outstanding;
      if (load < best_load) best = i, best_load = load;
    }
    lb.rr_next = (best + 1) % n;
    return healthy[best];
  }
  const std::uint32_t i = lb.rr_next % n;
  lb.rr_next = (i + 1) % n;
  return healthy[i];
}

void Runner::route(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  const Hop& h = r.hops[hop];
  const Component& c = model_.components[h.component];
  ComponentState& st = model_.states[h.component];
  std::uint32_t pick = 0;
  if (hop > 0 && r.hops[hop - 1].kind == HopKind::Lb) {
    pick = pick_lb_target(r.hops[hop - 1].component, c);
  } else if (c.count > 1) {
    switch (h.kind) {
      case HopKind::Db:
        if (h.op == DbOp::Read && c.reads_from != ReadsFrom::Primary) {
          // The reader endpoint spreads reads over the replicas that are up.
          const std::uint32_t lo = c.reads_from == ReadsFrom::Replicas ? 1 : 0;
          const std::uint32_t n = c.count - lo;
          pick = lo + st.route_rng.below(n);
          for (std::uint32_t k = 0; k < n && !model_.instances[c.first + pick].alive; ++k)
            pick = lo + (pick - lo + 1) % n;
        }
        break;
      case HopKind::Lb:
        // DNS hands out the balancer's live nodes (a failed AZ's node leaves the record set).
        pick = st.route_rng.below(c.count);
        for (std::uint32_t k = 0; k < c.count && !model_.instances[c.first + pick].alive; ++k)
          pick = (pick + 1) % c.count;
        break;
      default:
        pick = st.route_rng.below(c.count);  // key hashing for caches, DNS for bare pools
        break;
    }
  }
  const std::uint32_t inst = c.first + pick;
  r.inst[hop] = inst;
  r.epoch[hop] = model_.instances[inst].epoch;
}

void Runner::send_down(std::uint32_t id, int hop) {
  // A database call from a pooled application needs a connection first (pool.cpp).
  if (requests_[id].hops[hop].pool_from >= 0 && !borrow_connection(id, hop)) [[unlikely]] return;
  descend(id, hop);
}

void Runner::descend(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  r.hop = static_cast<std::uint8_t>(hop);
  const Duration delay = hop == 0 ? r.hops[0].in_delay : hop_delay(r, hop);
  if (delay == 0) deliver(id);
  else engine_.schedule_in(delay, kDeliver, 0, id);
}

void Runner::deliver(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const Hop& h = r.hops[hop];
  const std::uint32_t inst = r.inst[hop];
  Instance& in = model_.instances[inst];
  r.entered[hop] = engine_.now();
  if (h.kind == HopKind::Cache && stale(r, hop) && !h.last) {
    // A cache node that is down answers nothing: its clients treat that as a miss and go to the
    // database — the thundering herd of a lost node.
    r.bypassed |= static_cast<std::uint8_t>(1u << hop);
    route(id, hop + 1);
    send_down(id, hop + 1);
    return;
  }
  if (stale(r, hop)) {
    // Routed to something dead before anyone noticed: connection refused or no answer.
    fail(id, hop, ErrorKind::Unavailable, in.killed_by);
    return;
  }
  ++in.outstanding;
  if (r.measured) {
    ComponentState& st = model_.states[h.component];
    ++st.tally.ops;
    if (h.op == DbOp::Write) ++st.tally.writes;
    else ++st.tally.reads;
    st.tally.bytes += h.response_bytes;
    st.tally.request_bytes += h.request_bytes;
    // An ALB's cross-zone traffic to its targets is free (sources.md §5); any other hop between
    // AZs is charged both ways, on the hop that crosses.
    if (hop > 0 && h.in_delay < 0 && r.hops[hop - 1].kind != HopKind::Lb) {
      const std::uint16_t a = model_.instances[r.inst[hop - 1]].az;
      if (a != kNoAz && in.az != kNoAz && a != in.az)
        st.tally.cross_az_bytes += h.request_bytes + h.response_bytes;
    }
  }
  switch (h.kind) {
    case HopKind::Gateway:
    case HopKind::Function:
    case HopKind::Stream:
    case HopKind::Table:
    case HopKind::Firehose: {
      const Duration d = deliver_serverless(id, model_.components[h.component], model_.states[h.component], in);
      if (d < 0) return;  // throttled
      if (d == 0) after_service(id);
      else engine_.schedule_in(d, kDelayDone, 0, id);
      return;
    }
    case HopKind::Lb: {
      const Component& lb = model_.components[h.component];
      if (routable(h.component).empty()) {  // no registered target: 503
        std::int32_t blame = kNoFault;
        const Component& pool = model_.components[lb.lb_target];
        for (std::uint32_t i = pool.first; i < pool.first + pool.count; ++i)
          blame = std::max(blame, model_.instances[i].killed_by);
        --in.outstanding;
        fail(id, hop, ErrorKind::Unavailable, blame);
        return;
      }
      route(id, hop + 1);
      send_down(id, hop + 1);
      return;
    }
    case HopKind::Cache: start_cpu(id, inst); return;
    case HopKind::Edge:
    case HopKind::Store:
    case HopKind::Dns: {
      ComponentState& st = model_.states[h.component];
      const Duration d = h.demand->sample(st.service_rng);
      if (d == 0) after_service(id);
      else engine_.schedule_in(d, kDelayDone, 0, id);
      return;
    }
    case HopKind::Pool:
    case HopKind::Db:
      if (r.control == Request::Control::Apply) {  // the applier thread is no client connection
        start_cpu(id, inst);
        return;
      }
      if (h.kind == HopKind::Db && h.op == DbOp::Read && inst != model_.components[h.component].first)
        read_from_replica(h.component, inst - model_.components[h.component].first - 1, r.measured);
      if (in.workers_busy < in.workers) {
        ++in.workers_busy;
        start_cpu(id, inst);
      } else if (static_cast<std::int64_t>(in.worker_wait.size()) < in.queue_limit ||
                 r.control == Request::Control::HealthCheck) {
        // A health check waits its turn but is never shed: a server that sheds load still
        // answers its balancer (sources.md §11b).
        in.worker_wait.push(id);
      } else {
        --in.outstanding;
        fail(id, hop, ErrorKind::Rejected, kNoFault);
      }
      return;
    case HopKind::Attached: HEADROOM_ASSERT(false, "a request reached an attached kind"); return;
  }
}

void Runner::start_cpu(std::uint32_t id, std::uint32_t inst) {
  Cpu& cpu = model_.cpus[model_.instances[inst].cpu];
  if (cpu.busy >= cpu.cores) {
    cpu.wait.push(id);
    return;
  }
  ++cpu.busy;
  Request& r = requests_[id];
  r.cpu_epoch = cpu.epoch;
  const Hop& h = r.hops[r.hop];
  ComponentState& st = model_.states[h.component];
  const Duration work = h.demand->sample(st.service_rng);
  // A burstable instance out of credits in standard mode runs it at its baseline: longer.
  const Duration d = cpu.credits.on() ? spend_credits(inst, work) : work;
  const SimTime now = engine_.now();
  // Busy time inside the measured window [warmup, end], booked when service starts.
  st.tally.busy_ns += open_in_window(now, now + d);
  // CloudWatch's CPUUtilization counts the work: a throttled instance reads its baseline.
  model_.instances[inst].busy_total += work;
  engine_.schedule_in(d, kCpuDone, 0, id);
}

void Runner::cpu_done(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const std::uint32_t inst = r.inst[hop];
  Cpu& cpu = model_.cpus[model_.instances[inst].cpu];
  if (r.cpu_epoch == cpu.epoch) {  // else its host died and the Cpu started afresh
    --cpu.busy;
    // The core passes to the next waiting request.
    if (const std::uint32_t next = next_live_waiter(cpu.wait); next != kNoWaiter) {
      const Request& n = requests_[next];
      start_cpu(next, n.inst[n.hop]);
    }
  }
  if (stale(r, hop)) {
    fail(id, hop, ErrorKind::Failed, model_.instances[inst].killed_by);
    return;
  }
  after_service(id);
}

std::uint32_t Runner::next_live_waiter(RingQueue& q) {
  // Ones whose instance died while they waited fail now, with the fault that killed it.
  while (!q.empty()) {
    const std::uint32_t next = q.pop();
    const Request& n = requests_[next];
    if (!stale(n, n.hop)) return next;
    fail(next, n.hop, ErrorKind::Failed, model_.instances[n.inst[n.hop]].killed_by);
  }
  return kNoWaiter;
}

void Runner::after_service(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const Hop& h = r.hops[hop];
  const Component& c = model_.components[h.component];
  ComponentState& st = model_.states[h.component];
  switch (h.kind) {
    case HopKind::Db:
      if (!start_storage(id)) db_answer(id);
      return;
    case HopKind::Store: break;  // answers, or (mid-path) its caller goes on to the next hop
    case HopKind::Cache: {
      Instance& node = model_.instances[r.inst[hop]];
      double p = c.hit_ratio;
      if (node.cold) {
        // A node back from a failure starts empty and fills as it misses (LRU refill).
        ++node.served_since_start;
        const double filled = node.filled(c.warm_lookups);
        p *= filled;
        if (filled > 0.999) node.cold = false;
      }
      if (st.hit_rng.bernoulli(p)) {
        respond(id, hop);
        return;
      }
      // A miss goes on down the path; the node sends no value back (its NIC owes nothing).
      r.transmitted |= static_cast<std::uint8_t>(1u << hop);
      break;
    }
    case HopKind::Edge:
      if (st.hit_rng.bernoulli(c.hit_ratio)) {
        respond(id, hop);
        return;
      }
      break;
    case HopKind::Pool:
      if (c.error_ratio > 0 && r.control == Request::Control::None && st.hit_rng.bernoulli(c.error_ratio)) {
        r.error = ErrorKind::ServerError;
        if (r.measured) ++st.tally.errors;
        respond(id, hop);
        return;
      }
      break;
    case HopKind::Dns: break;
    case HopKind::Gateway:
    case HopKind::Function:
    case HopKind::Stream:
    case HopKind::Table:
    case HopKind::Firehose:
      if (!after_serverless(id, c)) return;
      break;
    case HopKind::Lb: HEADROOM_ASSERT(false, "a load balancer has no service stage"); break;
    case HopKind::Attached: HEADROOM_ASSERT(false, "a request reached an attached kind"); break;
  }
  if (h.last) {
    respond(id, hop);
    return;
  }
  route(id, hop + 1);
  send_down(id, hop + 1);
}

void Runner::respond(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  const Hop& h = r.hops[hop];
  const std::uint32_t inst = r.inst[hop];
  Instance& in = model_.instances[inst];
  const Component& c = model_.components[h.component];
  ComponentState& st = model_.states[h.component];
  if (r.pool_hop == hop + 1) [[unlikely]] return_connection(id);  // the database's answer is back
  if (r.bypassed & (1u << hop)) {
    go_up(id, hop);
    return;
  }
  if (stale(r, hop)) {
    // It died while this request was inside it, or waiting below it: the answer has nowhere
    // to go. Its worker and counters went with it.
    fail(id, hop, ErrorKind::Failed, in.killed_by);
    return;
  }
  if (h.nic_ns > 0 && in.nic != kNoNic && !(r.transmitted & (1u << hop)) && r.error == ErrorKind::None &&
      r.control == Request::Control::None) {
    // The answer leaves through the instance's NIC first (an error page or a health check's
    // answer is too small to count); nic_done comes back here.
    r.transmitted |= static_cast<std::uint8_t>(1u << hop);
    start_nic(id, in.nic);
    return;
  }
  --in.outstanding;
  if ((h.kind == HopKind::Lb || h.kind == HopKind::Gateway) && r.error == ErrorKind::None &&
      engine_.now() - r.entered[hop] > c.idle_timeout) {
    // The balancer (idle timeout) or API Gateway (integration timeout) answered 504.
    r.error = ErrorKind::Timeout;
    if (r.measured) ++st.tally.errors;
  }
  if (h.kind == HopKind::Function) release_function(id, c);
  if (r.measured && r.error == ErrorKind::None) {
    ++st.tally.completed;
    recorder_.component_latency(h.component, engine_.now() - r.entered[hop]);
  }
  if ((h.kind == HopKind::Pool || h.kind == HopKind::Db) && r.control != Request::Control::Apply) {
    // The worker passes straight to the next request waiting for one.
    if (!in.worker_wait.empty()) start_cpu(in.worker_wait.pop(), inst);
    else --in.workers_busy;
  }
  go_up(id, hop);
}

void Runner::fail(std::uint32_t id, int hop, ErrorKind error, std::int32_t blame) {
  Request& r = requests_[id];
  if (r.error == ErrorKind::None) {
    r.error = error;
    r.blame = blame;
  }
  if (r.measured) ++model_.states[r.hops[hop].component].tally.errors;
  go_up(id, hop);
}

void Runner::go_up(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  if (hop == 0) {
    const Duration back = r.hops[0].in_delay;
    if (back == 0) client_done(id);
    else engine_.schedule_in(back, kClientDone, 0, id);
    return;
  }
  const Duration delay = hop_delay(r, hop);
  r.hop = static_cast<std::uint8_t>(hop - 1);
  if (delay == 0) respond(id, hop - 1);
  else engine_.schedule_in(delay, kReturn, 0, id);
}

}  // namespace headroom
