#pragma once
/// The user's files (spec.md §1, "Files"): inputs are read only when they are regular files under
/// a size cap, opened without ever blocking; an output may not name an input of the same command,
/// nor another output of it, nor anything but a file it can write.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "headroom/core/diagnostics.hpp"

namespace headroom {

/// Where `path` leads: itself, or the end of its chain of symlinks (relative links resolved from
/// their own directory; at most 40 hops, as the kernel's ELOOP limit).
std::string follow_symlinks(const std::string& path);

/// The largest input file headroom reads: 16 MiB. The largest bundled scenario is 4 KB and
/// a per-second trace of a whole day under 2 MB; yaml-cpp holds a document at about 20 times its
/// size, so the cap keeps a parse under a few hundred MB while /dev/zero or a mistaken log file
/// is refused before it is read.
inline constexpr std::uint64_t kMaxInputBytes = std::uint64_t{16} << 20;

/// An input file's text, or why there is none: `problem` is a phrase such as "it is a FIFO, not
/// a regular file" (without the path), for the caller to place in its diagnostic.
struct InputText {
  std::optional<std::string> text;
  std::string problem;
};

/// Reads `path` whole when it is a regular file (through symlinks) of at most `max_bytes`. A
/// directory, FIFO, device or socket is refused at once — it is opened without blocking and
/// never read — and a larger file is refused before its content is read. A file read is noted
/// as an input of this process, which outputs are checked against (check_output_files).
InputText read_input_file(const std::string& path, std::uint64_t max_bytes = kMaxInputBytes);

/// The files read_input_file has read in this process, as they were named.
std::vector<std::string> input_files_read();

/// One output of a command: the option that names it and its path ("-", standard output, is
/// never checked).
struct OutputFile {
  std::string option;
  std::string path;
  /// The command rewrites this input on purpose (`check --update`): only its writability counts.
  bool replaces_input = false;
};

/// What is wrong with `outputs`, located on the command line and named by their option: one that
/// is a file this process read as input (the same device and inode, so a symlink, a hard link or
/// `./x` for `x` is caught), two naming the same file, a directory, socket or block device, a
/// read-only file (no write bit, whoever runs it), a missing directory or one that cannot be
/// written. Nothing is created or opened.
std::vector<Diagnostic> output_file_problems(const std::vector<OutputFile>& outputs);

/// Throws InputError with every output_file_problems(outputs), if there is any.
void check_output_files(const std::vector<OutputFile>& outputs);

}  // namespace headroom
