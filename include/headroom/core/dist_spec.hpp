#pragma once
/// A random service demand or delay as written in a scenario, units resolved: the plain data a
/// Distribution is built from.
#include "headroom/core/diagnostics.hpp"
#include "headroom/core/time.hpp"

namespace headroom {

/// A random service demand or delay. `20ms` alone means exponential with mean 20 ms.
struct DistSpec {
  enum class Kind { Exponential, Deterministic, Lognormal, Gamma, Uniform };
  Kind kind = Kind::Exponential;
  Duration mean = 0;
  double cv = 1.0;  ///< coefficient of variation; 1 for exponential, 0 for deterministic
  SourceLoc loc;
};

}  // namespace headroom
