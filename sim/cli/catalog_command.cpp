#include <fmt/format.h>

#include <algorithm>
#include <iostream>

#include "cli/commands.hpp"
#include "headroom/core/diagnostics.hpp"
#include "headroom/model/catalog.hpp"
#include "headroom/scenario/reference.hpp"

namespace headroom {

int cmd_catalog(const std::vector<std::string>& args) {
  static const std::vector<std::string> services = {"ec2", "rds", "elasticache"};
  std::string only = args.empty() ? "" : args[0];
  if (!only.empty() && std::find(services.begin(), services.end(), only) == services.end())
    throw InputError(fmt::format("catalog: unknown service '{}'{} (known: ec2, rds, elasticache)", only,
                                 suggestion_suffix(only, services)));
  std::cout << fmt::format("Instance catalog, us-east-1, compiled {} (shared/reference/aws-facts.md)\n\n",
                           catalog_date());
  std::cout << fmt::format("  {:<16} {:<12} {:>5} {:>8} {:>9}  {}\n", "type", "service", "vCPU", "GiB", "$/hour",
                           "source");
  for (const auto& t : instance_catalog()) {
    const char* svc = t.family == InstanceFamily::Ec2 ? "ec2" : t.family == InstanceFamily::Rds ? "rds" : "elasticache";
    if (!only.empty() && only != svc) continue;
    std::cout << fmt::format("  {:<16} {:<12} {:>5} {:>8g} {:>9.4f}  {}\n", t.name, svc, t.vcpus, t.memory_gib,
                             t.usd_per_hour, t.source);
  }
  return 0;
}

int cmd_reference(const std::vector<std::string>& args) {
  if (!args.empty()) throw InputError("reference: takes no arguments");
  std::cout << scenario_reference_markdown();
  return 0;
}

}  // namespace headroom
