// The application's connection pools (`pool:` on an ec2 component): a request about to call its
// database borrows one of its instance's connections, waiting FCFS while none is free, holds it
// for that one call and returns it when the answer is back — HikariCP's getConnection() around
// one query (docs/sources.md §17). The worker thread stays busy while it waits, as a thread
// blocked in getConnection() does.
#include <algorithm>

#include "headroom/core/assert.hpp"
#include "runtime/runner.hpp"

namespace headroom {
namespace {

/// Records one measured request's wait for a connection.
void note_wait(ComponentState& st, Duration wait) {
  ++st.tally.pool_borrows;
  if (wait > 0) ++st.tally.pool_waited;
  st.pool_waits.front().record(wait);
}

/// Removes `id` from `q`. A pool's waiters share one timeout and queue in arrival order, so the
/// one timing out is at the front unless those before it left first.
void remove_waiter(RingQueue& q, std::uint32_t id) {
  if (!q.empty() && q.front() == id) {
    q.pop();
    return;
  }
  for (std::uint32_t n = q.size(); n > 0; --n) {
    const std::uint32_t v = q.pop();
    if (v != id) q.push(v);
  }
}

}  // namespace

bool Runner::borrow_connection(std::uint32_t id, int hop) {
  Request& r = requests_[id];
  const int from = r.hops[hop].pool_from;
  // Its instance died while the request was below it (at a cache): the pool went with it, and
  // the answer will find nobody to take it (respond fails it).
  if (stale(r, from)) return true;
  const std::uint16_t comp = r.hops[from].component;
  Instance& in = model_.instances[r.inst[from]];
  r.pool_since = engine_.now();
  if (in.pool_busy < in.pool) {
    ++in.pool_busy;
    r.pool_hop = static_cast<std::uint8_t>(hop);
    if (r.measured) note_wait(model_.states[comp], 0);
    return true;
  }
  in.pool_wait.push(id);
  r.pool_waiting = true;
  engine_.schedule_in(model_.components[comp].pool_timeout, kPoolTimeout, 0,
                      (static_cast<std::uint64_t>(r.gen) << 32) | id);
  return false;
}

void Runner::return_connection(std::uint32_t id) {
  Request& r = requests_[id];
  const int from = r.hops[r.pool_hop].pool_from;
  r.pool_hop = kNoConnection;
  // Its instance died meanwhile: the pool went with it (power_off emptied it).
  if (stale(r, from)) return;
  const std::uint16_t comp = r.hops[from].component;
  ComponentState& st = model_.states[comp];
  const SimTime now = engine_.now();
  const SimTime a = std::max(r.pool_since, recorder_.warmup()), b = std::min(now, recorder_.end());
  if (b > a) st.tally.pool_held_ns += static_cast<double>(b - a);
  Instance& in = model_.instances[r.inst[from]];
  if (in.pool_wait.empty()) {
    --in.pool_busy;
    return;
  }
  // The connection passes straight to the longest waiter, which goes on to its database from a
  // fresh event (not from inside this answer's stack).
  const std::uint32_t next = in.pool_wait.pop();
  Request& n = requests_[next];
  HEADROOM_ASSERT(n.pool_waiting, "a pool's queue holds a request that is not waiting");
  n.pool_waiting = false;
  n.pool_hop = static_cast<std::uint8_t>(n.hop + 1);
  if (n.measured) note_wait(st, now - n.pool_since);
  n.pool_since = now;
  engine_.schedule_in(0, kPoolGrant, 0, next);
}

void Runner::pool_timeout(std::uint32_t id, std::uint32_t gen) {
  Request& r = requests_[id];
  if (r.gen != gen || !r.pool_waiting) return;  // it got its connection, or its instance died
  const int from = r.hops[r.hop + 1].pool_from;
  const std::uint16_t comp = r.hops[from].component;
  remove_waiter(model_.instances[r.inst[from]].pool_wait, id);
  r.pool_waiting = false;
  ComponentState& st = model_.states[comp];
  if (r.measured) {
    note_wait(st, engine_.now() - r.pool_since);
    ++st.tally.pool_timeouts;
    ++st.tally.errors;
  }
  // The application gives up on the database (HikariCP throws SQLTransientConnectionException)
  // and answers an error: the client sees a refusal, as from a full queue.
  if (r.error == ErrorKind::None) {
    r.error = ErrorKind::Rejected;
    r.blame = kNoFault;
  }
  respond(id, r.hop);
}

void Runner::flush_pool(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  RingQueue waiting;
  std::swap(waiting, in.pool_wait);
  while (!waiting.empty()) {
    const std::uint32_t id = waiting.pop();
    Request& r = requests_[id];
    r.pool_waiting = false;
    if (r.error == ErrorKind::None) {
      r.error = ErrorKind::Failed;
      r.blame = in.killed_by;
    }
    // Back up through the hop it waits at (a cache it missed is still owed its answer); the
    // dead instance above it fails it on the way.
    respond(id, r.hop);
  }
}

}  // namespace headroom
