#include <doctest/doctest.h>

#include <cmath>

#include "headroom/study/confidence.hpp"

using namespace headroom;

TEST_CASE("statistics: the 0.975 quantile of Student t matches the printed tables") {
  CHECK(std::fabs(student_t_975(1) - 12.706) < 5e-4);
  CHECK(std::fabs(student_t_975(2) - 4.303) < 5e-4);
  CHECK(std::fabs(student_t_975(4) - 2.776) < 5e-4);
  CHECK(std::fabs(student_t_975(9) - 2.262) < 5e-4);
  CHECK(std::fabs(student_t_975(29) - 2.045) < 5e-4);
  CHECK(std::fabs(student_t_975(120) - 1.980) < 5e-4);
}

TEST_CASE("statistics: between and beyond the table the t quantile stays within 1e-5 of the exact one") {
  CHECK(std::fabs(student_t_975(50) - 2.008559) < 1e-5);
  CHECK(std::fabs(student_t_975(100) - 1.983972) < 1e-5);
  CHECK(std::fabs(student_t_975(31) - 2.039513) < 1e-5);
  CHECK(std::fabs(student_t_975(1000) - 1.962339) < 1e-5);
  CHECK(std::fabs(student_t_975(1'000'000) - 1.959966) < 1e-5);
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
