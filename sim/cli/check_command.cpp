// `headroom check BASELINES.yaml [--update] [--markdown FILE] [--junit FILE]` (spec.md §6).
#include <fmt/format.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <iostream>

#include "headroom/core/files.hpp"
#include "headroom/core/printable.hpp"
#include "headroom/yaml/baselines_reader.hpp"
#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/pr_output.hpp"
#include "cli/scenario_options.hpp"
#include "headroom/measure/figures.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "headroom/study/baselines.hpp"
#include "headroom/study/capacity.hpp"
#include "headroom/study/simulation_pool.hpp"

namespace po = boost::program_options;

namespace headroom {

namespace {

/// The expectations a signal left not run, one a line.
std::string not_run_list(const std::vector<CheckRow>& rows) {
  std::string out;
  for (const auto& r : rows) out += fmt::format("  not run  {}  {}\n", r.scenario, r.key);
  return terminal_safe(out);  // names are shown, never obeyed
}

}  // namespace

int cmd_check(const std::vector<std::string>& args) {
  std::string file, markdown, junit;
  bool update = false, quiet = false;
  int threads = 2;
  po::options_description opts("check");
  opts.add_options()("file", po::value(&file)->required()->value_name("BASELINES"), "baselines file")(
      "update", po::bool_switch(&update), "rewrite the baselines' values from this run (atomically)")(
      "markdown", po::value(&markdown)->value_name("FILE"),
      "write a pull-request comment to FILE (before -> after, with the deltas)")(
      "junit", po::value(&junit)->value_name("FILE"), "write JUnit XML to FILE, one test case per expectation")(
      "threads", po::value(&threads)->value_name("N"), fmt::format("simulations at once (default: {})", threads).c_str())(
      "quiet,q", po::bool_switch(&quiet), "print only the expectations that failed");
  std::string fidelity;
  add_fidelity_option(opts, fidelity);
  if (!parse_command_line("check", args, opts, "file")) return 0;
  RunOptions run;
  run.fidelity = parse_fidelity(fidelity);
  if (threads < 1) throw option_error("--threads", "must be at least 1");
  const auto t0 = std::chrono::steady_clock::now();
  const BaselineFile bf = load_baselines(file);

  // Every scenario is read before anything runs: bad input simulates nothing (exit 2).
  std::vector<ScenarioSpec> specs;
  std::vector<Diagnostic> problems;
  for (const auto& b : bf.baselines) {
    try {
      specs.push_back(load_scenario(b.resolved));
      if (b.seed) specs.back().seed = *b.seed;
      if (run.fidelity == Fidelity::Request) check_run_size(specs.back(), false, nullptr);
    } catch (const InputError& e) {
      problems.insert(problems.end(), e.items().begin(), e.items().end());
    }
  }
  if (!problems.empty()) throw InputError(problems);
  check_output_files({{"--update", update ? file : "", true}, {"--markdown", markdown}, {"--junit", junit}});

  std::vector<ScenarioSpec> full;
  std::vector<std::size_t> full_of(specs.size(), SIZE_MAX);
  for (std::size_t i = 0; i < specs.size(); ++i)
    for (const auto& e : bf.baselines[i].expect)
      if (e.key.rfind("capacity.", 0) != 0 && full_of[i] == SIZE_MAX) {
        full_of[i] = full.size();
        full.push_back(specs[i]);
      }
  // The full runs and the capacity searches side by side on one pool: each search's probes
  // depend only on its scenario, so the pool changes how long the check takes, not its figures.
  std::vector<std::size_t> searched;
  for (std::size_t i = 0; i < specs.size(); ++i)
    if (std::any_of(bf.baselines[i].expect.begin(), bf.baselines[i].expect.end(),
                    [](const auto& e) { return e.key.rfind("capacity.", 0) == 0; }))
      searched.push_back(i);
  const StopOnSignal signals(run);
  SimulationPool pool(threads);
  std::vector<Report> reports;
  std::vector<CapacityResult> capacities(searched.size());
  pool.for_each_study(searched.size() + 1, [&](std::size_t k) {
    if (k == searched.size()) {
      reports = pool.run(full, run);
      return;
    }
    CapacityOptions co;
    co.pool = &pool;
    co.run = run;
    capacities[k] = find_capacity(specs[searched[k]], co);
  });

  // Which way each figure should move, so that a comment can tell a saving from a regression.
  std::map<std::string, Better> better = {{"capacity.users", Better::Higher},
                                          {"capacity.analytic_users", Better::Higher},
                                          {"capacity.monthly_usd", Better::Lower}};
  for (const Report& rep : reports) for_each_figure(rep, [&](const Figure& f) { better[f.path] = f.traits.better; });
  std::vector<std::map<std::string, double>> actuals(specs.size());
  std::vector<CheckRow> rows, not_run;
  Diagnostics bad_keys;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const Baseline& b = bf.baselines[i];
    // Ctrl-C: a scenario whose run or search a signal cut short has no figures; its expectations
    // are listed as not run, never judged on a partial run.
    const auto searched_at = std::find(searched.begin(), searched.end(), i);
    const bool cut = (full_of[i] != SIZE_MAX && reports[full_of[i]].partial && reports[full_of[i]].stop_reason == "interrupted") ||
                     (searched_at != searched.end() && capacities[static_cast<std::size_t>(searched_at - searched.begin())].interrupted);
    if (cut) {
      for (const auto& e : b.expect) {
        CheckRow row;
        row.scenario = b.scenario;
        row.key = e.key;
        row.expected = e.describe();
        row.note = "not run: interrupted by " + signals.signal_name();
        not_run.push_back(row);
      }
      continue;
    }
    if (full_of[i] != SIZE_MAX) actuals[i] = report_figures(reports[full_of[i]]);
    if (const auto k = std::find(searched.begin(), searched.end(), i); k != searched.end()) {
      const CapacityResult& c = capacities[static_cast<std::size_t>(k - searched.begin())];
      actuals[i]["capacity.users"] = c.users;
      actuals[i]["capacity.monthly_usd"] = c.monthly_usd;
      actuals[i]["capacity.analytic_users"] = c.analytic_users;
    }
    for (const auto& e : b.expect) {
      const double* actual = expected_figure(actuals[i], e, bad_keys);
      if (!actual) continue;
      CheckRow row;
      row.scenario = b.scenario;
      row.key = e.key;
      row.expected = e.describe();
      row.baseline = e.value ? *e.value : (e.min ? *e.min : *e.max);
      row.actual = *actual;
      row.pass = e.holds(*actual);
      if (const auto it = better.find(e.key); it != better.end()) row.better = it->second;
      rows.push_back(row);
    }
  }
  bad_keys.throw_if_any();
  const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  if (!not_run.empty()) {
    // What was checked, the rest listed as not run; the baselines are never updated from part of a check.
    if (!markdown.empty())
      write_file_atomic(markdown, check_markdown(rows, fmt::format("headroom check {} --update", file)) +
                                      not_run_markdown(not_run, signals.signal_name()));
    if (!junit.empty()) write_file_atomic(junit, check_junit(file, rows, wall, not_run));
    std::cout << check_table(rows);
    std::cout << fmt::format("\ninterrupted: {} of {} expectations checked ({} met), {} not run{}:\n{}", rows.size(),
                             rows.size() + not_run.size(),
                             std::count_if(rows.begin(), rows.end(), [](const CheckRow& r) { return r.pass; }),
                             not_run.size(), update ? "; the baselines were not updated" : "", not_run_list(not_run));
    std::cerr << signals.notice();
    return signals.status();
  }
  if (update) {
    write_file_atomic(file, baselines_yaml(bf, actuals));
    if (!quiet) std::cout << fmt::format("{}: {} baselines updated from this run\n", file, bf.baselines.size());
    return 0;
  }
  if (!markdown.empty()) write_file_atomic(markdown, check_markdown(rows, fmt::format("headroom check {} --update", file)));
  if (!junit.empty()) write_file_atomic(junit, check_junit(file, rows, wall));
  int failures = 0;
  for (const auto& r : rows) failures += r.pass ? 0 : 1;
  if (quiet && failures) {
    // Quiet in CI, but a red job must say which expectation broke.
    std::vector<CheckRow> failed;
    for (const auto& r : rows)
      if (!r.pass) failed.push_back(r);
    std::cout << check_table(failed);
    std::cout << fmt::format("\n{} of {} expectations NOT met\n", failures, rows.size());
  }
  if (!quiet) {
    std::cout << check_table(rows);
    std::cout << fmt::format("\n{} of {} expectations met ({} scenarios, {:.1f} s)\n", rows.size() - static_cast<std::size_t>(failures),
                             rows.size(), specs.size(), wall);
  }
  return failures ? 1 : 0;
}

}  // namespace headroom
