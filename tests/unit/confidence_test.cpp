#include "headroom/study/confidence.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <utility>

using namespace headroom;

TEST_CASE(
    "statistics: the 0.975 quantile of Student t matches the NIST/SEMATECH handbook's printed "
    "table") {
  const std::pair<int, double> table[] = {
      {1, 12.706}, {2, 4.303},  {3, 3.182},  {4, 2.776},  {5, 2.571},  {9, 2.262},  {10, 2.228},
      {20, 2.086}, {29, 2.045}, {30, 2.042}, {40, 2.021}, {60, 2.000}, {100, 1.984}};
  for (const auto& row : table) {
    const int df = row.first;
    const double t = row.second;
    INFO("df = ", df);
    CHECK(std::fabs(student_t_975(df) - t) <= 5e-4);
  }
}

TEST_CASE(
    "statistics: the t quantile agrees with a 30-digit computation to nine decimals at any degrees "
    "of freedom") {
  const std::pair<int, double> exact[] = {
      {1, 12.7062047361747},   {2, 4.30265272974946},    {4, 2.77644510519779},
      {30, 2.04227245630124},  {31, 2.03951344639641},   {50, 2.00855911210076},
      {120, 1.97993040508244}, {1000, 1.96233908082641}, {1'000'000, 1.95996635681411}};
  for (const auto& row : exact) {
    const int df = row.first;
    const double t = row.second;
    INFO("df = ", df);
    CHECK(std::fabs(student_t_975(df) - t) < 1e-9);
  }
}

TEST_CASE("statistics: the t quantile falls as the degrees of freedom grow, towards the normal's") {
  for (int df = 1; df < 400; ++df) CHECK(student_t_975(df + 1) < student_t_975(df));
  CHECK(student_t_975(400) > 1.959964);
}

TEST_CASE("statistics: a sample's interval is its mean plus or minus t times its standard error") {
  const Interval ci = confidence_interval_95({1, 2, 3, 4, 5});
  CHECK(ci.n == 5);
  CHECK(ci.mean == doctest::Approx(3));
  CHECK(ci.sd == doctest::Approx(std::sqrt(2.5)));
  CHECK(ci.half_width == doctest::Approx(2.776445 * std::sqrt(2.5) / std::sqrt(5.0)));
  CHECK(ci.low == doctest::Approx(3 - ci.half_width));
  CHECK(ci.high == doctest::Approx(3 + ci.half_width));
  CHECK_FALSE(ci.contains_zero());
}

TEST_CASE("statistics: a sample of equal values has a zero-width interval") {
  const Interval ci = confidence_interval_95({0, 0, 0});
  CHECK(ci.half_width == 0);
  CHECK(ci.contains_zero());
}
