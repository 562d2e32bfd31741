// Look-ups on the plain scenario structs.
#include "headroom/scenario/spec.hpp"

namespace headroom {

const SourceLoc& ComponentSpec::loc_of(const std::string& key) const {
  const auto it = key_locs.find(key);
  return it == key_locs.end() ? loc : it->second;
}

const std::string& ComponentSpec::origin() const {
  static const std::string kNone;
  if (const auto* cache = std::get_if<CacheSpec>(&kind)) return cache->origin;
  if (const auto* cdn = std::get_if<CloudFrontSpec>(&kind)) return cdn->origin;
  return kNone;
}

const std::string& ComponentSpec::host() const {
  static const std::string kNone;
  if (const auto* rds = std::get_if<RdsSpec>(&kind)) return rds->host;
  if (const auto* cache = std::get_if<CacheSpec>(&kind)) return cache->host;
  return kNone;
}

const ConsumerSpec* ComponentSpec::consumer() const {
  if (const auto* k = std::get_if<KinesisSpec>(&kind); k && k->consumer) return &*k->consumer;
  if (const auto* t = std::get_if<DynamoSpec>(&kind); t && t->stream) return &*t->stream;
  return nullptr;
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
