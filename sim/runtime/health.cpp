// Load balancers' health checks (spec.md §3 elb, sources.md §11b): each balancer checks every
// target on its interval; consecutive failures mark a target unhealthy, consecutive successes
// bring it back, and routing follows only what the checks have concluded.
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "runtime/hybrid.hpp"
#include "runtime/runner.hpp"

namespace headroom {

bool Runner::fronted(std::uint32_t inst) const {
  const std::uint16_t comp = model_.instances[inst].component;
  for (const auto& c : model_.components)
    if (c.kind == HopKind::Lb && c.lb_target == comp) return true;
  return false;
}


void Runner::health_tick(std::uint16_t lb_id) {
  const Component& lb = model_.components[lb_id];
  const Component& pool = model_.components[lb.lb_target];
  for (std::uint32_t t = 0; t < pool.count; ++t) {
    const std::uint32_t inst = pool.first + t;
    if (model_.instances[inst].life != Life::InService) continue;  // not registered
    if (!model_.instances[inst].alive) {
      // No answer: the check fails when its timeout expires.
      engine_.schedule_in(lb.health.timeout, kHealthResult, lb_id, t);
    } else if (hybrid_ && !hybrid_->zoomed) {
      // Rates, not requests: the check waits behind the target's backlog as a request arriving
      // now would (its fluid wait), and fails at its timeout when that is longer.
      if (hybrid_->fluid_wait[inst] > static_cast<double>(lb.health.timeout))
        engine_.schedule_in(lb.health.timeout, kHealthResult, lb_id, t);
      else
        health_pass(lb_id, t);
    } else {
      send_probe(lb_id, t);
    }
  }
  engine_.schedule_in(lb.health.interval, kHealthTick, lb_id, 0);
}

// The check is an HTTP request like any other (sources.md §11b): it waits for a worker and a
// core behind the target's queue, and the balancer gives up at its timeout. A target whose queue
// is longer than the timeout fails its checks while it is still alive: the overloaded server is
// taken out of service, and the others get its load.
void Runner::send_probe(std::uint16_t lb_id, std::uint32_t t) {
  const Component& lb = model_.components[lb_id];
  if (probe_hops_.empty()) probe_hops_.resize(model_.components.size());
  Hop& h = probe_hops_[lb_id];
  h.component = lb.lb_target;
  h.kind = HopKind::Pool;
  h.demand = &probe_demand_;
  h.last = true;
  h.in_delay = model_.same_az;  // from the balancer's node in the target's AZ
  const std::uint32_t id =
      control_request(Request::Control::HealthCheck, h, lb_id, t, model_.components[lb.lb_target].first + t);
  engine_.schedule_in(lb.health.timeout, kProbeTimeout, lb_id, (static_cast<std::uint64_t>(requests_[id].gen) << 32) | id);
  send_down(id, 0);
}

void Runner::probe_done(std::uint32_t id) {
  Request& r = requests_[id];
  if (!r.orphan) {
    // Answered within its timeout: an error answer (rejected, or the target died under it)
    // fails the check at once, as a refused connection or a 5xx does.
    if (r.error == ErrorKind::None) health_pass(r.of, r.index);
    else health_result(r.of, r.index);
  }
  r.control = Request::Control::None;
  release(id);
}

void Runner::probe_timeout(std::uint32_t id, std::uint32_t gen) {
  Request& r = requests_[id];
  if (r.gen != gen || r.orphan || r.control != Request::Control::HealthCheck) return;  // answered already
  r.orphan = true;  // still queued at the target: it will be served, and its answer dropped
  health_result(r.of, r.index);
}

void Runner::health_pass(std::uint16_t lb_id, std::uint32_t t) {
  TargetHealth& h = model_.states[lb_id].targets[t];
  h.failures = 0;
  if (!h.healthy && ++h.successes >= model_.components[lb_id].health.healthy) mark_healthy(lb_id, t);
}

void Runner::health_result(std::uint16_t lb_id, std::uint32_t t) {
  const Component& lb = model_.components[lb_id];
  ComponentState& lb_st = model_.states[lb_id];
  TargetHealth& h = lb_st.targets[t];
  h.successes = 0;
  if (h.healthy && ++h.failures >= lb.health.unhealthy) mark_unhealthy(lb_id, t);
}

const std::vector<std::uint32_t>& Runner::routable(std::uint16_t lb_id) {
  const ComponentState& lb = model_.states[lb_id];
  if (!lb.healthy_list.empty()) return lb.healthy_list;
  // Every target unhealthy: an ALB routes to all of them regardless of their health
  // (fail open, sources.md §11b) rather than answering 503.
  const Component& pool = model_.components[model_.components[lb_id].lb_target];
  fail_open_.clear();
  for (std::uint32_t t = 0; t < pool.count; ++t)
    if (model_.instances[pool.first + t].life == Life::InService) fail_open_.push_back(t);
  return fail_open_;
}

void Runner::mark_unhealthy(std::uint16_t lb_id, std::uint32_t t) {
  ComponentState& lb = model_.states[lb_id];
  lb.targets[t].healthy = false;
  lb.targets[t].failures = 0;
  auto it = std::find(lb.healthy_list.begin(), lb.healthy_list.end(), t);
  if (it != lb.healthy_list.end()) {
    lb.healthy_list.erase(it);
    if (in_window(engine_.now())) ++lb.marked_unhealthy;
    if (lb.healthy_list.empty()) lb.open_since = engine_.now();
  }
  Instance& in = model_.instances[model_.components[model_.components[lb_id].lb_target].first + t];
  if (in.detect_pending && !in.alive) {
    in.detect_pending = false;
    part_detected(in.killed_by);
    part_recovered(in.killed_by);  // no longer routed to: its errors stop
  }
}

void Runner::mark_healthy(std::uint16_t lb_id, std::uint32_t t) {
  ComponentState& lb = model_.states[lb_id];
  lb.targets[t].healthy = true;
  lb.targets[t].successes = 0;
  if (lb.healthy_list.empty() && lb.open_since >= 0) {
    lb.open_ns += open_in_window(lb.open_since, engine_.now());
    lb.open_since = -1;
  }
  lb.healthy_list.insert(std::lower_bound(lb.healthy_list.begin(), lb.healthy_list.end(), t), t);
  Instance& in = model_.instances[model_.components[model_.components[lb_id].lb_target].first + t];
  if (in.await_healthy) {
    in.await_healthy = false;
    part_restored(in.killed_by);
  }
}

}  // namespace headroom
