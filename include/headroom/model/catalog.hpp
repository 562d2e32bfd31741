#pragma once
/// The built-in catalog of instance shapes (and, later, prices), us-east-1, from
/// shared/reference/aws-facts.md. Every entry carries its source.
#include <string>
#include <vector>

namespace headroom {

enum class InstanceFamily { Ec2, Rds, ElastiCache };

/// One instance type: its shape and on-demand hourly price (Linux, us-east-1).
struct InstanceType {
  const char* name;
  InstanceFamily family;
  int vcpus;
  double memory_gib;
  double usd_per_hour;       ///< RDS: MySQL Single-AZ; ElastiCache: Redis OSS
  const char* source;        ///< aws-facts.md section and confidence
};

/// Every known type, in catalog order.
const std::vector<InstanceType>& instance_catalog();
/// The type named `name` in `family`, or nullptr.
const InstanceType* find_instance(const std::string& name, InstanceFamily family);
/// The names of `family`, for "did you mean" and error messages.
std::vector<std::string> instance_names(InstanceFamily family);
/// Date the catalog's figures were compiled.
const char* catalog_date();

}  // namespace headroom
