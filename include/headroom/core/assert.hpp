#pragma once
/// Internal invariants: a failure here is a headroom bug (exit 3), never a user's mistake.
#include <stdexcept>
#include <string>

namespace headroom {
/// Thrown by HEADROOM_ASSERT; the CLI reports it as an internal error, exit status 3.
class InternalError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};
[[noreturn]] void assert_fail(const char* expr, const char* file, int line, const std::string& msg);
}  // namespace headroom

#define HEADROOM_ASSERT(cond, msg) \
  do {                             \
    if (!(cond)) [[unlikely]]      \
      ::headroom::assert_fail(#cond, __FILE__, __LINE__, (msg)); \
  } while (0)
