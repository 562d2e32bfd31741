// headroom's command line (spec.md §1): COMMAND found in the one table of commands (command_line.cpp).
// Exit codes: 0 success, 1 an SLO or target not met, 2 bad usage or input, 3 internal error.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command_line.hpp"
#include "headroom/core/assert.hpp"
#include "headroom/core/diagnostics.hpp"
#include "headroom/core/printable.hpp"

namespace po = boost::program_options;
using namespace headroom;

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || (args[0] == "help" && args.size() == 1)) {
    std::cout << general_help();
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "headroom " << HEADROOM_VERSION << "\n";
    return 0;
  }
  // `headroom help COMMAND` is `headroom COMMAND --help`.
  if (args[0] == "help") args = {args[1], "--help"};
  const std::string command = args[0];
  args.erase(args.begin());
  try {
    if (const CommandInfo* c = find_command(command)) return c->run(args);
    std::vector<std::string> known;
    for (const auto& c : command_table()) known.push_back(c.name);
    std::cerr << fmt::format("headroom: unknown command '{}'{}\n{}", visible(command), visible(suggestion_suffix(command, known)),
                             "run `headroom --help` for the list of commands\n");
    return 2;
  } catch (const UsageError& e) {
    std::cerr << terminal_safe(e.what()) << "\n";
    return 2;
  } catch (const InputError& e) {
    if (e.items().empty()) std::cerr << "headroom: " << terminal_safe(e.what()) << "\n";
    for (const auto& d : e.items()) std::cerr << d.str() << "\n";
    return 2;
  } catch (const po::error& e) {
    std::cerr << "headroom: " << terminal_safe(e.what()) << "\nrun `headroom --help` for usage\n";
    return 2;
  } catch (const InternalError& e) {
    std::cerr << "headroom: " << terminal_safe(e.what()) << "\nthis is a bug in headroom; please report it\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "headroom: internal error: " << terminal_safe(e.what()) << "\n";
    return 3;
  }
}
