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

TEST_CASE("cli: catalog prints each type's network, baseline/burst in Gbit/s (sources.md §1c)") {
  const CliResult r = run_cli("catalog ec2");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("net Gbit/s") != std::string::npos);
  // One line per type: the name, then its figures; an "up to" type shows baseline/burst.
  const auto line_of = [&](const std::string& name) {
    const std::size_t at = r.out.find("\n  " + name + " ");
    return at == std::string::npos ? std::string()
                                   : r.out.substr(at + 1, r.out.find('\n', at + 1) - at - 1);
  };
  CHECK(line_of("m5.large").find(" 0.75/10 ") != std::string::npos);
  CHECK(line_of("m5.24xlarge").find(" 25 ") != std::string::npos);
  CHECK(line_of("m7g.16xlarge").find(" 30 ") != std::string::npos);
  CHECK(line_of("t3.micro").find(" 0.064/5 ") != std::string::npos);
  CHECK(line_of("t2.micro").find(" - ") != std::string::npos);  // "Low to Moderate": no figure
}

TEST_CASE("cli: the largest sizes can be set on a stage's components") {
  CHECK(run_cli("run scenarios/journey/02-scale-up.yaml -q --duration 10m "
                "--set components.box.instance=m7g.16xlarge")
            .status == 0);
  CHECK(
      run_cli(
          "run scenarios/journey/03-web-and-db.yaml -q --duration 10m "
          "--set components.db.instance=db.r6i.32xlarge --set components.web.instance=c6i.32xlarge")
          .status == 0);
}

TEST_CASE("cli: an unknown instance type suggests the closest, or lists its family, in one line") {
  const std::string stage =
      "run scenarios/journey/02-scale-up.yaml -q --set components.box.instance=";
  const CliResult typo = run_cli(stage + "m7g.16xlarg");
  CHECK(typo.status == 2);
  CHECK(typo.err.find("unknown EC2 instance type 'm7g.16xlarg', did you mean 'm7g.16xlarge'?") !=
        std::string::npos);
  // A size the family does not have: its sizes, not the catalog's 190 names.
  const CliResult size = run_cli(stage + "m7g.metal");
  CHECK(size.status == 2);
  CHECK(size.err.find("the m7g sizes are: m7g.medium, m7g.large, m7g.xlarge") != std::string::npos);
  CHECK(size.err.find("m5.large") == std::string::npos);
  // Nothing like it: the families with their size ranges.
  const CliResult none = run_cli(stage + "huge");
  CHECK(none.status == 2);
  CHECK(none.err.find("m5.large … m5.24xlarge") != std::string::npos);
  CHECK(none.err.find("m5.4xlarge") == std::string::npos);
  CHECK(none.err.size() < 700);
}
