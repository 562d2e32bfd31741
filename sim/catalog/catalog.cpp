// The instance catalog's lookups, over the price catalog compiled into the binary
// (scenarios/catalog/us-east-1.yaml; every figure cites docs/sources.md).
#include "headroom/catalog/catalog.hpp"

#include <algorithm>

#include "headroom/core/assert.hpp"
#include "headroom/core/diagnostics.hpp"
#include "catalog/catalog_data.hpp"

namespace headroom {

double InstanceType::hourly_usd(const std::string& engine) const {
  for (const auto& [engine_name, usd] : engine_usd_per_hour)
    if (engine_name == engine) return usd;
  return usd_per_hour;
}

std::vector<std::string> PriceCatalog::services() const {
  std::vector<std::string> out;
  auto add = [&](const std::string& s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  for (const auto& t : instances)
    add(t.family == InstanceFamily::Ec2   ? "ec2"
        : t.family == InstanceFamily::Rds ? "rds"
                                          : "elasticache");
  for (const auto& r : rates) add(r.service);
  return out;
}

const CatalogRate* PriceCatalog::find_rate(const std::string& service,
                                           const std::string& key) const {
  for (const auto& r : rates)
    if (r.service == service && r.key == key) return &r;
  return nullptr;
}

double PriceCatalog::rate(const std::string& service, const std::string& key) const {
  const CatalogRate* r = find_rate(service, key);
  HEADROOM_ASSERT(r != nullptr, "the price catalog has no rate " + service + "." + key);
  return r->value;
}

const PriceCatalog& price_catalog() {
  // Parsed once, on first use (a function-local static: thread-safe, no global constructor).
  static const PriceCatalog catalog = [] {
    try {
      return parse_price_catalog(std::string(embedded_catalog_yaml()));
    } catch (const InputError& e) {
      // The catalog ships inside the binary: a bad one is our bug, not the user's input.
      HEADROOM_ASSERT(false, std::string("the built-in price catalog is invalid: ") + e.what());
      throw;
    }
  }();
  return catalog;
}

const std::vector<InstanceType>& instance_catalog() {
  return price_catalog().instances;
}

const InstanceType* find_instance(const std::string& name, InstanceFamily family) {
  for (const auto& t : instance_catalog())
    if (t.family == family && name == t.name) return &t;
  return nullptr;
}

std::vector<std::string> instance_names(InstanceFamily family) {
  std::vector<std::string> out;
  for (const auto& t : instance_catalog())
    if (t.family == family) out.push_back(t.name);
  return out;
}

const char* catalog_date() {
  return price_catalog().date.c_str();
}

}  // namespace headroom
