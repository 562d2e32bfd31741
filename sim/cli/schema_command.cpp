// `headroom schema`: the JSON Schema of the scenario format, for editors and validators.
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "headroom/scenario/schema.hpp"

namespace headroom {

int cmd_schema(const std::vector<std::string>& args) {
  const boost::program_options::options_description none("schema");
  if (!parse_command_line("schema", args, none)) return 0;
  std::cout << scenario_json_schema();
  return 0;
}

}  // namespace headroom
