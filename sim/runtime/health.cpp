// Load balancers' health checks (spec.md §3 elb, sources.md §11b): each balancer checks every
// target on its interval; consecutive failures mark a target unhealthy, consecutive successes
// bring it back, and routing follows only what the checks have concluded.
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
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
  ComponentState& lb_st = model_.states[lb_id];
  const Component& pool = model_.components[lb.lb_target];
  for (std::uint32_t t = 0; t < pool.count; ++t) {
    if (model_.instances[pool.first + t].life != Life::InService) continue;  // not registered
    if (model_.instances[pool.first + t].alive) {
      TargetHealth& h = lb_st.targets[t];
      h.failures = 0;
      if (!h.healthy && ++h.successes >= lb.health.healthy) mark_healthy(lb_id, t);
    } else {
      // No answer: the check fails when its timeout expires.
      engine_.schedule_in(lb.health.timeout, kHealthResult, lb_id, t);
    }
  }
  engine_.schedule_in(lb.health.interval, kHealthTick, lb_id, 0);
}

void Runner::health_result(std::uint16_t lb_id, std::uint32_t t) {
  const Component& lb = model_.components[lb_id];
  ComponentState& lb_st = model_.states[lb_id];
  TargetHealth& h = lb_st.targets[t];
  h.successes = 0;
  if (h.healthy && ++h.failures >= lb.health.unhealthy) mark_unhealthy(lb_id, t);
}

void Runner::mark_unhealthy(std::uint16_t lb_id, std::uint32_t t) {
  ComponentState& lb = model_.states[lb_id];
  lb.targets[t].healthy = false;
  lb.targets[t].failures = 0;
  auto it = std::find(lb.healthy_list.begin(), lb.healthy_list.end(), t);
  if (it != lb.healthy_list.end()) lb.healthy_list.erase(it);
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
  lb.healthy_list.insert(std::lower_bound(lb.healthy_list.begin(), lb.healthy_list.end(), t), t);
  Instance& in = model_.instances[model_.components[model_.components[lb_id].lb_target].first + t];
  if (in.await_healthy) {
    in.await_healthy = false;
    part_restored(in.killed_by);
  }
}

}  // namespace headroom
