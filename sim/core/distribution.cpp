#include "headroom/core/distribution.hpp"

#include <cmath>

namespace headroom {

Distribution::Distribution(const DistSpec& spec)
    : kind_(spec.kind), mean_(static_cast<double>(spec.mean)), cv_(spec.cv) {
  switch (kind_) {
    case DistSpec::Kind::Exponential: cv_ = 1; break;
    case DistSpec::Kind::Deterministic: cv_ = 0; break;
    case DistSpec::Kind::Lognormal: {
      // By mean m and cv c: sigma^2 = ln(1 + c^2), mu = ln m - sigma^2 / 2.
      const double s2 = std::log1p(cv_ * cv_);
      a_ = std::log(mean_) - s2 / 2;
      b_ = std::sqrt(s2);
      break;
    }
    case DistSpec::Kind::Gamma:
      a_ = 1.0 / (cv_ * cv_);  // shape k = 1 / c^2
      b_ = mean_ / a_;         // scale = m / k
      break;
    case DistSpec::Kind::Uniform:
      // Mean m, cv c: uniform on [m - h, m + h] with h = sqrt(3) c m.
      b_ = std::sqrt(3.0) * cv_ * mean_;
      a_ = mean_ - b_;
      b_ *= 2;
      break;
  }
}

Distribution Distribution::exponential(Duration mean) {
  DistSpec s;
  s.kind = DistSpec::Kind::Exponential;
  s.mean = mean;
  return Distribution(s);
}

Distribution Distribution::deterministic(Duration mean) {
  DistSpec s;
  s.kind = DistSpec::Kind::Deterministic;
  s.mean = mean;
  s.cv = 0;
  return Distribution(s);
}

Duration Distribution::sample(Rng& rng) const {
  double x = mean_;
  switch (kind_) {
    case DistSpec::Kind::Exponential: x = mean_ * rng.exp1(); break;
    case DistSpec::Kind::Deterministic: break;
    case DistSpec::Kind::Lognormal: x = std::exp(a_ + b_ * rng.normal()); break;
    case DistSpec::Kind::Gamma: x = b_ * rng.gamma(a_); break;
    case DistSpec::Kind::Uniform: x = a_ + b_ * rng.uniform01(); break;
  }
  // x + 0.5 truncated rounds a non-negative x to nearest, without libm's llround call.
  return x <= 0 ? 0 : static_cast<Duration>(x + 0.5);
}

}  // namespace headroom
