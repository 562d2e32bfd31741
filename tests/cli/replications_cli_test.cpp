#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "support/cli.hpp"

using namespace headroom::testing;

namespace {
const std::string kRunMm1 = "run scenarios/examples/single-server.yaml --duration 80s";
}

TEST_CASE("cli: run --replications writes the means under the report's keys and every interval") {
  const CliResult r = run_cli(kRunMm1 + " --replications 3 --json -");
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema"] == "headroom.report/1");
  const auto& rep = j["replications"];
  CHECK(rep["n"] == 3);
  CHECK(rep["seeds"] == nlohmann::json::array({1, 2, 3}));
  CHECK(rep["confidence"] == 0.95);
  const auto& p99 = rep["intervals"]["latency_ms.p99"];
  for (const char* key : {"mean", "half_width", "low", "high", "sd"}) CHECK_MESSAGE(p99.contains(key), key);
  CHECK(j["latency_ms"]["p99"].get<double>() == p99["mean"].get<double>());
  CHECK(p99["low"].get<double>() < p99["high"].get<double>());
  CHECK(rep["intervals"].contains("components.server.utilization"));
  CHECK(rep["intervals"].contains("cost.monthly_usd"));
  CHECK_FALSE(rep["intervals"].contains("scenario.seed"));
  CHECK(j["scenario"]["seed"] == 1);
  CHECK(j["slo"]["met"].is_boolean());
}

TEST_CASE("cli: run --replications prints each figure as mean plus or minus its half-width, and the seeds") {
  const CliResult r = run_cli(kRunMm1 + " --replications 4 --seed 10");
  CHECK(r.status == 0);
  CHECK(r.out.find("4 replications, seeds 10, 11, …, 13") != std::string::npos);
  CHECK(r.out.find("95% confidence interval (Student t, 3 df)") != std::string::npos);
  CHECK(r.out.find(" ± ") != std::string::npos);
  for (const char* row : {"offered", "availability", "p99.9", "per month", "server", "SLO met (on the means)"})
    CHECK_MESSAGE(r.out.find(row) != std::string::npos, row);
}

TEST_CASE("cli: run --replications exits 1 when the SLO fails on the means") {
  const CliResult r = run_cli(kRunMm1 + " --replications 2 --set slo.mean=1ms");
  CHECK(r.status == 1);
  CHECK(r.out.find("SLO NOT MET (on the means)") != std::string::npos);
}

TEST_CASE("cli: run --replications 1 is a plain run") {
  const CliResult r = run_cli(kRunMm1 + " --replications 1 --quiet --json -");
  CHECK(r.status == 0);
  CHECK_FALSE(nlohmann::json::parse(r.out).contains("replications"));
}

TEST_CASE("cli: run --replications rejects a count below one or not a whole number, simulating nothing") {
  for (const char* bad : {"0", "-2", "2.5", "ten", ""}) {
    const CliResult r = run_cli(kRunMm1 + " --replications '" + bad + "'");
    CAPTURE(bad);
    CHECK(r.status == 2);
    CHECK(r.err.find("--replications") != std::string::npos);
    CHECK(r.out.empty());
  }
}

TEST_CASE("cli: run --replications with --timeseries or --report is refused") {
  const CliResult a = run_cli(kRunMm1 + " --replications 3 --timeseries /tmp/headroom_never.csv");
  CHECK(a.status == 2);
  CHECK(a.err.find("--timeseries: shows one run; it cannot be combined with --replications") != std::string::npos);
  const CliResult b = run_cli(kRunMm1 + " --replications 3 --report /tmp/headroom_never.html");
  CHECK(b.status == 2);
  CHECK(b.err.find("--report") != std::string::npos);
}
