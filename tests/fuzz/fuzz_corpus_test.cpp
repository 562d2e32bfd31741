// The fuzz target in the normal build: every seed libFuzzer starts from (the bundled scenarios,
// the broken-file corpus) and every input it ever crashed on (tests/fuzz/regressions) goes
// through the same entry point, so a finding fixed once stays fixed (issue 16).
#include <cctype>
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/fuzz_one.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

std::vector<fs::path> files_under(const std::string& dir, const std::string& ext) {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(HEADROOM_SOURCE_DIR) / dir))
    if (e.is_regular_file() && (ext.empty() || e.path().extension() == ext)) out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

FuzzOutcome feed(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  const std::string bytes = s.str();
  // The label the fuzzer gives every input, so that relative paths resolve the same way.
  return fuzz_one(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size(),
                  std::string(HEADROOM_SOURCE_DIR) + "/scenarios/journey/fuzz-input.yaml");
}

}  // namespace

TEST_CASE("fuzz corpus: every input a fuzzer run crashed on loads or is refused, and runs, without a crash") {
  const auto files = files_under("tests/fuzz/regressions", "");
  CHECK(files.size() >= 1);
  for (const auto& f : files) {
    INFO(f.filename().string());
    CHECK_NOTHROW(feed(f));
  }
}

TEST_CASE("fuzz corpus: the seeds reach both ends of the target (bundled scenarios run, broken files are refused)") {
  int ran = 0, refused = 0;
  for (const auto& f : files_under("scenarios/journey", ".yaml")) {
    // The stages (NN-*.yaml); client.yaml is the behaviour they include, not a scenario.
    if (!std::isdigit(static_cast<unsigned char>(f.filename().string()[0]))) continue;
    INFO(f.string());
    const FuzzOutcome o = feed(f);
    CHECK(o == FuzzOutcome::Ran);
    ran += o == FuzzOutcome::Ran;
  }
  for (const auto& f : files_under("tests/config/bad", ".yaml")) {
    INFO(f.string());
    const FuzzOutcome o = feed(f);
    CHECK(o == FuzzOutcome::Refused);
    refused += o == FuzzOutcome::Refused;
  }
  CHECK(ran >= 7);
  CHECK(refused >= 25);
}
