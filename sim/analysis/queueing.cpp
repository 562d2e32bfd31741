// Erlang B/C and M/M/c response time (Kleinrock, Queueing Systems vol. 1, §3.5), and the
// Student t quantiles for confidence intervals.
#include "headroom/analysis/queueing.hpp"

#include <array>
#include <cmath>
#include <limits>

namespace headroom {

double erlang_b(int c, double a) {
  double b = 1.0;
  for (int k = 1; k <= c; ++k) b = a * b / (k + a * b);
  return b;
}

double erlang_c(int c, double a) {
  if (a >= c) return 1.0;
  const double b = erlang_b(c, a);
  const double rho = a / c;
  return b / (1 - rho + rho * b);
}

double mmc_mean_response(int c, double lambda, double mu) {
  if (lambda >= c * mu) return std::numeric_limits<double>::infinity();
  return erlang_c(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
}

double student_t95(int dof) {
  // Two-sided 95% (0.975 quantile), from the standard tables.
  static constexpr std::array<double, 30> small = {
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
      2.120,  2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof < 1) return std::numeric_limits<double>::infinity();
  if (dof <= 30) return small[static_cast<std::size_t>(dof - 1)];
  if (dof <= 40) return 2.021;
  if (dof <= 60) return 2.000;
  if (dof <= 120) return 1.980;
  if (dof <= 200) return 1.972;
  return 1.960;
}

}  // namespace headroom
