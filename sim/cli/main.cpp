// headroom's command line (spec.md §1). The only place Boost.Program_options is used.
// Exit codes: 0 success, 1 an SLO or target not met, 2 bad usage or input, 3 internal error.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "headroom/core/assert.hpp"
#include "headroom/core/diagnostics.hpp"

namespace po = boost::program_options;
using namespace headroom;

namespace {

const char* kUsage = R"(headroom — simulate the web-scaling journey on AWS

usage: headroom COMMAND [ARGS] [OPTIONS]

commands:
  run FILE            simulate one scenario and print its summary
  validate FILE...    check scenarios without simulating; print every problem
  catalog [SERVICE]   the built-in instance types and prices, with their sources
  reference           the scenario format's reference, in Markdown (docs/scenarios.md)
  capacity FILE       the largest peak load that meets the SLO, the bottleneck, the cost there
  journey [DIR]       every stage of the journey (default scenarios/journey): capacity, cost, faults
  check BASELINES     re-run baselined scenarios, exit 1 on a regression (--update rewrites them)
  compare A B         the same load and seeds on two scenarios: paired differences B - A with
                      95% intervals and a verdict per figure; --replications N (default 5),
                      --set-b PATH=VALUE (B only), --json, --markdown, --junit FILE (exit 0)
  analyze FILE        analytic queueing estimate (Erlang C, CTMC availability); --simulate beside it
  diagram FILE        the topology as a graph: --format dot|mermaid (default dot),
                      --output FILE, --set PATH=VALUE
  schema              the JSON Schema of the scenario format (docs/scenario.schema.json)

run options:
  --seed N            random seed (default: the scenario's `seed`)
  --duration D        simulated time, e.g. 2h (default: the scenario's `duration`)
  --users N           scale the load curve so that its peak is N users
  --set PATH=VALUE    override a scenario key, e.g. --set components.web.count=4 (repeatable)
  --json FILE         write the JSON report to FILE (- for standard output)
  --timeseries FILE   write a CSV row per interval: rates, p50/p99, pools (docs/report.md)
  --report FILE       write a self-contained HTML report with charts (docs/report.md)
  --interval D        the time series' interval (default 10s)
  --replications N    run seeds seed, seed+1, ..., seed+N-1; each figure as mean and 95% CI
  --threads N         simulations at once with --replications (default 2)
  --quiet             no terminal summary
  --max-events N      stop a run after N events (default 2e10)
  --max-in-flight N   stop a run with more than N requests in flight (default 4e6)
  capacity and journey also take --seed, --duration, --users and --set.

other options:
  --slo METRIC=LIMIT  capacity: the SLO to hold instead of the file's, e.g. --slo p99=250ms
  --json FILE         capacity, journey: the result as JSON
  --threads N         capacity, journey, check: simulations run at once (default: the cores)
  --update            check: rewrite the baselines' values from this run (atomically)
  --markdown FILE     check: a pull-request comment (before -> after, with the deltas)
  --junit FILE        check: JUnit XML, one test case per expectation
  --quiet             check: print only the expectations that failed
  --capacity          compare: also search each side's capacity (a lower one fails in JUnit)
  --simulate          analyze: simulate as well and show where the two part
  --format dot|mermaid, --output FILE   diagram
)";

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  if (args[0] == "--version") {
    std::cout << "headroom " << HEADROOM_VERSION << "\n";
    return 0;
  }
  const std::string command = args[0];
  args.erase(args.begin());
  // `headroom run --help` is what people type first: the usage covers every command's options.
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      return 0;
    }
  try {
    if (command == "run") return cmd_run(args);
    if (command == "validate") return cmd_validate(args);
    if (command == "catalog") return cmd_catalog(args);
    if (command == "reference") return cmd_reference(args);
    if (command == "capacity") return cmd_capacity(args);
    if (command == "analyze") return cmd_analyze(args);
    if (command == "journey") return cmd_journey(args);
    if (command == "check") return cmd_check(args);
    if (command == "compare") return cmd_compare(args);
    if (command == "diagram") return cmd_diagram(args);
    if (command == "schema") return cmd_schema(args);
    static const std::vector<std::string> later = {};
    for (const auto& c : later)
      if (command == c) {
        std::cerr << fmt::format("headroom: '{}' is not available yet in this release (it arrives with a later "
                                 "issue); see `headroom --help`\n", command);
        return 2;
      }
    std::vector<std::string> known = {"run",     "validate", "catalog", "reference", "capacity", "analyze",
                                      "journey", "check",    "compare", "diagram",   "schema"};
    known.insert(known.end(), later.begin(), later.end());
    std::cerr << fmt::format("headroom: unknown command '{}'{}\n{}", command, suggestion_suffix(command, known),
                             "run `headroom --help` for the list of commands\n");
    return 2;
  } catch (const InputError& e) {
    if (e.items().empty()) std::cerr << "headroom: " << e.what() << "\n";
    for (const auto& d : e.items()) std::cerr << d.str() << "\n";
    return 2;
  } catch (const po::error& e) {
    std::cerr << "headroom: " << e.what() << "\nrun `headroom --help` for usage\n";
    return 2;
  } catch (const InternalError& e) {
    std::cerr << "headroom: " << e.what() << "\nthis is a bug in headroom; please report it\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "headroom: internal error: " << e.what() << "\n";
    return 3;
  }
}
