#pragma once
// Text for confidence intervals in tables: `5.012 ± 0.021`, `[4.991, 5.033]`, `-3.10 [-4.02, -2.18]`.
// Each number gets enough decimals for its half-width to show two significant digits.
#include <nlohmann/json.hpp>
#include <string>

#include "headroom/study/confidence.hpp"

namespace headroom {

/// `v` with the decimals that `half_width` calls for ("-" when not finite; four significant
/// digits when the interval has no width).
std::string interval_number(double v, double half_width, bool sign = false);
/// "mean ± half-width" (values times `scale`, each followed by `unit`); "-" for an empty interval.
std::string plus_minus(const Interval& ci, double scale = 1, const char* unit = "");
/// "[low, high]", times `scale`; `sign` prints "+" on positive numbers (differences).
std::string bracket(const Interval& ci, double scale = 1, bool sign = false);

}  // namespace headroom

namespace headroom {
/// {mean, half_width, low, high, sd}: an interval in the JSON documents.
nlohmann::ordered_json interval_json(const Interval& ci);
}  // namespace headroom
