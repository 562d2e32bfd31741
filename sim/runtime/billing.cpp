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
void integrate_instances(const Component& c, ComponentState& st, SimTime warmup, SimTime to) {
  const SimTime from = std::max(st.alive_since, warmup);
  if (to <= from) return;
  const auto span = static_cast<double>(to - from);
  st.tally.alive_area += static_cast<double>(st.alive) * span;
  st.tally.billed_area += static_cast<double>(st.billed) * span;
  st.tally.spot_area += static_cast<double>(st.billed_spot) * span;
  if (!c.spot_price.empty() && st.billed_spot > 0)
    st.tally.spot_usd += st.billed_spot * price_integral(c.spot_price, from, to) / static_cast<double>(kHour);
}
}  // namespace

void Runner::set_alive(std::uint16_t comp, int delta) {
  ComponentState& st = model_.states[comp];
  const SimTime now = engine_.now();
  integrate_instances(model_.components[comp], st, recorder_.warmup(), std::min(now, recorder_.end()));
  st.alive_since = now;
  if (now >= recorder_.warmup() && !st.window_open) {
    st.window_open = true;
    st.tally.alive_min = st.tally.alive_max = st.alive;
  }
  st.alive = static_cast<std::uint32_t>(static_cast<int>(st.alive) + delta);
  if (now >= recorder_.warmup()) {
    st.tally.alive_min = std::min(st.tally.alive_min, st.alive);
    st.tally.alive_max = std::max(st.tally.alive_max, st.alive);
  }
}

void Runner::set_billed(std::uint16_t comp, int delta, bool spot) {
  set_alive(comp, 0);  // closes the integrals up to now
  ComponentState& st = model_.states[comp];
  st.billed = static_cast<std::uint32_t>(static_cast<int>(st.billed) + delta);
  if (spot) st.billed_spot = static_cast<std::uint32_t>(static_cast<int>(st.billed_spot) + delta);
}

void Runner::stop_billing(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  ComponentState& st = model_.states[in.component];
  set_billed(in.component, -1, in.spot);
  // Linux instances bill per second with a 60-second minimum per launch (sources.md §1).
  const Duration short_by = kMinute - (engine_.now() - in.billed_from);
  if (short_by > 0 && engine_.now() >= recorder_.warmup()) {
    st.tally.billed_area += static_cast<double>(short_by);
    if (in.spot) st.tally.spot_area += static_cast<double>(short_by);
    if (in.spot && !c.spot_price.empty())
      st.tally.spot_usd += price_integral(c.spot_price, engine_.now(), engine_.now() + short_by) / static_cast<double>(kHour);
  }
}

void Runner::close_books(SimTime t) {
  for (std::uint16_t i = 0; i < model_.components.size(); ++i)
    if (burstable(i)) settle_credits(i);  // earnings up to the end pay down surplus credits
  for (std::size_t i = 0; i < model_.components.size(); ++i) {
    ComponentState& st = model_.states[i];
    integrate_instances(model_.components[i], st, recorder_.warmup(), t);
    st.alive_since = t;
    if (st.open_since >= 0) {  // a balancer still failing open
      st.open_ns += open_in_window(st.open_since, t);
      st.open_since = t;
    }
    if (!st.window_open) st.tally.alive_min = st.tally.alive_max = st.alive;  // no change inside the window
  }
  for (auto& f : model_.functions) function_busy_changed(f, f.busy);  // close the busy integral
}

}  // namespace headroom
