#include <doctest/doctest.h>
#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "support/cli.hpp"
#include "support/theory.hpp"
#include "support/scratch.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

constexpr double kLambda = 3000;  // requests/s
constexpr double kMu = 500;       // per vCPU: exponential service, mean 2 ms
constexpr double kP99LimitMs = 11;

/// One pool of `count` instances fed evenly: each an M/M/c queue, c its vCPUs.
const char* kPool = R"(name: "an M/M/c pool to size by hand"
seed: 1
duration: 2m
warmup: 20s
network: {same_az: 0, cross_az: 0}
load: {rate: 3000/s}
traffic:
  - {name: all, share: 100%, path: [web]}
components:
  web: {type: ec2, instance: c5.large, count: 1, cpu: 2ms, workers: 64, queue: 1000000}
slo: {p99: 11ms}
optimize:
  seeds: 2
  space:
    components.web.instance: [c5.large, c5.xlarge, m5.2xlarge]
    components.web.count: {from: 1, to: 3, step: 1}
)";

/// The 99th percentile of the response time of M/M/c (FCFS): T = W + S, W = 0 with probability
/// 1 − C, else exponential with rate cμ − λ; P(T > t) in closed form, solved by bisection.
double p99_ms(int c, double lambda, double mu) {
  const double C = headroom::theory::erlang_c(c, lambda / mu), theta = c * mu - lambda;
  const auto tail = [&](double t) {
    const double wait_then_serve = std::fabs(theta - mu) < 1e-9
                                       ? std::exp(-mu * t) * (1 + mu * t)
                                       : (theta * std::exp(-mu * t) - mu * std::exp(-theta * t)) / (theta - mu);
    return (1 - C) * std::exp(-mu * t) + C * wait_then_serve;
  };
  double lo = 0, hi = 10;
  for (int i = 0; i < 200; ++i) (tail((lo + hi) / 2) > 0.01 ? lo : hi) = (lo + hi) / 2;
  return lo * 1e3;
}

/// kPool searched over two points only (c5.xlarge × 2 or 3), one seed.
std::string two_point_pool() {
  const std::string pool = kPool;
  return pool.substr(0, pool.find("optimize:")) +
         "optimize:\n  space:\n    components.web.instance: [c5.xlarge]\n    components.web.count: [2, 3]\n";
}

}  // namespace

TEST_CASE("optimize: the cheapest M/M/c pool meeting a p99 is the one Erlang C and the catalog give") {
  // By hand: every (type, count) whose queues are stable below capacity's 95% utilisation,
  // whose p99 is within the limit, priced from the catalog; the cheapest.
  const YAML::Node catalog = YAML::LoadFile(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/catalog/us-east-1.yaml");
  std::map<std::string, std::pair<int, double>> types;  // vCPUs, $/h
  for (const auto& i : catalog["services"]["ec2"]["instances"])
    types[i["name"].as<std::string>()] = {i["vcpus"].as<int>(), i["usd_per_hour"].as<double>()};
  std::optional<std::pair<std::string, int>> best;
  double best_usd = INFINITY;
  int stable = 0;
  for (const std::string type : {"c5.large", "c5.xlarge", "m5.2xlarge"})
    for (int n = 1; n <= 3; ++n) {
      const auto [c, usd] = types.at(type);
      if (kLambda / n / (c * kMu) > 0.95) continue;
      ++stable;
      if (p99_ms(c, kLambda / n, kMu) <= kP99LimitMs && n * usd < best_usd) {
        best = {type, n};
        best_usd = n * usd;
      }
    }
  REQUIRE(best);
  // The pooling lesson: two c5.xlarge cost less but queue longer (p99 12.0 ms); one m5.2xlarge
  // (p99 9.8 ms) is the answer.
  CHECK(best->first == "m5.2xlarge");
  CHECK(best->second == 1);

  Scratch s("optimize_cli");
  const std::string file = s.write("pool.yaml", kPool);
  const CliResult r = run_cli("optimize '" + file + "' --json '" + s.path("o.json") + "' --write-scenario '" + s.path("best.yaml") + "'");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const auto j = nlohmann::json::parse(read_file(s.path("o.json")));
  CHECK(j["answer"]["set"]["components.web.instance"] == best->first);
  CHECK(j["answer"]["set"]["components.web.count"] == std::to_string(best->second));
  CHECK(j["points"] == 9);
  CHECK(j["simulated"] == stable);  // the analytic model pruned exactly the unstable ones
  CHECK(j["pruned_analytically"] == 9 - stable);
  CHECK(r.out.find(std::to_string(stable) + " simulated") != std::string::npos);
  // A month of a constant load is the instance-hours: 730 h at the catalog price, plus the
  // public address and what the requests cost, a few percent more.
  const double month = j["answer"]["monthly_usd"].get<double>();
  CHECK(month >= best_usd * 730);
  CHECK(month < best_usd * 730 * 1.1);
  // The scenario written runs as is and gives the answer's configuration.
  const std::string written = read_file(s.path("best.yaml"));
  CHECK(written.find("instance: m5.2xlarge") != std::string::npos);
  CHECK(written.find("optimize") == std::string::npos);
  const CliResult run = run_cli("run '" + s.path("best.yaml") + "' --quiet");
  CHECK_MESSAGE(run.status == 0, run.err);
}

TEST_CASE("optimize: sharded and merged it gives the same answer, and bad constraints are exit 2") {
  Scratch s("optimize_cli");
  // Two points of the same pool, one seed: enough to see shards merge into the same answer.
  const std::string file = s.write("pool.yaml", two_point_pool());
  const CliResult whole = run_cli("optimize '" + file + "' --quiet --json '" + s.path("whole.json") + "'");
  REQUIRE(whole.status == 0);
  for (int k = 0; k < 2; ++k)
    REQUIRE(run_cli("optimize '" + file + "' --quiet --shard " + std::to_string(k) + "/2 --json '" + s.path("s" + std::to_string(k) + ".json") + "'").status == 0);
  const CliResult merged = run_cli("merge '" + s.path("s0.json") + "' '" + s.path("s1.json") + "' --quiet --json '" + s.path("merged.json") + "'");
  REQUIRE_MESSAGE(merged.status == 0, merged.err);
  CHECK(read_file(s.path("whole.json")) == read_file(s.path("merged.json")));
  CHECK(run_cli("optimize '" + file + "' --survive zone").status == 2);
  CHECK(run_cli("optimize '" + file + "' --budget=-3").status == 2);
}

TEST_CASE("optimize: Ctrl-C writes the jobs done, marked partial, and chooses no answer (issue 16)") {
  Scratch s("optimize_cli");
  const std::string file = s.write("pool.yaml", two_point_pool());
  // The first run ends, the signal comes, and nothing else starts (one thread: a fixed point).
  ::setenv("HEADROOM_TEST_RAISE", "INT@1runs", 1);
  const CliResult r = run_cli("optimize '" + file + "' --threads 1 --json '" + s.path("o.json") + "' --write-scenario '" +
                              s.path("best.yaml") + "'");
  ::unsetenv("HEADROOM_TEST_RAISE");
  CHECK(r.status == 130);
  CHECK(r.out.find("interrupted: 1 of ") != std::string::npos);
  CHECK(r.out.find("no answer chosen") != std::string::npos);
  CHECK_FALSE(fs::exists(s.path("best.yaml")));
  std::ifstream in(s.path("o.json"));
  const auto j = nlohmann::json::parse(in);
  CHECK(j["partial"] == true);
  CHECK(j["stop_reason"] == "interrupted");
  CHECK(j["signal"] == "SIGINT");
  CHECK_FALSE(j["points_not_run"].empty());
}
