#pragma once
/// A service demand or delay distribution, ready to sample: built once from a DistSpec.
#include "headroom/core/random.hpp"
#include "headroom/core/time.hpp"
#include "headroom/core/dist_spec.hpp"

namespace headroom {

/// Samples durations (ns, never negative) with a given mean and coefficient of variation.
class Distribution {
 public:
  Distribution() = default;
  explicit Distribution(const DistSpec& spec);
  static Distribution exponential(Duration mean);
  static Distribution deterministic(Duration mean);

  Duration sample(Rng& rng) const;
  double mean_ns() const { return mean_; }
  /// Squared coefficient of variation, as queueing formulas use it.
  double scv() const { return cv_ * cv_; }
  DistSpec::Kind kind() const { return kind_; }

 private:
  DistSpec::Kind kind_ = DistSpec::Kind::Deterministic;
  double mean_ = 0;  // ns
  double cv_ = 0;
  double a_ = 0, b_ = 0;  // kind-specific parameters, precomputed
};

}  // namespace headroom
