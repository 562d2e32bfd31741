// headroom's budgets for one scenario (scenario/limits.hpp, spec.md §7 "Limits"): a run that
// would allocate gigabytes before its first event is refused with the key that asks for it.
#include <fmt/format.h>

#include <cstdint>

#include "headroom/core/units.hpp"
#include "headroom/scenario/limits.hpp"
#include "validate_detail.hpp"

namespace headroom::validate_detail {
namespace {

/// How many instances `c` allocates and the key that sets it, read from its fields (an Auto
/// Scaling group allocates its maximum up front), or 0 for a component of one endpoint.
std::pair<std::int64_t, const char*> instances_of(const ComponentSpec& c) {
  return std::visit(
      [](const auto& s) -> std::pair<std::int64_t, const char*> {
        if constexpr (requires { s.scaling; }) {
          if (s.scaling) return {s.scaling->max, "scaling"};
        }
        if constexpr (requires { s.count; }) return {s.count, "count"};
        else if constexpr (requires { s.nodes; }) return {s.nodes, "nodes"};
        else if constexpr (requires { s.shards; }) return {s.shards, "shards"};
        else return {0, ""};
      },
      c.kind);
}

}  // namespace

void validate_limits(const ScenarioSpec& spec, Diagnostics& out) {
  if (spec.duration > kMaxDuration)
    out.error(spec.loc_of("duration"), "duration",
              fmt::format("{} is longer than the {} a run may last (per-minute figures are allocated for "
                          "the whole run before it starts; spec.md §7)",
                          format_duration(spec.duration), format_duration(kMaxDuration)));
  std::int64_t total = 0;
  const ComponentSpec* largest = nullptr;
  std::int64_t largest_n = 0;
  const char* largest_key = "";
  for (const auto& c : spec.components) {
    const auto [n, key] = instances_of(c);
    total += n;
    if (n > largest_n) largest = &c, largest_n = n, largest_key = key;
  }
  if (total > kMaxInstances && largest) {
    const std::string here = total == largest_n ? "" : fmt::format(" ({} here)", grouped(static_cast<double>(largest_n)));
    out.error(largest->loc_of(largest_key), "components." + largest->name + "." + largest_key,
              fmt::format("{} instances in the scenario{} are more than the {} headroom simulates: each is "
                          "simulated one by one and allocated before the run (spec.md §7)",
                          grouped(static_cast<double>(total)), here, grouped(static_cast<double>(kMaxInstances))));
  }
}

}  // namespace headroom::validate_detail
