#include <doctest/doctest.h>

#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;


TEST_CASE("cli limits: --max-events and --max-in-flight take whole numbers in range, never NaN or infinity") {
  for (const char* bad : {"--max-events 1e30", "--max-events nan", "--max-events inf", "--max-events 0",
                          "--max-events 2.5", "--max-in-flight inf", "--max-in-flight -1", "--max-in-flight 1e300"}) {
    const CliResult r = run_cli(std::string("run scenarios/examples/single-server.yaml --quiet ") + bad);
    CHECK_MESSAGE(r.status == 2, bad);
    CHECK_MESSAGE(says(r, "expected a whole number from 1 to 2^53"), bad);
  }
  const CliResult ok = run_cli("run scenarios/examples/single-server.yaml --duration 2m --max-events 10k");
  CHECK(ok.status == 1);
  CHECK(says(ok, "run stopped early"));
}

TEST_CASE("cli limits: --seed beyond 64 bits is refused, not converted") {
  const CliResult r = run_cli("run scenarios/examples/single-server.yaml --quiet --seed 1e30");
  CHECK(r.status == 2);
  CHECK(says(r, "--seed: expected a non-negative integer, got '1e30'"));
}

TEST_CASE("cli limits: absurd counts, rates, users and durations are refused before anything is allocated") {
  const std::string file = "scenarios/examples/single-server.yaml";
  const CliResult count = run_cli("run " + file + " --quiet --set components.server.count=1e9", 60);
  CHECK(count.status == 2);
  CHECK(says(count, "components.server.count: 1,000,000,000 instances in the scenario are more than the 100,000 "
                    "headroom simulates"));
  const CliResult infinite = run_cli("run " + file + " --quiet --set load.rate=1e308G/s", 60);
  CHECK(infinite.status == 2);
  CHECK(says(infinite, "load.rate: '1e308G/s' is not a finite number"));
  const CliResult rate = run_cli("run " + file + " --quiet --fidelity request --set load.rate=1e15/s", 60);
  CHECK(rate.status == 2);
  CHECK(says(rate, "load.rate: this load offers about 1.8e+18 requests over the 30m run, more than headroom's budget of 1e9"));
  CHECK(says(rate, "or add --force to run it anyway"));
  const CliResult users =
      run_cli("run scenarios/journey/04-elb-multi-az.yaml --quiet --fidelity request --users 1e12", 60);
  CHECK(users.status == 2);
  CHECK(says(users, "command line: error: --users: this load offers about"));
  const CliResult years = run_cli("run scenarios/journey/07-serverless.yaml --quiet --set duration=100000d", 60);
  CHECK(years.status == 2);
  CHECK(says(years, "duration: 100000d is longer than the 366d a run may last"));
  const CliResult long_option = run_cli("run " + file + " --quiet --duration 100000d", 60);
  CHECK(long_option.status == 2);
  CHECK(says(long_option, "--duration: 100000d is longer than the 366d a run may last"));
}
