#include <doctest/doctest.h>

#include "headroom/workload/arrivals.hpp"
#include "headroom/workload/curve.hpp"

using namespace headroom;

namespace {
CurveSpec spike() {
  CurveSpec c;
  c.kind = CurveSpec::Kind::Spike;
  c.base = 100;
  c.peak = 1000;
  c.at = 60 * kSecond;
  c.rise = 10 * kSecond;
  c.hold = 30 * kSecond;
  c.decay = 20 * kSecond;
  return c;
}
}  // namespace

TEST_CASE("curve: a spike rises linearly, holds its peak and decays back to base") {
  const Curve c(spike(), kHour);
  CHECK(c.at(0) == 100);
  CHECK(c.at(65 * kSecond) == doctest::Approx(550));
  CHECK(c.at(80 * kSecond) == 1000);
  CHECK(c.at(110 * kSecond) == doctest::Approx(550));
  CHECK(c.at(200 * kSecond) == 100);
  CHECK(c.max_over(0, 61 * kSecond) == doctest::Approx(190));
  CHECK(c.max_over(0, kHour) == 1000);
}

TEST_CASE("curve: diurnal peaks at peak_at and bottoms out half a period later") {
  CurveSpec s;
  s.kind = CurveSpec::Kind::Diurnal;
  s.base = 200;
  s.peak = 1000;
  s.peak_at = 14 * kHour;
  const Curve c(s, kDay);
  CHECK(c.at(14 * kHour) == doctest::Approx(1000));
  CHECK(c.at(2 * kHour) == doctest::Approx(200));
  CHECK(c.max_over(13 * kHour, 15 * kHour) == doctest::Approx(1000));
  CHECK(c.max_over(0, kHour) == doctest::Approx(c.at(0)));
  CHECK(c.max_over(kHour, 3 * kHour) == doctest::Approx(c.at(kHour)));
  CHECK(curve_peak(s, kDay) == doctest::Approx(1000));
}

TEST_CASE("curve: step holds each value from its time on, ramp spans the run, sum adds") {
  CurveSpec step;
  step.kind = CurveSpec::Kind::Step;
  step.points = {{0, 10}, {kMinute, 50}, {2 * kMinute, 20}};
  const Curve c(step, kHour);
  CHECK(c.at(30 * kSecond) == 10);
  CHECK(c.at(90 * kSecond) == 50);
  CHECK(c.at(kHour) == 20);
  CurveSpec ramp;
  ramp.kind = CurveSpec::Kind::Ramp;
  ramp.from = 0;
  ramp.to = 100;
  CHECK(Curve(ramp, kHour).at(kHour / 4) == doctest::Approx(25));
  CurveSpec sum;
  sum.kind = CurveSpec::Kind::Sum;
  sum.terms = {step, ramp};
  CHECK(Curve(sum, kHour).at(kHour / 4) == doctest::Approx(45));
  scale_curve(sum, 2);
  CHECK(Curve(sum, kHour).at(kHour / 4) == doctest::Approx(90));
}

TEST_CASE("arrivals: a thinned Poisson process follows a spike's rate window by window") {
  ArrivalProcess p(Curve(spike(), 200 * kSecond), 1.0, 200 * kSecond, Rng(4));
  std::vector<int> per_second(200, 0);
  for (SimTime t = p.next(); t != kNever; t = p.next()) ++per_second[static_cast<std::size_t>(t / kSecond)];
  double before = 0, held = 0;
  for (int s = 0; s < 60; ++s) before += per_second[static_cast<std::size_t>(s)];
  for (int s = 70; s < 100; ++s) held += per_second[static_cast<std::size_t>(s)];
  CHECK(before / 60 == doctest::Approx(100).epsilon(0.05));
  CHECK(held / 30 == doctest::Approx(1000).epsilon(0.03));
}

TEST_CASE("arrivals: the users/think_time conversion gives users / think_time requests per second") {
  CurveSpec users;
  users.value = 1000;
  ArrivalProcess p(Curve(users, 100 * kSecond), 1.0 / 20, 100 * kSecond, Rng(8));
  int n = 0;
  while (p.next() != kNever) ++n;
  CHECK(n == doctest::Approx(5000).epsilon(0.05));
}
