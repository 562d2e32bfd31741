#pragma once
/// The JSON Schema (draft-07) of the scenario format, generated from the parameter registry —
/// the definitions the loader validates with — so that editors (yaml-language-server) complete
/// and check keys. `headroom schema` prints it; docs/scenario.schema.json is its committed copy.
#include <string>

namespace headroom {

/// The schema as indented JSON text. Keys and sections not supported yet are left out, so that
/// an editor accepts only what `headroom validate` may accept. It checks structure — keys, value
/// shapes, enumerations, required keys — while units, ranges and references stay the loader's.
std::string scenario_json_schema();

}  // namespace headroom
