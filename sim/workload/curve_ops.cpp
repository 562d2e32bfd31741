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

double offered_requests(const ScenarioSpec& spec) {
  if (spec.duration <= 0) return 0;
  const Curve c(spec.load.curve, spec.duration);
  // Users offer at most one request per think time plus round trip each: the closed loop waits
  // at least that long between two requests of one user.
  const double per_unit =
      spec.load.by_rate ? 1.0 : 1.0 / std::max(1e-9, to_seconds(spec.load.think_time + spec.client.rtt));
  // The midpoint rule over at most 100,000 slices: an estimate, cheap for a year-long run too.
  const std::int64_t slices = std::clamp<std::int64_t>(spec.duration / kSecond, 1, 100'000);
  const double width = static_cast<double>(spec.duration) / static_cast<double>(slices);
  double sum = 0;
  for (std::int64_t k = 0; k < slices; ++k)
    sum += c.at(static_cast<SimTime>((static_cast<double>(k) + 0.5) * width));
  return sum * per_unit * width / 1e9;
}

}  // namespace headroom
