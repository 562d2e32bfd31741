#pragma once
// Building the model of a validated scenario: every component through its kind's build step.
#include <cstdint>

#include "headroom/scenario/spec.hpp"
#include "topology/model.hpp"

namespace headroom {

/// Builds the model of a validated scenario; `seed` selects every component's streams.
Model build_model(const ScenarioSpec& spec, std::uint64_t seed);

}  // namespace headroom
