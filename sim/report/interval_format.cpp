#include "report/interval_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace headroom {

std::string interval_number(double v, double half_width, bool sign) {
  if (!std::isfinite(v)) return "-";
  // Two significant digits of the half-width; four of the value when the interval has no width
  // (a figure the seed does not move, such as an instance bill).
  const bool no_width = !std::isfinite(half_width) || half_width <= 1e-7 * std::fabs(v);
  const double mag = no_width ? std::fabs(v) : half_width;
  const int digits = no_width ? 4 : 2;
  const int decimals = mag == 0 ? 0 : std::clamp(digits - 1 - static_cast<int>(std::floor(std::log10(mag))), 0, 6);
  return sign ? fmt::format("{:+.{}f}", v, decimals) : fmt::format("{:.{}f}", v, decimals);
}

namespace {
// A half-width that is rounding, not spread (the figure does not move with the seed), shows as 0.
double shown_width(const Interval& ci, double scale) {
  return ci.half_width <= 1e-7 * std::fabs(ci.mean) ? 0 : ci.half_width * scale;
}
}  // namespace

std::string plus_minus(const Interval& ci, double scale, const char* unit) {
  if (ci.n == 0) return "-";
  const double hw = shown_width(ci, scale);
  return fmt::format("{}{} ± {}{}", interval_number(ci.mean * scale, hw), unit, interval_number(hw, hw), unit);
}

std::string bracket(const Interval& ci, double scale, bool sign) {
  if (ci.n == 0) return "";
  const double hw = shown_width(ci, scale);
  return fmt::format("[{}, {}]", interval_number(ci.low * scale, hw, sign), interval_number(ci.high * scale, hw, sign));
}

nlohmann::ordered_json interval_json(const Interval& ci) {
  return {{"mean", ci.mean}, {"half_width", ci.half_width}, {"low", ci.low}, {"high", ci.high}, {"sd", ci.sd}};
}

}  // namespace headroom
