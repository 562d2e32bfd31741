// Student t quantiles (Boost.Math), and the mean's confidence interval.
#include "headroom/study/confidence.hpp"

#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

#include "headroom/core/assert.hpp"

namespace headroom {

double student_t_975(int df) {
  HEADROOM_ASSERT(df >= 1, "student_t_975 needs at least one degree of freedom");
  // In double throughout: Boost's default promotes to long double, whose width varies by
  // platform (80 bits on x86, 128 on AArch64, 64 on MSVC), and a report's intervals should not.
  using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
  return boost::math::quantile(boost::math::students_t_distribution<double, Policy>(df), 0.975);
}

Interval confidence_interval_95(const std::vector<double>& sample) {
  Interval r;
  r.n = static_cast<int>(sample.size());
  if (r.n == 0) return r;
  for (double x : sample) r.mean += x;
  r.mean /= r.n;
  if (r.n == 1) {
    r.half_width = std::numeric_limits<double>::infinity();
  } else {
    double ss = 0;
    for (double x : sample) ss += (x - r.mean) * (x - r.mean);
    r.sd = std::sqrt(ss / (r.n - 1));
    r.half_width = student_t_975(r.n - 1) * r.sd / std::sqrt(static_cast<double>(r.n));
  }
  r.low = r.mean - r.half_width;
  r.high = r.mean + r.half_width;
  return r;
}

}  // namespace headroom
