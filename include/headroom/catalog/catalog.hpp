#pragma once
/// The built-in price catalog, us-east-1: instance shapes and every price the cost model uses,
/// from docs/sources.md. It is data (scenarios/catalog/us-east-1.yaml), compiled
/// into the binary and parsed once; every entry carries its source and confidence.
#include <string>
#include <utility>
#include <vector>

namespace headroom {

enum class InstanceFamily { Ec2, Rds, ElastiCache };

/// One instance type: its shape and on-demand hourly price (Linux, us-east-1).
struct InstanceType {
  std::string name;
  InstanceFamily family = InstanceFamily::Ec2;
  int vcpus = 0;
  double memory_gib = 0;
  double usd_per_hour = 0;  ///< EC2: Linux; RDS: MySQL Single-AZ; ElastiCache: Redis OSS
  /// RDS and ElastiCache: the Single-AZ hourly price per engine (mysql|postgres, redis|memcached),
  /// in catalog order; empty for EC2.
  std::vector<std::pair<std::string, double>> engine_usd_per_hour;
  std::string
      source;  ///< sources.md section and confidence, e.g. "sources.md §1, price O*, shape O"
  /// Burstable types (t2, t3, t3a, t4g): CPU credits earned per hour (1 credit = one vCPU at
  /// 100% for a minute); 0 for a type that runs at 100% of its vCPUs (sources.md §1b).
  double credits_per_hour = 0;
  /// Credits a newly launched instance starts with in standard mode (T2 only: 30 per vCPU).
  double launch_credits = 0;
  /// Unlimited mode: USD per vCPU-hour of surplus credits (Linux: $0.05 t2/t3/t3a, $0.04 t4g).
  double surplus_usd_per_vcpu_hour = 0;
  /// Network bandwidth of one instance or node, Gbit/s (10^9 bit/s): the baseline it sustains
  /// and the burst it reaches for a while ("up to" types, sources.md §1c); 0 when the catalog
  /// does not give it (then the network is not a resource of that type). burst >= baseline.
  double network_gbps = 0;
  double network_burst_gbps = 0;

  bool burstable() const { return credits_per_hour > 0; }
  /// Share of each vCPU it may use for a net credit balance of zero (t3.micro: 10%).
  double baseline() const { return vcpus > 0 ? credits_per_hour / (60.0 * vcpus) : 1.0; }
  /// The most earned credits it can hold: 24 hours of earnings.
  double max_credits() const { return 24 * credits_per_hour; }
  /// The default credit option: standard for T2, unlimited for T3, T3a and T4g, as AWS launches them.
  bool unlimited_by_default() const { return burstable() && name.rfind("t2.", 0) != 0; }

  /// USD per hour for `engine`; usd_per_hour when the engine has no price of its own (EC2).
  double hourly_usd(const std::string& engine) const;
};

/// One figure of the catalog other than an instance type: a price (unit "USD/…") or a
/// quantity a price is defined by (an ALB LCU's dimensions, hours per month).
struct CatalogRate {
  std::string service;  ///< ec2, rds, elb, s3, … (the catalog's grouping)
  std::string key;      ///< e.g. "alb_hour"
  double value = 0;
  std::string unit;    ///< e.g. "USD/ALB-hour"
  std::string source;  ///< sources.md section and confidence
};

/// The whole catalog of one region.
struct PriceCatalog {
  std::string region;                   ///< e.g. "us-east-1"
  std::string date;                     ///< when the figures were compiled, YYYY-MM-DD
  std::string reference;                ///< the document the sources point into
  std::vector<InstanceType> instances;  ///< in file order
  std::vector<CatalogRate> rates;       ///< in file order

  /// Services in file order (ec2, rds, elasticache, elb, …).
  std::vector<std::string> services() const;
  /// The rate `service.key`, or nullptr.
  const CatalogRate* find_rate(const std::string& service, const std::string& key) const;
  /// The value of rate `service.key`. Precondition: it exists (an internal error otherwise:
  /// the catalog is bundled, and the cost model only asks for what it ships).
  double rate(const std::string& service, const std::string& key) const;
};

/// Parses a catalog document (the format of scenarios/catalog/us-east-1.yaml). Throws
/// InputError naming the entry when a field is missing or malformed, including a missing source.
PriceCatalog parse_price_catalog(const std::string& yaml_text);

/// The catalog compiled into this binary, parsed on first use.
const PriceCatalog& price_catalog();

/// Every known type, in catalog order.
const std::vector<InstanceType>& instance_catalog();
/// The type named `name` in `family`, or nullptr.
const InstanceType* find_instance(const std::string& name, InstanceFamily family);
/// The names of `family`, for "did you mean" and error messages.
std::vector<std::string> instance_names(InstanceFamily family);
/// Date the catalog's figures were compiled.
const char* catalog_date();

}  // namespace headroom
