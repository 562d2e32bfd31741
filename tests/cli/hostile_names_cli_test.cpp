// Hostile names and paths through the command line (issue 16 item 4): rejected at load when they
// hold control characters, escaped by every writer otherwise.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

const char* kStack = "name: stack\nduration: 2m\nload: {rate: 20/s}\ntraffic:\n  - {name: all, share: 100%, path: [web]}\n"
                     "components:\n  web: {type: ec2, instance: t3.micro, count: 1, cpu: 1ms}\n";

bool has_control(const std::string& text) {
  for (unsigned char c : text)
    if ((c < 0x20 && c != '\n') || c == 0x7F) return true;
  return false;
}

/// The cells of a Markdown table row: split at the '|' that are not escaped.
std::size_t cells(const std::string& row) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < row.size(); ++i)
    if (row[i] == '|' && (i == 0 || row[i - 1] != '\\')) ++n;
  return n;
}

}  // namespace

TEST_CASE("names: a control character in a name is refused at load with file:line:col, and nothing reaches the terminal") {
  const std::string file = "/tmp/headroom_hostile_" + std::to_string(::getpid()) + ".yaml";
  std::ofstream(file) << "name: \"two\\nlines\"\nduration: 2m\nload: {rate: 20/s}\ntraffic:\n"
                         "  - {name: all, share: 100%, path: [\"w\\e[2Jeb\"]}\ncomponents:\n"
                         "  \"w\\e[2Jeb\": {type: ec2, instance: t3.micro, count: 1, cpu: 1ms}\n";
  // Before: `diagram` wrote the newline into its DOT comment (statements injected) and `run` sent
  // the ESC sequence to the terminal. After: exit 2, the character named, nothing written.
  for (const char* command : {"diagram", "run", "validate"}) {
    const CliResult r = run_cli(std::string(command) + " " + file);
    INFO(command << ": " << r.err);
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find(file + ":1:7: error: name: this value holds the control character U+000A (LF (newline))") !=
          std::string::npos);
    CHECK(r.err.find(file + ":7:3: error: components.w\\x1b[2Jeb: this key holds the control character U+001B (ESC)") !=
          std::string::npos);
    CHECK_FALSE(has_control(r.err));
  }
  fs::remove(file);
}

TEST_CASE("names: a path with | ` and a control character keeps the JUnit file valid XML and the Markdown table whole") {
  // Before: a control character in the path made the JUnit file invalid XML; '|' or a backtick
  // broke the pull-request comment's table.
  const fs::path dir = fs::path("/tmp") / ("headroom_hostile_" + std::to_string(::getpid())) / "team|a`b`\x01" "c";
  fs::create_directories(dir);
  std::ofstream(dir / "stack.yaml") << kStack;
  // The scenario by its full path, so that the rows carry it; YAML spells the control character \x01.
  std::string quoted = (dir / "stack.yaml").string();
  quoted.replace(quoted.find('\x01'), 1, "\\x01");
  std::ofstream(dir / "baselines.yaml") << "baselines:\n  - scenario: \"" << quoted << "\"\n    seed: 1\n    expect:\n"
                                           "      requests.error_rate: {max: 0.1%}\n      latency_ms.p99: {max: 0.001}\n";
  const std::string md = (dir / "pr.md").string(), junit = (dir / "junit.xml").string();
  const CliResult r = run_cli("check '" + (dir / "baselines.yaml").string() + "' --quiet --markdown '" + md + "' --junit '" + junit + "'");
  CHECK(r.status == 1);
  CHECK_FALSE(has_control(r.out));
  const std::string xml = read_file(junit), comment = read_file(md);
  CHECK_FALSE(has_control(xml));
  CHECK(xml.find("team|a`b`\\x01c/baselines.yaml") != std::string::npos);
  CHECK(xml.find("classname=\"/tmp/") != std::string::npos);
  CHECK(comment.find("team\\|a`b`\\x01c/stack.yaml") != std::string::npos);
  CHECK_FALSE(has_control(comment));
  std::size_t rows = 0;
  for (std::size_t at = comment.find("\n|"); at != std::string::npos; at = comment.find("\n|", at + 1)) {
    const std::string row = comment.substr(at + 1, comment.find('\n', at + 1) - at - 1);
    CHECK_MESSAGE(cells(row) == 7, row);
    ++rows;
  }
  CHECK(rows == 4);  // header, rule, two expectations
  fs::remove_all(dir.parent_path());
}
