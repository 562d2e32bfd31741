// The pull-request comment (issue 16 item 5): which way each figure moved, a cost saving told
// from a regression, the `--update` hint; and docs/ci.md's example is this command's real output.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "support/cli.hpp"

using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {

const char* kExample = "docs/examples/pr-comment/baselines.yaml";

/// The text of the fenced block that follows `marker` in `doc`, or "" when there is none.
std::string block_after(const std::string& doc, const std::string& marker) {
  const std::size_t at = doc.find(marker);
  if (at == std::string::npos) return "";
  const std::size_t open = doc.find("```", at);
  const std::size_t body = doc.find('\n', open) + 1;
  const std::size_t close = doc.find("\n```", body);
  return doc.substr(body, close + 1 - body);
}

}  // namespace

TEST_CASE("pr comment: a saving is not a regression: worse fails with a cross, better is a stale baseline, and --update is offered") {
  // Before: every row outside its tolerance got the same :x:, a 12% cost saving like a capacity
  // loss, with no direction and no hint. After: the row says better or worse, and only worse is a cross.
  const std::string md = "/tmp/headroom_pr_" + std::to_string(::getpid()) + ".md";
  const CliResult r = run_cli(std::string("check ") + kExample + " --quiet --markdown " + md);
  CHECK(r.status == 1);
  const std::string comment = read_file(md);
  fs::remove(md);
  INFO(comment);
  CHECK(comment.find("### headroom check: :x: 1 worse, 1 better or changed of 4 outside their expectation") == 0);
  CHECK(comment.find("| :x: | `stack.yaml` | `latency_ms.p99` |") != std::string::npos);
  CHECK(comment.find("| :warning: | `stack.yaml` | `cost.monthly_usd` |") != std::string::npos);
  CHECK(comment.find("%) better |") != std::string::npos);
  CHECK(comment.find("%) worse |") != std::string::npos);
  CHECK(comment.find("run `headroom check docs/examples/pr-comment/baselines.yaml --update`") != std::string::npos);
  CHECK(comment.find("e-0") == std::string::npos);  // no scientific notation
  CHECK(comment.find("e+0") == std::string::npos);
  // The terminal says the same.
  CHECK(r.out.find("  worse") != std::string::npos);
  CHECK(r.out.find("  better") != std::string::npos);
}

TEST_CASE("pr comment: docs/ci.md shows the real comment of its example, byte for byte") {
  const std::string md = "/tmp/headroom_pr_doc_" + std::to_string(::getpid()) + ".md";
  REQUIRE(run_cli(std::string("check ") + kExample + " --quiet --markdown " + md).status == 1);
  const std::string real = read_file(md);
  fs::remove(md);
  const std::string doc = read_file(std::string(HEADROOM_SOURCE_DIR) + "/docs/ci.md");
  const std::string shown = block_after(doc, "<!-- generated: headroom check docs/examples/pr-comment/baselines.yaml --markdown -->");
  CHECK_MESSAGE(shown == real, "docs/ci.md's example differs from the real comment; paste this in:\n" << real);
}

TEST_CASE("pr comment: compare lists the cost breakdown's lines that changed, each with its direction") {
  // One web server instead of two: the EC2 line and the web component's line fall by half; the
  // balancer's line does not move and is left out.
  const std::string md = "/tmp/headroom_pr_cost_" + std::to_string(::getpid()) + ".md";
  const CliResult r = run_cli("compare scenarios/examples/web-and-db.yaml scenarios/examples/web-and-db.yaml "
                              "--set-b components.web.count=1 --replications 2 --quiet --markdown " + md);
  CHECK(r.status <= 1);
  const std::string comment = read_file(md);
  fs::remove(md);
  INFO(comment);
  CHECK(comment.find("#### Cost per month (USD), the lines that changed") != std::string::npos);
  CHECK(comment.find("| service | `ec2` |") != std::string::npos);
  CHECK(comment.find("| component | `web` |") != std::string::npos);
  CHECK(comment.find("(-50.0%) better |") != std::string::npos);
  CHECK(comment.find("`lb`") == std::string::npos);
}
