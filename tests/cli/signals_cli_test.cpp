// Ctrl-C and SIGTERM (issue 16): a run writes what it has, marked partial with the span it covers
// and no SLO verdict, and exits 128 + the signal. The signal is raised by the binary itself at a
// fixed event count (HEADROOM_TEST_RAISE), so nothing here sleeps or races.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "support/cli.hpp"
#include "support/scratch.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

/// run_cli with HEADROOM_TEST_RAISE set for the child only.
CliResult run_raising(const std::string& raise, const std::string& args) {
  ::setenv("HEADROOM_TEST_RAISE", raise.c_str(), 1);
  CliResult r = run_cli(args);
  ::unsetenv("HEADROOM_TEST_RAISE");
  return r;
}

/// The text of a scratch file ("" when missing).
std::string slurp(const Scratch& s, const std::string& name) {
  std::ifstream in(s.path(name));
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST_CASE("cli signals: SIGTERM and Ctrl-C stop a run, which reports its partial span and no SLO verdict") {
  // The M/M/1 example runs ~2.9M events over 30 minutes; the signal comes at event 131,072 (the
  // first check past 100,000), a few seconds into it.
  for (const auto& c : {std::pair{"TERM@100000", 143}, {"INT@100000", 130}}) {
    const char* raise = c.first;
    const int status = c.second;
    CAPTURE(raise);
    const CliResult r = run_raising(raise, "run scenarios/examples/single-server.yaml --json - -q");
    CHECK(r.status == status);
    const auto j = nlohmann::json::parse(r.out);
    CHECK(j["partial"] == true);
    CHECK(j["stop_reason"] == "interrupted");
    // Not "met": the single server meets its 6 ms mean over whatever it covers.
    CHECK(j["slo"]["met"] == false);
    CHECK(j["slo"]["partial"] == true);
    CHECK(j["sim"]["partial"] == true);
    const double from = j["sim"]["covered"][0], to = j["sim"]["covered"][1];
    CHECK(from == doctest::Approx(60));
    CHECK(to > from);
    CHECK(to < 1800);
  }
  const CliResult t = run_raising("TERM@100000", "run scenarios/examples/single-server.yaml");
  CHECK(t.status == 143);
  CHECK(t.out.find("SLO PARTIAL: the run stopped early") != std::string::npos);
  CHECK(t.out.find("s of 1740 s simulated after 60 s warmup (stopped at") != std::string::npos);
  CHECK(t.out.find("SLO met") == std::string::npos);
}

// Every other command (issue 16): HEADROOM_TEST_RAISE=SIGNAL@Kruns raises the signal as the K-th
// simulation ends; with one thread the simulations before it ran whole and nothing after it starts.

TEST_CASE("cli signals: capacity prints and writes the bracket so far") {
  Scratch s("signals_cli");
  const CliResult r = run_raising("INT@3runs", "capacity scenarios/journey/01-day-one.yaml --threads 1 --json '" +
                                                   s.path("cap.json") + "'");
  CHECK(r.status == 130);
  CHECK(r.out.find("interrupted: capacity between ") != std::string::npos);
  CHECK(r.out.find("(bracket so far, 3 probes)") != std::string::npos);
  const auto j = nlohmann::json::parse(slurp(s, "cap.json"));
  CHECK(j["partial"] == true);
  CHECK(j["stop_reason"] == "interrupted");
  CHECK(j["signal"] == "SIGINT");
  CHECK(j["capacity"]["simulations"] == 3);
  // The bracket: a load that passed below one that failed (3 probes: one of each at least).
  CHECK(j["capacity"]["bracket"]["passed"].get<double>() > 0);
  CHECK(j["capacity"]["bracket"]["failed"].get<double>() > j["capacity"]["bracket"]["passed"].get<double>());
  CHECK_FALSE(j["capacity"].contains("users"));
  // Users are whole people: the bracket is in whole users, the ones the terminal prints (the
  // failing probe was 9,290.95 users, written as such before).
  const auto& bracket = j["capacity"]["bracket"];
  REQUIRE(bracket["passed"].is_number_integer());
  REQUIRE(bracket["failed"].is_number_integer());
  const auto grouped = [](std::int64_t n) {
    std::string d = std::to_string(n);
    for (int i = static_cast<int>(d.size()) - 3; i > 0; i -= 3) d.insert(static_cast<std::size_t>(i), ",");
    return d;
  };
  const std::string line = "interrupted: capacity between " + grouped(bracket["passed"].get<std::int64_t>()) + " and " +
                           grouped(bracket["failed"].get<std::int64_t>()) + " users";
  CHECK_MESSAGE(r.out.find(line) != std::string::npos, r.out);
  // And the whole search's answer is a whole number of users too.
  const CliResult whole = run_cli("capacity scenarios/journey/01-day-one.yaml --json - -q");
  REQUIRE(whole.status == 0);
  CHECK(nlohmann::json::parse(whole.out)["capacity"]["users"].is_number_integer());
}

TEST_CASE("cli signals: journey shows the stages done and lists the rest as not run") {
  Scratch s("signals_cli");
  for (const char* f : {"01-day-one.yaml", "02-scale-up.yaml", "client.yaml"})
    fs::copy_file(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/journey/" + f, s.path(f));
  const CliResult r = run_raising("TERM@1runs", "journey '" + s.path("") + "' --threads 1 -q --json '" + s.path("j.json") + "'");
  CHECK(r.status == 143);
  const auto j = nlohmann::json::parse(slurp(s, "j.json"));
  CHECK(j["partial"] == true);
  CHECK(j["stop_reason"] == "interrupted");
  CHECK(j["signal"] == "SIGTERM");
  // One simulation cannot finish a stage (a capacity search, a month and three faults each).
  CHECK(j["stages"].empty());
  CHECK(j["not_run"] == nlohmann::json::array({1, 2}));
  // Both writers list the stages done and those not run.
  CHECK(j["done"] == nlohmann::json::array());
  CHECK(r.out.find("interrupted: no stage done, stages 1-2 not run") != std::string::npos);
}

TEST_CASE("cli signals: check lists the expectations not run, never updates, and writes them as skipped") {
  Scratch s("signals_cli");
  const std::string base = s.write("baselines.yaml", "baselines:\n  - scenario: " + std::string(HEADROOM_SOURCE_DIR) +
                                                         "/scenarios/journey/01-day-one.yaml\n    expect:\n"
                                                         "      latency_ms.p99: {max: 1000}\n  - scenario: " +
                                                         std::string(HEADROOM_SOURCE_DIR) +
                                                         "/scenarios/journey/02-scale-up.yaml\n    expect:\n"
                                                         "      capacity.users: {min: 100}\n");
  const std::string before = slurp(s, "baselines.yaml");
  const CliResult r = run_raising("INT@1runs", "check '" + base + "' --threads 1 --junit '" + s.path("j.xml") +
                                                   "' --markdown '" + s.path("m.md") + "'");
  CHECK(r.status == 130);
  CHECK(r.out.find("interrupted: ") != std::string::npos);
  CHECK(r.out.find("not run  ") != std::string::npos);
  CHECK(slurp(s, "j.xml").find("<skipped message=\"not run: interrupted by SIGINT\"/>") != std::string::npos);
  CHECK(slurp(s, "m.md").find("**Partial: interrupted by SIGINT.**") != std::string::npos);
  const CliResult u = run_raising("INT@1runs", "check '" + base + "' --threads 1 --update");
  CHECK(u.status == 130);
  CHECK(u.out.find("the baselines were not updated") != std::string::npos);
  CHECK(slurp(s, "baselines.yaml") == before);
}

TEST_CASE("cli signals: compare compares the seeds whose two runs ended, with no verdict") {
  Scratch s("signals_cli");
  const std::string a = std::string(HEADROOM_SOURCE_DIR) + "/scenarios/journey/01-day-one.yaml";
  // A's three seeds run first, then B's: the 5th run ends B's second seed.
  const CliResult r = run_raising("INT@5runs", "compare '" + a + "' '" + a + "' --replications 3 --threads 1 --json '" +
                                                   s.path("c.json") + "'");
  CHECK(r.status == 130);
  CHECK(r.out.find("interrupted: 2 of 3 seeds compared on both sides") != std::string::npos);
  const auto j = nlohmann::json::parse(slurp(s, "c.json"));
  CHECK(j["partial"] == true);
  CHECK(j["seeds_compared"] == 2);
  CHECK(j["seeds"] == nlohmann::json::array({1, 2}));
  CHECK_FALSE(j["figures"].empty());
}

TEST_CASE("cli signals: sweep writes the runs done, marked partial, and lists the points not run") {
  Scratch s("signals_cli");
  const std::string file = s.write("sweep.yaml", "scenario: " + std::string(HEADROOM_SOURCE_DIR) +
                                                     "/scenarios/examples/single-server.yaml\n"
                                                     "sweep:\n  seeds: 2\n  parameters:\n    load.rate: [500/s, 650/s]\n");
  const CliResult r = run_raising("TERM@3runs", "sweep '" + file + "' --set warmup=2s --duration 12s --threads 1 --json '" +
                                                    s.path("s.json") + "' --csv '" + s.path("s.csv") + "' --markdown '" +
                                                    s.path("s.md") + "' --report '" + s.path("s.html") + "'");
  CHECK(r.status == 143);
  CHECK(r.out.find("interrupted: 3 of 4 runs done; points not run (or not on every run): 1") != std::string::npos);
  const auto j = nlohmann::json::parse(slurp(s, "s.json"));
  CHECK(j["partial"] == true);
  CHECK(j["stop_reason"] == "interrupted");
  CHECK(j["points_not_run"] == nlohmann::json::array({1}));
  // Every output asked for is written (issue 16): the CSV stays one table, a row per point whose
  // last column, `status`, says which ran; the Markdown and the page say how partial they are.
  const std::string csv = slurp(s, "s.csv");
  REQUIRE(std::count(csv.begin(), csv.end(), '\n') == 3);
  const auto header_end = csv.find('\n');
  const std::string header = csv.substr(0, header_end);
  CHECK(header.rfind("point,load.rate,slo_met,", 0) == 0);
  CHECK(header.ends_with(",status"));
  const auto row1 = csv.find('\n', header_end + 1);
  const std::string done = csv.substr(header_end + 1, row1 - header_end - 1);
  const std::string not_run = csv.substr(row1 + 1, csv.size() - row1 - 2);
  CHECK(done.rfind("0,500/s,true,", 0) == 0);
  CHECK(done.ends_with(",done"));
  CHECK(not_run.rfind("1,650/s,,", 0) == 0);
  CHECK(not_run.ends_with(",not run (SIGTERM)"));
  const auto commas = [](const std::string& line) { return std::count(line.begin(), line.end(), ','); };
  CHECK(commas(done) == commas(header));
  CHECK(commas(not_run) == commas(header));
  const std::string partial = "partial: 1 of 2 points, interrupted by SIGTERM; points not run (or not under every seed): 1";
  const std::string md = slurp(s, "s.md");
  CHECK(md.rfind("**" + partial + "**", 0) == 0);
  CHECK(md.find("| 0 | 500/s |") != std::string::npos);
  CHECK(md.find("| 1 | 650/s |") == std::string::npos);
  const std::string html = slurp(s, "s.html");
  CHECK(html.find("<p class=\"partial\"><b>" + partial + "</b></p>") != std::string::npos);
  CHECK(html.find("<td>650/s</td>") == std::string::npos);
  // The terminal shows the table so far, then the runs not done.
  CHECK(r.out.find("**" + partial + "**") != std::string::npos);
}

TEST_CASE("cli signals: run --replications summarises the seeds that ran, marked partial") {
  const CliResult r = run_raising("INT@2runs", "run scenarios/journey/01-day-one.yaml --replications 3 --threads 1 --json - -q");
  CHECK(r.status == 130);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["partial"] == true);
  CHECK(j["stop_reason"] == "interrupted");
  CHECK(j["replications"]["n"] == 2);
  CHECK(j["replications"]["seeds"] == nlohmann::json::array({1, 2}));
}
