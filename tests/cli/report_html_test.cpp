#include <doctest/doctest.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

std::string html_temp(const std::string& name) { return "/tmp/headroom_html_" + std::to_string(::getpid()) + "_" + name; }

/// Runs tests/browser/check_report.mjs on `page`: its JSON verdict, or a failure that says why.
nlohmann::json browser_check(const std::string& page) {
  const std::string out = html_temp("browser.json");
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
  const std::string page = html_temp("failover.html");
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
  const std::string page = html_temp("serverless.html");
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
  const std::string page = html_temp("hostile.html");
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

TEST_CASE("report: a name holding <!-- then <script is a name: the page draws it and stays whole in Chromium") {
  // Before (issue 16): "<!--" then "<script" in the embedded JSON sent the HTML tokenizer into its
  // double-escaped state; the data's closing tag no longer closed and the page came out blank.
  const std::string dir = html_temp("hostile_dir");
  fs::create_directories(dir);
  const std::string name = "<!--<script>x</script><!--web";  // no space: paths would split it
  {
    std::ofstream f(dir + "/s.yaml");
    f << "name: \"<!--<script>alert(1)</script> page\"\nduration: 2m\nload: {rate: 20/s}\n"
         "traffic:\n  - {name: all, share: 100%, path: [\"" << name << "\"]}\n"
         "components:\n  \"" << name << "\": {type: ec2, instance: t3.micro, count: 1, cpu: 1ms}\n";
  }
  const std::string page = dir + "/page.html";
  const CliResult r = run_cli("run '" + dir + "/s.yaml' --quiet --report '" + page + "'");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const std::string html = read_file(page);
  const std::size_t data = html.find("id=\"headroom-data\">");
  REQUIRE(data != std::string::npos);
  const std::string script = html.substr(data, html.find("</script>", data) - data);
  CHECK(script.find("<!--") == std::string::npos);
  CHECK(script.find("<script") == std::string::npos);
  CHECK(script.find('<', 1) == std::string::npos);  // only the element's own '>' before it
  CHECK(script.find("\\u003c!--\\u003cscript>x\\u003c/script>") != std::string::npos);
  const auto verdict = browser_check(page);
  fs::remove_all(dir);
  CHECK(verdict["ok"] == true);
  CHECK(verdict["errors"].empty());
  CHECK(verdict["title"] == "<!--<script>alert(1)</script> page");
  CHECK(verdict["components"].dump().find("<!--<script>x</script><!--web") != std::string::npos);
  CHECK(verdict["topologyNodes"] == 2);
}

TEST_CASE("report: legible to a room: ticks on round minutes and on the fault, no placeholder legends, no overlapping topology") {
  // Before (issue 16): ticks at 16:40 and 33:20, never on the fault; legends read "time: –" until
  // hovered; the Spot stage's topology labels overlapped.
  const std::string page = html_temp("legible.html");
  const CliResult r = run_cli(
      "run scenarios/journey/04-elb-multi-az.yaml --duration 50m --set 'faults=[{at: 1237s, kill: db.primary}]' --quiet "
      "--report " + page);
  REQUIRE(r.status <= 1);
  const auto verdict = browser_check(page);
  fs::remove(page);
  CHECK(verdict["ok"] == true);
  REQUIRE(verdict["ticks"].is_array());
  bool on_fault = false;
  for (const auto& t : verdict["ticks"]) {
    const double s = t.get<double>();
    on_fault = on_fault || s == 1237;
    CHECK_MESSAGE((s == 1237 || std::fmod(s, 60) == 0), "tick at " << s << " s");
  }
  CHECK(on_fault);
  CHECK(verdict["ticks"].size() >= 4);
  for (const auto& v : verdict["legendValues"]) CHECK(v.get<std::string>().find("–") == std::string::npos);
  CHECK(verdict["topologyOverlaps"] == 0);
}

TEST_CASE("report: the Spot stage's topology draws without overlaps") {
  const std::string page = html_temp("spot.html");
  const CliResult r = run_cli("run scenarios/journey/06-auto-scaling-spot.yaml --users 30000 --fidelity hybrid --quiet --report " + page);
  REQUIRE(r.status <= 1);
  const auto verdict = browser_check(page);
  fs::remove(page);
  CHECK(verdict["ok"] == true);
  CHECK(verdict["topologyNodes"].get<int>() >= 4);
  CHECK(verdict["topologyOverlaps"] == 0);
}
