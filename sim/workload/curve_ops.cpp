#include <algorithm>

#include "headroom/workload/curve.hpp"

namespace headroom {

double curve_peak(const CurveSpec& spec, Duration run) {
  const Curve c(spec, run);
  // Exact: the 1-second bounds are maxima over each window for every kind but `sum`.
  double peak = 0;
  for (SimTime t = 0; t < run; t += kSecond) peak = std::max(peak, c.max_over(t, std::min(run, t + kSecond)));
  return peak;
}

void scale_curve(CurveSpec& spec, double factor) {
  spec.value *= factor;
  spec.from *= factor;
  spec.to *= factor;
  spec.base *= factor;
  spec.peak *= factor;
  for (auto& p : spec.points) p.second *= factor;
  for (auto& t : spec.terms) scale_curve(t, factor);
}

}  // namespace headroom
