// The shared parts of the component kinds: the build context's placement helpers and the registry.
#include "components/kind.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "headroom/core/assert.hpp"
#include "scenario/registry_builders.hpp"

namespace headroom {

BuildContext::BuildContext(Model& m, const ScenarioSpec& s, std::uint64_t seed_)
    : model(m), spec(s), seed(seed_) {}

std::uint16_t BuildContext::id_of(const std::string& name) const {
  for (std::size_t i = 0; i < spec.components.size(); ++i)
    if (spec.components[i].name == name) return static_cast<std::uint16_t>(i);
  HEADROOM_ASSERT(false, "validated reference to unknown component " + name);
  return 0;
}

std::int64_t BuildContext::host_of(const std::string& host) const {
  return host.empty() ? -1 : static_cast<std::int64_t>(model.components[id_of(host)].first);
}

std::uint16_t BuildContext::intern_az(const std::string& az) {
  const std::uint16_t i = model.az_index(az);
  if (i != kNoAz) return i;
  model.azs.push_back(az);
  return static_cast<std::uint16_t>(model.azs.size() - 1);
}

const std::string& BuildContext::az_of(const std::vector<std::string>& azs, std::size_t i) {
  static const std::string kDefault = "a";
  return azs.empty() ? kDefault : azs[i % azs.size()];
}

std::uint32_t BuildContext::add_instance(std::uint16_t component, std::uint16_t az, int cores, std::int64_t host) {
  Model& m = model;
  Instance in;
  in.component = component;
  in.az = az;
  if (host >= 0) {
    in.cpu = m.instances[static_cast<std::size_t>(host)].cpu;
    in.guest = true;
    in.az = m.instances[static_cast<std::size_t>(host)].az;
    in.nic = m.instances[static_cast<std::size_t>(host)].nic;  // one box, one wire
  } else {
    Cpu c;
    c.cores = cores;
    m.cpus.push_back(std::move(c));
    in.cpu = static_cast<std::uint32_t>(m.cpus.size() - 1);
  }
  m.instances.push_back(std::move(in));
  const auto id = static_cast<std::uint32_t>(m.instances.size() - 1);
  if (host >= 0) m.instances[static_cast<std::size_t>(host)].guests.push_back(id);
  return id;
}

void BuildContext::set_bandwidth(Component& c, const std::string& type, InstanceFamily family,
                                 const std::string& host) const {
  if (!host.empty()) {
    const Component& h = model.components[id_of(host)];
    c.nic_bps = h.nic_bps;
    c.nic_burst_bps = h.nic_burst_bps;
    return;
  }
  const InstanceType& t = catalog_instance(type, family);
  c.nic_bps = t.network_gbps * 1e9;
  c.nic_burst_bps = std::max(t.network_burst_gbps, t.network_gbps) * 1e9;
}

void BuildContext::add_nic(std::uint32_t inst, std::uint16_t component, const Component& c) {
  Instance& in = model.instances[inst];
  if (c.nic_bps <= 0 || in.guest) return;
  Nic nic;
  nic.component = component;
  nic.baseline_bps = c.nic_bps;
  nic.burst_bps = c.nic_burst_bps;
  nic.max_bits = (c.nic_burst_bps - c.nic_bps) * to_seconds(kNicBurstSeconds);
  nic.bucket = nic.max_bits;
  in.nic = static_cast<std::uint32_t>(model.nics.size());
  model.nics.push_back(std::move(nic));
}

Rng BuildContext::stream(const ComponentSpec& cs, const std::string& purpose) const {
  // Keyed by kind and ordinal (the second ec2 is "ec2#1"), not by name: renaming a component
  // must not change the random numbers it draws, or a capacity comparison would report the
  // rename as a regression (spec.md §7).
  std::size_t ordinal = 0;
  for (const ComponentSpec& other : spec.components) {
    if (&other == &cs) break;
    if (other.type == cs.type) ++ordinal;
  }
  return Rng::stream(seed, cs.type + "#" + std::to_string(ordinal) + "/" + purpose);
}

double BillContext::tiered(const char* service, std::span<const PriceTier> tiers, double volume,
                           double total) const {
  if (volume <= 0 || total <= 0 || hours <= 0) return 0;
  double left = total * month_hours / hours, month_usd = 0;
  for (const PriceTier& t : tiers) {
    const double in_tier = std::min(left, t.size);
    month_usd += in_tier * rate(service, t.key);
    left -= in_tier;
    if (left <= 0) break;
  }
  return month_usd * hours / month_hours * volume / total;
}

double visits_per_request(const Model& m, std::uint16_t comp) {
  double visits = 0;
  for (const TrafficClass& tc : m.classes) {
    double reach = tc.share;
    for (const Hop& h : tc.hops) {
      if (h.component == comp) visits += reach;
      if ((h.kind == HopKind::Cache || h.kind == HopKind::Edge) && !h.last)
        reach *= 1 - m.components[h.component].hit_ratio;
    }
  }
  return visits;
}

double BillContext::user_gap_s(std::uint16_t id) const {
  const double visits = visits_per_request(model, id);
  if (spec.load.by_rate || visits <= 0) return 0;
  return to_seconds(spec.load.think_time) / visits;
}

std::string age_text(double ms) {
  return ms < 1000 ? fmt::format("{:.0f} ms", ms) : fmt::format("{:.1f} s", ms / 1000);
}

const InstanceType& catalog_instance(const std::string& name, InstanceFamily family) {
  const InstanceType* t = find_instance(name, family);
  HEADROOM_ASSERT(t != nullptr, "validated instance type missing from the catalog: " + name);
  return *t;
}

void ComponentRegistry::add(const ComponentKind& kind) {
  HEADROOM_ASSERT(find(kind.type) == nullptr, "component kind registered twice: " + std::string(kind.type));
  kinds_.push_back(&kind);
}

const ComponentKind* ComponentRegistry::find(std::string_view type) const {
  for (const ComponentKind* k : kinds_)
    if (k->type == type) return k;
  return nullptr;
}

const ComponentKind& ComponentRegistry::at(std::string_view type) const {
  const ComponentKind* k = find(type);
  HEADROOM_ASSERT(k != nullptr, "no component kind " + std::string(type));
  return *k;
}

const ComponentRegistry& component_registry() {
  // Immutable after construction; a function-local static is built once, thread-safely.
  static const ComponentRegistry registry = [] {
    ComponentRegistry r;
    register_builtin_components(r);
    return r;
  }();
  return registry;
}

const ParamRegistry& scenario_registry() {
  static const ParamRegistry registry = [] {
    ParamRegistry r;
    register_scenario_params(r);
    for (const ComponentKind* kind : component_registry().kinds()) kind->params(r);
    registry_detail::register_fault_params(r);
    return r;
  }();
  return registry;
}

void network_figure(const FigureContext& f, std::uint16_t id, ComponentReport& cr) {
  const Component& c = f.model.components[id];
  if (const double alive_s = f.model.states[id].tally.alive_area * 1e-9; c.nic_bps > 0 && alive_s > 0)
    cr.stats.emplace_back(ComponentStat::NetworkUtilization, f.model.states[id].tally.nic_s / alive_s);
}

std::string network_text(const ComponentReport& c) {
  for (const auto& [k, v] : c.stats)
    if (k == ComponentStat::NetworkUtilization) return fmt::format("network {:.0f}% busy at its sustained rate", v * 100);
  return "";
}

}  // namespace headroom
