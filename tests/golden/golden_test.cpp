#include <doctest/doctest.h>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "support/cli.hpp"

using namespace headroom::testing;

namespace {

std::uint64_t fnv1a64(const std::string& text) {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (const unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// tests/golden/fingerprints.txt: one line per bundled scenario, `name digest args…`. A digest is
// FNV-1a 64 of the JSON report without `sim` (wall times), so any change to any figure shows.
struct Golden {
  std::string digest, args;
};

Golden golden_for(const std::string& name) {
  std::ifstream in(std::string(HEADROOM_SOURCE_DIR) + "/tests/golden/fingerprints.txt");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string n, digest;
    fields >> n >> digest;
    if (n != name) continue;
    std::string args;
    std::getline(fields, args);
    return {digest, args.substr(args.find_first_not_of(' '))};
  }
  FAIL("no fingerprint for ", name, " in tests/golden/fingerprints.txt");
  return {};
}

void check_golden(const std::string& name) {
  const Golden g = golden_for(name);
  const CliResult r = run_cli(g.args + " --json - --quiet");
  INFO("headroom ", g.args, "\n", r.err);
  REQUIRE((r.status == 0 || r.status == 1));
  const std::string digest = fmt::format("{:016x}", fnv1a64(without_sim(r.out)));
  if (std::getenv("HEADROOM_UPDATE_GOLDEN")) {
    MESSAGE(name, " ", digest, " ", g.args);
    return;
  }
  INFO("the report changed; if that is intended, run scripts/update-golden.sh and say why in the commit");
  CHECK(digest == g.digest);
}

}  // namespace

TEST_CASE("golden: single-server's report is unchanged") { check_golden("single-server"); }
TEST_CASE("golden: web-and-db's report is unchanged") { check_golden("web-and-db"); }
TEST_CASE("golden: flash-crowd's report is unchanged") { check_golden("flash-crowd"); }
TEST_CASE("golden: cascade's report is unchanged") { check_golden("cascade"); }
TEST_CASE("golden: pool-exhaustion's report is unchanged") { check_golden("pool-exhaustion"); }
TEST_CASE("golden: spot-trace's report is unchanged") { check_golden("spot-trace"); }
TEST_CASE("golden: stage 01's report is unchanged") { check_golden("01-day-one"); }
TEST_CASE("golden: stage 02's report is unchanged") { check_golden("02-scale-up"); }
TEST_CASE("golden: stage 03's report is unchanged") { check_golden("03-web-and-db"); }
TEST_CASE("golden: stage 04's report is unchanged") { check_golden("04-elb-multi-az"); }
TEST_CASE("golden: stage 05's report is unchanged") { check_golden("05-caches-cdn-replicas"); }
TEST_CASE("golden: stage 06's report is unchanged") { check_golden("06-auto-scaling-spot"); }
TEST_CASE("golden: stage 07's report is unchanged") { check_golden("07-serverless"); }
