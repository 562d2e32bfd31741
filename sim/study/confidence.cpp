// Student t quantiles from a table, and the mean's confidence interval.
#include "headroom/study/confidence.hpp"

#include <cmath>
#include <limits>

#include "headroom/core/assert.hpp"

namespace headroom {
namespace {

// t_{0.975, df} for df = 1..30, computed by integrating the t density (Simpson, 20,000 steps)
// and bisecting; they agree with every printed table (e.g. Abramowitz & Stegun, table 26.10).
constexpr double kSmall[30] = {12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004,
                               2.262157,  2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905,
                               2.109816,  2.100922, 2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899,
                               2.059539,  2.055529, 2.051831, 2.048407, 2.045230, 2.042272};

// Beyond 30, the Cornish-Fisher expansion of t in powers of 1/df about the normal quantile z
// (Abramowitz & Stegun 26.7.5); its first four terms are exact to 1e-6 from df = 30 on.
double t_expansion(int df) {
  const double z = 1.959963984540054, z2 = z * z;
  const double g1 = z * (z2 + 1) / 4;
  const double g2 = z * ((5 * z2 + 16) * z2 + 3) / 96;
  const double g3 = z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384;
  const double g4 = z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160;
  const double x = 1.0 / df;
  return z + x * (g1 + x * (g2 + x * (g3 + x * g4)));
}

}  // namespace

double student_t_975(int df) {
  HEADROOM_ASSERT(df >= 1, "student_t_975 needs at least one degree of freedom");
  return df <= 30 ? kSmall[df - 1] : t_expansion(df);
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
