#include <doctest/doctest.h>

#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;

TEST_CASE("cli: catalog prints every service with its prices, sources and date") {
  const CliResult r = run_cli("catalog");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("Price catalog us-east-1, compiled 2026-11-01") != std::string::npos);
  for (const char* service :
       {"\nec2\n", "\nrds\n", "\nelasticache\n", "\nelb\n", "\npublic_ipv4\n", "\ncloudfront\n",
        "\ns3\n", "\ndata_transfer\n", "\nroute53\n", "\ndynamodb\n"})
    CHECK_MESSAGE(r.out.find(service) != std::string::npos, service);
  CHECK(r.out.find("m5.large") != std::string::npos);
  CHECK(r.out.find("sources.md §4, O*") != std::string::npos);
}

TEST_CASE("cli: catalog SERVICE prints that service alone, with a price per engine") {
  const CliResult r = run_cli("catalog rds");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("mysql $/h") != std::string::npos);
  CHECK(r.out.find("postgres $/h") != std::string::npos);
  CHECK(r.out.find("db.m5.large") != std::string::npos);
  CHECK(r.out.find("storage_gp3") != std::string::npos);
  CHECK(r.out.find("\n  m5.2xlarge ") == std::string::npos);  // db.m5.2xlarge is an RDS class
  CHECK(r.out.find("alb_hour") == std::string::npos);
}

TEST_CASE("cli: an unknown catalog service suggests the closest one and exits with status 2") {
  const CliResult r = run_cli("catalog elasticach");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("unknown service 'elasticach', did you mean 'elasticache'?") !=
        std::string::npos);
}
