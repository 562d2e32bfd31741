// Spot instances: bought at a discount, interrupted by AWS after a 2-minute notice (sources.md
// §11e). On the notice the instance is deregistered and drains; an Auto Scaling group launches
// its replacement at once (capacity rebalancing); after two minutes the instance is gone and
// whatever it still holds fails. Interruptions come at random — a constant hazard from the Spot
// Advisor's bucket — or all at once with a spot_reclaim fault.
#include <algorithm>
#include <cmath>

#include "runtime/runner.hpp"

namespace headroom {
namespace {
constexpr Duration kNotice = 2 * kMinute;  // sources.md §11e
std::uint64_t notice_arg(std::uint32_t generation, std::int32_t record) {
  return (static_cast<std::uint64_t>(generation) << 32) | static_cast<std::uint32_t>(record);
}
}  // namespace

double price_integral(const std::vector<std::pair<SimTime, double>>& points, SimTime a, SimTime b) {
  if (points.empty() || b <= a) return 0;
  auto value = [&](SimTime t) {
    if (t <= points.front().first) return points.front().second;
    if (t >= points.back().first) return points.back().second;
    auto hi = std::upper_bound(points.begin(), points.end(), t, [](SimTime x, const auto& p) { return x < p.first; });
    auto lo = hi - 1;
    const double f = static_cast<double>(t - lo->first) / static_cast<double>(hi->first - lo->first);
    return lo->second + f * (hi->second - lo->second);
  };
  // Exact for a piecewise-linear function: trapezoids between a, every breakpoint inside, b.
  double sum = 0;
  SimTime t = a;
  double v = value(a);
  for (const auto& [pt, pv] : points) {
    if (pt <= a) continue;
    if (pt >= b) break;
    sum += (v + pv) / 2 * static_cast<double>(pt - t);
    t = pt;
    v = pv;
  }
  sum += (v + value(b)) / 2 * static_cast<double>(b - t);
  return sum;
}

bool Runner::launch_as_spot(const Component& c) const {
  if (c.spot_share <= 0) return false;
  int on_demand = 0, spot = 0;
  for (std::uint32_t i = c.first; i < c.first + c.count; ++i) {
    const Instance& in = model_.instances[i];
    if (in.life != Life::Booting && in.life != Life::InService) continue;
    (in.spot ? spot : on_demand) += 1;
  }
  if (on_demand < c.on_demand_base) return false;
  // Above the base, keep the Spot share of the instances (this one included).
  const int above = on_demand + spot - c.on_demand_base + 1;
  return spot < static_cast<int>(std::floor(above * c.spot_share + 1e-9));
}

void Runner::schedule_spot_interruption(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  ++in.spot_generation;
  if (c.spot_hazard <= 0) return;
  const double wait = fault_rng_.exp1() / c.spot_hazard;
  if (wait > static_cast<double>(recorder_.end() - engine_.now())) return;  // not within the run
  engine_.schedule_in(static_cast<Duration>(wait), kSpotNotice, inst, notice_arg(in.spot_generation, kNoFault));
}

void Runner::spot_notice(std::uint32_t inst, std::uint64_t arg) {
  Instance& in = model_.instances[inst];
  if (static_cast<std::uint32_t>(arg >> 32) != in.spot_generation || !in.alive || in.life != Life::InService) return;
  const Component& c = model_.components[in.component];
  ComponentState& st = model_.states[in.component];
  std::int32_t rec = static_cast<std::int32_t>(static_cast<std::uint32_t>(arg));
  std::uint32_t serving = 0;
  for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
    serving += model_.instances[i].life == Life::InService && model_.instances[i].alive ? 1 : 0;
  if (rec == kNoFault) {  // an interruption at random: a timeline of its own
    rec = new_record("spot_interruption", c.name + "[" + std::to_string(inst - c.first) + "]");
    if (rec != kNoFault) {
      records_[static_cast<std::size_t>(rec)].noticed = true;
      ++records_[static_cast<std::size_t>(rec)].unrecovered;
      finish_strike(rec);
    }
  }
  if (c.scaling.enabled && st.reclaim_record == kNoFault && rec != kNoFault) {
    st.reclaim_record = rec;
    st.reclaim_target = serving;
  }
  ++in.spot_generation;
  in.life = Life::Draining;
  in.killed_by = rec;  // a balancer left with no target answers 503s that this reclaim caused
  deregister(inst);
  engine_.schedule_in(kNotice, kSpotTerminate, inst, static_cast<std::uint32_t>(rec));
  if (c.scaling.enabled) reconcile(in.component);  // capacity rebalancing: replace it now
}

void Runner::spot_terminate(std::uint32_t inst, std::int32_t rec) {
  Instance& in = model_.instances[inst];
  if (in.life != Life::Draining) return;
  in.life = Life::Off;
  stop_billing(inst);
  if (in.alive) {
    power_off(inst, rec);
    flush_instance(inst);  // what it still held when AWS took it back
  }
  part_recovered(rec);
}

void Runner::spot_reclaim(const FaultSpec& f) {
  for (std::uint16_t ci = 0; ci < model_.components.size(); ++ci) {
    const Component& c = model_.components[ci];
    if (c.name != f.target) continue;
    const std::int32_t rec = new_record("spot_reclaim", c.name);
    std::vector<std::uint32_t> spot;
    for (std::uint32_t i = c.first; i < c.first + c.count; ++i)
      if (model_.instances[i].spot && model_.instances[i].alive && model_.instances[i].life == Life::InService)
        spot.push_back(i);
    const auto n = static_cast<std::size_t>(std::lround(f.share * static_cast<double>(spot.size())));
    // A random n of them, chosen by a partial Fisher-Yates shuffle on the faults' stream.
    for (std::size_t k = 0; k < n; ++k)
      std::swap(spot[k], spot[k + fault_rng_.below(static_cast<std::uint32_t>(spot.size() - k))]);
    if (rec != kNoFault) {
      records_[static_cast<std::size_t>(rec)].noticed = true;
      records_[static_cast<std::size_t>(rec)].unrecovered += static_cast<int>(n);
    }
    for (std::size_t k = 0; k < n; ++k) {
      const Instance& in = model_.instances[spot[k]];
      spot_notice(spot[k], notice_arg(in.spot_generation, rec));
    }
    finish_strike(rec);
  }
}

}  // namespace headroom
