#pragma once
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

namespace headroom::theory {

inline double erlang_b(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

inline double erlang_c(int c, double a) {
  const double b = erlang_b(c, a);
  const double rho = a / c;
  return b / (1 - rho + rho * b);
}

inline double mmc_mean_sojourn(int c, double lambda, double mu) {
  const double a = lambda / mu;
  return erlang_c(c, a) / (c * mu - lambda) + 1 / mu;
}

inline double md1_mean_sojourn(double lambda, double mu) {
  const double rho = lambda / mu;
  return rho / (2 * mu * (1 - rho)) + 1 / mu;
}

inline double mm1_sojourn_quantile(double q, double lambda, double mu) {
  return -std::log(1 - q) / (mu - lambda);
}

/// Two-sided 99.9% Student t quantile for n - 1 degrees of freedom (n replications).
inline double t999(int n) {
  return boost::math::quantile(boost::math::students_t(n - 1), 0.9995);
}

}  // namespace headroom::theory
