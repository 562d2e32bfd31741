#include "cli/command_line.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "headroom/core/diagnostics.hpp"

namespace po = boost::program_options;

namespace headroom {
namespace {

constexpr std::size_t kLineWidth = 100;  // help text wraps here
constexpr std::size_t kMaxLeft = 26;     // a longer name or command puts its text on the next line
// The hidden option the arguments beyond a command's positional ones go to; it has a space in its
// name so that no option typed on a command line can be taken for it.
constexpr const char* kExtra = "unexpected argument";

struct Row {
  std::string left, text;
};

/// `text` as lines of at most `width` characters, broken between words.
std::vector<std::string> wrap(const std::string& text, std::size_t width) {
  std::vector<std::string> lines(1);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t space = std::min(text.find(' ', start), text.size());
    const std::string word = text.substr(start, space - start);
    start = space + 1;
    if (!lines.back().empty() && lines.back().size() + 1 + word.size() > width) lines.emplace_back();
    lines.back() += (lines.back().empty() ? "" : " ") + word;
  }
  return lines;
}

/// Rows as two columns, the text wrapped at kLineWidth and aligned after the widest left column.
std::string columns(const std::vector<Row>& rows, std::size_t width) {
  const std::size_t indent = 2 + width + 2;
  std::string out;
  for (const auto& r : rows) {
    std::string line = "  " + r.left;
    if (r.left.size() > width) {
      out += line + "\n";
      line.clear();
    }
    for (const auto& text : wrap(r.text, kLineWidth - indent)) {
      line.resize(indent, ' ');
      out += line + text + "\n";
      line.clear();
    }
  }
  return out;
}

std::size_t left_width(const std::vector<Row>& rows) {
  std::size_t width = 0;
  for (const auto& r : rows)
    if (r.left.size() <= kMaxLeft) width = std::max(width, r.left.size());
  return width;
}

/// "-q, --quiet" or "    --seed N": long names aligned whether or not a short one comes first.
std::string option_name(const po::option_description& o) {
  const std::string shorter = o.canonical_display_name(po::command_line_style::allow_dash_for_short);
  const bool has_short = shorter.size() == 2 && shorter[0] == '-';
  const std::string parameter = o.format_parameter();
  return (has_short ? shorter + ", " : std::string("    ")) + "--" + o.long_name() +
         (parameter.empty() ? "" : " " + parameter);
}

std::string usage_line(const std::string& command) {
  const CommandInfo* c = find_command(command);
  const std::string arguments = c && *c->arguments ? std::string(" ") + c->arguments : "";
  return fmt::format("headroom {}{} [options]", command, arguments);
}

}  // namespace

const std::vector<CommandInfo>& command_table() {
  static const std::vector<CommandInfo> table = {
      {"run", "FILE", "simulate one scenario and print its summary", cmd_run},
      {"validate", "FILE...", "check scenarios without simulating; print every problem", cmd_validate},
      {"catalog", "[SERVICE]", "the built-in instance types and prices, with their sources", cmd_catalog},
      {"reference", "", "the scenario format's reference, in Markdown (docs/scenarios.md)", cmd_reference},
      {"capacity", "FILE", "the largest peak load that meets the SLO, the bottleneck, the cost there", cmd_capacity},
      {"journey", "[DIR]", "every stage of the journey: capacity, bottleneck, cost, the single faults it survives",
       cmd_journey},
      {"check", "BASELINES", "re-run baselined scenarios, exit 1 on a regression (--update rewrites them)",
       cmd_check},
      {"compare", "A B",
       "the same load and seeds on two scenarios: paired differences B - A with 95% intervals and a verdict per "
       "figure",
       cmd_compare},
      {"sweep", "FILE", "a scenario over a declared space of --set values and seeds: every figure per point with its "
       "95% interval, the cost/p99 Pareto front (--shard K/N, MPI: docs/scaling-out.md)", cmd_sweep},
      {"merge", "SHARD.json...", "combine the --json files of a sweep's (or optimize's) shards into the whole result",
       cmd_merge},
      {"optimize", "FILE",
       "the cheapest configuration of a declared space that meets the SLO at a load, survives the named faults and "
       "fits a budget; the Pareto front of cost against p99",
       cmd_optimize},
      {"analyze", "FILE", "the analytic queueing estimate (Erlang C, CTMC availability), no simulation",
       cmd_analyze},
      {"diagram", "FILE", "the topology as a graph, in Graphviz DOT or Mermaid", cmd_diagram},
      {"schema", "", "the JSON Schema of the scenario format (docs/scenario.schema.json)", cmd_schema},
  };
  return table;
}

const CommandInfo* find_command(const std::string& name) {
  for (const auto& c : command_table())
    if (name == c.name) return &c;
  return nullptr;
}

std::string general_help() {
  std::vector<Row> rows;
  for (const auto& c : command_table())
    rows.push_back({*c.arguments ? fmt::format("{} {}", c.name, c.arguments) : c.name, c.summary});
  return "headroom — simulate the web-scaling journey on AWS\n\n"
         "usage: headroom COMMAND [ARGS] [options]\n"
         "       headroom COMMAND --help     the command's arguments and options\n"
         "       headroom --version\n\n"
         "commands:\n" +
         columns(rows, left_width(rows)) +
         "\nexit status: 0 success, 1 an SLO or target not met, 2 bad usage or input, 3 internal error,\n"
         "130 interrupted (the results so far, marked partial)\n";
}

UsageError::UsageError(const std::string& command, const std::string& what)
    : std::runtime_error(fmt::format("headroom {}: {} (usage: {}; see headroom {} --help)", command, what,
                                     usage_line(command), command)) {}

std::string command_help(const std::string& command, const po::options_description& opts, const char* positional) {
  const CommandInfo* c = find_command(command);
  std::vector<Row> arguments, options;
  for (const auto& o : opts.options()) {
    if (positional && o->long_name() == positional) arguments.push_back({o->format_parameter(), o->description()});
    else options.push_back({option_name(*o), o->description()});
  }
  options.push_back({"-h, --help", "print this help and exit"});
  std::vector<Row> all = arguments;
  all.insert(all.end(), options.begin(), options.end());
  const std::size_t width = left_width(all);
  std::string out = fmt::format("usage: {}\n\n", usage_line(command));
  for (const auto& line : wrap(c ? c->summary : "", kLineWidth)) out += line + "\n";
  if (!arguments.empty()) out += "\narguments:\n" + columns(arguments, width);
  return out + "\noptions:\n" + columns(options, width);
}

std::optional<po::variables_map> parse_command_line(const std::string& command, const std::vector<std::string>& args,
                                                    const po::options_description& opts, const char* positional,
                                                    int count) {
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      std::cout << command_help(command, opts, positional);
      return std::nullopt;
    }
  std::vector<std::string> extra;
  po::options_description all;
  all.add(opts);
  all.add_options()(kExtra, po::value(&extra)->composing());
  po::positional_options_description pos;
  if (positional) pos.add(positional, count);
  if (!positional || count >= 0) pos.add(kExtra, -1);
  // Exact names only: a prefix such as --user must not quietly mean --users.
  const int style = po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(args).options(all).positional(pos).style(style).run(), vm);
    po::notify(vm);
  } catch (const po::required_option& e) {
    if (positional && e.get_option_name() == std::string("--") + positional)
      throw UsageError(command, "missing " + opts.find(positional, false).description());
    throw UsageError(command, e.what());
  } catch (const po::unknown_option& e) {
    std::vector<std::string> known = {"--help"};
    for (const auto& o : opts.options())
      if (!positional || o->long_name() != positional) known.push_back("--" + o->long_name());
    const std::string name = e.get_option_name();
    throw UsageError(command, fmt::format("unknown option '{}'{}", name, suggestion_suffix(name, known)));
  } catch (const po::error& e) {
    throw UsageError(command, e.what());
  }
  if (!extra.empty()) throw UsageError(command, fmt::format("unexpected argument '{}'", extra.front()));
  return vm;
}

}  // namespace headroom
