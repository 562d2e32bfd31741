#pragma once
#include <string>

namespace headroom::testing {

struct CliResult {
  int status = -1;
  std::string out, err;
};

/// Runs the headroom binary with `args` (a shell-quoted string) from the source directory.
CliResult run_cli(const std::string& args);

/// The report as JSON text without the `sim` block, whose timings vary run to run.
std::string without_sim(const std::string& json_text);

std::string read_file(const std::string& path);

}  // namespace headroom::testing
