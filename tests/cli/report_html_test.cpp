#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

std::string temp(const std::string& name) { return "/tmp/headroom_html_" + std::to_string(::getpid()) + "_" + name; }

/// Runs tests/browser/check_report.mjs on `page`: its JSON verdict, or a failure that says why.
nlohmann::json browser_check(const std::string& page) {
  const std::string out = temp("browser.json");
  const std::string cmd = std::string("cd '") + HEADROOM_SOURCE_DIR + "' && node tests/browser/check_report.mjs '" + page +
                          "' >" + out + " 2>&1";
  const int status = std::system(cmd.c_str());
  const std::string text = read_file(out);
  fs::remove(out);
  INFO("check_report.mjs said: " << text);
  REQUIRE_MESSAGE(text.find('{') != std::string::npos,
                  "node or chromium is missing: `make test` installs both (scripts/install-deps.sh)");
  auto verdict = nlohmann::json::parse(text.substr(text.find('{')));
  CHECK(status == 0);
  return verdict;
}

}  // namespace

TEST_CASE("report: the HTML page opens in headless Chromium without a console error and draws every chart") {
  const std::string page = temp("failover.html");
  const CliResult r = run_cli(
      "run scenarios/journey/04-elb-multi-az.yaml --duration 30m --set 'faults=[{at: 20m, kill: db.primary}]' --quiet "
      "--report " + page);
  REQUIRE(r.status == 1);
  const auto verdict = browser_check(page);
  fs::remove(page);
  CHECK(verdict["ok"] == true);
  CHECK(verdict["errors"].empty());
  CHECK(verdict["charts"] == 6);
  CHECK(verdict["inked"] == 6);
  CHECK(verdict["topologyNodes"] == 6);
  const auto sections = verdict["sections"].dump();
  for (const char* s : {"Over time", "Faults", "Components", "Cost", "Topology"}) CHECK_MESSAGE(sections.find(s) != std::string::npos, s);
}

TEST_CASE("report: a serverless stack's page charts Lambda concurrency and iterator age, and lists the Serverless table") {
  const std::string page = temp("serverless.html");
  const CliResult r = run_cli(
      "run scenarios/journey/07-serverless.yaml --duration 4m --users 100000 --set 'faults=[]' --quiet --report " + page);
  REQUIRE(r.status == 0);
  const auto verdict = browser_check(page);
  fs::remove(page);
  CHECK(verdict["ok"] == true);
  CHECK(verdict["errors"].empty());
  // Latency, throughput, Lambda concurrency, iterator age: no empty pool charts without pools.
  CHECK(verdict["charts"] == 4);
  CHECK(verdict["inked"] == 4);
  CHECK(verdict["topologyNodes"] == 12);
  CHECK(verdict["sections"].dump().find("Serverless") != std::string::npos);
}

TEST_CASE("report: the page is self-contained, records its provenance and survives a hostile scenario name") {
  const std::string page = temp("hostile.html");
  const CliResult r = run_cli(
      "run scenarios/examples/single-server.yaml --duration 2m --quiet --set 'name=</script><script>alert(1)</script>' "
      "--report " + page);
  REQUIRE(r.status == 0);
  const std::string html = read_file(page);
  CHECK(html.find("</script><script>alert(1)") == std::string::npos);
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("uPlot") != std::string::npos);
  CHECK(html.find("\"provenance\":{\"version\":\"" HEADROOM_VERSION "\",\"seed\":1,\"catalog\":{\"region\":\"us-east-1\"") !=
        std::string::npos);
  const auto verdict = browser_check(page);
  fs::remove(page);
  CHECK(verdict["ok"] == true);
  CHECK(verdict["topologyNodes"] == 2);
}

TEST_CASE("report: the JSON report records its provenance: version, seed, catalog and its date") {
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --duration 2m --seed 42 --json -");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["provenance"]["version"] == HEADROOM_VERSION);
  CHECK(j["provenance"]["seed"] == 42);
  CHECK(j["provenance"]["catalog"]["region"] == "us-east-1");
  CHECK(j["provenance"]["catalog"]["date"].get<std::string>().size() == 10);
}
