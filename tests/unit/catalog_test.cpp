#include "headroom/catalog/catalog.hpp"

#include <doctest/doctest.h>

#include <cmath>
#include <map>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "headroom/core/diagnostics.hpp"
#include "support/cli.hpp"

using namespace headroom;

namespace {

/// "sources.md §2a, O*" and the like: a section of the reference and a confidence letter.
bool cites_source(const std::string& source) {
  static const std::regex section(R"(sources.md §\d+[a-z]?)");
  static const std::regex confidence(R"((^|[^A-Za-z])(O\*?|T|E)([^A-Za-z]|$))");
  return std::regex_search(source, section) && std::regex_search(source, confidence);
}

}  // namespace

TEST_CASE("catalog: the built-in catalog parses, for us-east-1, with its date") {
  const PriceCatalog& cat = price_catalog();
  CHECK(cat.region == "us-east-1");
  CHECK(std::regex_match(cat.date, std::regex(R"(\d{4}-\d{2}-\d{2})")));
  CHECK(std::string(catalog_date()) == cat.date);
  CHECK(cat.reference == "docs/sources.md");
  CHECK(cat.instances.size() == 193);
  CHECK(cat.services() ==
        std::vector<std::string>{"ec2", "rds", "elasticache", "ebs", "elb", "public_ipv4", "cloudfront",
                                 "s3", "data_transfer", "nat_gateway", "route53", "dynamodb", "lambda", "apigateway", "kinesis", "firehose", "billing"});
}

TEST_CASE(
    "catalog: every instance type and every rate names its sources.md section and confidence") {
  const PriceCatalog& cat = price_catalog();
  for (const auto& t : cat.instances) {
    CHECK_MESSAGE(cites_source(t.source), t.name, ": ", t.source);
    CHECK_MESSAGE(t.usd_per_hour > 0, t.name);
    CHECK_MESSAGE(t.vcpus > 0, t.name);
    CHECK_MESSAGE(t.memory_gib > 0, t.name);
  }
  for (const auto& r : cat.rates) {
    CHECK_MESSAGE(cites_source(r.source), r.service, ".", r.key, ": ", r.source);
    CHECK_MESSAGE(!r.unit.empty(), r.service, ".", r.key);
  }
}

TEST_CASE("catalog: the binary's catalog is scenarios/catalog/us-east-1.yaml as it is now") {
  const PriceCatalog disk = parse_price_catalog(
      testing::read_file(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/catalog/us-east-1.yaml"));
  const PriceCatalog& built = price_catalog();
  REQUIRE(disk.instances.size() == built.instances.size());
  REQUIRE(disk.rates.size() == built.rates.size());
  for (std::size_t i = 0; i < disk.instances.size(); ++i) {
    CHECK(disk.instances[i].name == built.instances[i].name);
    CHECK(disk.instances[i].engine_usd_per_hour == built.instances[i].engine_usd_per_hour);
    CHECK(disk.instances[i].usd_per_hour == built.instances[i].usd_per_hour);
  }
  for (std::size_t i = 0; i < disk.rates.size(); ++i)
    CHECK(disk.rates[i].value == built.rates[i].value);
}

TEST_CASE("catalog: instance lookups and prices come from the data") {
  const InstanceType* m5 = find_instance("m5.large", InstanceFamily::Ec2);
  REQUIRE(m5 != nullptr);
  CHECK(m5->vcpus == 2);
  CHECK(m5->memory_gib == 8);
  CHECK(m5->usd_per_hour == 0.096);
  const InstanceType* db = find_instance("db.m5.large", InstanceFamily::Rds);
  REQUIRE(db != nullptr);
  CHECK(db->hourly_usd("mysql") == 0.171);
  CHECK(db->hourly_usd("postgres") == 0.178);
  CHECK(find_instance("m5.large", InstanceFamily::Rds) == nullptr);
  CHECK(instance_names(InstanceFamily::ElastiCache).size() == 36);
  CHECK(price_catalog().rate("elb", "alb_hour") == 0.0225);
  CHECK(price_catalog().find_rate("elb", "nlb_hour") == nullptr);
}

TEST_CASE("catalog: an entry without a source or a price is an error that points at it") {
  const char* const text = R"(region: us-east-1
date: "2026-11-01"
reference: facts.md
services:
  ec2:
    instances:
      - {name: m5.large, vcpus: 2, memory_gib: 8, usd_per_hour: 0.096}
  elb:
    rates:
      alb_hour: {value: cheap, unit: USD/ALB-hour, source: "sources.md §4, O*"}
      lcu_hour: {value: 0.008, unit: USD/LCU-hour, source: "sources.md §4, O*", note: x}
)";
  try {
    parse_price_catalog(text);
    FAIL("parsed a catalog with errors");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "catalog:7:9: error: services.ec2.instances[0]: missing source (a non-empty string)\n"
          "catalog:10:25: error: services.elb.rates.alb_hour: missing or bad value (a non-negative "
          "number)\n"
          "catalog:11:82: error: services.elb.rates.lcu_hour: unknown key 'note'");
  }
}

TEST_CASE("catalog: network bandwidth is a baseline and a burst no lower than it, in Gbit/s") {
  const char* const head = R"(region: us-east-1
date: "2026-11-01"
reference: facts.md
services:
  ec2:
    instances:
)";
  const PriceCatalog ok = parse_price_catalog(
      std::string(head) +
      "      - {name: m5.large, vcpus: 2, memory_gib: 8, usd_per_hour: 0.096, network_gbps: 0.75, "
      "network_burst_gbps: 10, source: \"sources.md §1c, O\"}\n"
      "      - {name: m5.24xlarge, vcpus: 96, memory_gib: 384, usd_per_hour: 4.608, network_gbps: 25, "
      "source: \"sources.md §1c, O\"}\n"
      "      - {name: c7g.medium, vcpus: 1, memory_gib: 2, usd_per_hour: 0.0363, source: \"sources.md "
      "§1, T\"}\n");
  REQUIRE(ok.instances.size() == 3);
  CHECK(ok.instances[0].network_gbps == 0.75);
  CHECK(ok.instances[0].network_burst_gbps == 10);
  CHECK(ok.instances[1].network_burst_gbps == 25);  // no burst: the baseline is the ceiling
  CHECK(ok.instances[2].network_gbps == 0);         // not given: not a resource
  try {
    parse_price_catalog(std::string(head) +
                        "      - {name: m5.large, vcpus: 2, memory_gib: 8, usd_per_hour: 0.096, "
                        "network_gbps: 10, network_burst_gbps: 0.75, source: \"sources.md §1c, O\"}\n");
    FAIL("parsed a burst below its baseline");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()).find("network_burst_gbps is below network_gbps") != std::string::npos);
  }
}

namespace {

/// "m7g" of "m7g.16xlarge", "db.r6i" of "db.r6i.32xlarge": a family is the name without its size.
std::string family_of(const std::string& name) {
  return name.substr(0, name.rfind('.'));
}

bool burstable_family(const std::string& family) {
  const std::string base =
      family.substr(family.find('.') == std::string::npos ? 0 : family.find('.') + 1);
  return base.rfind("t", 0) == 0;
}

}  // namespace

TEST_CASE("catalog: every family reaches AWS's largest size (sources.md §1, §2a, §3)") {
  struct Largest {
    const char* name;
    InstanceFamily family;
    int vcpus;
  };
  for (const Largest& l : {Largest{"m5.24xlarge", InstanceFamily::Ec2, 96},
                           {"m6i.32xlarge", InstanceFamily::Ec2, 128},
                           {"m7g.16xlarge", InstanceFamily::Ec2, 64},
                           {"c5.24xlarge", InstanceFamily::Ec2, 96},
                           {"c6i.32xlarge", InstanceFamily::Ec2, 128},
                           {"c7g.16xlarge", InstanceFamily::Ec2, 64},
                           {"r5.24xlarge", InstanceFamily::Ec2, 96},
                           {"r6i.32xlarge", InstanceFamily::Ec2, 128},
                           {"r7g.16xlarge", InstanceFamily::Ec2, 64},
                           {"t3.2xlarge", InstanceFamily::Ec2, 8},
                           {"db.t3.2xlarge", InstanceFamily::Rds, 8},
                           {"db.m5.24xlarge", InstanceFamily::Rds, 96},
                           {"db.m6g.16xlarge", InstanceFamily::Rds, 64},
                           {"db.m6i.32xlarge", InstanceFamily::Rds, 128},
                           {"db.r5.24xlarge", InstanceFamily::Rds, 96},
                           {"db.r6g.16xlarge", InstanceFamily::Rds, 64},
                           {"db.r6i.32xlarge", InstanceFamily::Rds, 128},
                           {"cache.m5.24xlarge", InstanceFamily::ElastiCache, 96},
                           {"cache.m6g.16xlarge", InstanceFamily::ElastiCache, 64},
                           {"cache.r5.24xlarge", InstanceFamily::ElastiCache, 96},
                           {"cache.r6g.16xlarge", InstanceFamily::ElastiCache, 64},
                           {"cache.r7g.16xlarge", InstanceFamily::ElastiCache, 64}}) {
    const InstanceType* t = find_instance(l.name, l.family);
    REQUIRE_MESSAGE(t != nullptr, l.name);
    CHECK_MESSAGE(t->vcpus == l.vcpus, l.name);
    for (const auto& other : price_catalog().instances)  // nothing bigger in its family
      if (family_of(other.name) == family_of(l.name))
        CHECK_MESSAGE(other.vcpus <= l.vcpus, other.name);
  }
}

TEST_CASE(
    "catalog: a family charges the same per vCPU-hour at every size, within 1% (sources.md §1)") {
  // AWS prices the sizes of a fixed-performance family linearly (each size doubles); the
  // catalog's extrapolated (E) prices rest on that rule, so a typo in any size breaks it.
  // Burstable families are priced by memory, not vCPUs, and are left out.
  std::map<std::string, std::map<std::string, double>> per_vcpu;  // family -> engine -> $/vCPU-h
  for (const auto& t : price_catalog().instances) {
    const std::string family = family_of(t.name);
    if (burstable_family(family)) continue;
    std::vector<std::pair<std::string, double>> prices = t.engine_usd_per_hour;
    if (prices.empty()) prices.emplace_back("", t.usd_per_hour);
    for (const auto& [engine, usd] : prices) {
      const double rate = usd / t.vcpus;
      auto [it, first] = per_vcpu[family].emplace(engine, rate);
      if (!first)
        CHECK_MESSAGE(std::abs(rate / it->second - 1) < 0.01, t.name, " ", engine, ": ", rate,
                      " per vCPU-hour, the family's first size ", it->second);
    }
  }
  CHECK(per_vcpu.at("m5").at("") == doctest::Approx(0.048));  // $0.096 for an m5.large's 2 vCPUs
  CHECK(per_vcpu.size() >= 20);
}

TEST_CASE("catalog: network baselines and bursts are the instance-type guide's (sources.md §1c)") {
  const auto net = [](const char* name, InstanceFamily f = InstanceFamily::Ec2) {
    const InstanceType* t = find_instance(name, f);
    REQUIRE_MESSAGE(t != nullptr, name);
    return std::pair{t->network_gbps, t->network_burst_gbps};
  };
  // The figures AWS quotes in its own text: an m5.large's 0.75 Gbit/s baseline bursting to
  // 10, and "an m5.8xlarge has 32 vCPUs and 10 Gbps, an m5.16xlarge 64 vCPUs and 20 Gbps".
  CHECK(net("m5.large") == std::pair{0.75, 10.0});
  CHECK(net("m5.8xlarge") == std::pair{10.0, 10.0});
  CHECK(net("m5.16xlarge") == std::pair{20.0, 20.0});
  CHECK(net("t3.micro") == std::pair{0.064, 5.0});
  CHECK(net("m7g.2xlarge") == std::pair{3.75, 15.0});
  CHECK(net("r6i.32xlarge") == std::pair{50.0, 50.0});
  CHECK(net("db.m5.large", InstanceFamily::Rds) == net("m5.large"));
  CHECK(net("cache.r7g.large", InstanceFamily::ElastiCache) == net("r7g.large"));
  // T2 is rated "Low to Moderate", not in Gbit/s: no network resource.
  CHECK(net("t2.micro") == std::pair{0.0, 0.0});
  // Every other type has one, and within a family a bigger size never has less.
  std::map<std::string, const InstanceType*> previous;
  for (const auto& t : price_catalog().instances) {
    if (t.name.rfind("t2.", 0) == 0) continue;
    CHECK_MESSAGE(t.network_gbps > 0, t.name);
    CHECK_MESSAGE(t.network_burst_gbps >= t.network_gbps, t.name);
    const InstanceType*& prev = previous[family_of(t.name)];
    if (prev != nullptr && t.vcpus > prev->vcpus)
      CHECK_MESSAGE(t.network_gbps >= prev->network_gbps, t.name, " after ", prev->name);
    prev = &t;
  }
}
