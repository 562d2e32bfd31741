#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

TEST_CASE("cli: run writes a JSON report with every key of spec.md section 5") {
  const std::string path = "/tmp/headroom_cli_report_" + std::to_string(::getpid()) + ".json";
  const CliResult r = run_cli("run scenarios/examples/web-and-db.yaml --duration 15m --quiet --json " + path);
  REQUIRE(r.status == 0);
  const auto j = nlohmann::json::parse(read_file(path));
  fs::remove(path);
  for (const char* key : {"schema", "version", "partial", "scenario", "requests", "latency_ms", "classes",
                          "components", "faults", "availability", "cost", "slo", "sim"})
    CHECK_MESSAGE(j.contains(key), key);
  CHECK(j["schema"] == "headroom.report/1");
  for (const char* key : {"offered", "completed", "ok", "failed", "error_rate", "errors"})
    CHECK_MESSAGE(j["requests"].contains(key), key);
  for (const char* key : {"rejected", "timeout", "unavailable", "throttled", "failed"})
    CHECK_MESSAGE(j["requests"]["errors"].contains(key), key);
  for (const char* key : {"mean", "p50", "p90", "p95", "p99", "p999", "max"}) CHECK_MESSAGE(j["latency_ms"].contains(key), key);
  for (const char* key : {"period_usd", "monthly_usd", "by_service", "by_component", "spot_savings_usd"})
    CHECK_MESSAGE(j["cost"].contains(key), key);
  for (const char* key : {"events", "wall_s", "events_per_s"}) CHECK_MESSAGE(j["sim"].contains(key), key);
  const auto& web = j["components"]["web"];
  for (const char* key : {"type", "throughput_rps", "utilization", "latency_ms", "instances", "errors"})
    CHECK_MESSAGE(web.contains(key), key);
  CHECK(web["instances"]["mean"] == 2);
  CHECK(j["slo"]["met"] == true);
  CHECK(j["requests"]["offered"].get<long>() > 10000);
}

TEST_CASE("cli: an unmet SLO exits with status 1 and says so") {
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --duration 5m --set load.rate=980/s");
  CHECK(r.status == 1);
  CHECK(r.out.find("NOT MET") != std::string::npos);
}

TEST_CASE("cli: every broken scenario exits with status 2 and writes nothing") {
  const std::string path = "/tmp/headroom_cli_never_" + std::to_string(::getpid()) + ".json";
  int files = 0;
  for (const auto& entry : fs::directory_iterator(std::string(HEADROOM_SOURCE_DIR) + "/tests/config/bad")) {
    if (entry.path().extension() != ".yaml") continue;
    ++files;
    const std::string rel = "tests/config/bad/" + entry.path().filename().string();
    const CliResult r = run_cli("run " + rel + " --json " + path);
    CHECK_MESSAGE(r.status == 2, rel);
    CHECK_MESSAGE(r.out.empty(), rel);
    CHECK_MESSAGE(r.err.find("error") != std::string::npos, rel);
    CHECK_FALSE(fs::exists(path));
  }
  CHECK(files >= 20);
}

TEST_CASE("cli: bad options are usage errors with exit status 2") {
  CHECK(run_cli("frobnicate").status == 2);
  CHECK(run_cli("rnu x.yaml").err.find("did you mean 'run'") != std::string::npos);
  CHECK(run_cli("run scenarios/examples/single-server.yaml --duration 5 minutes").status == 2);
  CHECK(run_cli("run scenarios/examples/single-server.yaml --duration 5mins").status == 2);
  CHECK(run_cli("run scenarios/examples/single-server.yaml --users 100").status == 2);
  CHECK(run_cli("run scenarios/examples/single-server.yaml --set nonsense").status == 2);
  CHECK(run_cli("run scenarios/examples/single-server.yaml --set components.server.cout=2").status == 2);
  CHECK(run_cli("run does/not/exist.yaml").status == 2);
  CHECK(run_cli("capacity scenarios/examples/single-server.yaml --slo p98=5ms").status == 2);
  CHECK(run_cli("capacity scenarios/examples/single-server.yaml --slo p98=5ms").err.find("did you mean") != std::string::npos);
}

TEST_CASE("cli: a runaway run stops at its in-flight limit with a partial report and a clear reason") {
  const CliResult r = run_cli(
      "run scenarios/examples/single-server.yaml --duration 10m --set load.rate=5000/s --max-in-flight 10000 --json -");
  CHECK(r.status == 1);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["partial"] == true);
  CHECK(j["stop_reason"].get<std::string>().find("--max-in-flight") != std::string::npos);
}

TEST_CASE("cli: validate accepts every bundled scenario") {
  for (const auto& entry : fs::recursive_directory_iterator(std::string(HEADROOM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    if (entry.path().parent_path().filename() == "catalog") continue;  // price catalogs, not scenarios
    if (entry.path().filename() == "baselines.yaml") continue;         // `headroom check`'s input
    if (entry.path().filename() == "client.yaml") continue;            // what the stages include
    const CliResult r = run_cli("validate '" + entry.path().string() + "'");
    const std::string what = entry.path().string() + ": " + r.err;
    CHECK_MESSAGE(r.status == 0, what);
  }
}

TEST_CASE("cli: --users rescales the load curve's peak") {
  const CliResult a = run_cli("run scenarios/examples/web-and-db.yaml --duration 20m --users 1500 --json - --quiet");
  REQUIRE(a.status == 0);
  const auto j = nlohmann::json::parse(a.out);
  const double rate = j["littles_law"]["arrival_rate"].get<double>();
  CHECK(rate > 50);
  CHECK(rate < 150);
}

TEST_CASE("cli: docs/scenarios.md is the reference generated from the registry, not a stale copy") {
  const CliResult r = run_cli("reference");
  REQUIRE(r.status == 0);
  CHECK_MESSAGE(r.out == read_file(std::string(HEADROOM_SOURCE_DIR) + "/docs/scenarios.md"),
                "regenerate it: build/headroom reference > docs/scenarios.md");
}

TEST_CASE("cli: capacity --slo holds every class, replacing the classes' own clauses of that metric") {
  const fs::path file = fs::temp_directory_path() / ("headroom_cli_slo_" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(file) << "name: two classes\nload: {rate: 100}\n"
                         "traffic:\n  - {name: fast, share: 95%, path: [quick]}\n  - {name: slow, share: 5%, path: [heavy]}\n"
                         "components:\n"
                         "  quick: {type: ec2, instance: m5.large, count: 1, cpu: 1ms}\n"
                         "  heavy: {type: ec2, instance: m5.large, count: 1, cpu: 20ms}\n"
                         "slo: {p99: 50ms, classes: {slow: {p99: 1s}}}\n";
  const CliResult own = run_cli("capacity " + file.string() + " --json - --quiet");
  const CliResult tight = run_cli("capacity " + file.string() + " --slo p99=300ms --json - --quiet");
  fs::remove(file);
  REQUIRE(own.status == 0);
  REQUIRE(tight.status == 0);
  const auto a = nlohmann::json::parse(own.out)["capacity"], b = nlohmann::json::parse(tight.out)["capacity"];
  CHECK(a["slo"]["classes"]["slow"]["p99"].get<double>() == doctest::Approx(1000));
  CHECK(b["slo"]["p99"].get<double>() == doctest::Approx(300));
  CHECK_FALSE(b["slo"].contains("classes"));
  CHECK(b["users"].get<double>() > 0);
}

TEST_CASE("cli: a fragment (fragment: true) validates key by key but is refused by run, with exit 2") {
  const CliResult ok = run_cli("validate scenarios/journey/client.yaml");
  CHECK(ok.status == 0);
  const CliResult bad = run_cli("validate tests/config/bad/control_characters.yaml scenarios/journey/client.yaml");
  CHECK(bad.status == 2);
  const CliResult run = run_cli("run scenarios/journey/client.yaml");
  CHECK(run.status == 2);
  CHECK(run.err.find("fragment") != std::string::npos);
  CHECK(run.err.find("include: client.yaml") != std::string::npos);
}
