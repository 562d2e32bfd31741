// The clients' side of the runner: new requests, their attempts, the client's deadline and
// retries with exponential backoff and full jitter, and the final outcome the client sees.
#include <algorithm>
#include <cmath>

#include "runtime/runner.hpp"

namespace headroom {

std::uint32_t Runner::alloc() {
  if (free_head_ != UINT32_MAX) {
    const std::uint32_t id = free_head_;
    Request& r = requests_[id];
    free_head_ = r.next_free;
    // Reset only what a request reads before writing; the per-hop slots are written on the way down.
    r.cls = 0;
    r.attempt = 0;
    return id;
  }
  requests_.emplace_back();
  return static_cast<std::uint32_t>(requests_.size() - 1);
}

void Runner::release(std::uint32_t id) {
  Request& r = requests_[id];
  ++r.gen;  // any deadline still pending for this record is now stale
  r.next_free = free_head_;
  free_head_ = id;
}

void Runner::on_arrival() {
  const SimTime now = engine_.now();
  const std::uint32_t id = alloc();
  Request& r = requests_[id];
  r.first_sent = now;
  r.measured = now >= recorder_.warmup();
  if (model_.classes.size() > 1) {
    const double u = class_rng_.uniform01();
    std::uint16_t k = 0;
    while (model_.classes[k].cumulative <= u && k + 1u < model_.classes.size()) ++k;
    r.cls = k;
  }
  r.hops = model_.classes[r.cls].hops.data();
  if (r.measured) recorder_.offered();
  series_.offered();
  recorder_.in_flight_changed(now, in_flight_);
  ++in_flight_;
  peak_in_flight_ = std::max<std::uint64_t>(peak_in_flight_, static_cast<std::uint64_t>(in_flight_));
  start_attempt(id);
  const SimTime next = arrivals_.next();
  if (next != kNever) engine_.schedule_at(next, kArrival, 0, 0);
}

void Runner::new_attempt(Request& r) {
  r.sent = engine_.now();
  r.hop = 0;
  r.error = ErrorKind::None;
  r.blame = kNoFault;
  r.orphan = false;
  r.bypassed = 0;
  r.transmitted = 0;
  r.pool_hop = kNoConnection;
  r.pool_waiting = false;
  ++r.gen;
}

std::uint32_t Runner::control_request(Request::Control kind, const Hop& hop, std::uint16_t of, std::uint32_t index,
                                      std::uint32_t inst) {
  const std::uint32_t id = alloc();
  Request& r = requests_[id];
  r.hops = &hop;
  r.control = kind;
  r.of = of;
  r.index = index;
  r.first_sent = engine_.now();
  r.measured = false;
  new_attempt(r);
  r.inst[0] = inst;
  r.epoch[0] = model_.instances[inst].epoch;
  return id;
}

void Runner::start_attempt(std::uint32_t id) {
  Request& r = requests_[id];
  new_attempt(r);
  if (r.measured) recorder_.attempt();
  // With retries the client acts at its deadline; without, a late answer is simply counted
  // as a timeout when it arrives (the servers did the work either way).
  if (model_.retries > 0 && model_.timeout > 0)
    engine_.schedule_in(model_.timeout, kTimeout, 0, (static_cast<std::uint64_t>(r.gen) << 32) | id);
  route(id, 0);
  send_down(id, 0);
}

void Runner::on_timeout(std::uint32_t id, std::uint32_t gen) {
  Request& r = requests_[id];
  if (r.gen != gen || r.orphan) return;  // answered (and maybe reused) already
  // The client hangs up; the attempt runs on in the servers as wasted work and its answer is
  // dropped. The logical request retries from a fresh record, or gives up.
  r.orphan = true;
  if (r.attempt < model_.retries) {
    const std::uint32_t next = alloc();
    Request& n = requests_[next];
    const Request& old = requests_[id];  // alloc may have moved the pool
    n.hops = old.hops;
    n.cls = old.cls;
    n.first_sent = old.first_sent;
    n.measured = old.measured;
    n.attempt = old.attempt;
    schedule_retry(next);
  } else {
    const SimTime now = engine_.now();
    if (r.measured) {
      recorder_.finished(r.cls, ErrorKind::Timeout, now - r.first_sent, r.first_sent);
      count_failure(kNoFault, 1);  // gave up at its deadline: a failure no fault is blamed for
    }
    series_.finished(ErrorKind::Timeout, now - r.first_sent);
    recorder_.in_flight_changed(now, in_flight_);
    --in_flight_;
  }
}

void Runner::schedule_retry(std::uint32_t id) {
  Request& r = requests_[id];
  // Full jitter: uniform on [0, min(cap, base · 2^attempt)] (AWS Architecture Blog,
  // "Exponential Backoff And Jitter", 2015).
  const double ceiling = std::min(static_cast<double>(model_.backoff_max),
                                  static_cast<double>(model_.backoff) * std::ldexp(1.0, r.attempt));
  ++r.attempt;
  ++r.gen;
  engine_.schedule_in(static_cast<Duration>(retry_rng_.uniform01() * ceiling), kRetry, 0, id);
}

void Runner::client_done(std::uint32_t id) {
  Request& r = requests_[id];
  if (r.control == Request::Control::HealthCheck) {  // a balancer's health check came back
    probe_done(id);
    return;
  }
  if (r.control == Request::Control::Apply) {  // a replica applied a write
    apply_done(id);
    return;
  }
  if (r.orphan) {  // its client left long ago
    release(id);
    return;
  }
  ErrorKind error = r.error;
  const SimTime now = engine_.now();
  if (error == ErrorKind::None && model_.timeout > 0 && model_.retries == 0 && now - r.sent > model_.timeout)
    error = ErrorKind::Timeout;
  if (error != ErrorKind::None && r.attempt < model_.retries) {
    schedule_retry(id);
    return;
  }
  if (error != ErrorKind::None && r.measured) count_failure(r.blame, 1);
  if (error != ErrorKind::None && r.blame != kNoFault && r.measured) ++records_[static_cast<std::size_t>(r.blame)].failed_requests;
  if (r.measured) recorder_.finished(r.cls, error, now - r.first_sent, r.first_sent);
  series_.finished(error, now - r.first_sent);
  recorder_.in_flight_changed(now, in_flight_);
  --in_flight_;
  release(id);
}

}  // namespace headroom
