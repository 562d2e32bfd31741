#pragma once
// Small rules several kinds' build steps share: a demand's default, a uniform range, an
// instance type's vCPUs.
#include <cmath>
#include <string>

#include "headroom/catalog/catalog.hpp"
#include "headroom/core/assert.hpp"
#include "headroom/core/distribution.hpp"

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

}  // namespace headroom
