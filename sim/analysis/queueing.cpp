// Erlang B/C and M/M/c response time (Kleinrock, Queueing Systems vol. 1, §3.5).
#include "headroom/analysis/queueing.hpp"

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

}  // namespace headroom
