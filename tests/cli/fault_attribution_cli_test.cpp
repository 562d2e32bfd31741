// Fault rows count every request the fault cost (issue 16): the exact count at the dead part and
// an attribution estimate of the rest, labelled as such.
#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;

TEST_CASE("fault rows: a cascade's row counts the requests lost on the survivors too, as an estimate") {
  // One web server of the cascade example dies at 15 min; the survivors then overflow and reject
  // (245k rejected against 9k unavailable at the dead one). Nothing failed before the fault and it
  // is never restored, so the estimate's window runs to the end over a zero baseline: with one
  // fault, the row's estimate is exactly the run's failures.
  const CliResult r = run_cli("run scenarios/examples/cascade.yaml --json - -q");
  REQUIRE(r.status == 1);
  const auto j = nlohmann::json::parse(r.out);
  REQUIRE(j["faults"].size() == 1);
  const auto& f = j["faults"][0];
  CHECK(f["baseline_failures_per_s"] == 0.0);
  CHECK(f["excess_failed"].get<double>() == doctest::Approx(j["requests"]["failed"].get<double>()));
  // The exact count (failed at the dead instance) is a small part of what the fault cost.
  CHECK(f["failed_requests"].get<double>() < 0.1 * f["excess_failed"].get<double>());
  CHECK(f["attribution"].get<std::string>().find("estimate") != std::string::npos);
  const CliResult t = run_cli("run scenarios/examples/cascade.yaml");
  CHECK(t.out.find("cost (est.)") != std::string::npos);
  CHECK(t.out.find("an attribution estimate") != std::string::npos);
}
