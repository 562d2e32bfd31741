// ElastiCache replicas and Multi-AZ automatic failover (spec.md §3, §4). Each shard's primary is
// the station requests reach; its replicas are copies of its keys, tracked by AZ. When a primary
// dies and Multi-AZ is on, a replica in an AZ that is up is promoted after the failover time and
// the shard serves again warm (the replica holds the data); until then the shard's lookups miss.
// ElastiCache then replaces the promoted replica in a few minutes (sources.md §11a).
#include <algorithm>

#include "runtime/runner.hpp"

namespace headroom {

void Runner::cache_primary_lost(std::uint32_t inst) {
  const Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  if (c.kind != HopKind::Cache || !c.multi_az) return;
  CacheShard& shard = model_.states[in.component].cache_shards[inst - c.first];
  if (shard.promoting) return;
  const auto up = std::find_if(shard.replicas.begin(), shard.replicas.end(),
                               [&](std::uint16_t az) { return !model_.az_down[az]; });
  if (up == shard.replicas.end()) return;  // no replica left to promote: repaired as without one
  const std::uint16_t az = *up;
  shard.replicas.erase(up);
  shard.promoting = true;
  const Duration d = c.failover_time.sample(fault_rng_);
  engine_.schedule_in(d, kCachePromote, inst,
                      (std::uint64_t{az} << 32) | static_cast<std::uint32_t>(in.killed_by));
}

void Runner::cache_replicas_lost(std::uint16_t az) {
  for (std::uint16_t ci = 0; ci < model_.components.size(); ++ci) {
    const Component& c = model_.components[ci];
    if (c.kind != HopKind::Cache || c.replicas == 0) continue;
    auto& shards = model_.states[ci].cache_shards;
    for (std::uint32_t s = 0; s < shards.size(); ++s) {
      auto& r = shards[s].replicas;
      for (auto it = r.begin(); it != r.end();) {
        if (*it != az) {
          ++it;
          continue;
        }
        it = r.erase(it);
        engine_.schedule_in(c.replacement_time.sample(fault_rng_), kCacheReplica, c.first + s, az);
      }
    }
  }
}

void Runner::kill_cache_replicas(std::uint16_t ci, int count, Duration repair) {
  const Component& c = model_.components[ci];
  auto& shards = model_.states[ci].cache_shards;
  for (bool any = true; count > 0 && any;) {
    any = false;
    for (std::uint32_t s = 0; s < shards.size() && count > 0; ++s) {
      auto& r = shards[s].replicas;
      if (r.empty()) continue;
      const std::uint16_t az = r.front();
      r.erase(r.begin());
      --count;
      any = true;
      engine_.schedule_in(repair > 0 ? repair : c.replacement_time.sample(fault_rng_), kCacheReplica, c.first + s, az);
    }
  }
}

void Runner::on_cache_promote(std::uint32_t inst, std::uint16_t az, std::int32_t record) {
  Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  CacheShard& shard = model_.states[in.component].cache_shards[inst - c.first];
  shard.promoting = false;
  if (in.alive) {  // nothing to promote into: the replica stays one
    shard.replicas.push_back(az);
    return;
  }
  const std::uint16_t lost_az = in.az;
  // The shard's endpoint moves to the replica: the station is now in its AZ, and warm.
  in.az = az;
  revive_instance(inst);
  in.cold = false;
  if (record != kNoFault)
    records_[static_cast<std::size_t>(record)].promotions.push_back(
        CachePromotion{in.component, inst - c.first, az, engine_.now()});
  // ElastiCache replaces the lost node as a replica, where the primary was.
  engine_.schedule_in(c.replacement_time.sample(fault_rng_), kCacheReplica, inst, lost_az);
}

void Runner::on_cache_replica(std::uint32_t inst, std::uint16_t az) {
  const Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  // Nothing launches in an AZ that is down: the replacement waits for it.
  if (model_.az_down[az]) {
    engine_.schedule_in(c.replacement_time.sample(fault_rng_), kCacheReplica, inst, az);
    return;
  }
  model_.states[in.component].cache_shards[inst - c.first].replicas.push_back(az);
}

bool Runner::cache_promoting(std::uint32_t inst) const {
  const Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  return c.kind == HopKind::Cache && c.replicas > 0 &&
         model_.states[in.component].cache_shards[inst - c.first].promoting;
}

bool Runner::cache_has_replica(std::uint32_t inst) const {
  const Instance& in = model_.instances[inst];
  const Component& c = model_.components[in.component];
  return c.kind == HopKind::Cache && c.replicas > 0 &&
         !model_.states[in.component].cache_shards[inst - c.first].replicas.empty();
}

}  // namespace headroom
