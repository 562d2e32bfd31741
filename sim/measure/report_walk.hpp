#pragma once
// The shape of a JSON report (spec.md §5), written once: the JSON writer builds the document from
// this walk, and for_each_figure reads its numbers from the same walk, so that a figure's key,
// order and value cannot drift from what `--json` prints.
#include <cstdint>
#include <string>
#include <string_view>

#include "headroom/measure/figures.hpp"

namespace headroom {

/// A number as the report holds it: JSON prints a count without a decimal point, a real with one.
struct ReportNumber {
  enum class Kind { Real, Unsigned, Signed } kind = Kind::Real;
  double real = 0;
  std::uint64_t count = 0;
  std::int64_t integer = 0;
  double value() const {
    if (kind == Kind::Real) return real;
    return kind == Kind::Unsigned ? static_cast<double>(count) : static_cast<double>(integer);
  }
};

/// Receives the report's values in document order. `key` is the key in the enclosing object, or
/// the index in the enclosing array; `path` the dotted key from the root.
class ReportSink {
 public:
  virtual ~ReportSink() = default;
  virtual void open(std::string_view key, bool array) = 0;
  virtual void close() = 0;
  virtual void number(std::string_view key, const std::string& path, const ReportNumber& n, FigureTraits traits) = 0;
  virtual void text(std::string_view key, const std::string& value) = 0;
  virtual void flag(std::string_view key, bool value) = 0;
  virtual void null(std::string_view key) = 0;
};

/// Walks `r` into `sink`: the root object's contents (the sink opens the root itself).
void walk_report(const Report& r, ReportSink& sink);

}  // namespace headroom
