#pragma once
// Shared helpers of the loader tests: read text as a scenario, or collect its errors.
#include <doctest/doctest.h>

#include <string>
#include <variant>

#include "headroom/yaml/load_scenario.hpp"

namespace headroom::testing {

inline ScenarioSpec load(const std::string& text, const LoadOptions& options = {}) {
  return load_scenario_text(text, "scenario.yaml", options);
}

/// Every diagnostic of reading `text`, joined; "" when it reads cleanly.
inline std::string errors(const std::string& text, const LoadOptions& options = {},
                          const std::string& label = "scenario.yaml") {
  try {
    (void)load_scenario_text(text, label, options);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

/// The smallest valid scenario: one class through one ec2 pool.
inline const char* const kMinimal = R"(load: {users: 100, think_time: 10s}
traffic: [{name: all, share: 100%, path: [web]}]
components:
  web: {type: ec2, cpu: 10ms}
)";

/// The type-specific spec of component `name`, which must exist and be a T.
template <class T>
const T& kind_of(const ScenarioSpec& s, const std::string& name) {
  const ComponentSpec* c = s.find(name);
  REQUIRE(c != nullptr);
  const T* k = std::get_if<T>(&c->kind);
  REQUIRE(k != nullptr);
  return *k;
}

}  // namespace headroom::testing
