#include "headroom/catalog/catalog.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>

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
  CHECK(cat.instances.size() == 54);
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
  CHECK(instance_names(InstanceFamily::ElastiCache).size() == 5);
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
