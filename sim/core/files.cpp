// Input files read safely, outputs checked against them (spec.md §1, "Files").
#include "headroom/core/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <mutex>

#include "core/unique_fd.hpp"

namespace headroom {
namespace {

struct FileKey {
  dev_t dev;
  ino_t ino;
  bool operator==(const FileKey&) const = default;
};

struct InputRecord {
  FileKey key;
  std::string name;
};

std::mutex g_inputs_mutex;
std::vector<InputRecord> g_inputs;

const char* kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

std::string mib(std::uint64_t bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(bytes) / (1 << 20));
  return buf;
}

// Where a path that does not exist yet would be created: its directory made absolute and
// canonical (symlinks in it resolved), then its name; a dangling symlink is followed to where
// writing it would create the file.
std::string future_path(const std::string& path) {
  namespace fs = std::filesystem;
  const fs::path p = follow_symlinks(fs::absolute(path).string());
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(p.parent_path(), ec);
  return ((ec ? p.parent_path() : dir) / p.filename()).lexically_normal().string();
}

}  // namespace

InputText read_input_file(const std::string& path, std::uint64_t max_bytes) {
  InputText out;
  // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer, forever.
  UniqueFd f{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)};
  if (f.fd < 0) {
    const int e = errno;
    out.problem = e == ENOENT ? "no such file"
                  : e == EACCES ? "permission denied"
                                : std::string("cannot open it (") + std::strerror(e) + ")";
    return out;
  }
  struct stat st {};
  if (::fstat(f.fd, &st) != 0) {
    out.problem = std::string("cannot read it (") + std::strerror(errno) + ")";
    return out;
  }
  if (!S_ISREG(st.st_mode)) {
    out.problem = std::string("it is ") + kind_of(st.st_mode) + ", not a regular file";
    return out;
  }
  if (static_cast<std::uint64_t>(st.st_size) > max_bytes) {
    out.problem = "it is " + mib(static_cast<std::uint64_t>(st.st_size)) + ", more than the " + mib(max_bytes) +
                  " an input file may hold";
    return out;
  }
  // A regular file never blocks; the flag is cleared anyway so a short read means the end.
  ::fcntl(f.fd, F_SETFL, ::fcntl(f.fd, F_GETFL) & ~O_NONBLOCK);
  std::string text;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(f.fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      out.problem = std::string("cannot read it (") + std::strerror(errno) + ")";
      return out;
    }
    if (n == 0) break;
    // A file that grows while it is read (a log) stops at the cap too.
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      out.problem = "it holds more than the " + mib(max_bytes) + " an input file may hold";
      return out;
    }
    text.append(buf, static_cast<std::size_t>(n));
  }
  {
    const std::lock_guard<std::mutex> lock(g_inputs_mutex);
    g_inputs.push_back({FileKey{st.st_dev, st.st_ino}, path});
  }
  out.text = std::move(text);
  return out;
}

std::vector<std::string> input_files_read() {
  const std::lock_guard<std::mutex> lock(g_inputs_mutex);
  std::vector<std::string> names;
  for (const auto& r : g_inputs) names.push_back(r.name);
  return names;
}

std::vector<Diagnostic> output_file_problems(const std::vector<OutputFile>& outputs) {
  std::vector<Diagnostic> problems;
  const SourceLoc cli{"command line", 0, 0};
  std::vector<InputRecord> inputs;
  {
    const std::lock_guard<std::mutex> lock(g_inputs_mutex);
    inputs = g_inputs;
  }
  // What each output is: an existing file's device and inode, else where it would be created.
  std::vector<std::optional<FileKey>> keys;
  std::vector<std::string> futures;
  for (const auto& o : outputs) {
    keys.emplace_back();
    futures.emplace_back();
    if (o.path.empty() || o.path == "-") continue;
    const auto bad = [&](const std::string& message) {
      problems.push_back({cli, o.option, "'" + o.path + "' " + message});
    };
    struct stat st {};
    if (::stat(o.path.c_str(), &st) == 0) {
      keys.back() = FileKey{st.st_dev, st.st_ino};
      if (S_ISDIR(st.st_mode) || S_ISSOCK(st.st_mode) || S_ISBLK(st.st_mode)) {
        bad(std::string("is ") + kind_of(st.st_mode) + "; expected a file to write");
        continue;
      }
      if (S_ISREG(st.st_mode) && (st.st_mode & 0222) == 0) {
        bad(o.replaces_input ? "is read-only; make it writable (chmod u+w) to update it"
                             : "is read-only; choose another file or make it writable (chmod u+w)");
        continue;
      }
      if (!o.replaces_input)
        for (const auto& in : inputs)
          if (in.key == *keys.back()) {
            bad(in.name == o.path ? "is an input of this command; writing it would destroy it"
                                  : "is the same file as '" + in.name +
                                        "', an input of this command; writing it would destroy it");
            break;
          }
      continue;
    }
    futures.back() = future_path(o.path);
    const std::filesystem::path dir = std::filesystem::path(futures.back()).parent_path();
    struct stat ds {};
    if (::stat(dir.c_str(), &ds) != 0 || !S_ISDIR(ds.st_mode))
      bad("cannot be created: its directory '" + dir.string() + "' does not exist");
    else if (::access(dir.c_str(), W_OK | X_OK) != 0)
      bad("cannot be created: its directory '" + dir.string() + "' is not writable");
  }
  for (std::size_t i = 0; i < outputs.size(); ++i)
    for (std::size_t j = 0; j < i; ++j) {
      const bool same = (keys[i] && keys[j] && *keys[i] == *keys[j]) ||
                        (!futures[i].empty() && futures[i] == futures[j]);
      if (same) {
        problems.push_back({cli, outputs[i].option,
                            "'" + outputs[i].path + "' is also the file of " + outputs[j].option +
                                "; one would overwrite the other (give each output its own file)"});
        break;
      }
    }
  return problems;
}

void check_output_files(const std::vector<OutputFile>& outputs) {
  auto problems = output_file_problems(outputs);
  if (!problems.empty()) throw InputError(std::move(problems));
}

std::string follow_symlinks(const std::string& path) {
  namespace fs = std::filesystem;
  fs::path p = path;
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    if (!fs::is_symlink(fs::symlink_status(p, ec))) break;
    const fs::path target = fs::read_symlink(p, ec);
    if (ec) break;
    p = target.is_absolute() ? target : p.parent_path() / target;
  }
  return p.string();
}

}  // namespace headroom
