// Faults (spec.md §4): they strike, databases fail over or recover, instances come back. Load
// balancers find out through their health checks (health.cpp); the instance-time integrals follow
// every change (billing.cpp). All are low-frequency events on the same clock as the requests.
#include <algorithm>
#include <cmath>

#include "headroom/core/assert.hpp"
#include "runtime/runner.hpp"

namespace headroom {
namespace {
constexpr std::size_t kMaxFaultRecords = 10'000;  // random faults over long runs stay bounded
}  // namespace

void Runner::schedule_faults() {
  // Health checks run even without faults or scaling: an overloaded live target fails them.
  for (std::uint32_t i = 0; i < fault_specs_.size(); ++i) {
    const FaultSpec& f = fault_specs_[i];
    if (f.kind == FaultSpec::Kind::Random) {
      for (auto& c : model_.components) {
        if (c.name != f.target) continue;
        // A database fails as a primary; pools and caches fail instance by instance.
        const std::uint32_t n = c.kind == HopKind::Db ? 1 : c.count;
        for (std::uint32_t k = 0; k < n; ++k)
          engine_.schedule_at(static_cast<SimTime>(fault_rng_.exp1() * static_cast<double>(f.mtbf)),
                              kRandomFailure, c.first + k, i);
      }
    } else {
      engine_.schedule_at(f.at, kFault, i, 0);
    }
  }
  // Health checks start at a random phase of their interval, as independent balancers would.
  for (std::uint16_t i = 0; i < model_.components.size(); ++i) {
    const Component& c = model_.components[i];
    ComponentState& st = model_.states[i];
    if (c.kind != HopKind::Lb) continue;
    engine_.schedule_at(static_cast<SimTime>(st.hit_rng.uniform01() * static_cast<double>(c.health.interval)),
                        kHealthTick, i, 0);
  }
}

std::int32_t Runner::new_record(const std::string& kind, const std::string& target) {
  if (records_.size() >= kMaxFaultRecords) return kNoFault;
  FaultRecord r;
  r.kind = kind;
  r.target = target;
  r.at = engine_.now();
  r.failed_total_at = failed_total_;
  records_.push_back(r);
  return static_cast<std::int32_t>(records_.size() - 1);
}

void Runner::count_failure(std::int32_t blame, double n) {
  failed_total_ += n;
  if (blame != kNoFault) {
    records_[static_cast<std::size_t>(blame)].attributed += n;
    return;
  }
  // Records are made in the order faults strike, and a closed window stays closed: the earliest
  // open one is the first not closed.
  while (first_open_ < records_.size() && records_[first_open_].closed()) ++first_open_;
  if (first_open_ < records_.size()) records_[first_open_].attributed += n;
}

void Runner::part_detected(std::int32_t rec) {
  if (rec == kNoFault) return;
  if (--records_[static_cast<std::size_t>(rec)].undetected == 0) records_[static_cast<std::size_t>(rec)].detected = engine_.now();
}
void Runner::part_recovered(std::int32_t rec) {
  if (rec == kNoFault) return;
  if (FaultRecord& r = records_[static_cast<std::size_t>(rec)]; --r.unrecovered == 0) {
    r.recovered = engine_.now();
  }
}
void Runner::part_restored(std::int32_t rec) {
  if (rec == kNoFault) return;
  if (FaultRecord& r = records_[static_cast<std::size_t>(rec)]; --r.unrestored == 0) {
    r.restored = engine_.now();
  }
}

void Runner::finish_strike(std::int32_t rec) {
  if (rec == kNoFault) return;
  FaultRecord& r = records_[static_cast<std::size_t>(rec)];
  // What no balancer has to discover is noticed at once (connections refused); a bare pool's
  // dead instance is noticed by nobody.
  if (r.undetected == 0 && r.noticed) r.detected = r.at;
  if (r.unrecovered == 0) r.recovered = r.at;
}

void Runner::flush_instance(std::uint32_t inst) {
  if (model_.instances[inst].pool > 0) flush_pool(inst);
  Instance& in = model_.instances[inst];
  fail_waiting(in.worker_wait);
  flush_storage(inst);  // a guest database's volume too: it dies with its instance
  // A host takes its cores with it: every service in progress is void, every waiter fails. A
  // guest's waiters on its host's cores fail when they reach a core (cpu_done checks).
  if (in.guest) return;
  flush_nic(inst);
  Cpu& cpu = model_.cpus[in.cpu];
  ++cpu.epoch;
  cpu.busy = 0;
  fail_waiting(cpu.wait);
}

void Runner::fail_waiting(RingQueue& q) {
  RingQueue queued;
  std::swap(queued, q);
  while (!queued.empty()) {
    const std::uint32_t id = queued.pop();
    const Request& r = requests_[id];
    fail(id, r.hop, ErrorKind::Failed, model_.instances[r.inst[r.hop]].killed_by);
  }
}

void Runner::power_off(std::uint32_t inst, std::int32_t cause) {
  Instance& in = model_.instances[inst];
  in.alive = false;
  ++in.epoch;  // whatever is inside is void from now on
  in.killed_by = cause;
  in.outstanding = 0;
  in.workers_busy = 0;
  in.pool_busy = 0;
  set_alive(in.component, -1);
}

void Runner::kill_instance(std::uint32_t inst, std::int32_t rec) {
  if (!model_.instances[inst].alive) return;
  for (std::uint32_t guest : model_.instances[inst].guests) kill_instance(guest, rec);
  Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  power_off(inst, rec);
  // EC2 status checks fail and the group replaces the instance; ~1 minute (estimate, E).
  if (c.scaling.enabled && in.life == Life::InService) engine_.schedule_in(kMinute, kReplace, inst, 0);
  if (rec != kNoFault) {
    FaultRecord& r = records_[static_cast<std::size_t>(rec)];
    ++r.unrestored;
    if (c.kind == HopKind::Pool && fronted(inst)) {
      in.detect_pending = true;  // requests keep coming until a balancer's checks fail
      ++r.undetected;
      ++r.unrecovered;
    } else if (c.kind == HopKind::Pool) {
      ++r.unrecovered;  // nobody routes around it: requests fail until it is back
    } else {
      r.noticed = true;
    }
  }
  flush_instance(inst);
  cache_primary_lost(inst);  // Multi-AZ ElastiCache: a replica takes over (cache_failover.cpp)
}

void Runner::revive_instance(std::uint32_t inst) {
  Instance& in = model_.instances[inst];
  if (in.alive) return;
  const Component& c = model_.components[in.component];
  in.alive = true;
  ++in.epoch;
  in.outstanding = 0;
  in.workers_busy = 0;
  in.pool_busy = 0;
  // A cache node comes back empty, unless its shard has a replica to sync from: without Multi-AZ
  // ElastiCache replaces a lost primary and syncs it from a replica (sources.md §11a).
  in.cold = c.kind == HopKind::Cache && c.warm_lookups > 0 && !cache_has_replica(inst);
  in.served_since_start = 0;
  set_alive(in.component, +1);
  const std::int32_t rec = in.killed_by;
  if (in.detect_pending) {  // back before any balancer noticed: the errors end here
    in.detect_pending = false;
    part_detected(rec);
    part_recovered(rec);
  } else if (c.kind == HopKind::Pool && !fronted(inst)) {
    part_recovered(rec);
  }
  bool awaited = false;
  for (std::size_t lb = 0; lb < model_.components.size(); ++lb)
    if (model_.components[lb].kind == HopKind::Lb && model_.components[lb].lb_target == in.component &&
        !model_.states[lb].targets[inst - c.first].healthy)
      awaited = true;
  if (awaited) in.await_healthy = true;
  else part_restored(rec);
  for (std::uint32_t guest : in.guests)
    if (model_.instances[guest].killed_by == rec) revive_instance(guest);
}

void Runner::kill_count(std::uint32_t first, std::uint32_t count, int how_many, std::int32_t rec,
                        Duration repair) {
  for (int k = 0; k < how_many; ++k) {
    std::vector<std::uint32_t> alive;
    for (std::uint32_t i = first; i < first + count; ++i)
      if (model_.instances[i].alive) alive.push_back(i);
    if (alive.empty()) return;
    const std::uint32_t victim = alive[fault_rng_.below(static_cast<std::uint32_t>(alive.size()))];
    kill_instance(victim, rec);
    if (repair > 0) engine_.schedule_in(repair, kRepair, victim, static_cast<std::uint64_t>(rec));
  }
}

void Runner::kill_db_primary(std::uint16_t db_id, std::int32_t rec, bool in_az_outage) {
  const Component& db = model_.components[db_id];
  const std::uint32_t primary = db.first;
  if (!model_.instances[primary].alive) return;
  kill_instance(primary, rec);
  if (rec != kNoFault) ++records_[static_cast<std::size_t>(rec)].unrecovered;
  const bool standby_lost = in_az_outage && model_.instances[primary].az == model_.states[db_id].standby_az;
  if (db.multi_az && !standby_lost) {
    // Multi-AZ: the standby is promoted and the endpoint's DNS moves to it.
    const Duration d = db.failover_time.sample(fault_rng_);
    engine_.schedule_in(d, kRecovered, primary, (std::uint64_t{1} << 32) | static_cast<std::uint32_t>(rec));
  } else if (!in_az_outage) {
    // Single-AZ: down until the instance is replaced and recovered.
    const Duration d = db.recovery_time.sample(fault_rng_);
    engine_.schedule_in(d, kRecovered, primary, static_cast<std::uint32_t>(rec));
  }
  // In an AZ outage without a standby elsewhere, it returns with the AZ.
}

void Runner::on_recovered(std::uint32_t primary, std::int32_t rec, bool failover) {
  Instance& in = model_.instances[primary];
  if (in.alive) return;
  if (failover) {
    std::swap(in.az, model_.states[in.component].standby_az);
  }
  revive_instance(primary);
  part_recovered(rec);
}

void Runner::on_repair(std::uint32_t inst, std::int32_t rec) {
  if (model_.instances[inst].killed_by != rec) return;  // struck again by another fault since
  if (cache_promoting(inst)) return;  // its replica is taking over (cache_failover.cpp)
  revive_instance(inst);
}

void Runner::on_az_restore(std::int32_t rec) {
  if (rec != kNoFault) {
    FaultRecord& r = records_[static_cast<std::size_t>(rec)];
    const std::uint16_t az = model_.az_index(r.target);
    if (az != kNoAz) model_.az_down[az] = false;
    // An outage that took nothing down (only regional services in the scenario, which AWS runs
    // across AZs) is over when the AZ is back.
    if (r.unrestored == 0 && r.restored < 0) r.restored = engine_.now();
  }
  for (std::uint32_t i = 0; i < model_.instances.size(); ++i) {
    Instance& in = model_.instances[i];
    if (in.alive || in.killed_by != rec || cache_promoting(i)) continue;
    const Component& c = model_.components[in.component];
    const bool primary = c.kind == HopKind::Db && i == c.first;
    revive_instance(i);
    if (primary) part_recovered(rec);
  }
}

void Runner::strike(std::uint32_t fault) {
  const FaultSpec& f = fault_specs_[fault];
  if (f.kind == FaultSpec::Kind::AzOutage) {
    const std::int32_t rec = new_record("az_outage", f.target);
    const std::uint16_t az = model_.az_index(f.target);
    if (az != kNoAz) model_.az_down[az] = true;
    if (az != kNoAz) cache_replicas_lost(az);  // before the primaries: none is promoted into it
    // An AZ no instance was placed in takes nothing down: in particular not the regional
    // services (kNoAz), which AWS runs across AZs.
    for (std::uint16_t ci = 0; ci < model_.components.size(); ++ci) {
      const Component& c = model_.components[ci];
      for (std::uint32_t i = c.first; i < c.first + c.count && az != kNoAz; ++i) {
        if (model_.instances[i].az != az || !model_.instances[i].alive) continue;
        if (c.kind == HopKind::Db && i == c.first) kill_db_primary(ci, rec, true);
        else kill_instance(i, rec);
      }
    }
    finish_strike(rec);
    engine_.schedule_in(f.repair, kAzRestore, 0, static_cast<std::uint64_t>(rec));
    return;
  }
  if (f.kind == FaultSpec::Kind::SpotReclaim) {
    spot_reclaim(f);
    return;
  }
  HEADROOM_ASSERT(f.kind == FaultSpec::Kind::Kill, "unsupported fault kind passed validation");
  for (std::uint16_t ci = 0; ci < model_.components.size(); ++ci) {
    const Component& c = model_.components[ci];
    if (c.name != f.target) continue;
    if (c.kind == HopKind::Db && f.role == "replica") {
      const std::int32_t rec = new_record("kill", c.name + ".replica");
      kill_count(c.first + 1, c.count - 1, f.count, rec, f.repair);
      finish_strike(rec);
    } else if (c.kind == HopKind::Db) {
      const std::int32_t rec = new_record("kill", c.name + ".primary");
      kill_db_primary(ci, rec, false);
      finish_strike(rec);
    } else if (c.kind == HopKind::Cache && f.role == "replica") {
      const std::int32_t rec = new_record("kill", c.name + ".replica");
      kill_cache_replicas(ci, f.count, f.repair);
      finish_strike(rec);
    } else {
      const std::int32_t rec = new_record("kill", c.name);
      kill_count(c.first, c.count, f.count, rec, f.repair);
      finish_strike(rec);
    }
  }
}

void Runner::on_random_failure(std::uint32_t inst, std::uint32_t fault) {
  const FaultSpec& f = fault_specs_[fault];
  Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  const Duration down = static_cast<Duration>(fault_rng_.exp1() * static_cast<double>(f.mttr));
  if (in.alive) {
    const std::int32_t rec = new_record("random", c.name + "[" + std::to_string(inst - c.first) + "]");
    if (c.kind == HopKind::Db) {
      kill_db_primary(in.component, rec, false);
    } else {
      kill_instance(inst, rec);
      engine_.schedule_in(down, kRepair, inst, static_cast<std::uint64_t>(rec));
    }
    finish_strike(rec);
  }
  // Alternating renewal: up for Exp(mtbf) after each repair.
  const Duration up = static_cast<Duration>(fault_rng_.exp1() * static_cast<double>(f.mtbf));
  engine_.schedule_in(down + up, kRandomFailure, inst, fault);
}

}  // namespace headroom
