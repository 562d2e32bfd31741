#include <fmt/format.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <csignal>
#include <iostream>

#include "cli/commands.hpp"
#include "report/progress.hpp"
#include "headroom/core/units.hpp"
#include "headroom/engine/simulation.hpp"
#include "headroom/load/curve.hpp"
#include "headroom/report/html.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/scenario/load.hpp"

namespace po = boost::program_options;

namespace headroom {
namespace {

std::atomic<bool> g_interrupted{false};
extern "C" void on_sigint(int) { g_interrupted.store(true); }

InputError option_error(const std::string& option, const std::string& message) {
  return InputError(std::vector<Diagnostic>{{SourceLoc{"command line", 0, 0}, option, message}});
}

}  // namespace

int cmd_run(const std::vector<std::string>& args) {
  std::string file, seed, duration, users, json, timeseries, report, interval = "10s";
  std::vector<std::string> sets;
  bool quiet = false;
  double max_events = 2e10, max_in_flight = 4e6;
  po::options_description opts("run");
  opts.add_options()("file", po::value(&file)->required(), "scenario")("seed", po::value(&seed))(
      "duration", po::value(&duration))("users", po::value(&users))("set", po::value(&sets)->composing())(
      "json", po::value(&json))("quiet,q", po::bool_switch(&quiet))("max-events", po::value(&max_events))(
      "max-in-flight", po::value(&max_in_flight))("timeseries", po::value(&timeseries))(
      "interval", po::value(&interval))("report", po::value(&report))("replications", po::value<std::string>());
  po::positional_options_description pos;
  pos.add("file", 1);
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(opts).positional(pos).run(), vm);
  po::notify(vm);
  for (const char* later : {"replications"})
    if (vm.count(later))
      throw option_error(std::string("--") + later, "not supported yet (arrives with a later issue)");

  LoadOptions lo;
  for (const auto& s : sets) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0)
      throw option_error("--set", fmt::format("expected PATH=VALUE, got '{}'", s));
    lo.overrides.push_back({s.substr(0, eq), s.substr(eq + 1)});
  }
  ScenarioSpec spec = load_scenario(file, lo);

  Diagnostics problems;
  const SourceLoc cli{"command line", 0, 0};
  if (!seed.empty()) {
    const auto n = parse_count(seed);
    if (!n.ok() || n.value() != static_cast<double>(static_cast<std::uint64_t>(n.value())))
      problems.error(cli, "--seed", fmt::format("expected a non-negative integer, got '{}'", seed));
    else spec.seed = static_cast<std::uint64_t>(n.value());
  }
  if (!duration.empty()) {
    const auto d = parse_duration(duration);
    if (!d.ok()) problems.error(cli, "--duration", d.error());
    else if (d.value() <= spec.warmup)
      problems.error(cli, "--duration", fmt::format("{} is not longer than the warmup ({})", duration,
                                                    format_duration(spec.warmup)));
    else spec.duration = d.value();
  }
  if (!users.empty()) {
    const auto n = parse_count(users);
    if (!n.ok() || n.value() <= 0) problems.error(cli, "--users", fmt::format("expected a positive count, got '{}'", users));
    else if (spec.load.by_rate)
      problems.error(cli, "--users", "the scenario gives `load.rate`; --users scales `load.users` curves");
    else {
      const double peak = curve_peak(spec.load.curve, spec.duration);
      if (peak <= 0) problems.error(cli, "--users", "the load curve is zero throughout; nothing to scale");
      else scale_curve(spec.load.curve, n.value() / peak);
    }
  }
  // What the options changed is checked like the file was (a fault after a shortened run's end).
  if (problems.empty()) validate_scenario(spec, problems);
  if (max_events < 1) problems.error(cli, "--max-events", "must be at least 1");
  if (max_in_flight < 1) problems.error(cli, "--max-in-flight", "must be at least 1");
  const Duration series_interval = check_series_options(spec, timeseries, report, interval, vm.count("interval") > 0, problems);
  problems.throw_if_any();

  RunOptions ro;
  ro.max_events = static_cast<std::uint64_t>(max_events);
  ro.max_in_flight = static_cast<std::uint64_t>(max_in_flight);
  ro.stop = &g_interrupted;
  ro.series_interval = series_interval;
  ProgressBar progress;
  if (!quiet) ro.progress = progress.callback();
  auto previous = std::signal(SIGINT, on_sigint);
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
