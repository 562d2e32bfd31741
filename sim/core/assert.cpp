// HEADROOM_ASSERT's failure path: kept out of line so that the macro stays one branch.
#include "headroom/core/assert.hpp"

#include <string>

namespace headroom {

void assert_fail(const char* expr, const char* file, int line, const std::string& msg) {
  std::string what = "internal error at ";
  what += file;
  what += ':';
  what += std::to_string(line);
  what += ": ";
  what += expr;
  if (!msg.empty()) {
    what += ": ";
    what += msg;
  }
  throw InternalError(what);
}

}  // namespace headroom
