// EC2 Auto Scaling: target tracking on the 1-minute average CPU of in-service instances and
// scheduled actions; launches boot, register and pass a health check before they serve;
// scale-in deregisters and drains before it terminates (spec.md §3 `scaling:`).
//
// Timing follows AWS (sources.md §11c): target tracking's alarms evaluate 1-minute datapoints,
// scale out after 3 breaching minutes (proportionally: capacity × metric / target) and in after
// 15 (the alarm's low threshold is ~10% under the target — the "sufficiently below" of the
// target-tracking documentation; the exact figure is an estimate, E). Scale-in waits while new
// instances warm up and for `cooldown` after the last scale-in; new instances' CPU is left out of
// the metric during `warmup`.
//
// A datapoint reaches the alarms a publication delay after its minute ends (kPublicationDelay,
// sources.md §11c): the alarms judge the load of a minute ago, and every reaction below starts
// that much later than the load that caused it.
#include <algorithm>
#include <cmath>

#include "runtime/runner.hpp"

namespace headroom {
namespace {
constexpr Duration kMetricPeriod = kMinute;
// CloudWatch publication delay of a 1-minute EC2 datapoint (sources.md §11c, an estimate).
constexpr Duration kPublicationDelay = kMinute;
constexpr int kOutDatapoints = 3, kInDatapoints = 15;
constexpr double kInThreshold = 0.9;  // of the target (estimate, E)
constexpr Duration kDrainPoll = 5 * kSecond;
constexpr std::size_t kMaxScalingEvents = 10'000;
}  // namespace

void Runner::schedule_scaling() {
  for (std::uint32_t i = 0; i < model_.instances.size(); ++i)
    if (model_.instances[i].spot && model_.instances[i].alive) schedule_spot_interruption(i);
  for (std::uint16_t i = 0; i < model_.components.size(); ++i) {
    const Scaling& g = model_.components[i].scaling;
    if (!g.enabled) continue;
    if (g.target > 0 || !g.steps.empty()) engine_.schedule_at(kMetricPeriod, kMetricTick, i, 0);
    for (std::uint32_t k = 0; k < g.schedule.size(); ++k)
      engine_.schedule_at(g.schedule[k].first, kScheduledAction, i, k);
  }
}

void Runner::set_desired(std::uint16_t comp, int desired, const char* reason) {
  const Scaling& g = model_.components[comp].scaling;
  ScalingState& gs = model_.states[comp].scaling;
  desired = std::clamp(desired, g.min, g.max);
  if (desired == gs.desired) return;
  if (scaling_events_.size() < kMaxScalingEvents)
    scaling_events_.push_back(ScalingEvent{comp, engine_.now(), gs.desired, desired, reason});
  if (desired < gs.desired) gs.last_scale_in = engine_.now();
  gs.desired = desired;
  reconcile(comp);
}

void Runner::metric_tick(std::uint16_t comp) {
  const Component& c = model_.components[comp];
  const Scaling& g = c.scaling;
  ScalingState& gs = model_.states[comp].scaling;
  const SimTime now = engine_.now();
  const int cores = c.count ? c.total_cores / static_cast<int>(c.count) : 1;
  std::int64_t busy = 0;
  int counted = 0, warming = 0;
  for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
    Instance& in = model_.instances[i];
    const std::int64_t delta = in.busy_total - in.busy_mark;
    in.busy_mark = in.busy_total;
    if (in.life == Life::Booting) ++warming;
    if (in.life != Life::InService || !in.alive) continue;
    if (now - in.launched_at < g.warmup) {  // left out of the metric while it warms up
      ++warming;
      continue;
    }
    busy += delta;
    ++counted;
  }
  // The datapoint is evaluated after its publication delay, before the next one is measured.
  if (counted > 0) {
    gs.published.push_back({static_cast<double>(busy) / (static_cast<double>(kMetricPeriod) * cores * counted), counted, warming});
    engine_.schedule_in(kPublicationDelay, kMetricEval, comp, 0);
  }
  engine_.schedule_in(kMetricPeriod, kMetricTick, comp, 0);
}

void Runner::metric_eval(std::uint16_t comp) {
  const Component& c = model_.components[comp];
  const Scaling& g = c.scaling;
  ScalingState& gs = model_.states[comp].scaling;
  const SimTime now = engine_.now();
  const CpuDatapoint point = gs.published.front();
  gs.published.pop_front();
  // The datapoint as measured: its CPU, and the instances it averaged and those on their way then.
  const double cpu = point.cpu;
  const int counted = point.counted, warming = point.warming;
  if (!g.steps.empty()) {
    // Step scaling: the most extreme step the datapoint crosses. Out at most once per warmup
    // (the instances it launched count as capacity meanwhile), in once per cooldown.
    int change = 0;
    double edge_up = -1, edge_down = 2;
    for (const auto& st : g.steps) {
      if (st.above >= 0 && cpu > st.above && st.above > edge_up) edge_up = st.above, change = st.change;
    }
    if (change == 0)
      for (const auto& st : g.steps)
        if (st.below >= 0 && cpu < st.below && st.below < edge_down) edge_down = st.below, change = st.change;
    if (change > 0 && now - gs.last_step_out >= g.warmup) {
      gs.last_step_out = now;
      set_desired(comp, gs.desired + change, "step scaling");
    } else if (change < 0 && warming == 0 && now - gs.last_scale_in >= g.cooldown) {
      set_desired(comp, gs.desired + change, "step scaling");
    }
    return;
  }
  if (cpu > g.target) {
    gs.low = 0;
    if (++gs.high >= kOutDatapoints) {
      gs.high = 0;
      // Proportional: the capacity that would bring the metric back to the target, on top of
      // what is already on its way.
      const int needed = static_cast<int>(std::ceil(counted * cpu / g.target)) + warming;
      if (needed > gs.desired) set_desired(comp, needed, "target tracking");
    }
  } else if (cpu < kInThreshold * g.target) {
    gs.high = 0;
    if (++gs.low >= kInDatapoints && warming == 0 && now - gs.last_scale_in >= g.cooldown) {
      gs.low = 0;
      const int needed = std::max(1, static_cast<int>(std::ceil(counted * cpu / g.target)));
      if (needed < gs.desired) set_desired(comp, needed, "target tracking");
    }
  } else {
    gs.high = gs.low = 0;
  }
}

void Runner::scheduled_action(std::uint16_t comp, std::uint32_t index) {
  set_desired(comp, model_.components[comp].scaling.schedule[index].second, "scheduled");
}

void Runner::reconcile(std::uint16_t comp) {
  const Component& c = model_.components[comp];
  const Scaling& g = c.scaling;
  const ScalingState& gs = model_.states[comp].scaling;
  auto active = [&] {
    int n = 0;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
      const Life l = model_.instances[i].life;
      n += (l == Life::Booting || l == Life::InService) ? 1 : 0;
    }
    return n;
  };
  // Per AZ, the instances that count toward capacity: launches go to the emptiest AZ,
  // terminations come from the fullest (AWS keeps groups balanced across their AZs).
  auto per_az = [&] {
    std::vector<int> n(model_.azs.size(), 0);
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
      const Life l = model_.instances[i].life;
      if (l == Life::Booting || l == Life::InService) ++n[model_.instances[i].az];
    }
    return n;
  };
  for (int have = active(); have < gs.desired; ++have) {
    const std::vector<int> n = per_az();
    std::uint32_t pick = UINT32_MAX;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      if (model_.instances[i].life == Life::Off && !model_.az_down[model_.instances[i].az] &&
          (pick == UINT32_MAX || n[model_.instances[i].az] < n[model_.instances[pick].az]))
        pick = i;
    if (pick == UINT32_MAX) break;  // every slot busy (draining) or in a failed AZ
    model_.instances[pick].life = Life::Booting;
    model_.instances[pick].spot = launch_as_spot(c);
    model_.instances[pick].billed_from = engine_.now();
    // A launched burstable instance starts with its launch credits (T2 standard) or none.
    if (CpuCredits& cr = model_.cpus[model_.instances[pick].cpu].credits; cr.on()) {
      cr = c.launch_credits;
      cr.at = engine_.now();
    }
    set_billed(comp, +1, model_.instances[pick].spot);
    engine_.schedule_in(g.boot_time, kBooted, pick, 0);
  }
  for (int have = active(); have > gs.desired; --have) {
    const std::vector<int> n = per_az();
    std::uint32_t pick = UINT32_MAX;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
      const Life l = model_.instances[i].life;
      if (l != Life::Booting && l != Life::InService) continue;
      // Booting ones first (nothing to drain), then the fullest AZ, then the newest.
      if (pick == UINT32_MAX) pick = i;
      const Instance& a = model_.instances[i];
      const Instance& b = model_.instances[pick];
      const bool a_boot = a.life == Life::Booting, b_boot = b.life == Life::Booting;
      if (a_boot != b_boot ? a_boot : (n[a.az] != n[b.az] ? n[a.az] > n[b.az] : a.launched_at >= b.launched_at))
        pick = i;
    }
    Instance& in = model_.instances[pick];
    if (in.life == Life::Booting) {
      in.life = Life::Off;  // its kBooted finds it Off and does nothing
      stop_billing(pick);
      continue;
    }
    in.life = Life::Draining;
    deregister(pick);
    engine_.schedule_in(kDrainPoll, kDrainCheck, pick,
                        static_cast<std::uint64_t>(engine_.now() + g.deregistration_delay));
  }
}

void Runner::deregister(std::uint32_t inst) {
  const Instance& in = model_.instances[inst];
  for (std::size_t lb_id = 0; lb_id < model_.components.size(); ++lb_id) {
    const Component& lb_c = model_.components[lb_id];
    if (lb_c.kind != HopKind::Lb || lb_c.lb_target != in.component) continue;
    ComponentState& lb = model_.states[lb_id];
    const std::uint32_t t = inst - model_.components[in.component].first;
    lb.targets[t] = TargetHealth{};
    lb.targets[t].healthy = false;
    auto it = std::find(lb.healthy_list.begin(), lb.healthy_list.end(), t);
    if (it != lb.healthy_list.end()) lb.healthy_list.erase(it);
  }
}

void Runner::booted(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  if (in.life != Life::Booting) return;
  const Component& c = model_.components[in.component];
  ComponentState& st = model_.states[in.component];
  in.life = Life::InService;
  in.killed_by = kNoFault;
  in.launched_at = engine_.now();
  in.busy_mark = in.busy_total;
  revive_instance(inst);
  if (in.spot) schedule_spot_interruption(inst);
  if (st.reclaim_record != kNoFault) {
    std::uint32_t serving = 0;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      serving += model_.instances[i].life == Life::InService && model_.instances[i].alive ? 1 : 0;
    if (serving >= st.reclaim_target) {  // capacity rebalancing has refilled the group
      records_[static_cast<std::size_t>(st.reclaim_record)].restored = engine_.now();
      st.reclaim_record = kNoFault;
    }
  }
  // A newly registered target serves after one passing health check (sources.md §11b).
  for (std::size_t lb = 0; lb < model_.components.size(); ++lb) {
    const Component& lb_c = model_.components[lb];
    if (lb_c.kind != HopKind::Lb || lb_c.lb_target != in.component) continue;
    TargetHealth& h = model_.states[lb].targets[inst - c.first];
    h = TargetHealth{};
    h.healthy = false;
    h.successes = lb_c.health.healthy - 1;
  }
}

void Runner::drain_check(std::uint32_t inst, SimTime deadline) {
  Instance& in = model_.instances[inst];
  if (in.life != Life::Draining) return;
  if (in.outstanding > 0 && in.alive && engine_.now() < deadline) {
    engine_.schedule_in(kDrainPoll, kDrainCheck, inst, static_cast<std::uint64_t>(deadline));
    return;
  }
  terminate(inst);
}

void Runner::terminate(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  in.life = Life::Off;
  stop_billing(inst);
  if (in.alive) {
    power_off(inst, kNoFault);
    flush_instance(inst);  // what is left after the deregistration delay is cut off
  }
}

void Runner::replace(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  if (in.alive || in.life != Life::InService) return;
  ComponentState& st = model_.states[in.component];
  deregister(inst);
  in.life = Life::Off;
  stop_billing(inst);
  if (scaling_events_.size() < kMaxScalingEvents)
    scaling_events_.push_back(ScalingEvent{in.component, engine_.now(), st.scaling.desired, st.scaling.desired,
                                           "replace unhealthy"});
  reconcile(in.component);
}

}  // namespace headroom
