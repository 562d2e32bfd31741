#pragma once
/// The one unit table: parsing the quantities a scenario may contain (spec.md §2).
/// Each parser returns the value, or an error message that says what was expected.
#include <string>
#include <variant>

#include "headroom/core/time.hpp"

namespace headroom {

/// A parsed value or the reason it could not be parsed (a complete sentence fragment such as
/// "unknown unit 'mins' in '45mins' (durations take ns, us, ms, s, m, h, d)").
template <class T>
struct Parsed {
  std::variant<T, std::string> v;
  bool ok() const { return v.index() == 0; }
  const T& value() const { return std::get<0>(v); }
  const std::string& error() const { return std::get<1>(v); }
};

/// Binary size units, bytes (`KiB`, `MiB`, `GiB` in a scenario; AWS sizes EBS in GiB, MiB/s).
inline constexpr double kKiB = 1024.0, kMiB = 1024.0 * kKiB, kGiB = 1024.0 * kMiB, kTiB = 1024.0 * kGiB;

/// `250us`, `20ms`, `1.5s`, `5m`, `2h`, `1d`, or a bare number of seconds. Negative is an error.
Parsed<Duration> parse_duration(const std::string& text);
/// `200KB`, `1.5GB` (powers of 1000), `64KiB`, `1GiB` (powers of 1024), `512B`, or bare bytes.
Parsed<double> parse_size(const std::string& text);
/// `0.1%` or a fraction in [0, 1].
Parsed<double> parse_fraction(const std::string& text);
/// `500/s`, `30000/m`, `2/h`, or a bare number per second; `10k/s` allowed.
Parsed<double> parse_rate(const std::string& text);
/// `12`, `10k`, `2.5M`, `1G` (powers of 1000). Non-negative.
Parsed<double> parse_count(const std::string& text);

/// A duration as users read it back: "250us", "20ms", "1.5s", "5m", "2h".
std::string format_duration(Duration d);
/// 15400 -> "15,400": a whole count with thousands separators.
std::string grouped(double n);
/// `significant` digits, never in scientific notation (a PR comment read "-2.45e-05" for a cost
/// delta): 570.674, 0.0000245, 15100000; trailing zeros after the point dropped; `sign` writes a
/// "+" on positives. Numbers beyond 1e15 keep their integer digits.
std::string plain_number(double v, int significant = 6, bool sign = false);

}  // namespace headroom
