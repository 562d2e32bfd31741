#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

#include "headroom/report/writers.hpp"

namespace headroom {

void write_file_atomic(const std::string& path, const std::string& content) {
  // Same directory as the target, so that rename() is atomic (no cross-device move).
  const std::string tmp = path + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write " + tmp);
    out << content;
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error("cannot write " + tmp);
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw std::runtime_error("cannot rename " + tmp + " to " + path);
  }
}

}  // namespace headroom
