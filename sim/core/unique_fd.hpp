#pragma once
// A file descriptor closed on every path out of the scope that opened it.
#include <unistd.h>

namespace headroom {

struct UniqueFd {
  int fd;
  ~UniqueFd() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace headroom
