#pragma once
/// Rendering a Report: the JSON document of spec.md §5 and the terminal summary.
#include <string>

#include "headroom/measure/report.hpp"

namespace headroom {

/// The `--json` document, schema "headroom.report/1": every key of spec.md §5, always present.
std::string to_json(const Report& report);
/// The terminal summary: a few aligned tables.
std::string to_terminal(const Report& report);
/// Writes `content` to `path` through a temporary file in the same directory and a rename, so
/// that no reader ever sees a half-written file. Throws std::runtime_error on failure.
void write_file_atomic(const std::string& path, const std::string& content);

}  // namespace headroom
