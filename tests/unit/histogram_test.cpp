#include <doctest/doctest.h>

#include <algorithm>
#include <vector>

#include "headroom/core/random.hpp"
#include "headroom/measure/histogram.hpp"

using namespace headroom;

TEST_CASE("histogram: small values are counted exactly") {
  Histogram h;
  for (int v = 0; v < 100; ++v) h.record(v);
  CHECK(h.count() == 100);
  CHECK(h.quantile(0.5) == 49);
  CHECK(h.max() == 99);
  CHECK(h.mean() == doctest::Approx(49.5));
}

TEST_CASE("histogram: every bucket is within 1/64 of its lower bound and buckets tile the line") {
  for (int i = 1; i < Histogram::kBuckets; ++i) {
    REQUIRE(Histogram::lower_bound(i) == Histogram::upper_bound(i - 1));
    if (i >= Histogram::kLinear)
      REQUIRE(static_cast<double>(Histogram::upper_bound(i) - Histogram::lower_bound(i)) <=
              static_cast<double>(Histogram::lower_bound(i)) / 64.0);
  }
  for (std::int64_t v : {0LL, 1LL, 127LL, 128LL, 1000LL, 123456789LL, 1LL << 40, (1LL << 62) + 5}) {
    const int i = Histogram::index(v);
    CHECK(Histogram::lower_bound(i) <= static_cast<std::uint64_t>(v));
    CHECK(static_cast<std::uint64_t>(v) < Histogram::upper_bound(i));
  }
}

TEST_CASE("histogram: quantiles are within 1% of the exact order statistics") {
  Rng rng(9);
  std::vector<std::int64_t> xs;
  Histogram h;
  for (int i = 0; i < 100'000; ++i) {
    const auto v = static_cast<std::int64_t>(rng.exp1() * 5e6);
    xs.push_back(v);
    h.record(v);
  }
  std::sort(xs.begin(), xs.end());
  for (double q : {0.5, 0.9, 0.99, 0.999}) {
    const auto exact = static_cast<double>(xs[static_cast<std::size_t>(q * xs.size()) - 1]);
    CHECK(h.quantile(q) == doctest::Approx(exact).epsilon(0.01));
  }
  CHECK(h.quantile(1.0) == static_cast<double>(xs.back()));
}

TEST_CASE("histogram: merging two histograms equals recording into one") {
  Histogram a, b, all;
  for (int i = 0; i < 1000; ++i) {
    (i % 2 ? a : b).record(i * 1000);
    all.record(i * 1000);
  }
  a.merge(b);
  CHECK(a.count() == all.count());
  CHECK(a.quantile(0.9) == all.quantile(0.9));
  CHECK(a.max() == all.max());
}
