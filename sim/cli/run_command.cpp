#include <fmt/format.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/replication_options.hpp"
#include "cli/scenario_options.hpp"
#include "report/progress.hpp"
#include "headroom/core/units.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/workload/curve.hpp"
#include "headroom/report/html.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/scenario/load_scenario.hpp"

namespace po = boost::program_options;

namespace headroom {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) { g_interrupted.store(true); }

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  std::string file, json, timeseries, report, interval = "10s", replications_text = "1";
  int threads = 2;
  ScenarioOptions so;
  bool quiet = false;
  double max_events = 2e10, max_in_flight = 4e6;
  po::options_description opts("run");
  add_scenario_options(opts, so);
  opts.add_options()("file", po::value(&file)->required(), "scenario")("json", po::value(&json))(
      "quiet,q", po::bool_switch(&quiet))("max-events", po::value(&max_events))(
      "max-in-flight", po::value(&max_in_flight))("timeseries", po::value(&timeseries))(
      "interval", po::value(&interval))("report", po::value(&report))("replications", po::value(&replications_text))(
      "threads", po::value(&threads));
  const po::variables_map vm = parse_command_line(args, opts, "file");
  const int replications = parse_replications(replications_text, 1);
  check_threads(threads);
  // A time series or a page shows one run; several seeds have no one series to show.
  for (const auto& [name, value] : {std::pair{"--timeseries", &timeseries}, {"--report", &report}})
    if (replications > 1 && !value->empty())
      throw option_error(name, "shows one run; it cannot be combined with --replications (run one seed for it, "
                               "e.g. --seed S)");
  if (max_events < 1) throw option_error("--max-events", "must be at least 1");
  if (max_in_flight < 1) throw option_error("--max-in-flight", "must be at least 1");
  const ScenarioSpec spec = load_with_options(file, so);
  Diagnostics problems;
  const Duration series_interval = check_series_options(spec, timeseries, report, interval, vm.count("interval") > 0, problems);
  problems.throw_if_any();

  RunOptions ro;
  ro.max_events = static_cast<std::uint64_t>(max_events);
  ro.max_in_flight = static_cast<std::uint64_t>(max_in_flight);
  ro.stop = &g_interrupted;
  ro.series_interval = series_interval;
  auto previous = std::signal(SIGINT, on_sigint);
  if (replications > 1) {
    const int status = run_replicated(spec, replications, threads, json, quiet, ro);
    std::signal(SIGINT, previous);
    return status;
  }
  ProgressBar progress;
  if (!quiet) ro.progress = progress.callback();
  const Report rep = simulate(spec, ro);
  progress.finish();
  std::signal(SIGINT, previous);

  if (!json.empty()) {
    if (json == "-") std::cout << to_json(rep);
    else write_file_atomic(json, to_json(rep));
  }
  if (!timeseries.empty()) write_file_atomic(timeseries, to_timeseries_csv(rep));
  if (!report.empty()) write_file_atomic(report, to_html(rep, topology_graph(spec)));
  if (!quiet && json != "-") std::cout << to_terminal(rep);
  if (rep.partial && !quiet) std::cerr << "headroom: run stopped early: " << rep.stop_reason << "\n";
  if (rep.partial) return rep.stop_reason == "interrupted" ? 130 : 1;
  return rep.slo_met ? 0 : 1;
}

int cmd_validate(const std::vector<std::string>& args) {
  if (args.empty()) throw InputError("validate: expected one or more scenario files");
  int status = 0;
  for (const auto& file : args) {
    try {
      const ScenarioSpec spec = load_scenario(file);
      std::cout << fmt::format("{}: ok ({} components, {} traffic classes)\n", file, spec.components.size(),
                               spec.traffic.size());
    } catch (const InputError& e) {
      for (const auto& d : e.items()) std::cerr << d.str() << "\n";
      status = 2;
    }
  }
  return status;
}

}  // namespace headroom
