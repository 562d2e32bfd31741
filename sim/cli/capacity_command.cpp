// `headroom capacity FILE`: the largest peak load that meets the SLO (spec.md §6).
#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <boost/program_options.hpp>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/interrupt.hpp"
#include "cli/scenario_options.hpp"
#include "cli/study_output.hpp"
#include "headroom/core/files.hpp"
#include "headroom/core/units.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/study/capacity.hpp"

namespace po = boost::program_options;

namespace headroom {

nlohmann::json capacity_json(const CapacityResult& r) {
  nlohmann::json slo = nlohmann::json::object();
  for (const auto& c : r.slo) slo[c.metric] = c.limit;
  if (!r.slo_classes.empty()) {
    nlohmann::json classes = nlohmann::json::object();
    for (const auto& k : r.slo_classes) {
      if (k.clauses.empty()) continue;
      nlohmann::json own = nlohmann::json::object();
      for (const auto& c : k.clauses) own[c.metric] = c.limit;
      classes[k.name] = own;
    }
    if (!classes.empty()) slo["classes"] = classes;
  }
  // Users are whole (find_capacity rounds them outward): JSON integers, as the terminal prints.
  const auto load = [&](double x) {
    return r.by_rate ? nlohmann::json(x) : nlohmann::json(static_cast<std::int64_t>(x));
  };
  if (r.interrupted)  // the bracket so far, and nothing that would pass for an answer
    return {{"partial", true},
            {"stop_reason", "interrupted"},
            {"unit", r.by_rate ? "requests/s" : "users"},
            {"bracket", {{"passed", load(r.users)}, {"failed", r.failing_users > 0 ? load(r.failing_users) : nlohmann::json(nullptr)}}},
            {"simulations", r.simulations}};
  return {{"users", load(r.users)},
          {"unit", r.by_rate ? "requests/s" : "users"},
          {"unbounded", r.unbounded},
          {"bottleneck", {{"component", r.bottleneck.component}, {"reason", r.bottleneck.reason},
                          {"utilization", r.bottleneck.utilization}, {"note", r.bottleneck.note}}},
          {"monthly_usd", r.monthly_usd},
          {"slo", slo},
          {"analytic_users", r.analytic_users},
          {"analytic_utilization", r.utilization},
          {"warmup_s", r.warmup_s},
          {"window_s", r.window_s},
          {"simulations", r.simulations},
          {"users_are", r.by_rate ? "none: the load is a request rate" : "peak concurrently active users, one request per think time"},
          {"requests_per_s", r.counts.peak_requests_per_s},
          {"daily_active_users", r.counts.daily_active},
          {"monthly_active_users", r.counts.monthly_active}};
}

std::string capacity_interrupted(const CapacityResult& r) {
  const char* unit = r.by_rate ? "requests/s" : "users";
  auto load = [](double x) { return x > 0 ? grouped(x) : std::string("?"); };
  return fmt::format("interrupted: capacity between {} and {} {} (bracket so far, {} probes)\n",
                     r.users > 0 ? grouped(r.users) : "0", load(r.failing_users), unit, r.simulations);
}

std::string capacity_summary(const CapacityResult& r) {
  if (r.interrupted) return capacity_interrupted(r);
  const char* unit = r.by_rate ? "requests/s" : "users";
  std::string out;
  if (r.users <= 0)
    out += fmt::format("capacity: 0 {} (the SLO fails even at {})\n", unit,
                       r.by_rate ? fmt::format("{:.4g}", r.failing_users) : grouped(r.failing_users));
  else
    out += fmt::format("capacity: {}{}\n", r.unbounded ? "at least " : "", describe_users(r.counts));
  out += fmt::format("bottleneck: {}\n", r.bottleneck.str());
  out += fmt::format("monthly cost at capacity: ${:.2f}", r.monthly_usd);
  if (r.users > 0)
    out += fmt::format(" (${:.2f} per 1,000 {})", r.monthly_usd / r.users * 1000,
                       r.by_rate ? unit : "peak concurrent users");
  out += "\nslo:";
  auto clauses = [&](const std::vector<SloCheckSpec>& list) {
    for (const auto& c : list) {
      const SloMetric* m = find_slo_metric(c.metric);
      out += m && m->latency ? fmt::format(" {} {:.4g} ms", c.metric, c.limit)
                             : fmt::format(" {} {:.4g}%", c.metric, c.limit * 100);
    }
  };
  clauses(r.slo);
  for (const auto& k : r.slo_classes) {
    if (k.clauses.empty()) continue;
    out += fmt::format(";  {}:", k.name);
    clauses(k.clauses);
  }
  out += fmt::format("\nmethod: {} steady-state runs, common random numbers; analytic saturation {:.4g} {}\n",
                     r.simulations, r.analytic_users, unit);
  if (r.users > 0)
    out += fmt::format("steady state at capacity: busiest station at {:.0f}% (analytic), {:.0f} s warmup, {:.0f} s "
                       "window whose halves agree\n",
                       r.utilization * 100, r.warmup_s, r.window_s);
  return out;
}

int cmd_capacity(const std::vector<std::string>& args) {
  std::string file, json;
  ScenarioOptions so;
  std::vector<std::string> slo;
  int threads = 2;
  bool quiet = false;
  po::options_description opts("capacity");
  add_scenario_options(opts, so);
  add_fidelity_option(opts, so.fidelity);
  std::vector<std::string> zoom;
  add_zoom_option(opts, zoom);
  opts.add_options()("file", po::value(&file)->required()->value_name("FILE"), "scenario file")(
      "slo", po::value(&slo)->composing()->value_name("METRIC=LIMIT"),
      "the SLO to hold instead of the file's, for every class, e.g. --slo p99=250ms (repeatable)")(
      "json", po::value(&json)->value_name("FILE"), "write the result as JSON to FILE (- for standard output)")(
      "threads", po::value(&threads)->value_name("N"), fmt::format("simulations at once (default: {})", threads).c_str())(
      "quiet,q", po::bool_switch(&quiet), "no terminal summary");
  if (!parse_command_line("capacity", args, opts, "file")) return 0;
  if (threads < 1) throw option_error("--threads", "must be at least 1");
  ScenarioSpec spec = load_with_options(file, so);
  Diagnostics problems;
  apply_slo_option(slo, spec.slo, problems);
  problems.throw_if_any();
  // A metric given on the command line holds every class: it replaces the classes' own clauses
  // of that metric too, or `--slo p99=250ms` would not tighten a class the file gives 300 ms.
  if (!slo.empty())
    for (auto& cls : spec.slo_classes)
      std::erase_if(cls.clauses, [&](const SloCheckSpec& c) {
        return std::any_of(spec.slo.begin(), spec.slo.end(),
                           [&](const SloCheckSpec& top) { return top.metric == c.metric && top.loc.file == "command line"; });
      });
  if (spec.slo.empty() && spec.slo_classes.empty())
    throw option_error("--slo", fmt::format("{} has no `slo:` and none was given; e.g. --slo p99=250ms", file));
  check_output_files({{"--json", json}});

  CapacityOptions co;
  co.threads = threads;
  co.run.fidelity = parse_fidelity(so.fidelity);
  co.run.zoom = parse_zoom(zoom, spec);
  const StopOnSignal signals(co.run);
  const CapacityResult r = find_capacity(spec, co);
  if (!json.empty()) {
    nlohmann::json doc = {{"schema", "headroom.capacity/1"},
                          {"scenario", {{"name", spec.name}, {"file", spec.file}, {"seed", spec.seed}}},
                          {"capacity", capacity_json(r)}};
    if (r.interrupted) mark_interrupted(doc, signals.signal_name());
    if (json == "-") std::cout << doc.dump(2) << "\n";
    else write_file_atomic(json, doc.dump(2) + "\n");
  }
  // The bracket so far is printed even with --quiet: it is the one thing Ctrl-C leaves.
  if ((!quiet || r.interrupted) && json != "-") std::cout << capacity_summary(r);
  if (r.interrupted) {
    std::cerr << signals.notice();
    return signals.status();
  }
  return r.users > 0 ? 0 : 1;
}

}  // namespace headroom
