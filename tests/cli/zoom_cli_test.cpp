#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;


TEST_CASE("cli zoom: --zoom takes FROM..TO with FROM before TO inside the run, or exits 2 saying why") {
  const std::string run = "run scenarios/examples/single-server.yaml --quiet --fidelity hybrid --zoom ";
  const CliResult shape = run_cli(run + "20m-25m");
  CHECK(shape.status == 2);
  CHECK(says(shape, "--zoom: expected FROM..TO (durations such as 20m..35m), got '20m-25m'"));
  const CliResult order = run_cli(run + "25m..20m");
  CHECK(order.status == 2);
  CHECK(says(order, "--zoom: in '25m..20m': FROM must come before TO"));
  const CliResult beyond = run_cli(run + "20m..40m");
  CHECK(beyond.status == 2);
  CHECK(says(beyond, "--zoom: in '20m..40m': the window ends after the run (30m)"));
  const CliResult word = run_cli(run + "soon..20m");
  CHECK(word.status == 2);
  CHECK(says(word, "--zoom: in 'soon..20m'"));
  for (const char* command : {"capacity", "compare scenarios/examples/single-server.yaml"}) {
    const CliResult other = run_cli(std::string(command) + " scenarios/examples/single-server.yaml --quiet --zoom 25m..20m");
    CHECK_MESSAGE(other.status == 2, command);
    CHECK_MESSAGE(says(other, "--zoom: in '25m..20m': FROM must come before TO"), command);
  }
}

TEST_CASE("cli zoom: a hybrid run with --zoom reports its windows under sim.zoom") {
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --fidelity hybrid --zoom 10m..12m "
                              "--zoom 20m..21m --json -");
  REQUIRE(r.status != 2);
  const auto zoom = nlohmann::json::parse(r.out)["sim"]["zoom"];
  CHECK(zoom == nlohmann::json::parse("[[600, 720], [1200, 1260]]"));
  const CliResult exact = run_cli("run scenarios/examples/single-server.yaml --fidelity request --zoom 10m..12m --json -");
  REQUIRE(exact.status != 2);
  CHECK(nlohmann::json::parse(exact.out)["sim"]["zoom"].empty());
}
