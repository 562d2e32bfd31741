#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>
#include <unistd.h>
#include <vector>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

struct Csv {
  std::vector<std::string> comments, header;
  std::vector<std::vector<double>> rows;
  std::size_t col(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name) return i;
    FAIL("no column " << name);
    return 0;
  }
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) out.push_back(cell);
  return out;
}

Csv parse_csv(const std::string& text) {
  Csv csv;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    if (line.rfind("#", 0) == 0) csv.comments.push_back(line);
    else if (csv.header.empty()) csv.header = split(line);
    else {
      std::vector<double> row;
      for (const auto& cell : split(line)) row.push_back(std::stod(cell));
      REQUIRE(row.size() == csv.header.size());
      csv.rows.push_back(row);
    }
  }
  return csv;
}

std::string series_temp(const std::string& name) { return "/tmp/headroom_ts_" + std::to_string(::getpid()) + "_" + name; }

const char* const kFailover =
    "run scenarios/journey/04-elb-multi-az.yaml --duration 40m --set 'faults=[{at: 20m, kill: db.primary}]' --quiet";

}  // namespace

TEST_CASE("timeseries: one row per interval whose offered requests add up to the report's") {
  const std::string csv_path = series_temp("a.csv"), json_path = series_temp("a.json");
  const CliResult r = run_cli(std::string(kFailover) + " --interval 1m --timeseries " + csv_path + " --json " + json_path);
  REQUIRE(r.status == 1);
  const Csv csv = parse_csv(read_file(csv_path));
  const auto j = nlohmann::json::parse(read_file(json_path));
  fs::remove(csv_path);
  fs::remove(json_path);
  REQUIRE(csv.rows.size() == 40);
  CHECK(csv.rows.front()[0] == 60);
  CHECK(csv.rows.back()[0] == 2400);
  const double warmup = j["scenario"]["warmup_s"].get<double>();
  long offered = 0, ok = 0;
  for (const auto& row : csv.rows)
    if (row[0] > warmup) {
      offered += std::lround(row[csv.col("offered_rps")] * 60);
      ok += std::lround(row[csv.col("ok_rps")] * 60);
    }
  CHECK(offered == j["requests"]["offered"].get<long>());
  CHECK(ok == j["requests"]["ok"].get<long>());
}

TEST_CASE("timeseries: a database failover shows as an interval without a primary and with errors") {
  const std::string path = series_temp("b.csv");
  REQUIRE(run_cli(std::string(kFailover) + " --interval 30s --timeseries " + path).status == 1);
  const Csv csv = parse_csv(read_file(path));
  fs::remove(path);
  const std::size_t t = csv.col("t_s"), db = csv.col("db.instances"), err = csv.col("unavailable_rps"),
                    web = csv.col("web.instances"), cost = csv.col("db.usd_per_hour"), p99 = csv.col("p99_ms");
  int down = 0, failing = 0;
  for (const auto& row : csv.rows) {
    CHECK(row[web] == 4);
    CHECK(row[cost] > 0);
    if (row[t] < 1200) {
      CHECK(row[db] == 1);
      CHECK(row[err] == 0);
      CHECK(row[p99] > 0);
    }
    if (row[db] == 0) ++down;
    if (row[err] > 0) ++failing;
  }
  CHECK(down >= 2);
  CHECK(failing >= 2);
}

TEST_CASE("timeseries: the CSV records its provenance and is the same byte for byte on a rerun") {
  const std::string a = series_temp("c1.csv"), b = series_temp("c2.csv");
  REQUIRE(run_cli(std::string(kFailover) + " --seed 7 --timeseries " + a).status == 1);
  REQUIRE(run_cli(std::string(kFailover) + " --seed 7 --timeseries " + b).status == 1);
  const std::string text = read_file(a);
  CHECK(text == read_file(b));
  fs::remove(a);
  fs::remove(b);
  const Csv csv = parse_csv(text);
  REQUIRE(csv.comments.size() >= 3);
  CHECK(csv.comments[0].find("# headroom " HEADROOM_VERSION " time series") == 0);
  CHECK(text.find("# seed: 7; catalog: us-east-1 20") != std::string::npos);
  CHECK(text.find("interval_s: 10;") != std::string::npos);
  CHECK(csv.rows.size() == 240);
}

TEST_CASE("timeseries: bad series options exit with status 2 and write nothing") {
  const std::string path = series_temp("never.csv");
  const std::string run = "run scenarios/examples/single-server.yaml --duration 1h ";
  for (const std::string& bad : std::vector<std::string>{"--timeseries " + path + " --interval 0s", "--timeseries " + path + " --interval -5s",
                                "--timeseries " + path + " --interval 1ms", "--interval 10s",
                                "--timeseries " + path + " --interval 5mins", "--timeseries -"}) {
    const CliResult r = run_cli(run + bad);
    CHECK_MESSAGE(r.status == 2, bad);
    CHECK_MESSAGE(r.out.empty(), bad);
    CHECK_MESSAGE(r.err.find("error") != std::string::npos, bad << ": " << r.err);
    CHECK_FALSE(fs::exists(path));
  }
  CHECK(run_cli(run + "--timeseries " + path + " --interval 1ms").err.find("choose a longer interval") !=
        std::string::npos);
}

TEST_CASE("timeseries: a cache's cost per hour counts every node, replicas like primaries") {
  const std::string path = series_temp("cache.csv");
  REQUIRE(run_cli("run scenarios/journey/05-caches-cdn-replicas.yaml --duration 6m --quiet --set components.cache.replicas=2 "
                  "--interval 1m --timeseries " + path).status == 0);
  const Csv csv = parse_csv(read_file(path));
  fs::remove(path);
  const std::size_t cost = csv.col("cache.usd_per_hour");
  REQUIRE(!csv.rows.empty());
  // Two cache.m5.large shards x (1 primary + 2 replicas) at $0.156 an hour (docs/sources.md §3).
  for (const auto& row : csv.rows) CHECK(row[cost] == doctest::Approx(2 * 3 * 0.156));
}
