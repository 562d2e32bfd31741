#include "cli/commands.hpp"
#include "headroom/core/diagnostics.hpp"
namespace headroom {
int cmd_check(const std::vector<std::string>&) { throw InputError("check: not available yet"); }
}  // namespace headroom
