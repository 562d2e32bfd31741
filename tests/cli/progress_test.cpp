#include <doctest/doctest.h>

#include "report/progress.hpp"
#include "support/cli.hpp"

using namespace headroom;
using namespace headroom::testing;

TEST_CASE("progress: the bar shows the share done, the simulated time, the event rate and the time left") {
  const std::string line = progress_line(15 * kMinute, kHour, 30'000'000, 2.0);
  CHECK(line == "[######                  ]  25%  15m of 1h simulated  15.0M events/s  ETA 6s");
  CHECK(progress_line(0, kHour, 0, 0).find("ETA –") != std::string::npos);
}

TEST_CASE("progress: nothing is drawn when stderr is not a terminal") {
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --duration 2h");
  CHECK(r.status == 0);
  CHECK(r.err.find('\r') == std::string::npos);
  CHECK(r.err.find("events/s") == std::string::npos);
}
