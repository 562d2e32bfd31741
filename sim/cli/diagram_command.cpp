// `headroom diagram FILE [--format dot|mermaid] [--set K=V] [--output FILE]`: the topology as a graph.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "headroom/core/files.hpp"
#include "headroom/report/graph.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/yaml/load_scenario.hpp"

namespace po = boost::program_options;

namespace headroom {

int cmd_diagram(const std::vector<std::string>& args) {
  std::string file, format = "dot", output;
  std::vector<std::string> sets;
  po::options_description opts("diagram");
  opts.add_options()("file", po::value(&file)->required()->value_name("FILE"), "scenario file")(
      "format", po::value(&format)->value_name("dot|mermaid"),
      fmt::format("Graphviz DOT or Mermaid (default: {})", format).c_str())(
      "set", po::value(&sets)->composing()->value_name("PATH=VALUE"),
      "override a scenario key, e.g. --set components.web.count=4 (repeatable)")(
      "output,o", po::value(&output)->value_name("FILE"), "write the graph to FILE (default: standard output)");
  if (!parse_command_line("diagram", args, opts, "file")) return 0;
  const std::vector<std::string> formats = {"dot", "mermaid"};
  if (format != "dot" && format != "mermaid")
    throw InputError(std::vector<Diagnostic>{{SourceLoc{"command line", 0, 0}, "--format",
                                              fmt::format("expected dot or mermaid, got '{}'{}", format,
                                                          suggestion_suffix(format, formats))}});
  LoadOptions lo;
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw InputError(std::vector<Diagnostic>{{SourceLoc{"command line", 0, 0}, "--set", fmt::format("expected PATH=VALUE, got '{}'", s)}});
    lo.overrides.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  const ScenarioSpec spec = load_scenario(file, lo);
  check_output_files({{"--output", output}});
  const TopologyGraph graph = topology_graph(spec);
  const std::string text = format == "dot" ? to_dot(graph) : to_mermaid(graph);
  if (output.empty() || output == "-") std::cout << text;
  else write_file_atomic(output, text);
  return 0;
}

}  // namespace headroom
