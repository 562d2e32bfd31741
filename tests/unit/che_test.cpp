#include <doctest/doctest.h>

#include <cmath>
#include <list>
#include <unordered_map>
#include <vector>

#include "headroom/core/random.hpp"
#include "headroom/core/che.hpp"

using namespace headroom;

namespace {
double simulated_lru(int keys, double s, int capacity, int requests) {
  std::vector<double> cdf(static_cast<std::size_t>(keys));
  double sum = 0;
  for (int i = 0; i < keys; ++i) cdf[static_cast<std::size_t>(i)] = sum += std::pow(i + 1, -s);
  Rng rng(42);
  std::list<int> lru;
  std::unordered_map<int, std::list<int>::iterator> where;
  int hits = 0;
  for (int r = 0; r < requests; ++r) {
    const double u = rng.uniform01() * sum;
    const int key = static_cast<int>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
    auto it = where.find(key);
    if (it != where.end()) {
      if (r >= requests / 5) ++hits;
      lru.erase(it->second);
    } else if (static_cast<int>(lru.size()) == capacity) {
      where.erase(lru.back());
      lru.pop_back();
    }
    lru.push_front(key);
    where[key] = lru.begin();
  }
  return static_cast<double>(hits) / (requests - requests / 5);
}
}  // namespace

TEST_CASE("che: an LRU cache's hit ratio matches a direct LRU simulation under Zipf requests") {
  CHECK(che_lru_hit_ratio(10'000, 0.8, 1'000) == doctest::Approx(simulated_lru(10'000, 0.8, 1'000, 2'000'000)).epsilon(0.02));
  CHECK(che_lru_hit_ratio(5'000, 1.0, 250) == doctest::Approx(simulated_lru(5'000, 1.0, 250, 2'000'000)).epsilon(0.02));
}

TEST_CASE("che: uniform popularity gives hit ratio capacity / keys") {
  CHECK(che_lru_hit_ratio(1000, 0, 250) == doctest::Approx(0.25).epsilon(0.001));
}

TEST_CASE("che: binned sums for a million keys agree with exact sums") {
  const double binned = che_lru_hit_ratio(1'000'000, 0.99, 200'000);
  CHECK(binned > 0.8);
  CHECK(binned < 1.0);
  CHECK(che_lru_hit_ratio(1'000'000, 0.99, 1'000'000) == 1.0);
  CHECK(che_lru_hit_ratio(1'000'000, 0.99, 0) == 0.0);
  const int keys = 200'000;
  std::vector<double> p(keys);
  double norm = 0;
  for (int i = 0; i < keys; ++i) norm += p[static_cast<std::size_t>(i)] = std::pow(i + 1, -0.9);
  for (auto& x : p) x /= norm;
  auto occupancy = [&](double t) { double s = 0; for (double x : p) s += -std::expm1(-x * t); return s; };
  double lo = 0, hi = 1;
  while (occupancy(hi) < 20'000) hi *= 2;
  for (int i = 0; i < 100; ++i) ((occupancy((lo + hi) / 2) < 20'000) ? lo : hi) = (lo + hi) / 2;
  double exact = 0;
  for (double x : p) exact += x * -std::expm1(-x * lo);
  CHECK(che_lru_hit_ratio(keys, 0.9, 20'000) == doctest::Approx(exact).epsilon(1e-4));
}
