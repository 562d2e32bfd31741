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
#include "cli/interrupt.hpp"
#include "cli/scenario_options.hpp"
#include "cli/study_output.hpp"
#include "headroom/core/files.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/core/units.hpp"
#include "headroom/workload/population.hpp"
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
  // Users are peak concurrently active users (one request per think time); daily and monthly
  // actives follow from each stage's population (spec.md §9, workload/population.hpp). $/month
  // is a month of the stage's own curve peaking at its capacity (study/month_cost.hpp); "at
  // peak" is that peak held all month, the capacity's monthly_usd.
  std::string out = fmt::format("{:>5}  {:<40} {:>11} {:>8} {:>7} {:>7}  {:<36} {:>10} {:>10} {:>8} {:>7}  {:<18} {}\n",
                                "stage", "name", "peak users", "req/s", "DAU", "MAU", "bottleneck", "$/month",
                                "at peak", "$/1k usr", "$/M req", "largest bill line",
                                "survives one: instance, AZ, DB primary");
  for (const auto& r : rows) {
    const CapacityResult& c = r.capacity;
    const MonthCost& m = r.month;
    const std::string name = r.name.size() > 40 ? r.name.substr(0, 37) + "..." : r.name;
    out += fmt::format("{:>5}  {:<40} {:>11} {:>8} {:>7} {:>7}  {:<36} {:>10.0f} {:>10.0f} {:>8.2f} {:>7.2f}  {:<18} {}\n",
                       r.stage, name, fmt::format("{}{}", c.unbounded ? ">" : "", grouped(c.users)),
                       short_count(c.counts.peak_requests_per_s), short_count(c.counts.daily_active),
                       short_count(c.counts.monthly_active), c.bottleneck.str(), m.monthly_usd, c.monthly_usd,
                       c.users > 0 ? m.monthly_usd / c.users * 1000 : 0.0, m.usd_per_million_requests,
                       m.largest_line.empty() ? "-" : m.largest_line, verdicts(r.faults));
  }
  out += "\npeak users: peak concurrently active users, one request each per think time; DAU/MAU: daily and\n"
         "monthly active users under each stage's population (session, sessions a day, DAU/MAU ratio).\n"
         "$/month: a month of the stage's own curve peaking at its capacity, Auto Scaling following it\n"
         "(one period simulated hybrid, repeated to 730 h); at peak: that peak held all month.\n"
         "$/1k usr, $/M req and the largest bill line are the month's.\n";
  out += "\nfault details:\n";
  for (const auto& r : rows)
    for (const auto& f : r.faults)
      // A fault with nothing to break has no target: no empty "()" (issue 16).
      out += fmt::format("  stage {} {}{}: {}\n", r.stage, f.fault, f.target.empty() ? "" : " (" + f.target + ")", f.detail);
  return out;
}

/// "stage 7", "stages 5-7", "stages 2, 5-7": consecutive stages as a range.
std::string stage_list(const std::vector<int>& stages) {
  std::string out;
  for (std::size_t i = 0; i < stages.size();) {
    std::size_t j = i;
    while (j + 1 < stages.size() && stages[j + 1] == stages[j] + 1) ++j;
    out += fmt::format("{}{}", out.empty() ? "" : ", ", j == i ? fmt::format("{}", stages[i]) : fmt::format("{}-{}", stages[i], stages[j]));
    i = j + 1;
  }
  return fmt::format("{} {}", stages.size() == 1 ? "stage" : "stages", out);
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
  std::string fidelity;
  add_fidelity_option(opts, fidelity);
  if (!parse_command_line("journey", args, opts, "dir")) return 0;
  RunOptions run;
  run.fidelity = parse_fidelity(fidelity);
  if (threads < 1) throw option_error("--threads", "must be at least 1");
  if (!fs::is_directory(dir)) throw option_error("DIR", fmt::format("'{}' is not a directory", dir));
  std::vector<std::string> files;
  // The stages are the numbered files (01-day-one.yaml); the others are pieces that stages
  // include (client.yaml: the users every stage shares), not scenarios of their own (spec.md §2).
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if ((e.path().extension() == ".yaml" || e.path().extension() == ".yml") && !name.empty() &&
        name[0] >= '0' && name[0] <= '9')
      files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  if (files.empty())
    throw option_error("DIR", fmt::format("no numbered .yaml stages (such as 01-day-one.yaml) in '{}'", dir));

  // Read every stage first: a bad file stops the journey before anything runs (exit 2).
  std::vector<ScenarioSpec> specs;
  std::vector<Diagnostic> problems;
  for (const auto& f : files) {
    try {
      specs.push_back(load_scenario(f));
      if (run.fidelity == Fidelity::Request) check_run_size(specs.back(), false, nullptr);
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.items().begin(), e.items().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  check_output_files({{"--json", json}});
  std::stable_sort(specs.begin(), specs.end(), [](const auto& a, const auto& b) { return a.stage < b.stage; });

  const auto t0 = std::chrono::steady_clock::now();
  const StopOnSignal signals(run);
  // The stages run side by side; their rows come back in stage order whatever finished first.
  std::vector<JourneyStage> rows = run_journey(specs, threads, run, [&](const JourneyStage& row) {
    if (!quiet && !row.interrupted) std::cerr << fmt::format("headroom: stage {} done in {:.1f} s\n", row.stage, row.wall_s);
  });
  // Ctrl-C: the stages that finished are the journey so far; the others are listed as not run.
  std::vector<int> done, not_run;
  for (const auto& row : rows) (row.interrupted ? not_run : done).push_back(row.stage);
  std::erase_if(rows, [](const JourneyStage& row) { return row.interrupted; });
  nlohmann::json stages = nlohmann::json::array();
  for (const auto& row : rows) {
    nlohmann::json faults = nlohmann::json::array();
    for (const auto& f : row.faults)
      faults.push_back({{"fault", f.fault}, {"target", f.target},
                        {"survives", f.outcome == FaultVerdict::Outcome::Survives},
                        {"applies", f.outcome != FaultVerdict::Outcome::NotApplicable}, {"detail", f.detail}});
    stages.push_back({{"stage", row.stage}, {"name", row.name}, {"file", row.file},
                      {"capacity", capacity_json(row.capacity)}, {"faults", faults},
                      {"month", {{"monthly_usd", row.month.monthly_usd},
                                 {"projection", row.month.projection},
                                 {"usd_per_million_requests", row.month.usd_per_million_requests},
                                 {"largest_line", row.month.largest_line},
                                 {"simulated_s", row.month.simulated_s}}}});
  }
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!json.empty()) {
    nlohmann::json doc = {{"schema", "headroom.journey/1"}, {"stages", stages}};
    if (!not_run.empty()) {
      mark_interrupted(doc, signals.signal_name());
      doc["done"] = done;
      doc["not_run"] = not_run;
    }
    if (json == "-") std::cout << doc.dump(2) << "\n";
    else write_file_atomic(json, doc.dump(2) + "\n");
  }
  if (json != "-") {
    std::cout << table(rows);
    std::cout << fmt::format("\n{} stages in {:.1f} s of wall time ({} threads)\n", rows.size(), wall, threads);
    if (!not_run.empty())
      std::cout << fmt::format("interrupted: {} done, {} not run\n", done.empty() ? "no stage" : stage_list(done),
                               stage_list(not_run));
  }
  if (!not_run.empty()) {
    std::cerr << signals.notice();
    return signals.status();
  }
  return 0;
}

}  // namespace headroom
