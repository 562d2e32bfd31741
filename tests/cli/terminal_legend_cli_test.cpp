// The terminal summary read by a room (issue 16 item 5): its terms explained, utilisation never
// above 100% (an overload is a growing queue), and the requests still in flight at the end said.
#include <doctest/doctest.h>

#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;

TEST_CASE("terminal: an overloaded server shows 100% and saturated, the requests left in flight, and a legend") {
  // Before: "util 100.1%", and "0 errors" beside 86.7% availability with nothing to say why.
  // M/M/1 at 1100/s into a 1000/s server: ρ = 1.1, so about 100/s pile up in its queue.
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --duration 3m --set load.rate=1100/s");
  CHECK(r.status == 1);
  INFO(r.out);
  CHECK(r.out.find(" 100.0% * ") != std::string::npos);
  CHECK(r.out.find("  * saturated: work arrived faster than it was served") != std::string::npos);
  CHECK(r.out.find("  in flight at the end ") != std::string::npos);
  CHECK(r.out.find("availability is ok / offered") != std::string::npos);
  CHECK(r.out.find("so it includes everything it calls") != std::string::npos);
  CHECK(r.out.find("e-0") == std::string::npos);
  CHECK(r.out.find("e+0") == std::string::npos);
}

TEST_CASE("terminal: 0 errors beside an availability under 100% is explained by the requests in flight at the end") {
  // At 80% utilisation: not saturated; the 6 requests still in service when the run ends are
  // neither ok nor errors, which is why availability (ok / offered) reads 99.994%.
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --duration 3m");
  CHECK(r.status == 0);
  INFO(r.out);
  CHECK(r.out.find("saturated") == std::string::npos);
  CHECK(r.out.find("offered 95830  ok 95824  errors 0 (0.000%)  availability 99.994%") != std::string::npos);
  CHECK(r.out.find("  in flight at the end 6: neither ok nor errors") != std::string::npos);
  CHECK(r.out.find("  Terms: ") != std::string::npos);
}
