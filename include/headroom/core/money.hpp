#pragma once
/// Money as an integer number of micro-USD (STYLE rule 5), so that a bill summed from thousands
/// of line items is exact and does not depend on the order of the additions.
#include <cmath>
#include <compare>
#include <cstdint>

namespace headroom {

/// An amount of US dollars, held as whole micro-dollars (1e-6 USD). One line item (a quantity
/// times a price) is rounded once, to the nearest micro-dollar; sums of items are then exact.
struct Money {
  std::int64_t micro_usd = 0;

  /// `usd` rounded to the nearest micro-dollar (half away from zero).
  static Money from_usd(double usd) { return Money{std::llround(usd * 1e6)}; }
  /// The amount in (floating-point) dollars, for reports.
  double usd() const { return static_cast<double>(micro_usd) * 1e-6; }

  Money& operator+=(Money o) {
    micro_usd += o.micro_usd;
    return *this;
  }
  friend Money operator+(Money a, Money b) { return a += b; }
  friend auto operator<=>(const Money&, const Money&) = default;
};

}  // namespace headroom
