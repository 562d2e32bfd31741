// Look-ups on the plain scenario structs.
#include "headroom/scenario/spec.hpp"

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
  // A linear scan: scenarios have tens of components and this runs while building, not simulating.
  for (const auto& c : components)
    if (c.name == component) return &c;
  return nullptr;
}

const SourceLoc& ScenarioSpec::loc_of(const std::string& key) const {
  const auto it = key_locs.find(key);
  return it == key_locs.end() ? loc : it->second;
}

}  // namespace headroom
