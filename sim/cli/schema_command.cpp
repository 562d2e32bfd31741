// `headroom schema`: the JSON Schema of the scenario format, for editors and validators.
#include <iostream>

#include "cli/commands.hpp"
#include "headroom/scenario/schema.hpp"

namespace headroom {

int cmd_schema(const std::vector<std::string>& args) {
  if (!args.empty()) throw InputError("schema: takes no arguments (redirect its output to a file)");
  std::cout << scenario_json_schema();
  return 0;
}

}  // namespace headroom
