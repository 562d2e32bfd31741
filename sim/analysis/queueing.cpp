// M/M/c response time (Kleinrock, Queueing Systems vol. 1, §3.5); Erlang B and C are in core/erlang.hpp.
#include "headroom/analysis/queueing.hpp"

#include <cmath>
#include <limits>

namespace headroom {

double mmc_mean_response(int c, double lambda, double mu) {
  if (lambda >= c * mu) return std::numeric_limits<double>::infinity();
  return erlang_c(c, lambda / mu) / (c * mu - lambda) + 1 / mu;
}

}  // namespace headroom
