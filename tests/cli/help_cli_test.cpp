#include <doctest/doctest.h>

#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/cli.hpp"

using namespace headroom::testing;

namespace {

const std::vector<std::string> kCommands = {"run",     "validate", "catalog", "reference", "capacity", "journey",
                                            "check",   "compare",  "analyze", "diagram",   "schema",   "sweep",
                                            "merge",   "optimize"};

struct Expected {
  std::vector<std::string> listed, absent;
};

const std::map<std::string, Expected> kOptions = {
    {"run",
     {{"--seed", "--duration", "--users", "--set", "--json", "--timeseries", "--report", "--interval",
       "--replications", "--threads", "--quiet", "--max-events", "--max-in-flight", "--force", "--help"},
      {"--slo", "--update", "--set-b", "--simulate", "--format", "--capacity", "--markdown"}}},
    {"capacity",
     {{"--seed", "--duration", "--users", "--set", "--slo", "--json", "--threads", "--quiet", "--force", "--help"},
      {"--max-events", "--timeseries", "--replications", "--update", "--set-b"}}},
    {"journey", {{"--json", "--threads", "--quiet", "--help"}, {"--seed", "--set", "--slo", "--users"}}},
    {"check",
     {{"--update", "--markdown", "--junit", "--threads", "--quiet", "--help"}, {"--seed", "--json", "--slo", "--set"}}},
    {"compare",
     {{"--seed", "--duration", "--users", "--set", "--set-b", "--replications", "--capacity", "--json", "--markdown",
       "--junit", "--threads", "--quiet", "--force", "--help"},
      {"--slo", "--update", "--max-events", "--timeseries"}}},
    {"analyze", {{"--seed", "--duration", "--users", "--set", "--simulate", "--force", "--help"}, {"--json", "--threads"}}},
    {"diagram", {{"--format", "--output", "--set", "--help"}, {"--seed", "--json", "--users"}}},
    {"validate", {{"--help"}, {"--json", "--seed", "--set"}}},
    {"catalog", {{"--help"}, {"--json", "--seed"}}},
    {"reference", {{"--help"}, {"--json", "--seed"}}},
    {"schema", {{"--help"}, {"--json", "--seed"}}},
    {"sweep",
     {{"--seed", "--duration", "--users", "--set", "--shard", "--threads", "--json", "--csv", "--markdown", "--report",
       "--fidelity", "--quiet", "--help"},
      {"--slo", "--replications", "--write-scenario"}}},
    {"merge", {{"--json", "--csv", "--markdown", "--report", "--write-scenario", "--help"}, {"--seed", "--shard", "--set"}}},
    {"optimize",
     {{"--users", "--slo", "--survive", "--budget", "--json", "--write-scenario", "--shard", "--threads", "--set",
       "--help"},
      {"--csv", "--replications"}}},
};


bool lists_option(const std::string& help, const std::string& option) {
  return has(help, "    " + option + " ") || has(help, ", " + option + " ");
}

}  // namespace

TEST_CASE("cli: headroom --help lists every command with its summary and exits 0") {
  const CliResult r = run_cli("--help");
  CHECK(r.status == 0);
  CHECK(has(r.out, "usage: headroom COMMAND"));
  for (const auto& c : kCommands) CHECK_MESSAGE(has(r.out, "\n  " + c + " "), c);
  CHECK(has(r.out, "simulate one scenario and print its summary"));
  CHECK(run_cli("help").out == r.out);
  CHECK(run_cli("-h").out == r.out);
}

TEST_CASE("cli: every command's --help exits 0 and lists that command's options and not another's") {
  for (const auto& c : kCommands) {
    CAPTURE(c);
    const CliResult r = run_cli(c + " --help");
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(r.out.rfind("usage: headroom " + c, 0) == 0);
    REQUIRE(kOptions.count(c) == 1);
    for (const auto& o : kOptions.at(c).listed) CHECK_MESSAGE(lists_option(r.out, o), o);
    for (const auto& o : kOptions.at(c).absent) CHECK_MESSAGE(!lists_option(r.out, o), o);
    CHECK(run_cli(c + " -h").out == r.out);
    CHECK(run_cli("help " + c).out == r.out);
  }
}

TEST_CASE("cli: every option in every command's help has a description") {
  for (const auto& c : kCommands) {
    std::istringstream help(run_cli(c + " --help").out);
    std::vector<std::string> lines;
    for (std::string line; std::getline(help, line);) lines.push_back(line);
    int rows = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::size_t name = lines[i].find_first_not_of(' ');
      if (name == std::string::npos || lines[i][name] != '-' || name < 2) continue;
      ++rows;
      const std::size_t gap = lines[i].find("  ", name);
      const bool same_line = gap != std::string::npos && lines[i].find_first_not_of(' ', gap) != std::string::npos;
      const bool next_line = i + 1 < lines.size() && lines[i + 1].rfind("      ", 0) == 0 &&
                             lines[i + 1].find_first_not_of(' ') != std::string::npos;
      CHECK_MESSAGE((same_line || next_line), c << ": " << lines[i]);
    }
    CHECK_MESSAGE(rows >= 1, c);
  }
}

TEST_CASE("cli: --help does nothing else, even after a scenario file") {
  const CliResult run = run_cli("run scenarios/examples/single-server.yaml --json - --help");
  CHECK(run.status == 0);
  CHECK(run.out.rfind("usage: headroom run FILE", 0) == 0);
  CHECK_FALSE(has(run.out, "\"schema\""));
  const CliResult schema = run_cli("schema --help");
  CHECK(schema.status == 0);
  CHECK_FALSE(has(schema.out, "$schema"));
}

TEST_CASE("cli: a command without its file names what is missing and how to call it, with exit 2") {
  const CliResult run = run_cli("run");
  CHECK(run.status == 2);
  CHECK(run.out.empty());
  CHECK(has(run.err,
            "headroom run: missing scenario file (usage: headroom run FILE [options]; see headroom run --help)"));
  CHECK_FALSE(has(run.err, "--file"));
  for (const std::string c : {"capacity", "analyze", "diagram", "check", "validate", "compare"}) {
    CAPTURE(c);
    const CliResult r = run_cli(c);
    CHECK(r.status == 2);
    CHECK(has(r.err, "headroom " + c + ": missing "));
    CHECK(has(r.err, "see headroom " + c + " --help"));
    CHECK_FALSE(has(r.err, "is required"));
  }
  CHECK(has(run_cli("check").err, "missing baselines file"));
}

TEST_CASE("cli: an option given by a prefix of its name is refused, with the option meant suggested") {
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --user 5");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(has(r.err, "headroom run: unknown option '--user', did you mean '--users'?"));
  const CliResult threads = run_cli("capacity scenarios/examples/single-server.yaml --thread 2");
  CHECK(threads.status == 2);
  CHECK(has(threads.err, "did you mean '--threads'?"));
  const CliResult other = run_cli("run scenarios/examples/single-server.yaml --slo p99=1s");
  CHECK(other.status == 2);
  CHECK(has(other.err, "unknown option '--slo'"));
}

TEST_CASE("cli: an argument beyond a command's own is named in the error, with exit 2") {
  const CliResult run = run_cli("run scenarios/examples/single-server.yaml --duration 5 minutes");
  CHECK(run.status == 2);
  CHECK(has(run.err, "headroom run: unexpected argument 'minutes'"));
  const CliResult schema = run_cli("schema out.json");
  CHECK(schema.status == 2);
  CHECK(schema.out.empty());
  CHECK(has(schema.err, "headroom schema: unexpected argument 'out.json'"));
  CHECK(has(run_cli("catalog ec2 rds").err, "unexpected argument 'rds'"));
}
