#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "headroom/yaml/load_scenario.hpp"

using namespace headroom;
namespace fs = std::filesystem;

namespace {
std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string without_trailing_newlines(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string relative_to_source(std::string text) {
  const std::string prefix = std::string(HEADROOM_SOURCE_DIR) + "/";
  for (std::size_t at = text.find(prefix); at != std::string::npos; at = text.find(prefix, at))
    text.erase(at, prefix.size());
  return text;
}

std::vector<fs::path> bad_scenarios() {
  std::vector<fs::path> out;
  for (const auto& entry :
       fs::directory_iterator(fs::path(HEADROOM_SOURCE_DIR) / "tests/config/bad"))
    if (entry.path().extension() == ".yaml") out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

TEST_CASE(
    "bad configs: the corpus covers at least 25 broken scenarios, each with its expectation") {
  const auto files = bad_scenarios();
  CHECK(files.size() >= 25);
  for (const auto& f : files) {
    INFO(f.string());
    CHECK(fs::exists(fs::path(f).replace_extension(".expected")));
  }
}

TEST_CASE("bad configs: every broken scenario is rejected with exactly the expected messages") {
  for (const auto& f : bad_scenarios()) {
    INFO(f.filename().string());
    const std::string expected =
        without_trailing_newlines(read_all(fs::path(f).replace_extension(".expected")));
    std::string actual = "(loaded without error)";
    try {
      (void)load_scenario(f.string());
    } catch (const InputError& e) {
      Diagnostics d;
      for (const auto& item : e.items()) d.error(item.loc, item.path, item.message);
      actual = relative_to_source(d.str());
    }
    CHECK(actual == expected);
  }
}
