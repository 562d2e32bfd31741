#pragma once
#include <string>

namespace headroom::testing {

struct CliResult {
  int status = -1;
  std::string out, err;
};

/// Runs the headroom binary with `args` (a shell-quoted string) from the source directory; with
/// `timeout_s`, killed after that many seconds (status 124), for what must not block.
CliResult run_cli(const std::string& args, int timeout_s = 0);

/// The report as JSON text without the `sim` block, whose timings vary run to run (and, in a
/// replicated report, without the intervals of its keys).
std::string without_sim(const std::string& json_text);

std::string read_file(const std::string& path);

/// Whether `text` contains `part`.
inline bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }
/// Whether the command's standard error says `words`.
inline bool says(const CliResult& r, const std::string& words) { return has(r.err, words); }

}  // namespace headroom::testing
