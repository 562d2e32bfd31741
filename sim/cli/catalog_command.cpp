#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/command_line.hpp"
#include "cli/commands.hpp"
#include "headroom/core/diagnostics.hpp"
#include "headroom/catalog/catalog.hpp"
#include "headroom/scenario/reference.hpp"

namespace headroom {

namespace {

const char* service_of(InstanceFamily f) {
  return f == InstanceFamily::Ec2 ? "ec2" : f == InstanceFamily::Rds ? "rds" : "elasticache";
}

/// Network bandwidth in Gbit/s: "baseline/burst" for a type that bursts ("0.75/10"), the one
/// figure for a type that does not ("25"), "-" where the catalog gives none (t2).
std::string network_cell(const InstanceType& t) {
  if (t.network_gbps <= 0) return "-";
  if (t.network_burst_gbps > t.network_gbps)
    return fmt::format("{:g}/{:g}", t.network_gbps, t.network_burst_gbps);
  return fmt::format("{:g}", t.network_gbps);
}

/// One service's instance types: shape, network, then $/hour (one column per engine when priced
/// by engine).
void print_instances(const PriceCatalog& cat, const std::string& service) {
  std::vector<const InstanceType*> types;
  std::vector<std::string> engines;
  std::size_t name_w = 16;
  for (const auto& t : cat.instances) {
    if (service != service_of(t.family)) continue;
    types.push_back(&t);
    name_w = std::max(name_w, t.name.size());
    for (const auto& engine_price : t.engine_usd_per_hour)
      if (std::find(engines.begin(), engines.end(), engine_price.first) == engines.end())
        engines.push_back(engine_price.first);
  }
  if (types.empty()) return;
  // "Gbit/s" heads the network column: baseline/burst, sources.md §1c.
  std::string head =
      fmt::format("  {:<{}} {:>5} {:>7} {:>12}", "type", name_w, "vCPU", "GiB", "net Gbit/s");
  auto width = [](const std::string& e) { return std::max<std::size_t>(10, e.size() + 4); };
  if (engines.empty()) head += fmt::format(" {:>10}", "$/hour");
  for (const auto& e : engines) head += fmt::format(" {:>{}}", e + " $/h", width(e));
  std::cout << head << "  source\n";
  for (const InstanceType* t : types) {
    std::string row = fmt::format("  {:<{}} {:>5} {:>7g} {:>12}", t->name, name_w, t->vcpus,
                                  t->memory_gib, network_cell(*t));
    if (engines.empty()) row += fmt::format(" {:>10.4f}", t->usd_per_hour);
    for (const auto& e : engines) row += fmt::format(" {:>{}.4f}", t->hourly_usd(e), width(e));
    std::cout << row << "  " << t->source << "\n";
  }
  std::cout << "  net Gbit/s: baseline/burst (\"up to\", on network I/O credits), or the one "
               "figure of a type that does not burst; - not given\n";
}

void print_rates(const PriceCatalog& cat, const std::string& service) {
  std::size_t key_w = 4, unit_w = 4;
  for (const auto& r : cat.rates)
    if (r.service == service) {
      key_w = std::max(key_w, r.key.size());
      unit_w = std::max(unit_w, r.unit.size());
    }
  bool any = false;
  for (const auto& r : cat.rates) {
    if (r.service != service) continue;
    if (!any)
      std::cout << fmt::format("  {:<{}} {:>10}  {:<{}}  source\n", "rate", key_w, "value", "unit",
                               unit_w);
    any = true;
    std::cout << fmt::format("  {:<{}} {:>10g}  {:<{}}  {}\n", r.key, key_w, r.value, r.unit,
                             unit_w, r.source);
  }
}

}  // namespace

int cmd_catalog(const std::vector<std::string>& args) {
  std::string only;
  boost::program_options::options_description opts("catalog");
  opts.add_options()("service", boost::program_options::value(&only)->value_name("SERVICE"),
                     "only this service, e.g. ec2 (default: every service)");
  if (!parse_command_line("catalog", args, opts, "service")) return 0;
  const PriceCatalog& cat = price_catalog();
  const std::vector<std::string> services = cat.services();
  if (!only.empty() && std::find(services.begin(), services.end(), only) == services.end()) {
    std::string known;
    for (const auto& s : services) known += (known.empty() ? "" : ", ") + s;
    throw InputError(fmt::format("catalog: unknown service '{}'{} (known: {})", only,
                                 suggestion_suffix(only, services), known));
  }
  std::cout << fmt::format("Price catalog {}, compiled {}, on-demand USD (sources: {})\n",
                           cat.region, cat.date, cat.reference);
  std::cout
      << "Confidence: O official AWS text; O* official page, figure from >= 2 agreeing tables; "
         "T third party; E estimate\n";
  for (const auto& service : services) {
    if (!only.empty() && only != service) continue;
    std::cout << fmt::format("\n{}\n", service);
    print_instances(cat, service);
    print_rates(cat, service);
  }
  return 0;
}

int cmd_reference(const std::vector<std::string>& args) {
  const boost::program_options::options_description none("reference");
  if (!parse_command_line("reference", args, none)) return 0;
  std::cout << scenario_reference_markdown();
  return 0;
}

}  // namespace headroom
