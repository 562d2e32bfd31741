#include "headroom/measure/histogram.hpp"

#include <algorithm>
#include <cmath>

namespace headroom {

std::uint64_t Histogram::lower_bound(int i) {
  if (i < kLinear) return static_cast<std::uint64_t>(i);
  const int shift = (i - kLinear) / kHalf + 1;
  const int sub = (i - kLinear) % kHalf + kHalf;
  return static_cast<std::uint64_t>(sub) << shift;
}

std::uint64_t Histogram::upper_bound(int i) {
  if (i < kLinear) return static_cast<std::uint64_t>(i) + 1;
  const int shift = (i - kLinear) / kHalf + 1;
  return lower_bound(i) + (std::uint64_t{1} << shift);
}

void Histogram::merge(const Histogram& other) {
  for (int i = 0; i < kBuckets; ++i) counts_[i] += other.counts_[i];
  count_ += other.count_;
  sum_ += other.sum_;
  max_ = std::max(max_, other.max_);
}

double Histogram::quantile(double q) const {
  if (count_ == 0) return 0.0;
  const double want = std::ceil(q * static_cast<double>(count_));
  const auto rank = static_cast<std::uint64_t>(std::max(1.0, want));
  std::uint64_t seen = 0;
  for (int i = 0; i < kBuckets; ++i) {
    seen += counts_[i];
    if (seen >= rank) {
      if (i < kLinear) return static_cast<double>(i);
      const double mid =
          (static_cast<double>(lower_bound(i)) + static_cast<double>(upper_bound(i) - 1)) / 2;
      return std::min(mid, static_cast<double>(max_));
    }
  }
  return static_cast<double>(max_);
}

}  // namespace headroom
