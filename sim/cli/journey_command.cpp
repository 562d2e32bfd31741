// `headroom journey [DIR]`: every stage's capacity, bottleneck, cost and fault survival, as one
// table sorted by `stage` (spec.md §6).
#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "cli/study_output.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "headroom/study/journey.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace headroom {
namespace {

std::string verdicts(const std::vector<FaultVerdict>& v) {
  std::string out;
  for (const auto& f : v) {
    const char* mark = f.outcome == FaultVerdict::Outcome::Survives ? "yes"
                       : f.outcome == FaultVerdict::Outcome::Fails  ? "no"
                                                                    : "n/a";
    out += fmt::format("{}{} {}", out.empty() ? "" : ", ", f.fault, mark);
  }
  return out;
}

std::string table(const std::vector<JourneyStage>& rows) {
  std::string out = fmt::format("{:>5}  {:<58} {:>10}  {:<34} {:>12} {:>10}  {}\n", "stage", "name", "capacity",
                                "bottleneck", "$/month", "$/1k users", "survives one: instance, AZ, DB primary");
  for (const auto& r : rows) {
    const CapacityResult& c = r.capacity;
    const std::string name = r.name.size() > 58 ? r.name.substr(0, 55) + "..." : r.name;
    out += fmt::format("{:>5}  {:<58} {:>10} {:<35} {:>12.0f} {:>10.2f}  {}\n", r.stage, name,
                       fmt::format("{}{:.0f}", c.unbounded ? ">" : "", c.users), c.bottleneck.str(), c.monthly_usd,
                       c.users > 0 ? c.monthly_usd / c.users * 1000 : 0.0, verdicts(r.faults));
  }
  out += "\nfault details:\n";
  for (const auto& r : rows)
    for (const auto& f : r.faults)
      out += fmt::format("  stage {} {} ({}): {}\n", r.stage, f.fault, f.target, f.detail);
  return out;
}

}  // namespace

int cmd_journey(const std::vector<std::string>& args) {
  std::string dir = "scenarios/journey", json;
  int threads = 2;
  bool quiet = false;
  po::options_description opts("journey");
  opts.add_options()("dir", po::value(&dir)->value_name("DIR"),
                     fmt::format("directory of stage scenarios (default: {})", dir).c_str())(
      "json", po::value(&json)->value_name("FILE"), "write the result as JSON to FILE (- for standard output)")(
      "threads", po::value(&threads)->value_name("N"), fmt::format("simulations at once (default: {})", threads).c_str())(
      "quiet,q", po::bool_switch(&quiet), "no per-stage progress on standard error");
  if (!parse_command_line("journey", args, opts, "dir")) return 0;
  if (threads < 1) throw option_error("--threads", "must be at least 1");
  if (!fs::is_directory(dir)) throw option_error("DIR", fmt::format("'{}' is not a directory", dir));
  std::vector<std::string> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".yaml" || e.path().extension() == ".yml") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  if (files.empty()) throw option_error("DIR", fmt::format("no .yaml scenarios in '{}'", dir));

  // Read every stage first: a bad file stops the journey before anything runs (exit 2).
  std::vector<ScenarioSpec> specs;
  std::vector<Diagnostic> problems;
  for (const auto& f : files) {
    try {
      specs.push_back(load_scenario(f));
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.items().begin(), e.items().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  std::stable_sort(specs.begin(), specs.end(), [](const auto& a, const auto& b) { return a.stage < b.stage; });

  const auto t0 = std::chrono::steady_clock::now();
  std::vector<JourneyStage> rows;
  nlohmann::json stages = nlohmann::json::array();
  CapacityOptions co;
  co.threads = threads;
  for (const auto& spec : specs) {
    const auto s0 = std::chrono::steady_clock::now();
    JourneyStage row{spec.file, spec.name, spec.stage, {}, {}, 0};
    if (spec.slo.empty() && spec.slo_classes.empty()) row.capacity.bottleneck.reason = "no SLO";
    else row.capacity = find_capacity(spec, co);
    row.faults = fault_survival(spec, threads);
    row.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - s0).count();
    if (!quiet) std::cerr << fmt::format("headroom: stage {} done in {:.1f} s\n", spec.stage, row.wall_s);
    nlohmann::json faults = nlohmann::json::array();
    for (const auto& f : row.faults)
      faults.push_back({{"fault", f.fault}, {"target", f.target},
                        {"survives", f.outcome == FaultVerdict::Outcome::Survives},
                        {"applies", f.outcome != FaultVerdict::Outcome::NotApplicable}, {"detail", f.detail}});
    stages.push_back({{"stage", row.stage}, {"name", row.name}, {"file", row.file},
                      {"capacity", capacity_json(row.capacity)}, {"faults", faults}});
    rows.push_back(std::move(row));
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!json.empty()) {
    const std::string doc = nlohmann::json{{"schema", "headroom.journey/1"}, {"stages", stages}}.dump(2) + "\n";
    if (json == "-") std::cout << doc;
    else write_file_atomic(json, doc);
  }
  if (json != "-") {
    std::cout << table(rows);
    std::cout << fmt::format("\n{} stages in {:.1f} s of wall time ({} threads)\n", rows.size(), wall, threads);
  }
  return 0;
}

}  // namespace headroom
