// Look-ups on the plain scenario structs.
#include "headroom/scenario/spec.hpp"

#include <algorithm>

namespace headroom {

const SourceLoc& ComponentSpec::loc_of(const std::string& key) const {
  const auto it = key_locs.find(key);
  return it == key_locs.end() ? loc : it->second;
}

// The look-ups below name a field, never a kind: any kind's spec with that field answers, so a
// new kind with an `origin`, a `host` or a stream consumer needs nothing here.

const std::string& ComponentSpec::origin() const {
  static const std::string kNone;
  return std::visit(
      [](const auto& s) -> const std::string& {
        if constexpr (requires { s.origin; }) return s.origin;
        else return kNone;
      },
      kind);
}

const std::string& ComponentSpec::host() const {
  static const std::string kNone;
  return std::visit(
      [](const auto& s) -> const std::string& {
        if constexpr (requires { s.host; }) return s.host;
        else return kNone;
      },
      kind);
}

const ConsumerSpec* ComponentSpec::consumer() const {
  return std::visit(
      [](const auto& s) -> const ConsumerSpec* {
        if constexpr (requires { s.consumer; }) return s.consumer ? &*s.consumer : nullptr;
        else if constexpr (requires { s.stream; }) return s.stream ? &*s.stream : nullptr;
        else return nullptr;
      },
      kind);
}

const SourceLoc& FaultSpec::loc_of(const std::string& key) const {
  const auto it = key_locs.find(key);
  return it == key_locs.end() ? loc : it->second;
}

const ComponentSpec* ScenarioSpec::find(const std::string& component) const {
  const auto it = std::lower_bound(component_index.begin(), component_index.end(), component,
                                   [](const auto& entry, const std::string& wanted) { return entry.first < wanted; });
  if (it != component_index.end() && it->first == component && it->second < components.size() &&
      components[it->second].name == component)
    return &components[it->second];
  // Not indexed (a spec built by hand, or changed since): a scan, which also answers every miss
  // of an up-to-date index; misses are unknown names, reported once each.
  for (const auto& c : components)
    if (c.name == component) return &c;
  return nullptr;
}

void ScenarioSpec::index_components() {
  component_index.clear();
  component_index.reserve(components.size());
  for (std::size_t i = 0; i < components.size(); ++i) component_index.emplace_back(components[i].name, i);
  // Stable: of two components with one name (an error reported by the loader) the first wins, as
  // with the scan.
  std::stable_sort(component_index.begin(), component_index.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
}

const SourceLoc& ScenarioSpec::loc_of(const std::string& key) const {
  const auto it = key_locs.find(key);
  return it == key_locs.end() ? loc : it->second;
}

}  // namespace headroom
