#pragma once
// What every command shares on the command line (spec.md §1): the one table of commands, parsing
// a command's options with its --help generated from their descriptions, and usage errors that
// name the command and its usage line.
#include <boost/program_options.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace headroom {

/// One command of `headroom COMMAND`: its name, its arguments as its usage line shows them, its
/// one-line summary for `headroom --help`, and the function that runs it.
struct CommandInfo {
  const char* name;
  const char* arguments;
  const char* summary;
  int (*run)(const std::vector<std::string>& args);
};

/// Every command, in the order `headroom --help` lists them.
const std::vector<CommandInfo>& command_table();

/// The command called `name`, or nullptr.
const CommandInfo* find_command(const std::string& name);

/// `headroom --help`: the usage, then every command with its one-line summary.
std::string general_help();

/// Bad usage of a command (exit 2). Its message reads "headroom COMMAND: WHAT (usage: headroom
/// COMMAND ARGS [options]; see headroom COMMAND --help)".
class UsageError : public std::runtime_error {
 public:
  UsageError(const std::string& command, const std::string& what);
};

/// `command`'s help: its usage line, its summary, its arguments (the option `positional`, if
/// any) and its options, each with its description.
std::string command_help(const std::string& command, const boost::program_options::options_description& opts,
                         const char* positional = nullptr);

/// Parses `command`'s arguments against `opts`, the bare ones going to the option `positional`
/// (`count` of them, -1 for all; nullptr for none), and runs the options' notifiers. Options are
/// matched exactly (no guessing from a prefix). With --help or -h anywhere, prints the command's
/// help and returns nothing. Throws UsageError for a missing argument, an unexpected one, or an
/// unknown option (with the closest known one).
std::optional<boost::program_options::variables_map> parse_command_line(
    const std::string& command, const std::vector<std::string>& args,
    const boost::program_options::options_description& opts, const char* positional = nullptr, int count = 1);

}  // namespace headroom
