#pragma once
// One function per command; each returns the process exit code, throws InputError for bad
// input (exit 2) and lets other exceptions through as internal errors (exit 3).
#include <string>
#include <vector>

namespace headroom {
int cmd_run(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_catalog(const std::vector<std::string>& args);
int cmd_reference(const std::vector<std::string>& args);
}  // namespace headroom

namespace headroom {
int cmd_capacity(const std::vector<std::string>& args);
int cmd_analyze(const std::vector<std::string>& args);
int cmd_journey(const std::vector<std::string>& args);
int cmd_check(const std::vector<std::string>& args);
int cmd_compare(const std::vector<std::string>& args);
}  // namespace headroom
