#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include "headroom/core/distribution.hpp"
#include "headroom/core/random.hpp"

using namespace headroom;

namespace {
struct Moments {
  double mean = 0, var = 0;
};
Moments moments(const Distribution& d, int n, std::uint64_t seed) {
  Rng rng(seed);
  double s = 0, ss = 0;
  for (int i = 0; i < n; ++i) {
    const double x = static_cast<double>(d.sample(rng));
    s += x;
    ss += x * x;
  }
  const double mean = s / n;
  return {mean, ss / n - mean * mean};
}
}  // namespace

TEST_CASE("rng: the first values of a named stream are pinned so that reports never drift silently") {
  Rng a = Rng::stream(1, "web/service");
  CHECK(a.next() == 0x4c6236663375e932ULL);
  CHECK(a.next() == 0x0854112c3ceae276ULL);
  Rng b(0);
  CHECK(b.next() == 0x99ec5f36cb75f2b4ULL);
}

TEST_CASE("rng: streams with different names or seeds differ, the same name and seed repeat") {
  CHECK(Rng::stream(1, "a").next() == Rng::stream(1, "a").next());
  CHECK(Rng::stream(1, "a").next() != Rng::stream(1, "b").next());
  CHECK(Rng::stream(1, "a").next() != Rng::stream(2, "a").next());
}

TEST_CASE("rng: uniform01 lies in the half-open unit interval with mean 1/2 and variance 1/12") {
  Rng rng(7);
  double s = 0, ss = 0;
  const int n = 1'000'000;
  for (int i = 0; i < n; ++i) {
    const double u = rng.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    s += u;
    ss += u * u;
  }
  CHECK(s / n == doctest::Approx(0.5).epsilon(0.002));
  CHECK(ss / n - (s / n) * (s / n) == doctest::Approx(1.0 / 12).epsilon(0.005));
}

TEST_CASE("rng: below(n) is uniform over 0..n-1") {
  Rng rng(3);
  std::vector<int> counts(7, 0);
  for (int i = 0; i < 700'000; ++i) ++counts[rng.below(7)];
  for (int c : counts) CHECK(c == doctest::Approx(100'000).epsilon(0.015));
}

TEST_CASE("distribution: each kind has the mean and coefficient of variation it was given") {
  const Duration mean = 10 * kMillisecond;
  struct Case {
    DistSpec::Kind kind;
    double cv;
  };
  for (Case c : {Case{DistSpec::Kind::Exponential, 1.0}, Case{DistSpec::Kind::Deterministic, 0.0},
                 Case{DistSpec::Kind::Lognormal, 0.5}, Case{DistSpec::Kind::Lognormal, 2.0},
                 Case{DistSpec::Kind::Gamma, 0.5}, Case{DistSpec::Kind::Gamma, 1.5},
                 Case{DistSpec::Kind::Uniform, 0.3}}) {
    DistSpec spec;
    spec.kind = c.kind;
    spec.mean = mean;
    spec.cv = c.cv;
    const Moments m = moments(Distribution(spec), 400'000, 11);
    INFO("kind ", static_cast<int>(c.kind), " cv ", c.cv);
    CHECK(m.mean == doctest::Approx(static_cast<double>(mean)).epsilon(0.01 + 0.01 * c.cv));
    const double cv = std::sqrt(std::max(0.0, m.var)) / m.mean;
    CHECK(cv == doctest::Approx(c.cv).epsilon(0.05).scale(1));
  }
}

TEST_CASE("distribution: an exponential's median is ln 2 times its mean") {
  Rng rng(5);
  const Distribution d = Distribution::exponential(kSecond);
  int below = 0;
  const int n = 200'000;
  for (int i = 0; i < n; ++i) below += d.sample(rng) < from_seconds(std::log(2.0));
  CHECK(static_cast<double>(below) / n == doctest::Approx(0.5).epsilon(0.01));
}

TEST_CASE("distribution: the first samples of every kind are pinned so that reports never drift silently") {
  const auto first = [](DistSpec::Kind kind, double cv) {
    DistSpec spec;
    spec.kind = kind;
    spec.mean = 10 * kMillisecond;
    spec.cv = cv;
    const Distribution d(spec);
    Rng rng = Rng::stream(7, "pin");
    std::vector<Duration> out;
    for (int i = 0; i < 4; ++i) out.push_back(d.sample(rng));
    return out;
  };
  using K = DistSpec::Kind;
  CHECK(first(K::Exponential, 1) == std::vector<Duration>{19203483, 1915507, 15406332, 5456702});
  CHECK(first(K::Deterministic, 0) == std::vector<Duration>{10000000, 10000000, 10000000, 10000000});
  CHECK(first(K::Lognormal, 1.5) == std::vector<Duration>{4037866, 1223210, 2049664, 4198367});
  CHECK(first(K::Gamma, 0.7) == std::vector<Duration>{6630165, 14138664, 6828983, 13552712});
  CHECK(first(K::Gamma, 2) == std::vector<Duration>{2995155, 2684536, 762425, 2970});
  CHECK(first(K::Uniform, 0.5) == std::vector<Duration>{3878169, 15640904, 5050585, 11376171});
}
