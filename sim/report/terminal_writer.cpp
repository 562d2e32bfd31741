#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "components/kind.hpp"
#include "headroom/core/printable.hpp"
#include "headroom/core/units.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/workload/population.hpp"

namespace headroom {
namespace {

/// The busy share from which a component is shown as saturated.
constexpr double kSaturated = 0.995;

std::string pct(double f) { return fmt::format("{:.3f}%", f * 100); }
std::string ms(double v) { return v < 10 ? fmt::format("{:.2f}", v) : fmt::format("{:.1f}", v); }

void latency_row(std::string& out, const std::string& name, std::uint64_t n, double err,
                 const LatencySummary& l) {
  out += fmt::format("  {:<16} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", name, n, pct(err),
                     ms(l.mean), ms(l.p50), ms(l.p99), ms(l.p999), ms(l.max));
}

/// By service, the services that cost something, then the total; per month = the period
/// projected to 730 hours (spec.md §5).
void cost_table(std::string& out, const Report& r) {
  const CostReport& c = r.cost;
  const double scale = c.period_usd > 0 ? c.monthly_usd / c.period_usd : 0;
  out += fmt::format("\nCost (USD; per month: {})\n"
                     "  {:<16} {:>12} {:>12}\n", c.projection.empty() ? "the measured period projected to 730 h" : c.projection,
                     "service", "period", "per month");
  for (const auto& [service, usd] : c.by_service)
    if (usd > 0) out += fmt::format("  {:<16} {:>12.4f} {:>12.2f}\n", service, usd, usd * scale);
  out += fmt::format("  {:<16} {:>12.4f} {:>12.2f}\n", "total", c.period_usd, c.monthly_usd);
  if (c.spot_savings_usd > 0)
    out += fmt::format("  {:<16} {:>12.4f} {:>12.2f}  (what the Spot hours would have cost more on-demand)\n",
                       "spot savings", c.spot_savings_usd, c.spot_savings_usd * scale);
}

/// One line per serverless component: what it did, what it refused, how fresh the data is.
void serverless_table(std::string& out, const Report& r) {
  std::string rows, credits, nodes, storage;
  for (const auto& [name, c] : r.components) {
    std::string line;
    if (c.type == "ec2") {  // a pool's network and a burstable pool's CPU credits
      if (const ComponentKind* kind = component_registry().find(c.type); kind && kind->summary) line = kind->summary(c);
      if (!line.empty()) credits += fmt::format("  {:<16} {:<12} {}\n", name, c.type, line);
      continue;
    }
    if (c.type == "rds" || c.type == "elasticache") {  // a node's network, once it counts (1% busy)
      if (c.stat(ComponentStat::NetworkUtilization) >= 0.01)
        nodes += fmt::format("  {:<16} {:<12} {}\n", name, c.type, network_text(c));
      // a database's storage, when its I/O is modelled (rds's summary line)
      if (const ComponentKind* kind = component_registry().find(c.type); c.type == "rds" && kind->summary) line = kind->summary(c);
      if (!line.empty()) storage += fmt::format("  {:<16} {:<12} {}\n", name, c.type, line);
      continue;
    }
    if (const ComponentKind* kind = component_registry().find(c.type); kind && kind->summary) line = kind->summary(c);
    if (c.has_freshness)
      line += fmt::format("{}data lands p50 {} p99 {} after it was accepted", line.empty() ? "" : "; ",
                          age_text(c.freshness_ms.p50), age_text(c.freshness_ms.p99));
    if (!line.empty()) rows += fmt::format("  {:<16} {:<12} {}\n", name, c.type, line);
  }
  if (!rows.empty()) out += "\nServerless\n" + rows;
  if (!credits.empty()) out += "\nEC2 instances: network, CPU credits\n" + credits;
  if (!nodes.empty()) out += "\nDatabase and cache nodes: network\n" + nodes;
  if (!storage.empty()) out += "\nDatabase storage\n" + storage;
}

/// The balancers whose health checks took live targets out, or that failed open: a cascade.
void health_lines(std::string& out, const Report& r) {
  std::string rows;
  for (const auto& [name, c] : r.components) {
    const double marked = c.stat(ComponentStat::MarkedUnhealthy), open = c.stat(ComponentStat::FailOpenSeconds);
    if (marked > 0 || open > 0)
      rows += fmt::format("  {:<16} targets marked unhealthy {:.0f} times{}\n", name, marked,
                          open > 0 ? fmt::format("; all of them unhealthy (failing open, routing to all) for {:.0f} s", open) : "");
  }
  if (!rows.empty()) out += "\nHealth checks\n" + rows;
}

/// The databases with read replicas: how far behind they fell, and the reads served stale.
void replica_lines(std::string& out, const Report& r) {
  std::string rows;
  for (const auto& [name, c] : r.components)
    if (c.series_kind == ComponentSeries::ReplicaLagMsPerMinute)
      rows += fmt::format("  {:<16} replica lag up to {}; {:.0f} reads served stale\n", name,
                          age_text(c.stat(ComponentStat::ReplicaLagMaxMs)), c.stat(ComponentStat::StaleReads));
  if (!rows.empty()) out += "\nRead replicas\n" + rows;
}

/// The application tiers with a connection pool: how long their requests waited for a
/// connection, and whether the fleet's pools fit in its database's max_connections.
void pool_lines(std::string& out, const Report& r) {
  std::string rows;
  for (const auto& [name, c] : r.components) {
    const double size = c.stat(ComponentStat::PoolSize);
    if (size <= 0) continue;
    rows += fmt::format("  {:<16} pool {:.0f}: wait mean {} p99 {}, {} of calls waited, {:.0f} timed out; "
                        "connections {} busy\n",
                        name, size, age_text(c.stat(ComponentStat::PoolWaitMeanMs)),
                        age_text(c.stat(ComponentStat::PoolWaitP99Ms)), pct(c.stat(ComponentStat::PoolWaitedShare)),
                        c.stat(ComponentStat::PoolTimeouts), pct(c.stat(ComponentStat::PoolUtilization)));
    const double conns = c.stat(ComponentStat::PoolConnectionsMax), limit = c.stat(ComponentStat::DbMaxConnections);
    if (limit > 0 && conns > limit)
      rows += fmt::format("  {:<16} warning: {:.0f} instances x pool {:.0f} = {:.0f} connections > the database's "
                          "max_connections {:.0f}: the pools cannot all open (a smaller pool, or a proxy in front)\n",
                          "", conns / size, size, conns, limit);
  }
  if (!rows.empty()) out += "\nConnection pools\n" + rows;
}

}  // namespace

std::string to_terminal(const Report& r) {
  std::string out;
  out += fmt::format("headroom {} — {}{}\n", r.version, r.scenario.name.empty() ? r.scenario.file : r.scenario.name,
                     r.partial ? "  [PARTIAL: " + r.stop_reason + "]" : "");
  if (r.partial)  // what the figures cover, not what the scenario asked for
    out += fmt::format("  seed {}, {:.0f} s of {:.0f} s simulated after {:.0f} s warmup (stopped at {:.0f} s)\n\n",
                       r.scenario.seed, r.sim.covered.second - r.sim.covered.first,
                       r.scenario.duration_s - r.scenario.warmup_s, r.scenario.warmup_s, r.sim.covered.second);
  else
    out += fmt::format("  seed {}, {:.0f} s simulated after {:.0f} s warmup\n\n", r.scenario.seed,
                       r.scenario.duration_s - r.scenario.warmup_s, r.scenario.warmup_s);
  out += "Load       " + describe_users(r.load) + "\n";

  out += fmt::format("Requests   offered {}  ok {}  errors {} ({})  availability {}\n", r.offered, r.ok,
                     r.errors.total(), pct(r.error_rate), pct(r.availability));
  if (r.errors.total())
    out += fmt::format("  errors: rejected {}  timeout {}  unavailable {}  throttled {}  failed {}  server {}\n",
                       r.errors.rejected, r.errors.timeout, r.errors.unavailable, r.errors.throttled,
                       r.errors.failed, r.errors.server_error);
  if (r.offered > r.completed)
    out += fmt::format("  in flight at the end {}: neither ok nor errors, but not served, so availability counts them "
                       "against it\n", r.offered - r.completed);
  if (r.attempts > r.offered)
    out += fmt::format("  attempts {} ({:.3f} per request: retries)\n", r.attempts,
                       static_cast<double>(r.attempts) / static_cast<double>(std::max<std::uint64_t>(1, r.offered)));

  out += fmt::format("\nLatency (ms, successful requests, end to end)\n");
  out += fmt::format("  {:<16} {:>10} {:>9} {:>9} {:>9} {:>9} {:>9} {:>9}\n", "class", "requests", "errors",
                     "mean", "p50", "p99", "p99.9", "max");
  latency_row(out, "(all classes)", r.completed, r.error_rate, r.latency_ms);
  for (const auto& [name, c] : r.classes) latency_row(out, name, c.requests, c.error_rate, c.latency_ms);

  out += fmt::format("\nComponents\n");
  out += fmt::format("  {:<16} {:<12} {:>9} {:>10} {:>7} {:>9} {:>9} {:>8}\n", "name", "type", "instances",
                     "ops/s", "util", "p50 ms", "p99 ms", "errors");
  bool saturated_any = false;
  for (const auto& [name, c] : r.components) {
    // Busy time is capped by the cores: a share above 100% is accounting at the window's edges, and
    // an overload shows as a growing queue (latency, in-flight), not as a busier CPU.
    const bool saturated = c.utilization >= kSaturated;
    saturated_any = saturated_any || saturated;
    out += fmt::format("  {:<16} {:<12} {:>9} {:>10.1f} {:>6.1f}%{}{:>8} {:>9} {:>8}\n", name, c.type,
                       c.instances_min == c.instances_max
                           ? fmt::format("{:g}", c.instances_mean)
                           : fmt::format("{:g}-{:g}", c.instances_min, c.instances_max), c.throughput_rps,
                       std::min(c.utilization, 1.0) * 100, saturated ? " *" : "  ", ms(c.latency_ms.p50),
                       ms(c.latency_ms.p99), c.errors);
  }
  if (saturated_any)
    out += "  * saturated: work arrived faster than it was served, and the excess waited in its queue (the latency "
           "above; the queue over time: --timeseries, --report)\n";
  // The terms a room asks about (issue 16): what a component's latency includes, and why "0 errors"
  // can sit beside an availability under 100%.
  out += "  Terms: a component's latency runs from a request's arrival there to its response, so it includes "
         "everything it calls.\n  Errors are requests that finished failed; availability is ok / offered, so a "
         "request still in flight at the end counts against it.\n";

  serverless_table(out, r);
  health_lines(out, r);
  replica_lines(out, r);
  pool_lines(out, r);
  if (!r.faults.empty()) {
    out += fmt::format("\nFaults (s)\n  {:<12} {:<16} {:>9} {:>9} {:>10} {:>9} {:>8} {:>12}\n", "kind", "target", "struck",
                       "detected", "recovered", "restored", "failed", "cost (est.)");
    auto t = [](double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.1f}", v); };
    for (const auto& f : r.faults) {
      out += fmt::format("  {:<12} {:<16} {:>9} {:>9} {:>10} {:>9} {:>8} {:>12.0f}\n", f.kind, f.target, t(f.at_s),
                         t(f.detected_s), t(f.recovered_s), t(f.restored_s), f.failed_requests, f.excess_failed);
      for (const auto& p : f.promotions)
        out += fmt::format("    {} shard {} primary lost, replica in {} promoted at +{:.1f} s\n", p.component,
                           p.shard, p.az, p.at_s - f.at_s);
    }
    out += "  failed: exact, requests failed at the fault itself. cost (est.): an attribution estimate of every request\n"
           "  it cost, failures from the strike to recovered/restored above the failure rate before it.\n";
  }
  cost_table(out, r);
  if (!r.scaling.empty()) {
    out += fmt::format("\nAuto Scaling ({} activities)\n", r.scaling.size());
    const std::size_t shown = std::min<std::size_t>(r.scaling.size(), 12);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& e = r.scaling[i];
      out += fmt::format("  {:>8.0f} s  {:<12} {:>4} -> {:<4} {}\n", e.at_s, e.component, e.from, e.to, e.reason);
    }
    if (shown < r.scaling.size()) out += fmt::format("  ... {} more in --json\n", r.scaling.size() - shown);
  }
  if (!r.slo_checks.empty()) {
    if (r.partial)
      out += fmt::format("\nSLO PARTIAL: the run stopped early, so the checks below cover only {:.0f}-{:.0f} s of "
                         "{:.0f} s and are no verdict\n",
                         r.sim.covered.first, r.sim.covered.second, r.scenario.duration_s);
    else
      out += fmt::format("\nSLO {}{}\n", r.slo_met ? "met" : "NOT MET",
                         r.completed == 0 ? ": no request was measured, so there is no service level to judge" : "");
    // Each class on its own (spec.md §6); one class alone repeats the all-requests lines.
    const bool by_class = r.classes.size() > 1 || !r.slo_checks.front().cls.empty();
    std::size_t width = 14;
    for (const auto& c : r.slo_checks)
      if (by_class && !c.cls.empty()) width = std::max(width, c.cls.size() + 1 + c.metric.size());
    auto line = [&](const std::string& label, const SloCheck& c) {
      const SloMetric* m = find_slo_metric(c.metric);
      const bool latency = m && m->latency;
      const std::string value = latency ? ms(c.value) + " ms" : pct(c.value);
      const std::string limit = latency ? ms(c.limit) + " ms" : pct(c.limit);
      out += fmt::format("  {:<{}} {:>12} {} {:<12} {}\n", label, width, value, m && m->floor ? ">=" : "<=", limit,
                         c.met ? "ok" : "FAIL");
    };
    for (const auto& c : r.slo_checks)
      if (c.cls.empty() || by_class)
        line(c.cls.empty() ? c.metric + (c.binding ? "" : " (all)") : c.cls + " " + c.metric, c);
  }
  out += fmt::format("\nLittle's law  L = {:.3f} in flight, λW = {:.3f} (λ {:.1f}/s × W {:.4f} s), deviation {}\n",
                     r.little.in_flight_mean, r.little.arrival_rate * r.little.time_in_system_s,
                     r.little.arrival_rate, r.little.time_in_system_s, pct(r.little.relative_error));
  out += fmt::format("Simulated {} events in {:.2f} s ({:.1f} M events/s), peak {} requests in flight\n",
                     r.sim.events, r.sim.wall_s, r.sim.events_per_s / 1e6, r.sim.peak_in_flight);
  if (!r.sim.zoom.empty()) {
    out += "Hybrid, per request in the zoom windows";
    for (const auto& [from, to] : r.sim.zoom)
      out += fmt::format(" {}..{}", format_duration(std::llround(from * 1e9)),
                         format_duration(std::llround(to * 1e9)));
    out += "\n";
  }
  return terminal_safe(out);  // names and paths are shown, never obeyed
}

}  // namespace headroom
