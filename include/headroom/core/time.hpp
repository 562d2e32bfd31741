#pragma once
/// Simulated time: signed 64-bit integer nanoseconds (±292 years), so that event order and
/// every report are exact and identical on every platform.
#include <cstdint>
#include <cmath>

namespace headroom {

/// A point in simulated time or a span of it, in nanoseconds.
using SimTime = std::int64_t;
using Duration = std::int64_t;

inline constexpr Duration kNanosecond = 1;
inline constexpr Duration kMicrosecond = 1'000;
inline constexpr Duration kMillisecond = 1'000'000;
inline constexpr Duration kSecond = 1'000'000'000;
inline constexpr Duration kMinute = 60 * kSecond;
inline constexpr Duration kHour = 60 * kMinute;
inline constexpr Duration kDay = 24 * kHour;
/// "Never": later than any reachable simulated time.
inline constexpr SimTime kNever = INT64_MAX;

/// Seconds (possibly fractional) to nanoseconds, rounded to nearest.
inline Duration from_seconds(double s) { return static_cast<Duration>(std::llround(s * 1e9)); }
inline double to_seconds(Duration d) { return static_cast<double>(d) * 1e-9; }
inline double to_millis(Duration d) { return static_cast<double>(d) * 1e-6; }

}  // namespace headroom
