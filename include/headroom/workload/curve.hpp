#pragma once
/// A load curve evaluated in simulated time: users or requests/s as a function of t.
#include <vector>

#include "headroom/core/time.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

class Curve {
 public:
  /// Builds the curve of `spec` for a run of length `run` (ramps span the run).
  Curve(const CurveSpec& spec, Duration run);

  /// The curve's value at time t (t >= 0).
  double at(SimTime t) const;
  /// An upper bound of the curve on [a, b] — exact for every kind but `sum`, whose bound is the
  /// sum of its terms' maxima. Used to thin the arrival process.
  double max_over(SimTime a, SimTime b) const;
  /// True when the curve never changes: thinning then accepts every candidate.
  bool is_constant() const { return kind_ == CurveSpec::Kind::Constant; }

 private:
  CurveSpec::Kind kind_;
  double value_ = 0, from_ = 0, to_ = 0, base_ = 0, peak_ = 0;
  Duration run_ = 0, peak_at_ = 0, period_ = kDay;
  /// Piecewise-linear curves (ramp, spike, trace) as breakpoints; step as a staircase.
  std::vector<std::pair<SimTime, double>> points_;
  std::vector<Curve> terms_;
  double linear_at(SimTime t) const;
};

}  // namespace headroom

namespace headroom {
/// The largest value `spec` takes over a run of length `run` (sampled at 1 s and at every
/// breakpoint; exact for every curve but `sum` of out-of-phase terms, where it is an upper bound).
double curve_peak(const CurveSpec& spec, Duration run);
/// Multiplies every value of `spec` by `factor` (for --users).
void scale_curve(CurveSpec& spec, double factor);
/// About how many requests `spec`'s load offers over its run: the curve's integral, users
/// counting one request per think time plus the client's round trip (an upper bound of a closed
/// loop's rate). Retries are not counted. For refusing absurd runs (scenario/limits.hpp).
double offered_requests(const ScenarioSpec& spec);
}  // namespace headroom
