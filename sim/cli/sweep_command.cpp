// `headroom sweep FILE` and `headroom merge SHARD.json...` (spec.md §9, docs/scaling-out.md).
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
#include "headroom/core/files.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/study/replications.hpp"
#include "headroom/yaml/study_file.hpp"

namespace po = boost::program_options;

namespace headroom {

std::string options_context(const ScenarioOptions& so) {
  return nlohmann::json{{"sets", so.sets}, {"seed", so.seed}, {"duration", so.duration}, {"users", so.users},
                        {"fidelity", so.fidelity}}
      .dump();
}

ScenarioOptions with_point(const ScenarioOptions& so, const SweepSpace& space, std::size_t p) {
  ScenarioOptions out = so;
  const std::vector<std::string> values = space.point(p);
  for (std::size_t i = 0; i < values.size(); ++i) out.sets.push_back(space.parameters[i].path + "=" + values[i]);
  return out;
}

void add_sweep_outputs(po::options_description& opts, SweepOutputs& out) {
  opts.add_options()("json", po::value(&out.json)->value_name("FILE"),
                     "write the result (every run's figures, and per point each figure's mean and 95% interval) "
                     "as JSON (- for standard output)")(
      "csv", po::value(&out.csv)->value_name("FILE"), "write one CSV row per point: every figure, mean, low, high")(
      "markdown", po::value(&out.markdown)->value_name("FILE"), "write the Markdown table of the key figures")(
      "report", po::value(&out.report)->value_name("FILE"),
      "write a self-contained HTML page: figures against the parameters, the cost/p99 Pareto front");
}

void check_sweep_outputs(const SweepOutputs& o, bool shard) {
  if (shard)
    for (const auto& [name, value] : {std::pair{"--csv", &o.csv}, {"--markdown", &o.markdown}, {"--report", &o.report}})
      if (!value->empty())
        throw option_error(name, "a shard holds some of the runs, not whole points: write --json, then `headroom merge` "
                                 "the shards with this option");
  check_output_files({{"--json", o.json}, {"--csv", o.csv}, {"--markdown", o.markdown}, {"--report", o.report}});
}

void write_sweep_outputs(const SweepResult& r, const SweepOutputs& o, bool quiet) {
  if (!o.json.empty()) {
    if (o.json == "-") std::cout << sweep_json(r);
    else write_file_atomic(o.json, sweep_json(r));
  }
  if (!r.complete()) {
    if (!quiet && o.json != "-") {
      std::size_t done = 0;
      for (const auto& rec : r.records) done += rec.done ? 1 : 0;
      std::cout << fmt::format("shard {}: {} of {} runs; combine the shards with `headroom merge`\n", r.shard.str(), done,
                               r.records.size());
    }
    return;
  }
  if (!o.csv.empty()) write_file_atomic(o.csv, sweep_csv(r));
  if (!o.markdown.empty()) write_file_atomic(o.markdown, sweep_markdown(r));
  if (!o.report.empty()) write_file_atomic(o.report, sweep_html(r));
  if (!quiet && o.json != "-") std::cout << sweep_markdown(r);
}

std::string write_interrupted_jobs(const SweepResult& r, std::size_t per, const std::vector<std::size_t>& points,
                                   const std::string& json, const std::string& signal) {
  std::size_t done = 0;
  std::vector<std::size_t> not_run;
  for (std::size_t g = 0; g < points.size(); ++g) {
    bool whole = true;
    for (std::size_t k = 0; k < per; ++k) {
      const bool ran = r.records[g * per + k].done;
      done += ran ? 1 : 0;
      whole = whole && ran;
    }
    if (!whole) not_run.push_back(points[g]);
  }
  if (!json.empty()) {
    nlohmann::json doc = nlohmann::json::parse(sweep_json(r));
    mark_interrupted(doc, signal);
    doc["points_not_run"] = not_run;
    if (json == "-") std::cout << doc.dump(2) << "\n";
    else write_file_atomic(json, doc.dump(2) + "\n");
  }
  std::string line = fmt::format("interrupted: {} of {} runs done; points not run (or not on every run):", done, r.records.size());
  for (const std::size_t p : not_run) line += fmt::format(" {}", p);
  return line + "\n";
}

int cmd_sweep(const std::vector<std::string>& args) {
  std::string file, shard_text = "0/1";
  int threads = 2;
  bool quiet = false;
  ScenarioOptions so;
  SweepOutputs outputs;
  po::options_description opts("sweep");
  add_scenario_options(opts, so);
  add_fidelity_option(opts, so.fidelity);
  opts.add_options()("file", po::value(&file)->required()->value_name("FILE"),
                     "a scenario with a sweep: block, or a file with scenario: and sweep: (docs/scaling-out.md)")(
      "shard", po::value(&shard_text)->value_name("K/N"),
      "run only the runs whose number is K modulo N (0 <= K < N); `headroom merge` combines the shards")(
      "threads", po::value(&threads)->value_name("N"), fmt::format("simulations at once (default: {})", threads).c_str())(
      "quiet,q", po::bool_switch(&quiet), "no table on the terminal");
  add_sweep_outputs(opts, outputs);
  if (!parse_command_line("sweep", args, opts, "file")) return 0;
  check_threads(threads);
  const Shard shard = parse_shard(shard_text);

  const StudyFile study = load_study(file, "sweep");
  const ScenarioSpec base = load_with_options(study.scenario, so);
  SweepResult result;
  result.space.scenario = study.scenario;
  result.space.parameters = study.parameters;
  result.space.seeds = study.seeds.empty() ? replication_seeds(base.seed, study.seed_count) : study.seeds;
  result.shard = shard;
  result.context_json = options_context(so);
  // Every point is loaded and checked before anything runs: a bad value is exit 2, nothing written.
  std::vector<ScenarioSpec> specs;
  for (std::size_t p = 0; p < result.space.points(); ++p) specs.push_back(load_with_options(study.scenario, with_point(so, result.space, p)));
  check_sweep_outputs(outputs, !shard.whole());

  RunOptions ro;
  ro.fidelity = parse_fidelity(so.fidelity);
  const StopOnSignal signals(ro);
  const std::size_t seeds = result.space.seeds.size();
  const Distributed d = distribute_jobs(specs.size() * seeds, shard, threads, [&](std::size_t job) {
    ScenarioSpec s = specs[job / seeds];
    s.seed = result.space.seeds[job % seeds];
    return record_of(simulate(s, ro));
  });
  if (!d.writes) return signals.stopped() ? signals.status() : 0;
  result.records = d.records;
  if (signals.stopped() && !result.complete()) {
    // Every output is written: the JSON with every run done, the CSV, Markdown and HTML with the
    // points whose every seed ran, each marked partial and listing the points not run.
    std::vector<std::size_t> points(specs.size());
    for (std::size_t p = 0; p < points.size(); ++p) points[p] = p;
    result.interrupted_by = signals.signal_name();
    const std::string line = write_interrupted_jobs(result, seeds, points, outputs.json, signals.signal_name());
    if (!outputs.csv.empty()) write_file_atomic(outputs.csv, sweep_csv(result));
    if (!outputs.markdown.empty()) write_file_atomic(outputs.markdown, sweep_markdown(result));
    if (!outputs.report.empty()) write_file_atomic(outputs.report, sweep_html(result));
    if (outputs.json != "-") std::cout << (quiet ? "" : sweep_markdown(result)) << line;
    std::cerr << signals.notice();
    return signals.status();
  }
  write_sweep_outputs(result, outputs, quiet);
  return 0;
}

int cmd_merge(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  std::string write_scenario;
  bool quiet = false;
  SweepOutputs outputs;
  po::options_description opts("merge");
  opts.add_options()("files", po::value(&files)->composing()->required()->value_name("SHARD.json..."),
                     "the --json files of the shards of one sweep (or of one optimize)")(
      "write-scenario", po::value(&write_scenario)->value_name("FILE"),
      "for optimize's shards: write the cheapest configuration as a scenario file")(
      "quiet,q", po::bool_switch(&quiet), "nothing on the terminal");
  add_sweep_outputs(opts, outputs);
  if (!parse_command_line("merge", args, opts, "files", -1)) return 0;
  std::vector<SweepResult> parts;
  for (const auto& f : files) {
    const InputText in = read_input_file(f);
    if (!in.text) throw InputError(std::vector<Diagnostic>{{SourceLoc{f, 0, 0}, "", "cannot open file (" + in.problem + ")"}});
    parts.push_back(read_sweep_json(*in.text, f));
  }
  const SweepResult merged = merge_sweeps(parts, files);
  check_sweep_outputs(outputs, false);
  check_output_files({{"--json", outputs.json}, {"--write-scenario", write_scenario}});
  if (merged.kind == "optimize") return finish_optimize_command(merged, outputs.json, write_scenario, quiet);
  write_sweep_outputs(merged, outputs, quiet);
  return 0;
}

}  // namespace headroom
