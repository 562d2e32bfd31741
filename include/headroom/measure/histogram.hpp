#pragma once
/// Latency histogram with log-spaced buckets (HDR-style): fixed memory (~30 KB), any value from
/// 1 ns to 292 years, quantiles within 0.8% relative error, exact count, mean and max.
#include <array>
#include <cstdint>

#include "headroom/core/time.hpp"

namespace headroom {

class Histogram {
 public:
  /// Values below 2^kLinearBits are counted exactly; above, each power of two is split into
  /// 2^(kLinearBits-1) buckets, so a bucket spans at most 1/64 of its lower bound.
  static constexpr int kLinearBits = 7;
  static constexpr int kLinear = 1 << kLinearBits;          // 128 exact buckets
  static constexpr int kHalf = kLinear / 2;                 // 64 buckets per octave above
  static constexpr int kBuckets = kLinear + (64 - kLinearBits) * kHalf;

  void record(Duration v) {
    if (v < 0) v = 0;
    ++counts_[index(v)];
    ++count_;
    sum_ += static_cast<double>(v);
    if (v > max_) max_ = v;
  }
  /// Records `n` observations of `v` at once (the hybrid engine's weighted samples).
  void record(Duration v, std::uint64_t n) {
    if (n == 0) return;
    if (v < 0) v = 0;
    counts_[index(v)] += n;
    count_ += n;
    sum_ += static_cast<double>(v) * static_cast<double>(n);
    if (v > max_) max_ = v;
  }
  /// Adds every observation of `other`.
  void merge(const Histogram& other);

  std::uint64_t count() const { return count_; }
  double mean() const { return count_ ? sum_ / static_cast<double>(count_) : 0.0; }
  Duration max() const { return max_; }
  /// The q-quantile (0 < q <= 1): the midpoint of the bucket holding the ceil(q·n)-th smallest
  /// value, clamped to the exact max. 0 when empty.
  double quantile(double q) const;

  static int index(Duration v) {
    const auto u = static_cast<std::uint64_t>(v);
    if (u < static_cast<std::uint64_t>(kLinear)) return static_cast<int>(u);
    const int msb = 63 - __builtin_clzll(u);
    const int shift = msb - (kLinearBits - 1);
    const int sub = static_cast<int>(u >> shift) - kHalf;
    return kLinear + (shift - 1) * kHalf + sub;
  }
  /// [lower, upper) of bucket i.
  static std::uint64_t lower_bound(int i);
  static std::uint64_t upper_bound(int i);

 private:
  std::array<std::uint64_t, kBuckets> counts_{};
  std::uint64_t count_ = 0;
  double sum_ = 0;
  Duration max_ = 0;
};

}  // namespace headroom
