// The hybrid engine's connection pools (`pool:` on an ec2 tier; per request: pool.cpp). Each
// instance's pool of c connections, each held for the database call's time h, offered this step's
// λ calls a second, is an M/M/c station: calls wait with Erlang C's probability C(c, λh), for an
// exponential time of mean h / (c (1 − ρ)) when they do, and time out when that exceeds the
// pool's timeout. Beyond its capacity the pools serve c/h a second per instance and the rest wait
// as a fluid backlog, as the stations' queues do (hybrid.cpp); what would wait longer than the
// timeout times out, so a saturated pool's calls all wait about the timeout.
#include <algorithm>
#include <cmath>

#include "headroom/core/erlang.hpp"
#include "runtime/runner.hpp"

namespace headroom {

void Runner::hybrid_pools(Duration dt, bool measured) {
  HybridState& hy = *hybrid_;
  for (std::size_t p = 0; p < model_.components.size(); ++p) {
    const Component& c = model_.components[p];
    if (c.pool_timeout <= 0 || c.count == 0) continue;
    ComponentState& st = model_.states[p];
    // The holding time the last step's samples measured (the query, its network both ways).
    if (hy.pool_hold_n[p] > 0) hy.pool_hold[p] = hy.pool_hold_sum[p] / hy.pool_hold_n[p];
    hy.pool_hold_sum[p] = hy.pool_hold_n[p] = 0;
    hy.pool_wait_p[p] = hy.pool_wait_mean[p] = hy.pool_fluid_wait[p] = hy.pool_lost[p] = 0;
    hy.pool_pass[p] = 1;
    if (st.alive == 0) {
      hy.pool_backlog[p] = 0;  // what waited died with its instances
      continue;
    }
    if (hy.pool_flow[p] <= 0 && hy.pool_backlog[p] <= 0) continue;
    const int size = model_.instances[c.first].pool;
    const double hold_s = std::max(hy.pool_hold[p] * 1e-9, 1e-9);
    const double dts = to_seconds(dt);
    // The pools serve at most every connection's worth of calls; the rest wait, as a backlog,
    // until the timeout: a backlog longer than the pools serve in a timeout has timed out.
    const double capacity = static_cast<double>(st.alive) * size / hold_s;  // calls/s
    const double offered = hy.pool_flow[p] * dts, before = hy.pool_backlog[p];
    const double served = std::min(offered + before, capacity * dts);
    double after = offered + before - served;
    const double lost = std::max(0.0, after - capacity * to_seconds(c.pool_timeout));
    after -= lost;
    hy.pool_backlog[p] = after < 1e-9 ? 0 : after;
    if (offered > 0) {
      hy.pool_lost[p] = std::min(1.0, lost / offered);
      hy.pool_pass[p] = std::min(10.0, served / offered);
    }
    if (before + after > 1e-9) {
      // Arrivals of the step find, on average, the backlog halfway between its two ends.
      hy.pool_fluid_wait[p] = 0.5 * (before + after) / capacity * 1e9;
    } else {
      const double a = hy.pool_flow[p] / static_cast<double>(st.alive) * hold_s;  // erlangs per instance
      const double rho = std::min(a / size, kMaxRho);
      hy.pool_wait_p[p] = erlang_c(size, rho * size);
      hy.pool_wait_mean[p] = hold_s / (size * (1 - rho)) * 1e9;
    }
    // Connections lent: the calls served, each for its holding time.
    if (measured) st.tally.pool_held_ns += served * hold_s * 1e9;
  }
}

Duration Runner::hybrid_pool_wait(std::uint16_t pool, bool& lost) {
  HybridState& hy = *hybrid_;
  const Duration timeout = model_.components[pool].pool_timeout;
  Rng& rng = hy.rng;
  if (hy.pool_lost[pool] > 0 && rng.uniform01() < hy.pool_lost[pool]) {
    lost = true;
    return timeout;
  }
  // Behind a fluid backlog the whole queue is that backlog (whose excess timed out above);
  // otherwise the stationary one, where a wait beyond the timeout is one.
  if (hy.pool_fluid_wait[pool] > 0) return std::min(timeout, static_cast<Duration>(hy.pool_fluid_wait[pool]));
  Duration wait = 0;
  if (hy.pool_wait_p[pool] > 0 && rng.uniform01() < hy.pool_wait_p[pool])
    wait = static_cast<Duration>(rng.exp1() * hy.pool_wait_mean[pool]);
  if (wait >= timeout) {
    wait = timeout;
    lost = true;
  }
  return wait;
}

}  // namespace headroom
