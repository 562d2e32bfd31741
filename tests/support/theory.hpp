#pragma once
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
  switch (n) {
    case 5: return 8.610;
    case 6: return 6.869;
    case 8: return 5.408;
    case 10: return 4.781;
    case 12: return 4.437;
    case 16: return 4.073;
    case 20: return 3.883;
    default: return 3.5;
  }
}

}  // namespace headroom::theory
