#include "headroom/core/units.hpp"

#include <doctest/doctest.h>

#include <string>

using namespace headroom;

namespace {
Duration dur(const std::string& s) {
  const auto p = parse_duration(s);
  REQUIRE_MESSAGE(p.ok(), s);
  return p.value();
}
template <class P>
std::string err(const P& p) {
  REQUIRE(!p.ok());
  return p.error();
}
double val(const Parsed<double>& p) {
  REQUIRE(p.ok());
  return p.value();
}
}  // namespace

TEST_CASE("units: every duration unit converts to integer nanoseconds") {
  CHECK(dur("7ns") == 7);
  CHECK(dur("250us") == 250 * kMicrosecond);
  CHECK(dur("250\xC2\xB5s") == 250 * kMicrosecond);
  CHECK(dur("20ms") == 20 * kMillisecond);
  CHECK(dur("1.5s") == 1500 * kMillisecond);
  CHECK(dur("5m") == 5 * kMinute);
  CHECK(dur("2h") == 2 * kHour);
  CHECK(dur("1d") == kDay);
  CHECK(dur("0") == 0);
  CHECK(dur("1e3ms") == kSecond);
  CHECK(dur(".5s") == 500 * kMillisecond);
}

TEST_CASE("units: a bare number of seconds is a duration") {
  CHECK(dur("30") == 30 * kSecond);
  CHECK(dur("0.25") == 250 * kMillisecond);
}

TEST_CASE("units: durations round to the nearest nanosecond") {
  CHECK(dur("0.1s") == 100'000'000);
  CHECK(dur("1.4ns") == 1);
  CHECK(dur("1.5ns") == 2);
  CHECK(dur("0.0000000016") == 2);
}

TEST_CASE("units: a bad duration says what was wrong and what is accepted") {
  CHECK(err(parse_duration("45mins")) ==
        "unknown unit 'mins' in '45mins' (durations take ns, us, ms, s, m, h, d)");
  CHECK(err(parse_duration("20 ms")) == "unexpected space in '20 ms'; did you mean '20ms'?");
  CHECK(err(parse_duration("20 m s x")) ==
        "unexpected space in '20 m s x' (expected a duration such as 20ms or 1.5s)");
  CHECK(err(parse_duration("-5s")) == "negative duration '-5s' (durations cannot be negative)");
  CHECK(err(parse_duration("")) == "expected a duration such as 20ms or 1.5s, found nothing");
  CHECK(err(parse_duration("fast")) == "expected a duration such as 20ms or 1.5s, found 'fast'");
  CHECK(err(parse_duration(".inf")) == "'.inf' is not a finite number");
  CHECK(err(parse_duration("nan")) == "'nan' is not a finite number");
  CHECK(err(parse_duration("1e300s")) == "duration '1e300s' is too long (at most about 292 years)");
  CHECK(err(parse_duration("10ms5")) ==
        "unknown unit 'ms5' in '10ms5' (durations take ns, us, ms, s, m, h, d)");
}

TEST_CASE("units: sizes use powers of 1000, and of 1024 for the binary units") {
  CHECK(val(parse_size("512")) == 512);
  CHECK(val(parse_size("512B")) == 512);
  CHECK(val(parse_size("200KB")) == 200e3);
  CHECK(val(parse_size("1.5MB")) == 1.5e6);
  CHECK(val(parse_size("1.5GB")) == 1.5e9);
  CHECK(val(parse_size("2TB")) == 2e12);
  CHECK(val(parse_size("64KiB")) == 65536);
  CHECK(val(parse_size("1MiB")) == 1048576);
  CHECK(val(parse_size("1GiB")) == 1073741824.0);
  CHECK(val(parse_size("1TiB")) == 1099511627776.0);
  CHECK(err(parse_size("200kb")) ==
        "unknown unit 'kb' in '200kb' (sizes take B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
  CHECK(err(parse_size("-1KB")) == "negative size '-1KB' (sizes cannot be negative)");
}

TEST_CASE("units: fractions are percentages or numbers between 0 and 1") {
  CHECK(val(parse_fraction("0.1%")) == doctest::Approx(0.001));
  CHECK(val(parse_fraction("60%")) == doctest::Approx(0.6));
  CHECK(val(parse_fraction("100%")) == 1);
  CHECK(val(parse_fraction("0.25")) == 0.25);
  CHECK(val(parse_fraction("1")) == 1);
  CHECK(val(parse_fraction("0")) == 0);
  CHECK(err(parse_fraction("90")) == "90 is not a fraction; did you mean 90%?");
  CHECK(err(parse_fraction("150%")) == "150% is more than 100%");
  CHECK(err(parse_fraction("-5%")) == "negative fraction '-5%' (fractions cannot be negative)");
  CHECK(err(parse_fraction("5 %")) == "unexpected space in '5 %'; did you mean '5%'?");
  CHECK(err(parse_fraction("half")) == "expected a fraction such as 0.1% or 0.001, found 'half'");
  CHECK(err(parse_fraction("5%%")) == "expected a fraction such as 0.1% or 0.001, found '5%%'");
}

TEST_CASE("units: rates are per second, per minute or per hour") {
  CHECK(val(parse_rate("500/s")) == 500);
  CHECK(val(parse_rate("30000/m")) == 500);
  CHECK(val(parse_rate("7200/h")) == 2);
  CHECK(val(parse_rate("10k/s")) == 10000);
  CHECK(val(parse_rate("250")) == 250);
  CHECK(val(parse_rate("2.5k")) == 2500);
  CHECK(err(parse_rate("500/sec")) == "unknown unit '/sec' in '500/sec' (rates take /s, /m, /h)");
  CHECK(err(parse_rate("-5/s")) == "negative rate '-5/s' (rates cannot be negative)");
  CHECK(err(parse_rate("500 /s")) == "unexpected space in '500 /s'; did you mean '500/s'?");
  CHECK(err(parse_rate("lots/s")) == "expected a rate such as 500/s or 30000/m, found 'lots/s'");
  CHECK(err(parse_rate("5x/s")) == "unknown suffix 'x' in '5x' (counts take k, M, G)");
}

TEST_CASE("units: counts take k, M and G suffixes") {
  CHECK(val(parse_count("12")) == 12);
  CHECK(val(parse_count("10k")) == 10000);
  CHECK(val(parse_count("10K")) == 10000);
  CHECK(val(parse_count("2.5M")) == 2.5e6);
  CHECK(val(parse_count("1G")) == 1e9);
  CHECK(err(parse_count("3x")) == "unknown suffix 'x' in '3x' (counts take k, M, G)");
  CHECK(err(parse_count("-3")) == "negative count '-3' (counts cannot be negative)");
  CHECK(err(parse_count("many")) == "expected a count such as 12, 10k or 2.5M, found 'many'");
}

TEST_CASE("units: durations format back in the shortest exact readable form") {
  CHECK(format_duration(0) == "0s");
  CHECK(format_duration(250 * kMicrosecond) == "250us");
  CHECK(format_duration(20 * kMillisecond) == "20ms");
  CHECK(format_duration(1500 * kMillisecond) == "1.5s");
  CHECK(format_duration(1050 * kMillisecond) == "1.05s");
  CHECK(format_duration(90 * kSecond) == "90s");
  CHECK(format_duration(5 * kMinute) == "5m");
  CHECK(format_duration(2 * kHour) == "2h");
  CHECK(format_duration(36 * kHour) == "36h");
  CHECK(format_duration(kDay) == "1d");
  CHECK(format_duration(7) == "7ns");
  CHECK(format_duration(1'234'567) == "1234.567us");
  CHECK(format_duration(-20 * kMillisecond) == "-20ms");
  CHECK(format_duration(kNever) == "never");
}

TEST_CASE("units: a formatted duration parses back to the same value") {
  for (Duration d : {Duration{1}, 999 * kMicrosecond, 1500 * kMillisecond, 61 * kSecond,
                     90 * kMinute, 3 * kDay, Duration{123'456'789}})
    CHECK(dur(format_duration(d)) == d);
}

TEST_CASE("units: a count, rate or size that overflows its suffix is not a finite number") {
  CHECK(parse_count("1e308G").error() == "'1e308G' is not a finite number");
  CHECK(parse_rate("1e308G/s").error() == "'1e308G/s' is not a finite number");
  CHECK(parse_size("1e308TB").error() == "'1e308TB' is not a finite number");
  CHECK(parse_rate("1e290G/h").ok());
}

TEST_CASE("units: grouped puts a comma between every three digits from the right, sign first") {
  CHECK(grouped(0) == "0");
  CHECK(grouped(999) == "999");
  CHECK(grouped(1000) == "1,000");
  CHECK(grouped(100000) == "100,000");
  CHECK(grouped(1234567.4) == "1,234,567");
  CHECK(grouped(-1234567) == "-1,234,567");
  CHECK(grouped(-12) == "-12");
}
