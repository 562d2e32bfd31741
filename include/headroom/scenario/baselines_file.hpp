#pragma once
/// A baselines file (`headroom check`, spec.md §6) as plain data: per scenario, the report figures
/// expected and their tolerances. Reading and rewriting it is headroom/yaml/baselines_reader.hpp's;
/// judging a report against it is the study layer's (headroom/study/baselines.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "headroom/core/diagnostics.hpp"

namespace headroom {

/// One expectation on one report key (`latency_ms.p99`, `capacity.users`, …). Any combination of
/// `value` with `tolerance`, `min` and `max`; all given must hold.
struct Expectation {
  std::string key;
  std::optional<double> value, min, max;
  double tolerance = 0;    ///< around `value`: a fraction of it when `relative`, else absolute
  bool relative = false;
  std::string tolerance_text;  ///< as written, e.g. "10%", to write back unchanged
  SourceLoc loc;
  /// Whether `actual` meets it.
  bool holds(double actual) const;
  /// "180 ± 10%", ">= 9000", "<= 0.1%" …
  std::string describe() const;
};

struct Baseline {
  std::string scenario;          ///< as written
  std::string resolved;          ///< the path to load
  std::optional<std::uint64_t> seed;
  std::vector<Expectation> expect;
  SourceLoc loc;
};

struct BaselineFile {
  std::string file;
  std::vector<Baseline> baselines;
  std::string text;  ///< the file as read: `--update` rewrites figures in it, keeping the rest
};

}  // namespace headroom
