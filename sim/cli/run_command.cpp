#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/interrupt.hpp"
#include "cli/commands.hpp"
#include "cli/replication_options.hpp"
#include "cli/scenario_options.hpp"
#include "report/progress.hpp"
#include "headroom/core/files.hpp"
#include "headroom/core/units.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/workload/curve.hpp"
#include "headroom/report/html.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/yaml/load_scenario.hpp"

namespace po = boost::program_options;

namespace headroom {
namespace {

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  std::string file, json, timeseries, report, interval = "10s", replications_text = "1";
  int threads = 2;
  ScenarioOptions so;
  bool quiet = false;
  std::string max_events_text = "2e10", max_in_flight_text = "4e6";
  po::options_description opts("run");
  add_scenario_options(opts, so);
  add_fidelity_option(opts, so.fidelity);
  std::vector<std::string> zoom;
  add_zoom_option(opts, zoom);
  opts.add_options()("file", po::value(&file)->required()->value_name("FILE"), "scenario file")(
      "json", po::value(&json)->value_name("FILE"), "write the JSON report to FILE (- for standard output)")(
      "timeseries", po::value(&timeseries)->value_name("FILE"),
      "write a CSV row per interval: rates, p50/p99, pools (docs/report.md)")(
      "report", po::value(&report)->value_name("FILE"),
      "write a self-contained HTML report with charts (docs/report.md)")(
      "interval", po::value(&interval)->value_name("D"),
      fmt::format("the time series' interval (default: {})", interval).c_str())(
      "replications", po::value(&replications_text)->value_name("N"),
      fmt::format("run seeds seed, seed+1, ..., seed+N-1; each figure as mean and 95% CI (default: {})",
                  replications_text)
          .c_str())(
      "threads", po::value(&threads)->value_name("N"),
      fmt::format("simulations at once with --replications (default: {})", threads).c_str())(
      "quiet,q", po::bool_switch(&quiet), "no terminal summary")(
      "max-events", po::value(&max_events_text)->value_name("N"), "stop a run after N events (default: 2e10)")(
      "max-in-flight", po::value(&max_in_flight_text)->value_name("N"),
      "stop a run with more than N requests in flight (default: 4e6)");
  const auto parsed = parse_command_line("run", args, opts, "file");
  if (!parsed) return 0;
  const po::variables_map& vm = *parsed;
  const int replications = parse_replications(replications_text, 1);
  check_threads(threads);
  // A time series or a page shows one run; several seeds have no one series to show.
  for (const auto& [name, value] : {std::pair{"--timeseries", &timeseries}, {"--report", &report}})
    if (replications > 1 && !value->empty())
      throw option_error(name, "shows one run; it cannot be combined with --replications (run one seed for it, "
                               "e.g. --seed S)");
  const std::uint64_t max_events = parse_limit_option("--max-events", max_events_text);
  const std::uint64_t max_in_flight = parse_limit_option("--max-in-flight", max_in_flight_text);
  const ScenarioSpec spec = load_with_options(file, so);
  check_output_files({{"--json", json}, {"--timeseries", timeseries}, {"--report", report}});
  Diagnostics problems;
  const Duration series_interval = check_series_options(spec, timeseries, report, interval, vm.count("interval") > 0, problems);
  problems.throw_if_any();

  RunOptions ro;
  ro.max_events = max_events;
  ro.fidelity = parse_fidelity(so.fidelity);
  ro.zoom = parse_zoom(zoom, spec);
  ro.max_in_flight = max_in_flight;
  ro.series_interval = series_interval;
  ProgressBar progress;
  if (!quiet && replications == 1) ro.progress = progress.callback();
  // Ctrl-C and SIGTERM alike stop the run at its next check; what it has so far is written,
  // marked partial, and the exit status says which signal (issue 16: SIGTERM killed it outright).
  const StopOnSignal signals(ro);
  if (replications > 1) {
    const int status = run_replicated(spec, replications, threads, json, quiet, ro);
    return signals.stopped() ? signals.status() : status;
  }
  const Report rep = simulate(spec, ro);
  progress.finish();

  if (!json.empty()) {
    if (json == "-") std::cout << to_json(rep);
    else write_file_atomic(json, to_json(rep));
  }
  if (!timeseries.empty()) write_file_atomic(timeseries, to_timeseries_csv(rep));
  if (!report.empty()) write_file_atomic(report, to_html(rep, topology_graph(spec)));
  if (!quiet && json != "-") std::cout << to_terminal(rep);
  if (rep.partial && !quiet) std::cerr << "headroom: run stopped early: " << rep.stop_reason << "\n";
  if (rep.partial) return rep.stop_reason == "interrupted" ? signals.status() : 1;
  return rep.slo_met ? 0 : 1;
}

int cmd_validate(const std::vector<std::string>& args) {
  std::vector<std::string> files;
  po::options_description opts("validate");
  opts.add_options()("files", po::value(&files)->composing()->required()->value_name("FILE..."),
                     "scenario file (one or more)");
  if (!parse_command_line("validate", args, opts, "files", -1)) return 0;
  int status = 0;
  for (const auto& file : files) {
    try {
      std::vector<Diagnostic> warnings;
      LoadOptions lo;
      lo.warnings = &warnings;
      const ScenarioSpec spec = load_scenario(file, lo);
      for (const auto& w : warnings) std::cerr << w.str() << "\n";
      std::cout << fmt::format("{}: ok ({} components, {} traffic classes{})\n", file, spec.components.size(),
                               spec.traffic.size(), spec.include.empty() ? "" : ", with " + spec.include);
    } catch (const InputError& e) {
      for (const auto& d : e.items()) std::cerr << d.str() << "\n";
      status = 2;
    }
  }
  return status;
}

}  // namespace headroom
