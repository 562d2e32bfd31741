#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace fs = std::filesystem;

namespace {

// docs/architecture.md, "Layers": each folder may include only its own and lower ones.
constexpr std::array<std::string_view, 15> kLayers = {
    "core",    "engine",   "scenario", "catalog", "yaml", "workload", "measure", "topology",
    "components", "runtime", "run", "analysis", "study", "report", "cli"};

int rank_of(std::string_view layer) {
  const auto it = std::find(kLayers.begin(), kLayers.end(), layer);
  return it == kLayers.end() ? -1 : static_cast<int>(it - kLayers.begin());
}

struct Include {
  std::string file, layer, target, header;
};

std::vector<Include> includes_under(const fs::path& root) {
  static const std::regex quoted(R"re(#include "([^"]+)")re");
  std::vector<Include> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    const std::string ext = entry.path().extension().string();
    if (ext != ".cpp" && ext != ".hpp" && ext != ".in") continue;
    const std::string layer = fs::relative(entry.path(), root).begin()->string();
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    for (auto m = std::sregex_iterator(s.begin(), s.end(), quoted); m != std::sregex_iterator(); ++m) {
      std::string header = (*m)[1];
      if (header.find('/') == std::string::npos) continue;  // a neighbour in the same folder
      std::string rest = header.rfind("headroom/", 0) == 0 ? header.substr(9) : header;
      out.push_back({entry.path().string(), layer, rest.substr(0, rest.find('/')), header});
    }
  }
  return out;
}

std::vector<Include> all_includes() {
  const fs::path top(HEADROOM_SOURCE_DIR);
  std::vector<Include> all = includes_under(top / "sim");
  for (auto& i : includes_under(top / "include" / "headroom")) all.push_back(std::move(i));
  return all;
}

}  // namespace

TEST_CASE("layers: every folder of sim/ and include/headroom/ is a known layer") {
  for (const auto& dir : {fs::path(HEADROOM_SOURCE_DIR) / "sim", fs::path(HEADROOM_SOURCE_DIR) / "include" / "headroom"})
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.is_directory()) CHECK_MESSAGE(rank_of(entry.path().filename().string()) >= 0, entry.path().string());
}

TEST_CASE("layers: no include in a lower layer names a higher one") {
  const std::vector<Include> all = all_includes();
  CHECK(all.size() > 100);
  for (const Include& i : all) {
    INFO(i.file, " (", i.layer, ") includes ", i.header, " (", i.target, ")");
    REQUIRE(rank_of(i.target) >= 0);
    CHECK(rank_of(i.target) <= rank_of(i.layer));
  }
}

TEST_CASE("layers: yaml-cpp is included only under sim/yaml") {
  for (const auto& entry : fs::recursive_directory_iterator(fs::path(HEADROOM_SOURCE_DIR) / "sim")) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    if (text.str().find("#include <yaml-cpp/") == std::string::npos) continue;
    CHECK_MESSAGE(entry.path().parent_path().filename() == "yaml", entry.path().string());
  }
}
