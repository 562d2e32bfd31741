#pragma once
/// Confidence intervals for the mean of independent replications (Student t). docs/statistics.md
/// gives the method.
#include <vector>

namespace headroom {

/// The 0.975 quantile of Student's t distribution with `df` ≥ 1 degrees of freedom: the factor
/// of a two-sided 95% interval (boost::math::students_t, exact to double precision).
double student_t_975(int df);

/// The mean of a sample and its two-sided 95% confidence interval, mean ± t_{0.975,n−1}·sd/√n.
struct Interval {
  int n = 0;
  double mean = 0;
  double sd = 0;          ///< sample standard deviation (n − 1 in the denominator)
  double half_width = 0;  ///< t_{0.975,n−1} · sd / √n
  double low = 0, high = 0;
  /// Whether 0 lies in [low, high]: the difference is not significant at 95%.
  bool contains_zero() const { return low <= 0 && high >= 0; }
};

/// The interval of `sample` (n ≥ 2; with n = 1 the half-width is infinite).
Interval confidence_interval_95(const std::vector<double>& sample);

}  // namespace headroom
