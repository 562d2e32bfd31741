// Which component saturated first, and why, read from the first run over capacity.
#include <fmt/format.h>

#include "headroom/study/capacity.hpp"

#include "components/kind.hpp"

namespace headroom {
namespace {

// A CPU this busy is where the queueing that broke the SLO happens: M/M/c waits grow as
// 1/(1−ρ), and a p99 SLO a few times the service time breaks between 75% and 95%.
constexpr double kBottleneckBusy = 0.75;

/// A component's utilisation with what is co-located on it (`host:`), which shares its CPU.
double cpu_share(const ScenarioSpec& spec, const Report& rep, const std::string& name, double own) {
  for (const auto& cs : spec.components) {
    if (!cs.host().empty() && cs.host() == name)
      for (const auto& [n, c] : rep.components)
        if (n == cs.name) own += c.utilization;
  }
  return own;
}

}  // namespace

std::string Bottleneck::str() const {
  const std::string who = component.empty() ? "—" : component;
  return note.empty() ? fmt::format("{} ({})", who, reason) : fmt::format("{} ({}; {})", who, reason, note);
}

Bottleneck find_bottleneck(const ScenarioSpec& spec, const Report& over) {
  Bottleneck b;
  b.reason = "latency";
  const ComponentReport* busiest = nullptr;
  const ComponentReport* refusing = nullptr;
  std::string busiest_name, refusing_name;
  double busiest_util = 0;
  for (const auto& [name, c] : over.components) {
    const double u = cpu_share(spec, over, name, c.utilization);
    if (!busiest || u > busiest_util) {
      busiest = &c;
      busiest_name = name;
      busiest_util = u;
    }
    if (c.errors > 0 && (!refusing || c.errors > refusing->errors)) {
      refusing = &c;
      refusing_name = name;
    }
  }
  if (busiest && busiest_util >= kBottleneckBusy) {
    b.component = busiest_name;
    // A managed service's utilisation is the share of its limit in use (a throttle's rate, an
    // account's concurrency, a shard's records): what it runs out of is that limit, not CPU.
    b.reason = component_registry().at(busiest->type).when_busy;
    b.utilization = busiest_util;
  } else if (refusing) {
    b.component = refusing_name;
    b.reason = over.errors.throttled > 0 ? "throttle" : component_registry().at(refusing->type).when_refusing;
    // An application tier whose requests mostly gave up waiting for a database connection.
    if (refusing->stat(ComponentStat::PoolTimeouts) * 2 > static_cast<double>(refusing->errors))
      b.reason = "connection pool";
    b.utilization = refusing->utilization;
  } else if (busiest && busiest_util > 0) {
    b.component = busiest_name;
    b.utilization = busiest_util;
  }
  if (const ComponentSpec* cs = spec.find(b.component))
    if (const auto* ec2 = std::get_if<Ec2Spec>(&cs->kind); ec2 && ec2->scaling)
      b.note = fmt::format("Auto Scaling at max {}", ec2->scaling->max);
  return b;
}

}  // namespace headroom
