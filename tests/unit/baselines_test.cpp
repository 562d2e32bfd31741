#include "headroom/yaml/baselines_reader.hpp"
#include "headroom/study/baselines.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/cli.hpp"

using namespace headroom;
namespace fs = std::filesystem;

namespace {

const std::string kBaselinesScenario =
    std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/single-server.yaml";

std::string baselines_text() {
  return "# Why these figures: see the capacity review of March.\n"
         "baselines:\n"
         "  - scenario: " +
         kBaselinesScenario +
         "  # the one server\n"
         "    seed: 1\n"
         "    expect:\n"
         "      latency_ms.mean: {value: 5, tolerance: 10%}  # measured on the old instance\n"
         "      latency_ms.p99:\n"
         "        value: '12.5'   # quoted on purpose\n"
         "        tolerance: 2\n"
         "      requests.error_rate: {max: 0.1%}\n"
         "      capacity.users: {min: 10k}\n"
         "      throughput_rps: {min: 90, max: 110}\n"
         "      latency_ms.p50: {value: 4, tolerance: 1}\n";
}

const std::vector<std::map<std::string, double>> kActuals = {{{"latency_ms.mean", 5.25},
                                                              {"latency_ms.p99", 13.0},
                                                              {"requests.error_rate", 0.0005},
                                                              {"capacity.users", 9000},
                                                              {"throughput_rps", 120},
                                                              {"latency_ms.p50", 4.0000001}}};

fs::path write_baselines(const std::string& name, const std::string& text) {
  const fs::path dir = fs::temp_directory_path() / "headroom_baselines_test";
  fs::create_directories(dir);
  std::ofstream(dir / name) << text;
  return dir / name;
}

std::string load_error(const fs::path& file) {
  try {
    (void)load_baselines(file.string());
  } catch (const InputError& e) {
    return e.what();
  }
  return "(read without error)";
}

}  // namespace

TEST_CASE("baselines: --update changes only the figures the run moved and keeps every comment") {
  const BaselineFile f = load_baselines(write_baselines("update.yaml", baselines_text()).string());
  const std::string expected =
      "# Why these figures: see the capacity review of March.\n"
      "baselines:\n"
      "  - scenario: " +
      kBaselinesScenario +
      "  # the one server\n"
      "    seed: 1\n"
      "    expect:\n"
      "      latency_ms.mean: {value: 5.25, tolerance: 10%}  # measured on the old instance\n"
      "      latency_ms.p99:\n"
      "        value: 13   # quoted on purpose\n"
      "        tolerance: 2\n"
      "      requests.error_rate: {max: 0.1%}\n"
      "      capacity.users: {min: 9000}\n"
      "      throughput_rps: {min: 90, max: 120}\n"
      "      latency_ms.p50: {value: 4, tolerance: 1}\n";
  CHECK(baselines_yaml(f, kActuals) == expected);
}

TEST_CASE("baselines: an updated file reads back to the run's figures") {
  const BaselineFile before =
      load_baselines(write_baselines("before.yaml", baselines_text()).string());
  const BaselineFile after =
      load_baselines(write_baselines("after.yaml", baselines_yaml(before, kActuals)).string());
  REQUIRE(after.baselines.size() == 1);
  const auto& expect = after.baselines[0].expect;
  REQUIRE(expect.size() == 6);
  CHECK(expect[0].value == 5.25);
  CHECK(expect[0].tolerance_text == "10%");
  CHECK(expect[1].value == 13);
  CHECK(expect[1].tolerance == 2);
  CHECK(expect[2].max == 0.001);
  CHECK(expect[3].min == 9000);
  CHECK(expect[4].min == 90);
  CHECK(expect[4].max == 120);
  CHECK(expect[5].value == 4);
  CHECK(after.baselines[0].seed == 1u);
}

TEST_CASE("baselines: a YAML syntax error or a second document is reported at its line") {
  const fs::path broken = write_baselines("broken.yaml", "baselines:\n  - scenario: [s.yaml\n");
  const fs::path two = write_baselines("two.yaml", baselines_text() + "---\nbaselines: []\n");
  CHECK(load_error(broken).rfind(broken.string() + ":3:1: error: invalid YAML: ", 0) == 0);
  CHECK(load_error(two) == two.string() +
                               ":14:1: error: a second YAML document starts here; the file must "
                               "hold exactly one (remove the '---' line, or split the file)");
}
