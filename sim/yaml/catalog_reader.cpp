// The price catalog's reader: scenarios/catalog/*.yaml -> PriceCatalog. The catalog ships
// inside the binary, so this is strict: every entry needs its figures and a `source`, unknown
// keys are errors, and every problem is reported in one pass with its line and column.
#include <yaml-cpp/yaml.h>

#include <set>

#include "document.hpp"
#include "headroom/core/diagnostics.hpp"
#include "headroom/catalog/catalog.hpp"

namespace headroom {
namespace {

class CatalogReader {
 public:
  CatalogReader(Diagnostics& out, std::string file) : out_(out), file_(std::move(file)) {}

  void error(const YAML::Node& n, const std::string& path, const std::string& message) {
    out_.error(yaml::source_loc(file_, n.Mark()), path, message);
  }

  /// Errors for keys of `map` outside `known`.
  void only(const YAML::Node& map, const std::string& path, const std::set<std::string>& known) {
    for (const auto& kv : map) {
      const auto key = kv.first.as<std::string>();
      if (!known.count(key)) error(kv.first, path, "unknown key '" + key + "'");
    }
  }

  bool text(const YAML::Node& map, const std::string& key, const std::string& path,
            std::string& out) {
    const YAML::Node n = map[key];
    if (!n || !n.IsScalar() || n.Scalar().empty()) {
      error(n ? n : map, path, "missing " + key + " (a non-empty string)");
      return false;
    }
    out = n.Scalar();
    return true;
  }

  bool number(const YAML::Node& map, const std::string& key, const std::string& path, double& out) {
    const YAML::Node n = map[key];
    double v = 0;
    if (!n || !n.IsScalar() || !YAML::convert<double>::decode(n, v) || v < 0) {
      error(n ? n : map, path, "missing or bad " + key + " (a non-negative number)");
      return false;
    }
    out = v;
    return true;
  }

  void instance(const YAML::Node& n, const std::string& path, InstanceFamily family,
                PriceCatalog& cat) {
    if (!n.IsMap())
      return error(n, path,
                   "an instance type is a map {name, vcpus, memory_gib, usd_per_hour, source}");
    only(n, path, {"name", "vcpus", "memory_gib", "usd_per_hour", "source", "credits_per_hour",
                   "launch_credits", "surplus_usd_per_vcpu_hour", "network_gbps",
                   "network_burst_gbps"});
    InstanceType t;
    t.family = family;
    double vcpus = 0;
    bool ok = text(n, "name", path, t.name);
    ok = text(n, "source", path, t.source) && ok;
    ok = number(n, "memory_gib", path, t.memory_gib) && ok;
    if (number(n, "vcpus", path, vcpus)) {
      t.vcpus = static_cast<int>(vcpus);
      if (vcpus < 1 || t.vcpus != vcpus) {
        error(n["vcpus"], path, "vcpus must be a whole number >= 1");
        ok = false;
      }
    } else {
      ok = false;
    }
    // Burstable types only: their CPU credits (sources.md §1b).
    if (n["credits_per_hour"]) {
      ok = number(n, "credits_per_hour", path, t.credits_per_hour) && ok;
      ok = number(n, "surplus_usd_per_vcpu_hour", path, t.surplus_usd_per_vcpu_hour) && ok;
      if (n["launch_credits"]) ok = number(n, "launch_credits", path, t.launch_credits) && ok;
    } else if (n["launch_credits"] || n["surplus_usd_per_vcpu_hour"]) {
      error(n, path, "launch_credits and surplus_usd_per_vcpu_hour go with credits_per_hour (burstable types)");
      ok = false;
    }
    // Network bandwidth, Gbit/s (sources.md §1c): a baseline, and a burst for "up to" types.
    if (n["network_gbps"]) {
      ok = number(n, "network_gbps", path, t.network_gbps) && ok;
      t.network_burst_gbps = t.network_gbps;
      if (n["network_burst_gbps"]) {
        ok = number(n, "network_burst_gbps", path, t.network_burst_gbps) && ok;
        if (t.network_burst_gbps < t.network_gbps) {
          error(n["network_burst_gbps"], path, "network_burst_gbps is below network_gbps");
          ok = false;
        }
      }
    } else if (n["network_burst_gbps"]) {
      error(n, path, "network_burst_gbps goes with network_gbps (the baseline)");
      ok = false;
    }
    const YAML::Node price = n["usd_per_hour"];
    if (price && price.IsMap() && price.size() > 0) {
      // Per engine; the first listed is the type's headline price.
      for (const auto& kv : price) {
        const auto engine = kv.first.as<std::string>();
        double v = 0;
        ok = number(price, engine, path + ".usd_per_hour", v) && ok;
        if (t.engine_usd_per_hour.empty()) t.usd_per_hour = v;
        t.engine_usd_per_hour.emplace_back(engine, v);
      }
    } else {
      ok = number(n, "usd_per_hour", path, t.usd_per_hour) && ok;
    }
    if (ok) cat.instances.push_back(std::move(t));
  }

  void rate(const YAML::Node& key, const YAML::Node& n, const std::string& service,
            const std::string& path, PriceCatalog& cat) {
    if (!n.IsMap()) return error(n, path, "a rate is a map {value, unit, source}");
    only(n, path, {"value", "unit", "source"});
    CatalogRate r;
    r.service = service;
    r.key = key.as<std::string>();
    bool ok = number(n, "value", path, r.value);
    ok = text(n, "unit", path, r.unit) && ok;
    ok = text(n, "source", path, r.source) && ok;
    if (ok) cat.rates.push_back(std::move(r));
  }

  void service(const YAML::Node& name, const YAML::Node& n, PriceCatalog& cat) {
    const auto svc = name.as<std::string>();
    const std::string path = "services." + svc;
    if (!n.IsMap()) return error(n, path, "a service is a map with instances and/or rates");
    only(n, path, {"instances", "rates"});
    if (const YAML::Node list = n["instances"]) {
      const InstanceFamily family = svc == "rds"           ? InstanceFamily::Rds
                                    : svc == "elasticache" ? InstanceFamily::ElastiCache
                                                           : InstanceFamily::Ec2;
      if (svc != "ec2" && svc != "rds" && svc != "elasticache")
        error(list, path, "only ec2, rds and elasticache list instance types");
      else if (!list.IsSequence())
        error(list, path + ".instances", "instances is a list");
      else
        for (std::size_t i = 0; i < list.size(); ++i)
          instance(list[i], path + ".instances[" + std::to_string(i) + "]", family, cat);
    }
    if (const YAML::Node rates = n["rates"]) {
      if (!rates.IsMap())
        return error(rates, path + ".rates", "rates is a map of name -> {value, unit, source}");
      for (const auto& kv : rates)
        rate(kv.first, kv.second, svc, path + ".rates." + kv.first.as<std::string>(), cat);
    }
  }

 private:
  Diagnostics& out_;
  std::string file_;
};

}  // namespace

PriceCatalog parse_price_catalog(const std::string& yaml_text) {
  const std::string file = "catalog";
  Diagnostics diags;
  std::optional<YAML::Node> parsed = yaml::parse_yaml(yaml_text, file, diags);
  diags.throw_if_any();
  const YAML::Node root = *parsed;
  CatalogReader r(diags, file);
  PriceCatalog cat;
  if (!root.IsMap()) {
    r.error(root, "", "a catalog is a map {region, date, reference, services}");
    diags.throw_if_any();
  }
  r.only(root, "", {"region", "date", "reference", "services"});
  r.text(root, "region", "region", cat.region);
  r.text(root, "date", "date", cat.date);
  r.text(root, "reference", "reference", cat.reference);
  const YAML::Node services = root["services"];
  if (!services || !services.IsMap())
    r.error(services ? services : root, "services",
            "missing services (a map of service -> instances, rates)");
  else
    for (const auto& kv : services) r.service(kv.first, kv.second, cat);
  diags.throw_if_any();
  return cat;
}

}  // namespace headroom
