#pragma once
/// The scenario reference (docs/scenarios.md), generated from the parameter registry so that the
/// documentation and the reader can never disagree.
#include <string>

namespace headroom {
/// Markdown: an introduction to the value syntax, then one table per section of the format.
std::string scenario_reference_markdown();
}  // namespace headroom
