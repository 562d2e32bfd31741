// `headroom optimize FILE` (spec.md §9, docs/optimize.md): the cheapest configuration of a
// declared space that meets the SLO at a load, survives the named faults and fits a budget.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/distribute.hpp"
#include "cli/replication_options.hpp"
#include "cli/scenario_options.hpp"
#include "cli/sweep_output.hpp"
#include "headroom/analysis/analytic.hpp"
#include "headroom/core/files.hpp"
#include "headroom/core/units.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/study/optimize.hpp"
#include "headroom/study/replications.hpp"
#include "headroom/yaml/study_file.hpp"

namespace po = boost::program_options;

namespace headroom {
namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

int finish_optimize_command(const SweepResult& r, const std::string& json, const std::string& write_scenario, bool quiet) {
  const OptimizeAnswer a = finish_optimize(r);
  if (!json.empty()) {
    if (json == "-") std::cout << optimize_json(a);
    else write_file_atomic(json, optimize_json(a));
  }
  if (!quiet && json != "-") std::cout << optimize_text(a);
  if (!write_scenario.empty() && a.best) {
    // The scenario as written, with the command's --set, the SLO it was held to and the answer.
    const auto options = nlohmann::json::parse(a.options_json);
    std::vector<Override> overrides;
    for (const auto& s : options.at("sets").get<std::vector<std::string>>()) {
      const auto eq = s.find('=');
      overrides.push_back({s.substr(0, eq), s.substr(eq + 1)});
    }
    for (const auto& s : options.at("slo").get<std::vector<std::string>>()) {
      const auto eq = s.find_first_of("=:<");
      overrides.push_back({"slo." + s.substr(0, eq), s.substr(eq + 1)});
    }
    const auto& best = a.simulated[*a.best];
    for (std::size_t i = 0; i < best.values.size(); ++i) overrides.push_back({a.space.parameters[i].path, best.values[i]});
    write_file_atomic(write_scenario, scenario_with_overrides(a.space.scenario, overrides));
    if (!quiet && json != "-")
      std::cout << fmt::format("wrote {}: run it with  headroom run {}{}\n", write_scenario, write_scenario,
                               a.constraints.by_rate ? "" : fmt::format(" --users {:.0f}", a.constraints.users));
  }
  return a.best ? 0 : 1;
}

int cmd_optimize(const std::vector<std::string>& args) {
  std::string file, shard_text = "0/1", survive_text, budget_text, json, write_scenario;
  std::vector<std::string> slo_clauses;
  int threads = 2;
  bool quiet = false;
  ScenarioOptions so;
  po::options_description opts("optimize");
  add_scenario_options(opts, so);
  add_fidelity_option(opts, so.fidelity);
  opts.add_options()("file", po::value(&file)->required()->value_name("FILE"),
                     "a scenario with an optimize: block, or a file with scenario: and optimize: (docs/optimize.md)")(
      "slo", po::value(&slo_clauses)->composing()->value_name("M=L"),
      "the SLO to meet, e.g. p99=250ms,error_rate=0.1% (default: optimize.slo, else the scenario's)")(
      "survive", po::value(&survive_text)->value_name("LIST"),
      "faults the answer must survive: instance, az, db_primary, comma-separated (default: optimize.survive)")(
      "budget", po::value(&budget_text)->value_name("USD"), "the most a month may cost (default: optimize.budget)")(
      "json", po::value(&json)->value_name("FILE"), "write the answer, the Pareto front and every point as JSON")(
      "write-scenario", po::value(&write_scenario)->value_name("FILE"),
      "write the cheapest configuration as a scenario file ready to run")(
      "shard", po::value(&shard_text)->value_name("K/N"),
      "run only the simulations whose number is K modulo N; --json writes the shard for `headroom merge`")(
      "threads", po::value(&threads)->value_name("N"), fmt::format("simulations at once (default: {})", threads).c_str())(
      "quiet,q", po::bool_switch(&quiet), "nothing on the terminal");
  if (!parse_command_line("optimize", args, opts, "file")) return 0;
  check_threads(threads);
  const Shard shard = parse_shard(shard_text);
  const StudyFile study = load_study(file, "optimize");

  OptimizeConstraints c;
  const SourceLoc cli{"command line", 0, 0};
  Diagnostics problems;
  c.survive = survive_text.empty() ? study.survive : split_list(survive_text);
  for (const auto& f : c.survive)
    if (f != "instance" && f != "az" && f != "db_primary")
      problems.error(cli, "--survive", fmt::format("expected instance, az or db_primary, got '{}'{}", f,
                                                   suggestion_suffix(f, {"instance", "az", "db_primary"})));
  c.budget = study.budget;
  if (!budget_text.empty()) {
    const auto b = parse_count(budget_text);
    if (!b.ok() || !(b.value() > 0)) problems.error(cli, "--budget", fmt::format("expected USD above 0, got '{}'", budget_text));
    else c.budget = b.value();
  }
  problems.throw_if_any();
  // The load every point is judged at: --users, else optimize.users, else the scenario's peak.
  if (so.users.empty() && study.users) so.users = fmt::format("{}", *study.users);
  const ScenarioSpec base = load_with_options(study.scenario, so);
  c.users = load_peak(base);
  c.by_rate = base.load.by_rate;
  std::vector<std::string> slo = study.slo;
  slo.insert(slo.end(), slo_clauses.begin(), slo_clauses.end());

  SweepResult result;
  result.kind = "optimize";
  result.space.scenario = study.scenario;
  result.space.parameters = study.parameters;
  result.space.seeds = study.seeds.empty() ? replication_seeds(base.seed, study.seed_count) : study.seeds;
  result.shard = shard;
  std::vector<ScenarioSpec> specs;
  for (std::size_t p = 0; p < result.space.points(); ++p) {
    ScenarioSpec s = load_with_options(study.scenario, with_point(so, result.space, p));
    Diagnostics slo_problems;
    apply_slo_option(slo, s.slo, slo_problems);
    slo_problems.throw_if_any();
    specs.push_back(std::move(s));
  }
  if (shard.whole()) check_output_files({{"--json", json}, {"--write-scenario", write_scenario}});
  else if (!write_scenario.empty())
    throw option_error("--write-scenario", "a shard does not know the answer: `headroom merge` the shards with it");
  else check_output_files({{"--json", json}});

  OptimizePlan plan = plan_optimize(specs, c);
  plan.seeds = result.space.seeds.size();
  auto options = nlohmann::json::parse(options_context(so));
  options["slo"] = slo;
  result.context_json = optimize_context(plan, c, options.dump());
  RunOptions ro;
  ro.fidelity = parse_fidelity(so.fidelity);
  const StopOnSignal signals(ro);
  const Distributed d = distribute_jobs(plan.jobs(), shard, threads, [&](std::size_t job) {
    return run_optimize_job(plan, specs, result.space.seeds, c, job, ro);
  });
  if (!d.writes) return signals.stopped() ? signals.status() : 0;
  result.records = d.records;
  if (signals.stopped() && !result.complete()) {
    // No answer is chosen from part of the survivors, and so no scenario is written.
    std::string line = write_interrupted_jobs(result, plan.jobs_per_point(), plan.survivors, json, signals.signal_name());
    line += "no answer chosen from part of the points\n";
    if (!write_scenario.empty()) line += "--write-scenario: not written (no answer)\n";
    if (json != "-") std::cout << line;
    std::cerr << signals.notice();
    return signals.status();
  }
  if (!shard.whole()) {
    write_sweep_outputs(result, SweepOutputs{json, "", "", ""}, quiet);
    return 0;
  }
  return finish_optimize_command(result, json, write_scenario, quiet);
}

}  // namespace headroom
