#include <doctest/doctest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/cli.hpp"
#include "support/scratch.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

/// 2 parameters × 3 values × 5 seeds of the M/M/1 example, each run 10 s measured (≈ 7,000
/// requests): the test, short enough to run in a second or two.
std::string sweep_file(const Scratch& s) {
  return s.write("sweep.yaml", "scenario: " + std::string(HEADROOM_SOURCE_DIR) +
                                   "/scenarios/examples/single-server.yaml\n"
                                   "sweep:\n"
                                   "  seeds: 5\n"
                                   "  parameters:\n"
                                   "    load.rate: [500/s, 650/s, 800/s]\n"
                                   "    components.server.count: {from: 1, to: 3, step: 1}\n");
}
const std::string kShort = " --set warmup=2s --duration 12s --quiet";

}  // namespace

TEST_CASE("sweep: one process, two threads, three shards merged give the same bytes") {
  Scratch s("sweep_cli");
  const std::string file = sweep_file(s);
  const CliResult one = run_cli("sweep '" + file + "'" + kShort + " --threads 1 --json '" + s.path("one.json") + "'");
  REQUIRE_MESSAGE(one.status == 0, one.err);
  const CliResult two = run_cli("sweep '" + file + "'" + kShort + " --threads 2 --json '" + s.path("two.json") + "'");
  REQUIRE(two.status == 0);
  std::string shards;
  for (int k = 0; k < 3; ++k) {
    const std::string out = s.path("shard" + std::to_string(k) + ".json");
    const CliResult r = run_cli("sweep '" + file + "'" + kShort + " --shard " + std::to_string(k) + "/3 --json '" + out + "'");
    REQUIRE_MESSAGE(r.status == 0, r.err);
    shards += " '" + out + "'";
  }
  // Merged in any order.
  const CliResult merged = run_cli("merge" + shards + " --quiet --json '" + s.path("merged.json") + "'");
  REQUIRE_MESSAGE(merged.status == 0, merged.err);
  const std::string a = read_file(s.path("one.json"));
  CHECK(a == read_file(s.path("two.json")));
  CHECK(a == read_file(s.path("merged.json")));

  const auto j = nlohmann::json::parse(a);
  CHECK(j["schema"] == "headroom.sweep/1");
  CHECK(j["jobs"] == 45);
  REQUIRE(j["points"].size() == 9);
  CHECK(j["seeds"] == nlohmann::json::array({1, 2, 3, 4, 5}));
  // Point 0 is rate 500/s on one server: an M/M/1 queue at ρ = 0.5, mean time in system
  // 1/(μ − λ) = 2 ms; its 95% interval over the five seeds holds it (within the histogram's 1%).
  const auto& p0 = j["points"][0];
  CHECK(p0["values"] == nlohmann::json::array({"500/s", "1"}));
  const auto& mean = p0["figures"]["latency_ms.mean"];
  CHECK(mean["n"] == 5);
  CHECK(mean["low"].get<double>() < 2.0 * 1.01);
  CHECK(mean["high"].get<double>() > 2.0 * 0.99);
  // More servers at the same rate are never cheaper: the Pareto front starts at one server.
  CHECK(j["pareto"][0] == 0);
}

TEST_CASE("sweep: a shard's file has only its runs, and merge refuses a missing shard and a different sweep") {
  Scratch s("sweep_cli");
  const std::string file = sweep_file(s);
  REQUIRE(run_cli("sweep '" + file + "'" + kShort + " --shard 1/4 --json '" + s.path("s1.json") + "'").status == 0);
  const auto j = nlohmann::json::parse(read_file(s.path("s1.json")));
  CHECK(j["shard"] == "1/4");
  CHECK(j["records"].size() == 11);  // jobs 1, 5, …, 41 of 45
  CHECK_FALSE(j.contains("points"));
  const CliResult missing = run_cli("merge '" + s.path("s1.json") + "'");
  CHECK(missing.status == 2);
  CHECK(missing.err.find("a shard is missing") != std::string::npos);
  REQUIRE(run_cli("sweep '" + file + "'" + kShort + " --set slo.mean=9ms --shard 0/4 --json '" + s.path("s0.json") + "'").status == 0);
  const CliResult other = run_cli("merge '" + s.path("s1.json") + "' '" + s.path("s0.json") + "'");
  CHECK(other.status == 2);
  CHECK(other.err.find("a different sweep") != std::string::npos);
  // A shard cannot write what needs whole points.
  CHECK(run_cli("sweep '" + file + "'" + kShort + " --shard 0/2 --csv '" + s.path("x.csv") + "'").status == 2);
  CHECK_FALSE(fs::exists(s.path("x.csv")));
}

TEST_CASE("sweep: CSV, Markdown and HTML outputs hold every point") {
  Scratch s("sweep_cli");
  const std::string file = s.write("inline.yaml", read_file(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/single-server.yaml") +
                                                      "sweep:\n  seeds: [7, 8]\n  parameters:\n    load.rate: [400/s, 600/s]\n");
  const CliResult r = run_cli("sweep '" + file + "'" + kShort + " --csv '" + s.path("a.csv") + "' --markdown '" +
                              s.path("a.md") + "' --report '" + s.path("a.html") + "'");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const std::string csv = read_file(s.path("a.csv"));
  CHECK(csv.rfind("point,load.rate,slo_met,", 0) == 0);
  CHECK(std::count(csv.begin(), csv.end(), '\n') == 3);
  CHECK(csv.find("latency_ms.p99.low") != std::string::npos);
  const std::string md = read_file(s.path("a.md"));
  CHECK(md.find("| # | `load.rate` |") != std::string::npos);
  CHECK(md.find("2 points × 2 seeds") != std::string::npos);
  const std::string html = read_file(s.path("a.html"));
  CHECK(html.find("<svg") != std::string::npos);
  CHECK(html.find("Pareto front") != std::string::npos);
  CHECK(html.find("<script") == std::string::npos);  // nothing to fetch or run
  CHECK(html.find("http") == std::string::npos);
}

TEST_CASE("sweep: bad input is located and nothing runs") {
  Scratch s("sweep_cli");
  const std::string base = "scenario: " + std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/single-server.yaml\n";
  const CliResult typo = run_cli("sweep '" + s.write("a.yaml", base + "sweep:\n  parameter: {load.rate: [1/s]}\n") + "'");
  CHECK(typo.status == 2);
  CHECK(typo.err.find("a.yaml:3:3") != std::string::npos);
  CHECK(typo.err.find("did you mean 'parameters'") != std::string::npos);
  const CliResult range = run_cli("sweep '" + s.write("b.yaml", base + "sweep:\n  parameters:\n    components.server.count: {from: 3, to: 1, step: 1}\n") + "'");
  CHECK(range.status == 2);
  CHECK(range.err.find("sweep.parameters.components.server.count") != std::string::npos);
  const CliResult value = run_cli("sweep '" + s.write("c.yaml", base + "sweep:\n  parameters:\n    components.server.count: [1, lots]\n") + "'");
  CHECK(value.status == 2);
  CHECK(value.err.find("components.server.count") != std::string::npos);
  CHECK(run_cli("sweep '" + s.path("c.yaml") + "' --shard 3/3").status == 2);
}
