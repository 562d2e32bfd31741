// Read replicas (spec.md §3 rds `read_replicas`): replication is asynchronous. Each write the
// primary commits is shipped to every replica and replayed there by one applier thread (MySQL's
// replication SQL thread) on the replica's own cores, behind the reads it serves. A replica's lag
// is the age of the oldest write it has not applied yet — what RDS reports as ReplicaLag
// (sources.md §11a). When the primary's writes come faster than a replica applies them, the lag
// grows without bound; a read served by a replica further behind than `stale_after` is stale.
#include <algorithm>
#include <cmath>

#include "runtime/hybrid.hpp"
#include "runtime/runner.hpp"

namespace headroom {

void Runner::replicate(std::uint16_t db) {
  ComponentState& st = model_.states[db];
  const Component& c = model_.components[db];
  const SimTime now = engine_.now();
  for (std::uint32_t k = 0; k < st.replicas.size(); ++k) {
    ReplicaLog& log = st.replicas[k];
    if (!model_.instances[c.first + 1 + k].alive) {
      log.pending.clear();  // a replica that comes back is rebuilt from a snapshot
      continue;
    }
    log.pending.push_back(now);
    if (!log.applying) start_apply(db, k);
  }
}

void Runner::start_apply(std::uint16_t db, std::uint32_t k) {
  const Component& c = model_.components[db];
  if (apply_hops_.empty()) apply_hops_.resize(model_.components.size());
  Hop& h = apply_hops_[db];
  h.component = db;
  h.kind = HopKind::Db;
  h.op = DbOp::None;
  h.demand = &c.apply;
  h.last = true;
  h.in_delay = 0;  // the write's shipping is part of its replay here
  model_.states[db].replicas[k].applying = true;
  send_down(control_request(Request::Control::Apply, h, db, k, c.first + 1 + k), 0);
}

void Runner::apply_done(std::uint32_t id) {
  Request& r = requests_[id];
  const std::uint16_t db = r.of;
  const std::uint32_t k = r.index;
  const bool ok = r.error == ErrorKind::None;
  r.control = Request::Control::None;
  release(id);
  ReplicaLog& log = model_.states[db].replicas[k];
  log.applying = false;
  if (!ok) {  // the replica died under it
    log.pending.clear();
    return;
  }
  if (!log.pending.empty()) {
    note_lag(db, engine_.now() - log.pending.front());
    log.pending.pop_front();
  }
  if (!log.pending.empty() && model_.instances[model_.components[db].first + 1 + k].alive) start_apply(db, k);
}

Duration Runner::replica_lag(std::uint16_t db, std::uint32_t k) const {
  const ReplicaLog& log = model_.states[db].replicas[k];
  if (hybrid_ && !hybrid_->zoomed) return log.fluid_lag;
  return log.pending.empty() ? 0 : engine_.now() - log.pending.front();
}

void Runner::note_lag(std::uint16_t db, Duration lag) {
  ComponentState& st = model_.states[db];
  const SimTime now = engine_.now();
  if (!in_window(now)) return;
  st.lag_max_ns = std::max(st.lag_max_ns, static_cast<double>(lag));
  const auto minute = static_cast<std::size_t>(now / kMinute);
  if (st.lag_per_minute.size() <= minute) st.lag_per_minute.resize(minute + 1, 0.0);
  st.lag_per_minute[minute] = std::max(st.lag_per_minute[minute], static_cast<double>(lag) * 1e-6);
}

void Runner::read_from_replica(std::uint16_t db, std::uint32_t k, bool measured) {
  const Duration lag = replica_lag(db, k);
  note_lag(db, lag);
  if (measured && lag > model_.components[db].stale_after) ++model_.states[db].stale_reads;
}

void Runner::hybrid_replication(Duration dt, bool measured) {
  // Rates: a replica applies at most one write per (apply demand + its wait for a core) on its
  // one applier thread; writes beyond that rate pile up as a backlog.
  const HybridState& hy = *hybrid_;
  const double dts = to_seconds(dt);
  for (std::uint16_t d = 0; d < model_.components.size(); ++d) {
    ComponentState& st = model_.states[d];
    if (st.replicas.empty()) continue;
    const Component& c = model_.components[d];
    const double w = hy.db_writes[d];
    for (std::uint32_t k = 0; k < st.replicas.size(); ++k) {
      ReplicaLog& log = st.replicas[k];
      const std::uint32_t i = c.first + 1 + k;
      const Instance& in = model_.instances[i];
      if (!in.alive) {
        log.fluid = 0;
        log.fluid_lag = 0;
        log.fluid_age = 0;
        continue;
      }
      // The applier has one write in service at a time, so it waits behind the reads' backlog
      // (the fluid wait of an overloaded replica), not behind its own writes.
      const double per_write = (c.apply.mean_ns() + hy.fluid_wait[i]) * 1e-9;
      const double mu = per_write > 0 ? 1 / per_write : 0;
      log.fluid = std::max(0.0, log.fluid + (w - mu) * dts);
      // The lag is the age of the oldest write waiting: the backlog came in at the write rate
      // (or, while it drains with fewer writes coming, at least at the rate it is applied).
      // No write can have waited longer than the backlog has existed: while reads swamp the
      // replica at night, few writes and a tiny apply rate would otherwise divide a small
      // backlog into an age longer than the run.
      log.fluid_age = log.fluid > 0 ? log.fluid_age + dts : 0;
      const double in_rate = std::max(w, mu);
      log.fluid_lag = in_rate > 0 && log.fluid > 0
                          ? static_cast<Duration>(std::min(log.fluid / in_rate, log.fluid_age) * 1e9)
                          : 0;
      note_lag(d, log.fluid_lag);
      if (measured && log.fluid_lag > c.stale_after) {
        const double reads = std::max(0.0, hy.arrivals[i] - w) * dts;
        st.stale_reads += static_cast<std::uint64_t>(std::llround(reads));
      }
    }
  }
}

}  // namespace headroom
