// The hybrid engine's connection pools (`pool:` on an ec2 tier; per request: pool.cpp). Each
// instance's pool of c connections, each held for the database call's time h, offered this step's
// λ calls a second, is an M/M/c station: calls wait with Erlang C's probability C(c, λh), for an
// exponential time of mean h / (c (1 − ρ)) when they do, and time out when that exceeds the
// pool's timeout. Beyond its capacity (ρ ≥ 1) the pool serves c/h a second and the rest time out;
// the queue then stays as long as the timeout allows, so every call waits about the timeout.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "runtime/runner.hpp"

namespace headroom {
namespace {

/// Erlang C: the probability that a call to c servers offered a erlangs (a < c) waits, from
/// Erlang B's stable recursion (the runtime may not use analysis/, a higher layer).
double wait_probability(int c, double a) {
  double b = 1;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  const double rho = a / c;
  return b / (1 - rho + rho * b);
}

}  // namespace

void Runner::hybrid_pools(Duration dt, bool measured) {
  HybridState& hy = *hybrid_;
  // What the pools let reach each database at once: the connections of the instances alive of
  // every pool calling it (rds hops without a pool: no bound). Each pool calls one database.
  std::fill(hy.db_connections.begin(), hy.db_connections.end(), 0.0);
  std::vector<std::uint16_t> counted;  // the pools counted (each calls one database)
  for (const TrafficClass& tc : model_.classes)
    for (const Hop& h : tc.hops) {
      if (h.kind != HopKind::Db) continue;
      double& conns = hy.db_connections[h.component];
      if (h.pool_from < 0) {
        conns = std::numeric_limits<double>::infinity();
        continue;
      }
      const std::uint16_t pool = tc.hops[static_cast<std::size_t>(h.pool_from)].component;
      if (std::find(counted.begin(), counted.end(), pool) != counted.end()) continue;
      counted.push_back(pool);
      conns += static_cast<double>(model_.states[pool].alive) * model_.instances[model_.components[pool].first].pool;
    }
  for (std::size_t p = 0; p < model_.components.size(); ++p) {
    const Component& c = model_.components[p];
    if (c.pool_timeout <= 0 || c.count == 0) continue;
    ComponentState& st = model_.states[p];
    // The holding time the last step's samples measured (the query, its network both ways).
    if (hy.pool_hold_n[p] > 0) hy.pool_hold[p] = hy.pool_hold_sum[p] / hy.pool_hold_n[p];
    hy.pool_hold_sum[p] = hy.pool_hold_n[p] = 0;
    hy.pool_wait_p[p] = hy.pool_wait_mean[p] = hy.pool_overload[p] = hy.pool_lost[p] = 0;
    if (st.alive == 0 || hy.pool_flow[p] <= 0) continue;
    const int size = model_.instances[c.first].pool;
    const double hold_s = hy.pool_hold[p] * 1e-9;
    const double a = hy.pool_flow[p] / static_cast<double>(st.alive) * hold_s;  // erlangs offered to each instance's pool
    const double rho = a / size;
    const double timeout_ns = static_cast<double>(c.pool_timeout);
    if (rho >= 1) {
      hy.pool_overload[p] = 1 - 1 / rho;
      hy.pool_wait_p[p] = 1;
      hy.pool_lost[p] = hy.pool_overload[p];
    } else {
      hy.pool_wait_p[p] = wait_probability(size, a);
      hy.pool_wait_mean[p] = hold_s / (size * (1 - rho)) * 1e9;
      hy.pool_lost[p] = hy.pool_wait_p[p] * std::exp(-timeout_ns / hy.pool_wait_mean[p]);
    }
    // Connections lent: the calls served, each for its holding time.
    if (measured)
      st.tally.pool_held_ns += static_cast<double>(st.alive) * std::min(a, static_cast<double>(size)) * static_cast<double>(dt);
  }
}

Duration Runner::hybrid_pool_wait(std::uint16_t pool, bool& lost) {
  HybridState& hy = *hybrid_;
  const Duration timeout = model_.components[pool].pool_timeout;
  Rng& rng = hy.rng;
  Duration wait = 0;
  if (hy.pool_overload[pool] > 0) {
    wait = timeout;
    lost = rng.uniform01() < hy.pool_overload[pool];
  } else if (hy.pool_wait_p[pool] > 0 && rng.uniform01() < hy.pool_wait_p[pool]) {
    wait = static_cast<Duration>(rng.exp1() * hy.pool_wait_mean[pool]);
    if (wait >= timeout) {
      wait = timeout;
      lost = true;
    }
  }
  return wait;
}

}  // namespace headroom
