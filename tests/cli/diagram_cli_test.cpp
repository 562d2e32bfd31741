#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;


TEST_CASE("diagram: DOT draws each AZ as a cluster and each path as a labelled edge") {
  const CliResult r = run_cli("diagram scenarios/journey/04-elb-multi-az.yaml");
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "digraph topology {"));
  CHECK(has(r.out, "subgraph cluster_az_a {"));
  CHECK(has(r.out, "subgraph cluster_az_b {"));
  CHECK(has(r.out, "n_web_a [label=\"web (ec2)\\nm5.large x 4 over 2 AZs\"];"));
  CHECK(has(r.out, "n_lb_a -> n_web_a [label=\"static, browse, write\"];"));
  CHECK(has(r.out, "n_lb_a -> n_web_b;"));
  CHECK(has(r.out, "n_db_a -> n_db_b_standby [label=\"synchronous commit\", style=dashed];"));
  CHECK(r.out.back() == '\n');
}

TEST_CASE("diagram: Mermaid has the same clusters, a call mid-path returns to its caller, misses go to the origin") {
  const CliResult r = run_cli("diagram scenarios/journey/05-caches-cdn-replicas.yaml --format mermaid");
  REQUIRE(r.status == 0);
  CHECK(has(r.out, "flowchart LR"));
  CHECK(has(r.out, "subgraph n_az_b[\"AZ b\"]"));
  CHECK(has(r.out, "n_cdn -.->|\"static misses\"| n_assets"));
  CHECK(has(r.out, "n_web_a -->|\"browse\"| n_cache_a"));
  CHECK_FALSE(has(r.out, "n_sessions --> n_cache"));
  CHECK(has(r.out, "n_db_a -.->|\"replication\"| n_db_b_replica"));
}

TEST_CASE("diagram: a bad format or file exits with status 2 and a suggestion, writing nothing") {
  const std::string path = "/tmp/headroom_diagram_" + std::to_string(::getpid()) + ".dot";
  const CliResult bad = run_cli("diagram scenarios/journey/04-elb-multi-az.yaml --format mermeid --output " + path);
  CHECK(bad.status == 2);
  CHECK(has(bad.err, "did you mean 'mermaid'"));
  CHECK(run_cli("diagram tests/config/bad/unknown_type.yaml --output " + path).status == 2);
  CHECK_FALSE(fs::exists(path));
  REQUIRE(run_cli("diagram scenarios/journey/01-day-one.yaml --output " + path).status == 0);
  CHECK(has(read_file(path), "digraph topology"));
  fs::remove(path);
}
