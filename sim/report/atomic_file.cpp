// Writing an output (spec.md §1, "Files"): whatever is at the path is written as `> path` would
// write it, never replaced by something else. A regular file gets the new content through a
// temporary file and a rename, keeping its mode and owner; a symlink is followed and its target
// written; a FIFO or character device (/dev/null, /dev/stdout, a `>(…)` process substitution) is
// written directly, never replaced; a hard-linked file is rewritten in place so that every link
// sees the new content; a directory, socket, block device or read-only file is refused.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "headroom/core/diagnostics.hpp"
#include "headroom/core/files.hpp"
#include "core/unique_fd.hpp"
#include "headroom/report/writers.hpp"

namespace headroom {
namespace {

std::string sys_error(const std::string& what, const std::string& path) {
  return "cannot " + what + " '" + path + "': " + std::strerror(errno);
}

void write_all(int fd, const std::string& content, const std::string& path) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw std::runtime_error(sys_error("write", path));
    done += static_cast<std::size_t>(n);
  }
}

// Writes into what is already there (a FIFO, a device, a hard-linked file), without replacing it.
void write_in_place(const std::string& path, const std::string& content, int flags) {
  UniqueFd f{::open(path.c_str(), O_WRONLY | O_CLOEXEC | flags)};
  if (f.fd < 0) {
    if (errno == ENXIO) throw InputError("cannot write '" + path + "': it is a FIFO that no process is reading");
    throw std::runtime_error(sys_error("open", path));
  }
  if (flags & O_NONBLOCK) ::fcntl(f.fd, F_SETFL, ::fcntl(f.fd, F_GETFL) & ~O_NONBLOCK);
  write_all(f.fd, content, path);
}

// /dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N: an open descriptor of this process, which
// must be written, not replaced by a new file.
bool is_descriptor(const std::string& path) {
  return path == "/dev/stdout" || path == "/dev/stderr" || path.rfind("/dev/fd/", 0) == 0 ||
         path.rfind("/proc/self/fd/", 0) == 0;
}

std::atomic<unsigned> g_serial{0};

}  // namespace

void write_file_atomic(const std::string& path, const std::string& content) {
  struct stat st {};
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && (S_ISDIR(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISBLK(st.st_mode)))
    throw InputError("cannot write '" + path + "': it is not a file (a directory, socket or block device)");
  if (exists && S_ISFIFO(st.st_mode)) {
    // O_NONBLOCK: with no reader the open fails at once (ENXIO) instead of waiting forever.
    write_in_place(path, content, O_NONBLOCK);
    return;
  }
  if (exists && S_ISCHR(st.st_mode)) {
    write_in_place(path, content, 0);
    return;
  }
  if (exists && is_descriptor(path)) {
    // /dev/stdout redirected to a file: add to what the shell opened, as `>> /dev/stdout` would.
    write_in_place(path, content, O_APPEND);
    return;
  }
  if (exists && (st.st_mode & 0222) == 0)
    throw InputError("cannot write '" + path + "': it is read-only");
  if (exists && st.st_nlink > 1) {
    // A rename would leave the other links with the old content: write the file itself.
    write_in_place(path, content, O_TRUNC);
    return;
  }
  const std::string target = follow_symlinks(path);
  // Same directory as the target, so that rename() is atomic (no cross-device move).
  const std::string tmp = target + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(g_serial++);
  {
    UniqueFd f{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666)};
    if (f.fd < 0) {
      // A directory we may not create in, holding a file we may write: write that file.
      if (exists && (errno == EACCES || errno == EPERM || errno == EROFS)) {
        write_in_place(target, content, O_TRUNC);
        return;
      }
      throw std::runtime_error(sys_error("create", tmp));
    }
    try {
      if (exists) {
        // The existing file's permissions (a 0600 secret stays 0600) and, where allowed, owner.
        if (::fchmod(f.fd, st.st_mode & 07777) != 0) throw std::runtime_error(sys_error("set the mode of", tmp));
        [[maybe_unused]] const int owned = ::fchown(f.fd, st.st_uid, st.st_gid);
      }
      write_all(f.fd, content, tmp);
      if (::fsync(f.fd) != 0) throw std::runtime_error(sys_error("write", tmp));
    } catch (...) {
      ::unlink(tmp.c_str());
      throw;
    }
  }
  if (std::rename(tmp.c_str(), target.c_str()) != 0) {
    const std::string message = sys_error("rename " + tmp + " to", target);
    ::unlink(tmp.c_str());
    throw std::runtime_error(message);
  }
}

}  // namespace headroom
