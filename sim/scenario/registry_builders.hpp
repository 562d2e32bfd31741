#pragma once
// Short constructors for registry entries, shared by the files that register sections.
#include <string>
#include <utility>
#include <vector>

#include "headroom/scenario/registry.hpp"

namespace headroom::registry_detail {

inline ParamInfo opt(std::string key, ValueKind kind, std::string default_text, std::string help) {
  ParamInfo p;
  p.key = std::move(key);
  p.kind = kind;
  p.default_text = std::move(default_text);
  p.help = std::move(help);
  return p;
}

inline ParamInfo req(std::string key, ValueKind kind, std::string help) {
  ParamInfo p = opt(std::move(key), kind, "", std::move(help));
  p.required = true;
  return p;
}

inline ParamInfo one_of(std::string key, std::vector<std::string> choices, std::string default_text,
                        std::string help) {
  ParamInfo p = opt(std::move(key), ValueKind::Enum, std::move(default_text), std::move(help));
  p.choices = std::move(choices);
  return p;
}

inline ParamInfo later(std::string key, ValueKind kind, std::string help, std::string message) {
  ParamInfo p = opt(std::move(key), kind, "", std::move(help));
  p.not_supported = std::move(message);
  return p;
}

inline SectionInfo section(std::string name, std::string help, std::vector<ParamInfo> params) {
  SectionInfo s;
  s.name = std::move(name);
  s.help = std::move(help);
  s.params = std::move(params);
  return s;
}

/// A component type's section, "component." + type, with its required `type` key first.
inline SectionInfo component(const std::string& type, ComponentReader read, std::string help,
                             std::vector<ParamInfo> params) {
  params.insert(params.begin(), req("type", ValueKind::Enum, "the component type"));
  SectionInfo s = section("component." + type, std::move(help), std::move(params));
  s.read = read;
  return s;
}

/// Why a stream must end a path: HopRules::last_reason.
inline constexpr const char* kAsynchronous =
    "is asynchronous: a request ends when it accepts the record, so it must be the last hop "
    "(what happens next is its consumer's work)";

/// `s` with the path rules and the cross-component check of its kind.
inline SectionInfo with_rules(SectionInfo s, HopRules hop, ComponentValidator validate = nullptr) {
  s.hop = std::move(hop);
  s.validate = validate;
  return s;
}

/// The `azs` key most kinds share.
inline ParamInfo azs() { return opt("azs", ValueKind::List, "[a]", "availability zones, spread evenly"); }

/// Registers the fault kinds (registry_faults.cpp).
void register_fault_params(ParamRegistry& registry);

}  // namespace headroom::registry_detail
