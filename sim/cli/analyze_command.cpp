// `headroom analyze FILE`: the analytic queueing estimate, no simulation; with --simulate, the
// simulated figures beside it and where they part.
#include <fmt/format.h>

#include <boost/program_options.hpp>
#include <cmath>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "cli/scenario_options.hpp"
#include "headroom/analysis/analytic.hpp"
#include "headroom/run/simulate.hpp"

namespace po = boost::program_options;

namespace headroom {
namespace {

std::string users_or_inf(double u) { return std::isfinite(u) ? fmt::format("{:.0f}", u) : "—"; }

std::string render(const AnalyticReport& a, const Report* sim) {
  std::string out = fmt::format("analytic model at {:.0f} users, {:.1f} requests/s entering\n\n", a.users, a.arrival_rps);
  out += fmt::format("{:<12} {:<12} {:<6} {:>8} {:>9} {:>5} {:>9} {:>7} {:>8} {:>10} {:>12} {:>12}", "component",
                     "type", "model", "visits", "ops/s", "c", "S ms", "rho", "P(wait)", "W ms", "saturates",
                     "workers fill");
  if (sim) out += fmt::format(" {:>8} {:>10}", "sim rho", "sim W ms");
  out += "\n";
  for (std::size_t i = 0; i < a.stations.size(); ++i) {
    const StationEstimate& s = a.stations[i];
    out += fmt::format("{:<12} {:<12} {:<6} {:>8.3f} {:>9.1f} {:>5} {:>9.3f} {:>7.3f} {:>8.3f} {:>10.3f} {:>12} {:>12}",
                       s.component, s.type, s.model, s.visits, s.arrival_rps,
                       s.servers ? fmt::format("{}x{}", s.instances, s.servers) : "", s.service_ms, s.utilization,
                       s.wait_probability, s.latency_ms, users_or_inf(s.saturation_users),
                       users_or_inf(s.workers_saturation_users));
    if (sim && i < sim->components.size())
      out += fmt::format(" {:>8.3f} {:>10.3f}", sim->components[i].second.utilization,
                         sim->components[i].second.latency_ms.mean);
    out += "\n";
  }
  out += "\nmean latency at the client:";
  for (const auto& [name, ms] : a.class_latency_ms) out += fmt::format(" {} {:.1f} ms;", name, ms);
  out += fmt::format(" all {:.1f} ms", a.mean_latency_ms);
  if (sim) out += fmt::format(" (simulated: {:.1f} ms)", sim->latency_ms.mean);
  out += fmt::format("\nsaturation: {} ({}) at {} users ({:.0f} requests/s)\n", a.bottleneck.empty() ? "—" : a.bottleneck,
                     a.bottleneck_reason.empty() ? "nothing queues" : a.bottleneck_reason,
                     users_or_inf(a.saturation_users), a.saturation_rps);
  out += "\navailability (CTMC of failures and repairs):\n";
  for (const auto& v : a.availability)
    out += fmt::format("  {:<12} {:<60} {:.5f}%  {:>7.1f} min/month down\n", v.component, v.design,
                       v.availability * 100, v.downtime_min_per_month);
  out += fmt::format("  {:<12} {:<60} {:.5f}%\n", "all", "in series", a.availability_total * 100);
  out += "\nnotes:\n";
  for (const auto& n : a.notes) out += "  - " + n + "\n";
  if (sim) {
    out += "\nwhere the simulation parts from the analysis:\n";
    const double gap = a.mean_latency_ms > 0 ? sim->latency_ms.mean / a.mean_latency_ms - 1 : 0;
    out += fmt::format("  - mean latency: simulated {:+.1f}% against analytic", gap * 100);
    out += std::fabs(gap) < 0.1 ? " (agree within 10%)\n"
                                : " — the load curve varies (the analysis holds its peak), non-exponential demands, "
                                  "timeouts, retries and faults are in the simulation only\n";
    if (!sim->faults.empty()) out += "  - faults: failover and detection windows are simulated, not analysed\n";
    if (!sim->scaling.empty()) out += "  - Auto Scaling lags the load in the simulation; the analysis sizes the fleet at once\n";
    if (sim->errors.timeout > 0) out += "  - client timeouts cut the tail that the analysis keeps\n";
  }
  return out;
}

}  // namespace

int cmd_analyze(const std::vector<std::string>& args) {
  std::string file;
  ScenarioOptions so;
  bool simulate_too = false;
  po::options_description opts("analyze");
  add_scenario_options(opts, so);
  opts.add_options()("file", po::value(&file)->required()->value_name("FILE"), "scenario file")(
      "simulate", po::bool_switch(&simulate_too), "simulate as well and show where the two part");
  if (!parse_command_line("analyze", args, opts, "file")) return 0;
  // The analytic model costs nothing whatever the load: only a simulation is held to the budget.
  if (!simulate_too) so.force = true;
  const ScenarioSpec spec = load_with_options(file, so);
  const AnalyticReport a = analyze(spec);
  if (!simulate_too) {
    std::cout << render(a, nullptr);
    return 0;
  }
  const Report rep = simulate(spec);
  std::cout << render(a, &rep);
  return 0;
}

}  // namespace headroom
