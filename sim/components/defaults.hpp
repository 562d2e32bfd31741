#pragma once
// Small rules several kinds' build steps share: a demand's default, a uniform range, an
// instance type's vCPUs, a database's default max_connections.
#include <algorithm>
#include <cmath>
#include <string>

#include "headroom/catalog/catalog.hpp"
#include "headroom/core/assert.hpp"
#include "headroom/core/distribution.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

/// `d` when the scenario gave it, else exponential with mean `fallback_mean`.
inline Distribution dist_or(const DistSpec& d, Duration fallback_mean) {
  if (d.mean > 0) return Distribution(d);
  return Distribution::exponential(fallback_mean);
}

/// Uniform on [lo, hi].
inline Distribution uniform_between(Duration lo, Duration hi) {
  DistSpec d;
  d.kind = DistSpec::Kind::Uniform;
  d.mean = (lo + hi) / 2;
  d.cv = static_cast<double>(hi - lo) / (std::sqrt(12.0) * static_cast<double>(d.mean));
  return Distribution(d);
}

/// The vCPUs of a validated instance type.
inline int vcpus_of(const std::string& name, InstanceFamily family) {
  const InstanceType* t = find_instance(name, family);
  HEADROOM_ASSERT(t != nullptr, "instance type passed validation but is not in the catalog: " + name);
  return t->vcpus;
}

/// RDS's default max_connections, from the parameter-group formulas: MySQL
/// {DBInstanceClassMemory/12582880}, PostgreSQL LEAST({DBInstanceClassMemory/9531392}, 5000)
/// (RDS default parameter groups; confidence T: public measurements agree, e.g. PostgreSQL on an
/// 8 GiB db.m4.large reports 856). Instance memory stands in for DBInstanceClassMemory, which is
/// a little smaller (the OS's share), so these defaults run a few percent high.
inline int default_max_connections(const RdsSpec& rds) {
  const InstanceType* t = find_instance(rds.instance, InstanceFamily::Rds);
  const double bytes = (t ? t->memory_gib : 8) * 1024.0 * 1024.0 * 1024.0;
  if (rds.engine == "postgres") return static_cast<int>(std::min(bytes / 9531392.0, 5000.0));
  return static_cast<int>(bytes / 12582880.0);
}

}  // namespace headroom
