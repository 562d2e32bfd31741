#include "headroom/core/che.hpp"

#include <cmath>
#include <vector>

namespace headroom {
namespace {

/// Objects grouped by popularity: `count` keys each requested with probability `p`.
struct Bin {
  double count, p;
};

std::vector<Bin> zipf_bins(double keys, double s) {
  constexpr double kExact = 20'000;  // below this every key is its own bin
  const auto n = static_cast<std::int64_t>(keys);
  std::vector<Bin> bins;
  auto weight = [s](double i) { return std::pow(i, -s); };
  double norm = 0;
  const std::int64_t exact = n < static_cast<std::int64_t>(kExact) ? n : static_cast<std::int64_t>(kExact);
  for (std::int64_t i = 1; i <= exact; ++i) {
    bins.push_back({1, weight(static_cast<double>(i))});
    norm += bins.back().p;
  }
  // Geometric bins of 0.1% width: keys within a bin differ in popularity by at most 0.1%·s.
  for (double lo = static_cast<double>(exact) + 1; lo <= static_cast<double>(n);) {
    const double hi = std::fmin(static_cast<double>(n), std::floor(lo * 1.001));
    const double count = hi - lo + 1;
    // The bin's mean weight: the integral of x^-s over [lo - 1/2, hi + 1/2] divided by count.
    double mean;
    if (std::fabs(s - 1) < 1e-12) mean = std::log((hi + 0.5) / (lo - 0.5)) / count;
    else mean = (std::pow(hi + 0.5, 1 - s) - std::pow(lo - 0.5, 1 - s)) / (1 - s) / count;
    bins.push_back({count, mean});
    norm += count * mean;
    lo = hi + 1;
  }
  for (auto& b : bins) b.p /= norm;
  return bins;
}

}  // namespace

double che_lru_hit_ratio(double keys, double zipf, double capacity) {
  if (capacity <= 0 || keys <= 0) return 0;
  if (capacity >= keys) return 1;
  const std::vector<Bin> bins = zipf_bins(keys, zipf);
  auto occupancy = [&](double t) {
    double sum = 0;
    for (const auto& b : bins) sum += b.count * -std::expm1(-b.p * t);
    return sum;
  };
  // Occupancy grows monotonically in T from 0 to `keys`: bracket the root, then bisect.
  double lo = 0, hi = 1;
  while (occupancy(hi) < capacity) hi *= 2;
  for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; ++i) {
    const double mid = (lo + hi) / 2;
    (occupancy(mid) < capacity ? lo : hi) = mid;
  }
  const double t = (lo + hi) / 2;
  double hit = 0;
  for (const auto& b : bins) hit += b.count * b.p * -std::expm1(-b.p * t);
  return hit;
}

}  // namespace headroom
