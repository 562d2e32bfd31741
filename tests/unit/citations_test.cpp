#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "support/cli.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = HEADROOM_SOURCE_DIR;

/// Every text file under `dirs` (relative to the source tree), plus README.md.
std::vector<fs::path> repository_files(const std::vector<std::string>& dirs) {
  std::vector<fs::path> files{kRoot / "README.md"};
  for (const auto& dir : dirs)
    for (const auto& entry : fs::recursive_directory_iterator(kRoot / dir))
      if (entry.is_regular_file() && entry.path().extension() != ".png")
        files.push_back(entry.path());
  return files;
}

/// The section labels of a page's headings matched by `heading` (its first group).
std::set<std::string> sections(const std::string& page, const std::regex& heading) {
  std::set<std::string> found;
  const std::string text = headroom::testing::read_file((kRoot / "docs" / page).string());
  for (std::sregex_iterator it(text.begin(), text.end(), heading), end; it != end; ++it)
    found.insert((*it)[1].str());
  return found;
}

}  // namespace

TEST_CASE("citations: no file points at reference notes kept outside the repository") {
  const std::vector<std::string> outside = {"aws-" "facts", "../" "shared"};
  const std::vector<fs::path> files = repository_files({"sim", "include", "docs", "scenarios"});
  CHECK(files.size() > 100);
  for (const auto& file : files) {
    const std::string text = headroom::testing::read_file(file.string());
    for (const auto& name : outside)
      CHECK_MESSAGE(text.find(name) == std::string::npos, file.string(), " mentions ", name);
  }
}

TEST_CASE("citations: every sources.md and spec.md section cited is a heading of that page") {
  const std::set<std::string> source_sections =
      sections("sources.md", std::regex(R"((?:^|\n)#+ §(\d+[a-z]?) )"));
  const std::set<std::string> spec_sections =
      sections("spec.md", std::regex(R"((?:^|\n)## (\d+)\. )"));
  CHECK(source_sections.count("11e") == 1);
  CHECK(spec_sections.count("9") == 1);
  const std::regex citation(R"((sources|spec)\.md §(\d+[a-z]?))");
  int cited = 0;
  for (const auto& file : repository_files({"sim", "include", "docs", "scenarios", "tests"})) {
    const std::string text = headroom::testing::read_file(file.string());
    for (std::sregex_iterator it(text.begin(), text.end(), citation), end; it != end; ++it) {
      const std::set<std::string>& known = (*it)[1] == "sources" ? source_sections : spec_sections;
      CHECK_MESSAGE(known.count((*it)[2].str()) == 1, file.string(), ": ", it->str());
      ++cited;
    }
  }
  CHECK(cited > 200);
}
