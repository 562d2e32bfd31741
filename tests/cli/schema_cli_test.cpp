#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>
#include <set>
#include <sstream>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

const std::string kSource = HEADROOM_SOURCE_DIR;

std::vector<fs::path> bundled_scenarios() {
  std::vector<fs::path> out;
  for (const auto& e : fs::recursive_directory_iterator(kSource + "/scenarios"))
    // Scenarios only: not the price catalog, nor the baselines file that `check` reads.
    if (e.path().extension() == ".yaml" && e.path().parent_path().filename() != "catalog" &&
        e.path().filename() != "baselines.yaml")
      out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// "valid FILE" / "invalid FILE: why" per file, from ajv (tests/schema/validate_scenarios.mjs).
std::map<std::string, std::string> ajv_verdicts(const std::vector<fs::path>& files) {
  std::string cmd = "cd '" + kSource + "' && node tests/schema/validate_scenarios.mjs docs/scenario.schema.json";
  for (const auto& f : files) cmd += " '" + fs::relative(f, kSource).string() + "'";
  const std::string out = "/tmp/headroom_ajv_" + std::to_string(::getpid());
  const int status = std::system((cmd + " >" + out + " 2>&1").c_str());
  const std::string text = read_file(out);
  fs::remove(out);
  REQUIRE_MESSAGE(status == 0, "node and web/node_modules are needed (make test installs them): " << text);
  std::map<std::string, std::string> verdicts;
  std::stringstream ss(text);
  std::string line;
  while (std::getline(ss, line)) {
    const bool valid = line.rfind("valid ", 0) == 0;
    const std::size_t start = valid ? 6 : 8, end = valid ? line.size() : line.find(": ", start);
    verdicts[line.substr(start, end - start)] = line;
  }
  return verdicts;
}

}  // namespace

TEST_CASE("schema: docs/scenario.schema.json is the schema generated from the registry, not a stale copy") {
  const CliResult r = run_cli("schema");
  REQUIRE(r.status == 0);
  CHECK_MESSAGE(r.out == read_file(kSource + "/docs/scenario.schema.json"),
                "regenerate it: build/headroom schema > docs/scenario.schema.json");
  CHECK(r.out.find("\"additionalProperties\": false") != std::string::npos);
  CHECK(run_cli("schema extra").status == 2);
}

TEST_CASE("schema: every bundled scenario names the schema in a yaml-language-server modeline") {
  for (const auto& f : bundled_scenarios()) {
    std::string first;
    std::getline(*std::make_unique<std::stringstream>(read_file(f.string())), first);
    const std::string tag = "# yaml-language-server: $schema=";
    REQUIRE_MESSAGE(first.rfind(tag, 0) == 0, f.string());
    const fs::path target = f.parent_path() / first.substr(tag.size());
    CHECK_MESSAGE(fs::equivalent(target, kSource + "/docs/scenario.schema.json"), f.string());
  }
}

TEST_CASE("schema: ajv accepts every bundled scenario and rejects the broken files that are schema errors") {
  std::vector<fs::path> files = bundled_scenarios();
  for (const auto& e : fs::directory_iterator(kSource + "/tests/config/bad"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  const auto verdicts = ajv_verdicts(files);
  REQUIRE(verdicts.size() == files.size());
  for (const auto& f : bundled_scenarios()) {
    const std::string rel = fs::relative(f, kSource).string();
    CHECK_MESSAGE(verdicts.at(rel).rfind("valid ", 0) == 0, verdicts.at(rel));
  }
  // Unknown or misspelt keys, unknown types, kinds and choices, missing required keys, values of
  // the wrong shape or unit: what a schema can see. Ranges, references, paths and sums stay the
  // loader's (the rest of tests/config/bad).
  const std::set<std::string> schema_errors = {
      "bad_distribution_name", "bad_unit", "curve_errors", "duplicate_key", "empty", "fault_random_without_mttr",
      "fault_shape_errors", "fault_unknown_kind", "fraction_without_percent", "load_missing", "managed_errors",
      "misspelt_component_key", "multiple_errors", "negative_duration", "scaling_errors", "space_in_duration",
      "syntax", "unknown_curve", "unknown_slo_metric", "unknown_top_level_key", "unknown_type",
      "serverless_values"};
  for (const auto& name : schema_errors) {
    const std::string rel = "tests/config/bad/" + name + ".yaml";
    REQUIRE_MESSAGE(verdicts.count(rel) == 1, rel);
    CHECK_MESSAGE(verdicts.at(rel).rfind("invalid ", 0) == 0, verdicts.at(rel));
  }
}
