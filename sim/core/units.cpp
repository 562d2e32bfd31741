// The one unit table (STYLE rule 5): every quantity a scenario may contain is parsed here, so
// that `20ms` means the same thing in every key and every message names the same units.
#include "headroom/core/units.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace headroom {
namespace {

struct Unit {
  std::string_view name;
  double factor;
};

// Nanoseconds per unit. "µs" is accepted for those who type it; messages list only ASCII.
constexpr Unit kDurationUnits[] = {{"ns", 1},  {"us", 1e3}, {"\xC2\xB5s", 1e3}, {"ms", 1e6},
                                   {"s", 1e9}, {"m", 60e9}, {"h", 3600e9},      {"d", 86400e9}};
constexpr Unit kSizeUnits[] = {{"B", 1},
                               {"KB", 1e3},
                               {"MB", 1e6},
                               {"GB", 1e9},
                               {"TB", 1e12},
                               {"KiB", 1024.0},
                               {"MiB", 1024.0 * 1024},
                               {"GiB", 1024.0 * 1024 * 1024},
                               {"TiB", 1024.0 * 1024 * 1024 * 1024}};
constexpr Unit kCountSuffixes[] = {{"k", 1e3}, {"K", 1e3}, {"M", 1e6}, {"G", 1e9}};
constexpr Unit kRateUnits[] = {{"s", 1}, {"m", 60}, {"h", 3600}};

template <class T>
Parsed<T> fail(std::string message) {
  return Parsed<T>{std::variant<T, std::string>(std::in_place_index<1>, std::move(message))};
}
template <class T>
Parsed<T> good(T value) {
  return Parsed<T>{std::variant<T, std::string>(std::in_place_index<0>, value)};
}

std::string in_quotes(std::string_view s) {
  // Built by appending: GCC 12's -Wrestrict misfires on "'" + std::string(...) at -O3 (GCC PR 105651).
  std::string out;
  out.reserve(s.size() + 2);
  out += '\'';
  out += s;
  out += '\'';
  return out;
}

struct Number {
  double value = 0;
  std::size_t end = 0;  ///< index of the first character after the number (the unit)
};

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// A decimal number at the start of `s`: -?digits[.digits][e[+-]digits]. Hand-scanned (then
// converted by from_chars) so that the unit after it is never eaten and no locale, hex, "inf" or
// "nan" form slips through as strtod would let it.
std::optional<Number> scan_number(std::string_view s) {
  std::size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  std::size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      i = j;
    }
  }
  Number n;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + i, n.value);
  if (ec != std::errc() || ptr != s.data() + i || !std::isfinite(n.value)) return std::nullopt;
  n.end = i;
  return n;
}

const Unit* find_unit(std::string_view name, const Unit* begin, const Unit* end) {
  const Unit* u = std::find_if(begin, end, [&](const Unit& x) { return x.name == name; });
  return u == end ? nullptr : u;
}

bool has_space(std::string_view s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return std::isspace(static_cast<unsigned char>(c)); });
}

std::string without_space(std::string_view s) {
  std::string out;
  for (char c : s)
    if (!std::isspace(static_cast<unsigned char>(c))) out += c;
  return out;
}

bool looks_infinite(std::string_view s) {
  std::string low;
  for (char c : s) low += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return low.find("inf") != std::string::npos || low.find("nan") != std::string::npos;
}

// The checks every quantity shares, in the order users are helped most by: nothing there, a
// stray space (the classic "20 ms"), not a number at all, a negative number.
template <class T, class Parse>
std::optional<Parsed<T>> common_errors(const std::string& text, std::string_view example,
                                       std::string_view noun, Parse parse_again,
                                       std::optional<Number>& number) {
  if (text.empty()) return fail<T>("expected " + std::string(example) + ", found nothing");
  if (has_space(text)) {
    const std::string joined = without_space(text);
    if (!joined.empty() && parse_again(joined).ok())
      return fail<T>("unexpected space in " + in_quotes(text) + "; did you mean " + in_quotes(joined) +
                     "?");
    return fail<T>("unexpected space in " + in_quotes(text) + " (expected " + std::string(example) +
                   ")");
  }
  number = scan_number(text);
  if (!number) {
    if (looks_infinite(text)) return fail<T>(in_quotes(text) + " is not a finite number");
    return fail<T>("expected " + std::string(example) + ", found " + in_quotes(text));
  }
  if (number->value < 0)
    return fail<T>("negative " + std::string(noun) + " " + in_quotes(text) + " (" + std::string(noun) +
                   "s cannot be negative)");
  return std::nullopt;
}

// A non-negative count with an optional k/M/G suffix, the shared front half of counts and rates.
Parsed<double> count_of(const std::string& text, std::string_view example, std::string_view noun,
                        std::string_view tail_help) {
  std::optional<Number> n;
  if (auto e = common_errors<double>(
          text, example, noun, [](const std::string& t) { return parse_count(t); }, n))
    return *e;
  const std::string_view suffix = std::string_view(text).substr(n->end);
  if (suffix.empty()) return good(n->value);
  if (const Unit* u = find_unit(suffix, std::begin(kCountSuffixes), std::end(kCountSuffixes))) {
    // 1e308G is beyond a double: infinity must not pass for a number.
    if (!std::isfinite(n->value * u->factor)) return fail<double>(in_quotes(text) + " is not a finite number");
    return good(n->value * u->factor);
  }
  return fail<double>("unknown suffix " + in_quotes(suffix) + " in " + in_quotes(text) + " (" +
                      std::string(tail_help) + ")");
}

std::string trim_decimals(std::string s) {
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

Parsed<Duration> parse_duration(const std::string& text) {
  std::optional<Number> n;
  if (auto e = common_errors<Duration>(
          text, "a duration such as 20ms or 1.5s", "duration",
          [](const std::string& t) { return parse_duration(t); }, n))
    return *e;
  const std::string_view unit = std::string_view(text).substr(n->end);
  double factor = 1e9;  // a bare number is seconds
  if (!unit.empty()) {
    const Unit* u = find_unit(unit, std::begin(kDurationUnits), std::end(kDurationUnits));
    if (u == nullptr)
      return fail<Duration>("unknown unit " + in_quotes(unit) + " in " + in_quotes(text) +
                            " (durations take ns, us, ms, s, m, h, d)");
    factor = u->factor;
  }
  const double ns = n->value * factor;
  // 9.2e18 ns is the int64 limit, about 292 years; nothing simulated comes near it.
  if (ns >= 9.2e18)
    return fail<Duration>("duration " + in_quotes(text) + " is too long (at most about 292 years)");
  return good<Duration>(std::llround(ns));
}

Parsed<double> parse_size(const std::string& text) {
  std::optional<Number> n;
  if (auto e = common_errors<double>(
          text, "a size such as 200KB or 1.5GB", "size",
          [](const std::string& t) { return parse_size(t); }, n))
    return *e;
  const std::string_view unit = std::string_view(text).substr(n->end);
  if (unit.empty()) return good(n->value);  // bare bytes
  const Unit* u = find_unit(unit, std::begin(kSizeUnits), std::end(kSizeUnits));
  if (u == nullptr)
    return fail<double>("unknown unit " + in_quotes(unit) + " in " + in_quotes(text) +
                        " (sizes take B, KB, MB, GB, TB, KiB, MiB, GiB, TiB)");
  if (!std::isfinite(n->value * u->factor)) return fail<double>(in_quotes(text) + " is not a finite number");
  return good(n->value * u->factor);
}

Parsed<double> parse_fraction(const std::string& text) {
  std::optional<Number> n;
  if (auto e = common_errors<double>(
          text, "a fraction such as 0.1% or 0.001", "fraction",
          [](const std::string& t) { return parse_fraction(t); }, n))
    return *e;
  const std::string_view rest = std::string_view(text).substr(n->end);
  if (rest == "%") {
    if (n->value > 100) return fail<double>(text + " is more than 100%");
    return good(n->value / 100);
  }
  if (!rest.empty())
    return fail<double>("expected a fraction such as 0.1% or 0.001, found " + in_quotes(text));
  if (n->value > 1) return fail<double>(text + " is not a fraction; did you mean " + text + "%?");
  return good(n->value);
}

Parsed<double> parse_rate(const std::string& text) {
  constexpr std::string_view kExample = "a rate such as 500/s or 30000/m";
  if (has_space(text)) {
    const std::string joined = without_space(text);
    if (!joined.empty() && parse_rate(joined).ok())
      return fail<double>("unexpected space in " + in_quotes(text) + "; did you mean " +
                          in_quotes(joined) + "?");
    return fail<double>("unexpected space in " + in_quotes(text) + " (expected " +
                        std::string(kExample) + ")");
  }
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos)
    return count_of(text, kExample, "rate", "rates take a number per /s, /m or /h, e.g. 10k/s");
  const std::string per = text.substr(slash + 1);
  const Unit* u = find_unit(per, std::begin(kRateUnits), std::end(kRateUnits));
  if (u == nullptr)
    return fail<double>("unknown unit " + in_quotes("/" + per) + " in " + in_quotes(text) +
                        " (rates take /s, /m, /h)");
  const Parsed<double> amount =
      count_of(text.substr(0, slash), kExample, "rate", "counts take k, M, G");
  if (!amount.ok()) {
    if (amount.error().rfind("negative", 0) == 0)
      return fail<double>("negative rate " + in_quotes(text) + " (rates cannot be negative)");
    if (amount.error().rfind("unknown suffix", 0) == 0) return amount;
    if (amount.error().find("not a finite number") != std::string::npos)
      return fail<double>(in_quotes(text) + " is not a finite number");
    return fail<double>("expected " + std::string(kExample) + ", found " + in_quotes(text));
  }
  return good(amount.value() / u->factor);
}

Parsed<double> parse_count(const std::string& text) {
  return count_of(text, "a count such as 12, 10k or 2.5M", "count", "counts take k, M, G");
}

std::string format_duration(Duration d) {
  if (d == kNever) return "never";
  if (d < 0) return std::string(1, '-').append(format_duration(-d));
  if (d == 0) return "0s";
  // Minutes, hours and days read well only as whole numbers ("90s", not "1.5m"); seconds and
  // below may carry up to three decimals, and the largest unit that is exact wins.
  struct Shown {
    Duration unit;
    const char* name;
    bool whole_only;
  };
  constexpr Shown kShown[] = {{kDay, "d", true},           {kHour, "h", true},
                              {kMinute, "m", true},        {kSecond, "s", false},
                              {kMillisecond, "ms", false}, {kMicrosecond, "us", false}};
  for (const auto& s : kShown) {
    if (d < s.unit) continue;
    if (s.whole_only ? d % s.unit != 0 : d % (s.unit / 1000) != 0) continue;
    const Duration whole = d / s.unit, frac = d % s.unit;
    if (frac == 0) return std::to_string(whole) + s.name;
    std::string digits = std::to_string(frac / (s.unit / 1000));
    digits.insert(0, 3 - digits.size(), '0');
    return trim_decimals(std::to_string(whole) + "." + digits) + s.name;
  }
  return std::to_string(d) + "ns";
}

std::string grouped(double n) {
  const std::string digits = fmt::format("{:.0f}", std::fabs(n));
  // Appended, not inserted: GCC 12 at -O3 warns of an impossible memcpy in string::insert here.
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string plain_number(double v, int significant, bool sign) {
  if (!std::isfinite(v)) return fmt::format("{}", v);
  const double mag = std::fabs(v);
  const int decimals = mag == 0 ? 0 : std::clamp(significant - 1 - static_cast<int>(std::floor(std::log10(mag))), 0, 12);
  std::string s = sign ? fmt::format("{:+.{}f}", v, decimals) : fmt::format("{:.{}f}", v, decimals);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = sign ? "+0" : "0";  // a negative that rounds to nothing
  return s;
}

}  // namespace headroom
