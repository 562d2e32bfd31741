#pragma once
// A report as a JSON value (spec.md §5), for the writers that embed or adjust it before printing.
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "headroom/measure/report.hpp"

namespace headroom {

/// What to print instead of a figure, by its dotted key; nullopt keeps the report's value.
using FigureOverride = std::function<std::optional<double>(const std::string& path)>;

/// The document `to_json` prints; `override` (when given) replaces figures, written as reals.
nlohmann::ordered_json report_document(const Report& r, const FigureOverride& override = {});

}  // namespace headroom
