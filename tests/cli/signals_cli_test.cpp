// Ctrl-C and SIGTERM (issue 16): a run writes what it has, marked partial with the span it covers
// and no SLO verdict, and exits 128 + the signal. The signal is raised by the binary itself at a
// fixed event count (HEADROOM_TEST_RAISE), so nothing here sleeps or races.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <cstdlib>
#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;

namespace {

/// run_cli with HEADROOM_TEST_RAISE set for the child only.
CliResult run_raising(const std::string& raise, const std::string& args) {
  ::setenv("HEADROOM_TEST_RAISE", raise.c_str(), 1);
  CliResult r = run_cli(args);
  ::unsetenv("HEADROOM_TEST_RAISE");
  return r;
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
