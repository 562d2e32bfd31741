// Erlang B and C (Kleinrock, Queueing Systems vol. 1, §3.5, §3.6).
#include "headroom/core/erlang.hpp"

namespace headroom {

double erlang_b(int c, double a) {
  if (a <= 0) return 0;
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

}  // namespace headroom
