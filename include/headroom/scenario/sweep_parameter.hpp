#pragma once
/// One swept key of a sweep: or optimize: block (spec.md §9): a `--set` path and the values it
/// takes, in order.
#include <string>
#include <vector>

#include "headroom/core/diagnostics.hpp"

namespace headroom {

struct SweepParameter {
  std::string path;
  std::vector<std::string> values;  ///< each a YAML scalar or flow node, as `--set` takes it
  SourceLoc loc;
};

}  // namespace headroom
