#include <doctest/doctest.h>

#include <filesystem>
#include <set>
#include <string>

#include "headroom/scenario/limits.hpp"
#include "headroom/workload/curve.hpp"
#include "headroom/yaml/load_scenario.hpp"

using namespace headroom;
namespace fs = std::filesystem;

TEST_CASE("limits: every bundled scenario but the real days offers well under the per-request budget") {
  double largest = 0;
  int files = 0;
  std::set<std::string> over;
  for (const char* dir : {"scenarios/journey", "scenarios/examples"})
    for (const auto& e : fs::directory_iterator(fs::path(HEADROOM_SOURCE_DIR) / dir)) {
      if (e.path().extension() != ".yaml") continue;
      if (e.path().filename() == "client.yaml") continue;  // what the stages include, not a stage
      const ScenarioSpec spec = load_scenario(e.path().string());
      const double offered = offered_requests(spec);
      if (offered >= kMaxRequests / 4) over.insert(e.path().filename().string());
      CHECK_MESSAGE(offered < 10 * kMaxRequests, e.path().string());
      largest = std::max(largest, offered);
      ++files;
    }
  CHECK(files >= 9);
  CHECK(largest > 1e9);
  CHECK(over == std::set<std::string>{"06-auto-scaling-spot.yaml", "07-serverless.yaml"});
}

TEST_CASE("limits: the offered requests of a constant rate and of users are the curve's integral") {
  ScenarioSpec spec;
  spec.duration = kHour;
  spec.load.by_rate = true;
  spec.load.curve.value = 100;
  CHECK(offered_requests(spec) == doctest::Approx(360'000));
  spec.load.by_rate = false;
  spec.load.curve.value = 1000;
  spec.load.think_time = 19 * kSecond;
  spec.client.rtt = kSecond;
  CHECK(offered_requests(spec) == doctest::Approx(180'000));
}
