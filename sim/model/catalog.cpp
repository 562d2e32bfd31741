// Instance shapes and prices. Source: shared/reference/aws-facts.md (compiled 2026), which
// cites the AWS EC2 User Guide instance tables for shapes and list prices corroborated by the
// AWS Price List API tables for prices (confidence O* there: re-check before publishing).
#include "headroom/model/catalog.hpp"

namespace headroom {
namespace {
constexpr const char* kEc2 = "aws-facts.md §1 (shape: EC2 User Guide, O; price: O*)";
constexpr const char* kRds = "aws-facts.md §2a (MySQL Single-AZ, O*)";
constexpr const char* kCache = "aws-facts.md §3 (Redis OSS, O*; memory E)";
}  // namespace

const std::vector<InstanceType>& instance_catalog() {
  static const std::vector<InstanceType> types = {
      {"t3.micro", InstanceFamily::Ec2, 2, 1, 0.0104, kEc2},
      {"t3.small", InstanceFamily::Ec2, 2, 2, 0.0208, kEc2},
      {"t3.medium", InstanceFamily::Ec2, 2, 4, 0.0416, kEc2},
      {"t3.large", InstanceFamily::Ec2, 2, 8, 0.0832, kEc2},
      {"m5.large", InstanceFamily::Ec2, 2, 8, 0.096, kEc2},
      {"m5.xlarge", InstanceFamily::Ec2, 4, 16, 0.192, kEc2},
      {"m5.2xlarge", InstanceFamily::Ec2, 8, 32, 0.384, kEc2},
      {"c5.large", InstanceFamily::Ec2, 2, 4, 0.085, kEc2},
      {"c5.xlarge", InstanceFamily::Ec2, 4, 8, 0.17, kEc2},
      {"r5.large", InstanceFamily::Ec2, 2, 16, 0.126, kEc2},
      {"r5.xlarge", InstanceFamily::Ec2, 4, 32, 0.252, kEc2},
      {"m6i.large", InstanceFamily::Ec2, 2, 8, 0.096, "aws-facts.md §1 (T)"},
      {"m7g.large", InstanceFamily::Ec2, 2, 8, 0.0816, "aws-facts.md §1 (T)"},
      {"t2.micro", InstanceFamily::Ec2, 1, 1, 0.0116, "aws-facts.md §1 (T)"},
      {"db.t3.micro", InstanceFamily::Rds, 2, 1, 0.017, kRds},
      {"db.t3.small", InstanceFamily::Rds, 2, 2, 0.034, kRds},
      {"db.t3.medium", InstanceFamily::Rds, 2, 4, 0.068, kRds},
      {"db.m5.large", InstanceFamily::Rds, 2, 8, 0.171, kRds},
      {"db.m5.xlarge", InstanceFamily::Rds, 4, 16, 0.342, kRds},
      {"db.r5.large", InstanceFamily::Rds, 2, 16, 0.25, "aws-facts.md §2a (O*/T, sources spread 0.24-0.252)"},
      {"cache.t3.micro", InstanceFamily::ElastiCache, 2, 0.5, 0.017, kCache},
      {"cache.t3.small", InstanceFamily::ElastiCache, 2, 1.37, 0.034, kCache},
      {"cache.t3.medium", InstanceFamily::ElastiCache, 2, 3.09, 0.068, kCache},
      {"cache.m5.large", InstanceFamily::ElastiCache, 2, 6.38, 0.156, kCache},
      {"cache.r5.large", InstanceFamily::ElastiCache, 2, 13.07, 0.216, kCache},
  };
  return types;
}

const InstanceType* find_instance(const std::string& name, InstanceFamily family) {
  for (const auto& t : instance_catalog())
    if (t.family == family && name == t.name) return &t;
  return nullptr;
}

std::vector<std::string> instance_names(InstanceFamily family) {
  std::vector<std::string> out;
  for (const auto& t : instance_catalog())
    if (t.family == family) out.emplace_back(t.name);
  return out;
}

const char* catalog_date() { return "2026-11-01"; }

}  // namespace headroom
