#include "cli/commands.hpp"
#include "headroom/core/diagnostics.hpp"
namespace headroom {
int cmd_compare(const std::vector<std::string>&) { throw InputError("compare: not available yet"); }
}  // namespace headroom
