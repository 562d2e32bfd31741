// Look-ups on the plain scenario structs.
#include "headroom/scenario/spec.hpp"

namespace headroom {

const SourceLoc& ComponentSpec::loc_of(const std::string& key) const {
  const auto it = key_locs.find(key);
  return it == key_locs.end() ? loc : it->second;
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
