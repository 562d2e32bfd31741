// The runner's instance-time integrals: instances alive, billed and Spot, integrated over the
// measured window as they change (Auto Scaling, faults, Spot), and a Spot price trace priced as
// it runs. The bill (run/cost.cpp) turns them into money.
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "runtime/runner.hpp"

namespace headroom {

namespace {
/// Adds [alive_since, to) — clipped to the measured window — to the component's instance-time
/// integrals: alive, billed, Spot, and the Spot price when it follows a trace.
void integrate_instances(Component& c, SimTime warmup, SimTime to) {
  const SimTime from = std::max(c.alive_since, warmup);
  if (to <= from) return;
  const auto span = static_cast<double>(to - from);
  c.tally.alive_area += static_cast<double>(c.alive) * span;
  c.tally.billed_area += static_cast<double>(c.billed) * span;
  c.tally.spot_area += static_cast<double>(c.billed_spot) * span;
  if (!c.spot_price.empty() && c.billed_spot > 0)
    c.tally.spot_usd += c.billed_spot * price_integral(c.spot_price, from, to) / static_cast<double>(kHour);
}
}  // namespace

void Runner::set_alive(Component& c, int delta) {
  const SimTime now = engine_.now();
  integrate_instances(c, recorder_.warmup(), std::min(now, recorder_.end()));
  c.alive_since = now;
  if (now >= recorder_.warmup() && !c.window_open) {
    c.window_open = true;
    c.tally.alive_min = c.tally.alive_max = c.alive;
  }
  c.alive = static_cast<std::uint32_t>(static_cast<int>(c.alive) + delta);
  if (now >= recorder_.warmup()) {
    c.tally.alive_min = std::min(c.tally.alive_min, c.alive);
    c.tally.alive_max = std::max(c.tally.alive_max, c.alive);
  }
}

void Runner::set_billed(Component& c, int delta, bool spot) {
  set_alive(c, 0);  // closes the integrals up to now
  c.billed = static_cast<std::uint32_t>(static_cast<int>(c.billed) + delta);
  if (spot) c.billed_spot = static_cast<std::uint32_t>(static_cast<int>(c.billed_spot) + delta);
}

void Runner::stop_billing(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  Component& c = model_.components[in.component];
  set_billed(c, -1, in.spot);
  // Linux instances bill per second with a 60-second minimum per launch (sources.md §1).
  const Duration short_by = kMinute - (engine_.now() - in.billed_from);
  if (short_by > 0 && engine_.now() >= recorder_.warmup()) {
    c.tally.billed_area += static_cast<double>(short_by);
    if (in.spot) c.tally.spot_area += static_cast<double>(short_by);
    if (in.spot && !c.spot_price.empty())
      c.tally.spot_usd += price_integral(c.spot_price, engine_.now(), engine_.now() + short_by) / static_cast<double>(kHour);
  }
}

void Runner::close_books(SimTime t) {
  for (auto& c : model_.components) {
    integrate_instances(c, recorder_.warmup(), t);
    c.alive_since = t;
    if (!c.window_open) c.tally.alive_min = c.tally.alive_max = c.alive;  // no change inside the window
  }
  for (auto& f : model_.functions) function_busy_changed(f, f.busy);  // close the busy integral
}

}  // namespace headroom
