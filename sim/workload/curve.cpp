#include "headroom/workload/curve.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace headroom {

Curve::Curve(const CurveSpec& spec, Duration run) : kind_(spec.kind), run_(run) {
  switch (kind_) {
    case CurveSpec::Kind::Constant: value_ = spec.value; break;
    case CurveSpec::Kind::Ramp:
      // A ramp is the straight line from `from` at t = 0 to `to` at the end of the run.
      points_ = {{0, spec.from}, {std::max<Duration>(run, 1), spec.to}};
      break;
    case CurveSpec::Kind::Step:
      points_ = spec.points;
      std::stable_sort(points_.begin(), points_.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      break;
    case CurveSpec::Kind::Diurnal:
      base_ = spec.base;
      peak_ = spec.peak;
      peak_at_ = spec.peak_at;
      period_ = spec.period > 0 ? spec.period : kDay;
      break;
    case CurveSpec::Kind::Spike: {
      const SimTime t0 = spec.at, t1 = t0 + spec.rise, t2 = t1 + spec.hold, t3 = t2 + spec.decay;
      points_ = {{t0, spec.base}, {t1, spec.peak}, {t2, spec.peak}, {t3, spec.base}};
      break;
    }
    case CurveSpec::Kind::Trace:
      points_ = spec.points;
      std::stable_sort(points_.begin(), points_.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      break;
    case CurveSpec::Kind::Sum:
      for (const auto& term : spec.terms) terms_.emplace_back(term, run);
      break;
  }
}

double Curve::linear_at(SimTime t) const {
  if (points_.empty()) return 0;
  if (t <= points_.front().first) return points_.front().second;
  if (t >= points_.back().first) return points_.back().second;
  auto hi = std::upper_bound(points_.begin(), points_.end(), t,
                             [](SimTime x, const auto& p) { return x < p.first; });
  auto lo = hi - 1;
  if (hi->first == lo->first) return hi->second;
  const double f = static_cast<double>(t - lo->first) / static_cast<double>(hi->first - lo->first);
  return lo->second + f * (hi->second - lo->second);
}

double Curve::at(SimTime t) const {
  switch (kind_) {
    case CurveSpec::Kind::Constant: return value_;
    case CurveSpec::Kind::Step: {
      if (points_.empty()) return 0;
      auto it = std::upper_bound(points_.begin(), points_.end(), t,
                                 [](SimTime x, const auto& p) { return x < p.first; });
      return (it == points_.begin() ? points_.front().second : (it - 1)->second);
    }
    case CurveSpec::Kind::Diurnal: {
      const double phase = 2 * std::numbers::pi * static_cast<double>(t - peak_at_) /
                           static_cast<double>(period_);
      return (base_ + (peak_ - base_) * (1 + std::cos(phase)) / 2);
    }
    case CurveSpec::Kind::Ramp:
    case CurveSpec::Kind::Spike:
    case CurveSpec::Kind::Trace: return linear_at(t);
    case CurveSpec::Kind::Sum: {
      double s = 0;
      for (const auto& term : terms_) s += term.at(t);
      return s;
    }
  }
  return 0;
}

double Curve::max_over(SimTime a, SimTime b) const {
  switch (kind_) {
    case CurveSpec::Kind::Constant: return value_;
    case CurveSpec::Kind::Diurnal: {
      // A sinusoid's maximum on [a, b] is its peak if a peak falls inside, else an endpoint.
      const SimTime d = a - peak_at_;
      SimTime k = d / period_;  // truncation is the ceiling for d < 0
      if (k * period_ < d) ++k;
      const SimTime next_peak = peak_at_ + k * period_;  // the first peak at or after a
      if (next_peak >= a && next_peak <= b) return std::max(peak_, base_);
      return std::max(at(a), at(b));
    }
    case CurveSpec::Kind::Ramp:
    case CurveSpec::Kind::Spike:
    case CurveSpec::Kind::Trace:
    case CurveSpec::Kind::Step: {
      // Piecewise linear or constant: the maximum is at an endpoint or at a breakpoint inside.
      double m = std::max(at(a), at(b));
      auto lo = std::lower_bound(points_.begin(), points_.end(), a,
                                 [](const auto& p, SimTime x) { return p.first < x; });
      for (auto it = lo; it != points_.end() && it->first <= b; ++it)
        m = std::max(m, it->second);
      return m;
    }
    case CurveSpec::Kind::Sum: {
      double s = 0;
      for (const auto& term : terms_) s += term.max_over(a, b);
      return s;
    }
  }
  return 0;
}

}  // namespace headroom
