#include <doctest/doctest.h>

#include <unistd.h>

#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <vector>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

const std::string kMm1 = "scenarios/examples/single-server.yaml";
// The web tier near 4,000 users: 2 web servers about 80% busy against 4 at 40%.
const std::string kWeb = "scenarios/examples/web-and-db.yaml --duration 7m --users 4000 --replications 3";

struct Element {
  std::string name;
  std::map<std::string, std::string> attributes;
  std::vector<Element> children;
};

// A strict reader of the XML subset JUnit files use: a declaration, elements, attributes in
// double quotes, text. Throws on anything malformed (an unclosed or mismatched tag).
Element parse_xml(const std::string& text) {
  std::size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  };
  auto name = [&] {
    const std::size_t start = i;
    while (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '_' || text[i] == '-')) ++i;
    if (i == start) throw std::runtime_error("expected a name at " + std::to_string(i));
    return text.substr(start, i - start);
  };
  std::function<Element()> element = [&]() -> Element {
    if (text[i] != '<') throw std::runtime_error("expected < at " + std::to_string(i));
    ++i;
    Element e;
    e.name = name();
    for (;;) {
      skip_space();
      if (text.compare(i, 2, "/>") == 0) return i += 2, e;
      if (text[i] == '>') break;
      const std::string key = name();
      if (text.compare(i, 2, "=\"") != 0) throw std::runtime_error("expected =\" after " + key);
      const std::size_t end = text.find('"', i + 2);
      if (end == std::string::npos || text.find('<', i + 2) < end) throw std::runtime_error("unterminated " + key);
      e.attributes[key] = text.substr(i + 2, end - i - 2);
      i = end + 1;
    }
    ++i;
    for (;;) {
      while (i < text.size() && text[i] != '<') ++i;
      if (i >= text.size()) throw std::runtime_error("unclosed <" + e.name + ">");
      if (text.compare(i, 2, "</") == 0) {
        i += 2;
        if (name() != e.name) throw std::runtime_error("mismatched </...> for <" + e.name + ">");
        skip_space();
        if (text[i++] != '>') throw std::runtime_error("expected >");
        return e;
      }
      e.children.push_back(element());
    }
  };
  if (text.rfind("<?xml", 0) == 0) i = text.find("?>") + 2;
  skip_space();
  Element root = element();
  skip_space();
  if (i != text.size()) throw std::runtime_error("content after the root element");
  return root;
}

}  // namespace

TEST_CASE("cli: compare of a scenario with itself finds exactly zero differences") {
  const CliResult r = run_cli("compare " + kMm1 + " " + kMm1 + " --duration 80s --replications 3 --json -");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema"] == "headroom.compare/1");
  CHECK(j["seeds"] == nlohmann::json::array({1, 2, 3}));
  REQUIRE(j["figures"].size() >= 7);
  for (const auto& f : j["figures"]) {
    CAPTURE(f["key"]);
    CHECK(f["difference"]["mean"] == 0.0);
    CHECK(f["difference"]["half_width"] == 0.0);
    CHECK(f["verdict"] == "no significant difference");
  }
}

TEST_CASE("cli: compare prints A, B, the paired difference with its interval and a verdict per figure") {
  const CliResult r = run_cli("compare " + kWeb + " scenarios/examples/web-and-db.yaml --set-b components.web.count=4");
  CHECK(r.status == 0);
  for (const char* text : {"3 replications each, the same seeds on both", "Δ (95% CI)", "p99 (ms)", "monthly cost (USD)",
                           "web utilisation", "better", "worse"})
    CHECK_MESSAGE(r.out.find(text) != std::string::npos, text);
}

TEST_CASE("cli: compare writes a pull-request table and JUnit with a failure where B is significantly worse") {
  const std::string md = "/tmp/headroom_compare_" + std::to_string(::getpid()) + ".md";
  const std::string xml = "/tmp/headroom_compare_" + std::to_string(::getpid()) + ".xml";
  const CliResult r = run_cli("compare " + kWeb + " scenarios/examples/web-and-db.yaml --set-b components.web.count=1" +
                              " --quiet --markdown " + md + " --junit " + xml);
  // spec.md §9: B significantly and materially worse on a gated figure exits 1 (it exited 0, issue 16).
  CHECK(r.status == 1);
  const std::string markdown = read_file(md), junit = read_file(xml);
  fs::remove(md);
  fs::remove(xml);
  CHECK(markdown.find("### headroom compare") != std::string::npos);
  CHECK(markdown.find("| | figure | A | B | Δ (95% CI) | verdict |") != std::string::npos);
  CHECK(markdown.find("| :x: | p99 (ms) |") != std::string::npos);
  CHECK(markdown.find("**worse**") != std::string::npos);

  const Element root = parse_xml(junit);
  CHECK(root.name == "testsuites");
  REQUIRE(root.children.size() == 1);
  const Element& suite = root.children[0];
  CHECK(suite.name == "testsuite");
  for (const char* a : {"name", "tests", "failures", "errors", "time"}) CHECK_MESSAGE(suite.attributes.count(a), a);
  CHECK(std::stoi(suite.attributes.at("tests")) == static_cast<int>(suite.children.size()));
  int failures = 0;
  for (const auto& tc : suite.children) {
    CHECK(tc.name == "testcase");
    for (const char* a : {"name", "classname", "time"}) CHECK_MESSAGE(tc.attributes.count(a), a);
    for (const auto& f : tc.children) {
      CHECK(f.name == "failure");
      CHECK(f.attributes.count("message"));
      ++failures;
    }
  }
  CHECK(failures >= 1);
  CHECK(std::stoi(suite.attributes.at("failures")) == failures);
}

TEST_CASE("cli: compare --capacity adds each side's capacity, and a materially lower one fails in JUnit") {
  const std::string md = "/tmp/headroom_compare_cap_" + std::to_string(::getpid()) + ".md";
  const std::string xml = "/tmp/headroom_compare_cap_" + std::to_string(::getpid()) + ".xml";
  // Stage 4 holds 41,000 users on 4 web servers; on 2 it holds about half.
  const CliResult r = run_cli("compare scenarios/journey/04-elb-multi-az.yaml scenarios/journey/04-elb-multi-az.yaml "
                              "--set-b components.web.count=2 --replications 2 --capacity --no-fail --markdown " +
                              md + " --junit " + xml);
  // The capacity row fails, but --no-fail keeps exit 0 and says so.
  CHECK(r.status == 0);
  CHECK(r.out.find("capacity (users)") != std::string::npos);
  CHECK(r.out.find("gated figure (capacity (users)): exit 0 (--no-fail)") != std::string::npos);
  const std::string markdown = read_file(md), junit = read_file(xml);
  fs::remove(md);
  fs::remove(xml);
  CHECK(markdown.find("| :x: | capacity (users) | 41000 |") != std::string::npos);
  const Element root = parse_xml(junit);
  bool failed = false;
  for (const auto& tc : root.children.at(0).children)
    if (tc.attributes.at("name") == "capacity (users)") failed = !tc.children.empty();
  CHECK(failed);
}

TEST_CASE("cli: compare refuses bad input with exit 2, simulating nothing") {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"compare " + kMm1 + " scenarios/no-such-file.yaml", "no-such-file.yaml"},
      {"compare " + kMm1, "expected two scenario files"},
      {"compare " + kMm1 + " " + kMm1 + " --replications 0", "--replications"},
      {"compare " + kMm1 + " " + kMm1 + " --replications 1", "2 or more"},
      {"compare " + kMm1 + " " + kMm1 + " --replications 2.5", "--replications"},
  };
  for (const auto& c : cases) {
    const auto& args = c.first;
    const auto& message = c.second;
    CAPTURE(args);
    const CliResult r = run_cli(args);
    CHECK(r.status == 2);
    CHECK(r.err.find(message) != std::string::npos);
    CHECK(r.out.empty());
  }
}
