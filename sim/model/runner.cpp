#include "model/runner.hpp"

#include <algorithm>

#include "headroom/core/assert.hpp"

namespace headroom {

Runner::Runner(Model model, ArrivalProcess arrivals, Rng class_rng, SimTime warmup, SimTime end,
               const RunOptions& options)
    : model_(std::move(model)),
      arrivals_(std::move(arrivals)),
      class_rng_(class_rng),
      recorder_(model_.classes.size(), model_.components.size(), warmup, end),
      options_(options) {}

std::uint32_t Runner::alloc() {
  if (free_head_ != UINT32_MAX) {
    const std::uint32_t id = free_head_;
    Request& r = requests_[id];
    free_head_ = r.next_free;
    // Reset only what a request reads before writing; the per-hop slots are written on the way down.
    r.cls = 0;
    r.hop = 0;
    r.error = ErrorKind::None;
    return id;
  }
  requests_.emplace_back();
  return static_cast<std::uint32_t>(requests_.size() - 1);
}

void Runner::release(std::uint32_t id) {
  requests_[id].next_free = free_head_;
  free_head_ = id;
}

std::string Runner::run() {
  const SimTime end = recorder_.end();
  const SimTime first = arrivals_.next();
  if (first != kNever) engine_.schedule_at(first, kArrival, 0, 0);
  Event e;
  std::string stop;
  while (engine_.next(end, e)) {
    switch (e.kind) {
      case kArrival: on_arrival(); break;
      case kDeliver: deliver(static_cast<std::uint32_t>(e.arg)); break;
      case kCpuDone: cpu_done(static_cast<std::uint32_t>(e.arg)); break;
      case kReturn: respond(static_cast<std::uint32_t>(e.arg), requests_[e.arg].hop); break;
      case kClientDone: client_done(static_cast<std::uint32_t>(e.arg)); break;
      case kCommitDone: respond(static_cast<std::uint32_t>(e.arg), requests_[e.arg].hop); break;
      default: HEADROOM_ASSERT(false, "unknown event kind");
    }
    if ((engine_.events_run() & 0xFFFF) == 0) {
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
    if (static_cast<std::uint64_t>(in_flight_) > options_.max_in_flight) [[unlikely]] {
      stop = "more than " + std::to_string(options_.max_in_flight) +
             " requests in flight at once: the topology is not keeping up with its load "
             "(raise the limit with --max-in-flight)";
      break;
    }
  }
  if (stop.empty()) engine_.advance_to(end);
  recorder_.in_flight_changed(engine_.now(), in_flight_);
  return stop;
}

void Runner::on_arrival() {
  const SimTime now = engine_.now();
  const std::uint32_t id = alloc();
  Request& r = requests_[id];
  r.sent = now;
  r.measured = now >= recorder_.warmup();
  if (model_.classes.size() > 1) {
    const double u = class_rng_.uniform01();
    std::uint16_t k = 0;
    while (model_.classes[k].cumulative <= u && k + 1u < model_.classes.size()) ++k;
    r.cls = k;
  }
  r.hops = model_.classes[r.cls].hops.data();
  if (r.measured) recorder_.offered();
  recorder_.in_flight_changed(now, in_flight_);
  ++in_flight_;
  peak_in_flight_ = std::max<std::uint64_t>(peak_in_flight_, static_cast<std::uint64_t>(in_flight_));
  route(id, 0);
  send_down(id, 0, model_.rtt_down);
  const SimTime next = arrivals_.next();
  if (next != kNever) engine_.schedule_at(next, kArrival, 0, 0);
}

void Runner::route(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  const Hop& h = r.hops[hop];
  Component& c = model_.components[h.component];
  std::uint32_t pick = 0;
  if (hop > 0) {
    const Hop& prev = r.hops[hop - 1];
    if (prev.kind == HopKind::Lb) {
      Component& lb = model_.components[prev.component];
      if (lb.least_outstanding) {
        // Fewest outstanding requests; ties go round robin so that idle targets share evenly.
        std::uint32_t best = UINT32_MAX, best_load = UINT32_MAX;
        for (std::uint32_t k = 0; k < c.count; ++k) {
          const std::uint32_t i = (lb.rr_next + k) % c.count;
          const std::uint32_t load = model_.instances[c.first + i].outstanding;
          if (load < best_load) best = i, best_load = load;
        }
        pick = best;
        lb.rr_next = (best + 1) % c.count;
      } else {
        pick = lb.rr_next;
        lb.rr_next = (lb.rr_next + 1) % c.count;
      }
      r.inst[hop] = c.first + pick;
      ++model_.instances[r.inst[hop]].outstanding;
      return;
    }
  }
  if (h.kind == HopKind::Db && c.count > 1) {
    const std::uint32_t replicas = c.count - 1;
    if (h.op == DbOp::Read && c.reads_from == ReadsFrom::Replicas) pick = 1 + c.route_rng.below(replicas);
    else if (h.op == DbOp::Read && c.reads_from == ReadsFrom::All) pick = c.route_rng.below(c.count);
  } else if (h.kind != HopKind::Db && c.count > 1) {
    pick = c.route_rng.below(c.count);  // DNS for LB nodes, key hashing for caches, else random
  }
  r.inst[hop] = c.first + pick;
  ++model_.instances[r.inst[hop]].outstanding;
}

void Runner::send_down(std::uint32_t id, int hop, Duration delay) {
  requests_[id].hop = static_cast<std::uint8_t>(hop);
  if (delay == 0) deliver(id);
  else engine_.schedule_in(delay, kDeliver, 0, id);
}

void Runner::deliver(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const Hop& h = r.hops[hop];
  const std::uint32_t inst = r.inst[hop];
  r.entered[hop] = engine_.now();
  switch (h.kind) {
    case HopKind::Lb:
      route(id, hop + 1);
      send_down(id, hop + 1, model_.net(inst, requests_[id].inst[hop + 1]));
      return;
    case HopKind::Cache: start_cpu(id, inst); return;
    case HopKind::Pool:
    case HopKind::Db: {
      Instance& in = model_.instances[inst];
      if (in.workers_busy < in.workers) {
        ++in.workers_busy;
        start_cpu(id, inst);
      } else if (static_cast<std::int64_t>(in.worker_wait.size()) < in.queue_limit) {
        in.worker_wait.push(id);
      } else {
        fail(id, hop, ErrorKind::Rejected);
      }
      return;
    }
  }
}

void Runner::start_cpu(std::uint32_t id, std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  if (in.cores_busy >= in.cores) {
    in.cpu_wait.push(id);
    return;
  }
  ++in.cores_busy;
  const Request& r = requests_[id];
  const Hop& h = r.hops[r.hop];
  Component& c = model_.components[h.component];
  const Duration d = h.demand->sample(c.service_rng);
  const SimTime now = engine_.now();
  // Busy time inside the measured window [warmup, end], booked when service starts.
  const SimTime from = std::max(now, recorder_.warmup());
  const SimTime to = std::min(now + d, recorder_.end());
  if (to > from) c.busy_ns += to - from;
  engine_.schedule_in(d, kCpuDone, 0, id);
}

void Runner::cpu_done(std::uint32_t id) {
  const std::uint32_t inst = requests_[id].inst[requests_[id].hop];
  Instance& in = model_.instances[inst];
  --in.cores_busy;
  if (!in.cpu_wait.empty()) start_cpu(in.cpu_wait.pop(), inst);
  after_service(id);
}

void Runner::after_service(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const Hop& h = r.hops[hop];
  Component& c = model_.components[h.component];
  switch (h.kind) {
    case HopKind::Db:
      if (h.op == DbOp::Write && c.commit_delay > 0) {
        engine_.schedule_in(c.commit_delay, kCommitDone, 0, id);
        return;
      }
      respond(id, hop);
      return;
    case HopKind::Cache:
      if (c.hit_rng.bernoulli(c.hit_ratio)) {
        respond(id, hop);
        return;
      }
      break;  // a miss goes on down the path
    case HopKind::Pool: break;
    case HopKind::Lb: HEADROOM_ASSERT(false, "a load balancer has no CPU stage");
  }
  if (h.last) {
    respond(id, hop);
    return;
  }
  route(id, hop + 1);
  send_down(id, hop + 1, model_.net(r.inst[hop], requests_[id].inst[hop + 1]));
}

void Runner::respond(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  const Hop& h = r.hops[hop];
  const std::uint32_t inst = r.inst[hop];
  Instance& in = model_.instances[inst];
  Component& c = model_.components[h.component];
  --in.outstanding;
  if (r.measured) {
    if (r.error == ErrorKind::None) {
      ++c.completed;
      recorder_.component_latency(h.component, engine_.now() - r.entered[hop]);
    }
  }
  if (h.kind == HopKind::Pool || h.kind == HopKind::Db) {
    // The worker passes straight to the next request waiting for one.
    if (!in.worker_wait.empty()) start_cpu(in.worker_wait.pop(), inst);
    else --in.workers_busy;
  }
  go_up(id, hop);
}

void Runner::fail(std::uint32_t id, int hop, ErrorKind error) {
  Request& r = requests_[id];
  r.error = error;
  --model_.instances[r.inst[hop]].outstanding;
  if (r.measured) ++model_.components[r.hops[hop].component].errors;
  go_up(id, hop);
}

void Runner::go_up(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  if (hop == 0) {
    if (model_.rtt_up == 0) client_done(id);
    else engine_.schedule_in(model_.rtt_up, kClientDone, 0, id);
    return;
  }
  r.hop = static_cast<std::uint8_t>(hop - 1);
  const Duration delay = model_.net(r.inst[hop], r.inst[hop - 1]);
  if (delay == 0) respond(id, hop - 1);
  else engine_.schedule_in(delay, kReturn, 0, id);
}

void Runner::client_done(std::uint32_t id) {
  Request& r = requests_[id];
  const SimTime now = engine_.now();
  if (r.measured) {
    const Duration latency = now - r.sent;
    ErrorKind error = r.error;
    // The client gave up at its deadline; the servers finished the work regardless.
    if (error == ErrorKind::None && model_.timeout > 0 && latency > model_.timeout)
      error = ErrorKind::Timeout;
    recorder_.finished(r.cls, error, latency);
  }
  recorder_.in_flight_changed(now, in_flight_);
  --in_flight_;
  release(id);
}

}  // namespace headroom
