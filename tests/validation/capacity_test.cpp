#include <doctest/doctest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "headroom/analysis/analytic.hpp"
#include "headroom/analysis/queueing.hpp"
#include "headroom/study/capacity.hpp"
#include "headroom/study/confidence.hpp"
#include "support/cli.hpp"
#include "support/specs.hpp"
#include "support/theory.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

ScenarioSpec mm1_at_mean_slo(double mean_ms, int servers) {
  auto spec = open_scenario(100, 60 * kSecond, 10 * kSecond,
                            {ec2("web", "c7g.medium", servers, exp_ms(1), 1, 1'000'000'000)}, {hop("web")});
  spec.slo = {SloCheckSpec{"mean", mean_ms, {}}};
  return spec;
}

CapacityOptions precise() {
  CapacityOptions o;
  o.precision = 0.01;
  o.requests_per_run = 400'000 * validation_scale();
  o.window_max = from_seconds(600 * validation_scale());
  return o;
}

}  // namespace

TEST_CASE("capacity: an M/M/1 server at a mean-latency SLO holds 1/(mu - lambda) within a few percent") {
  const double mu = 1000, slo_s = 0.005;
  const CapacityResult r = find_capacity(mm1_at_mean_slo(slo_s * 1e3, 1), precise());
  const double theory_rate = mu - 1 / slo_s;
  MESSAGE("capacity " << r.users << " requests/s, theory " << theory_rate << ", analytic " << r.analytic_users);
  CHECK(r.by_rate);
  CHECK(r.users == doctest::Approx(theory_rate).epsilon(0.03));
  CHECK(r.bottleneck.component == "web");
}

TEST_CASE("capacity: is monotone in the server count and repeatable") {
  double previous = 0;
  for (int servers = 1; servers <= 3; ++servers) {
    const CapacityResult r = find_capacity(mm1_at_mean_slo(5, servers));
    CHECK(r.users > previous);
    previous = r.users;
  }
  CHECK(find_capacity(mm1_at_mean_slo(5, 2)).users == find_capacity(mm1_at_mean_slo(5, 2)).users);
}

TEST_CASE("analyze: an M/M/c station equals Erlang C exactly") {
  auto spec = open_scenario(3000, 60 * kSecond, 10 * kSecond,
                            {ec2("web", "m5.xlarge", 1, exp_ms(1), 4, 1'000'000'000)}, {hop("web")});
  const AnalyticReport a = analyze(spec);
  REQUIRE(a.stations.size() == 1);
  CHECK(a.stations[0].utilization == doctest::Approx(0.75).epsilon(1e-12));
  CHECK(a.stations[0].wait_probability == doctest::Approx(theory::erlang_c(4, 3.0)).epsilon(1e-12));
  CHECK(a.stations[0].latency_ms == doctest::Approx(theory::mmc_mean_sojourn(4, 3000, 1000) * 1e3).epsilon(1e-12));
  CHECK(a.stations[0].saturation_users == doctest::Approx(4000).epsilon(1e-9));
  CHECK(erlang_c(4, 3.0) == doctest::Approx(theory::erlang_c(4, 3.0)).epsilon(1e-14));
}

TEST_CASE("analyze: the simulated M/M/4 mean lies within the replications' confidence interval of Erlang C") {
  auto spec = open_scenario(3000, from_seconds(200 * validation_scale()) + 20 * kSecond, 20 * kSecond,
                            {ec2("web", "m5.xlarge", 1, exp_ms(1), 4, 1'000'000'000)}, {hop("web")});
  const AnalyticReport a = analyze(spec);
  const Estimate e = replicate(spec, 8, [](const Report& r) { return r.latency_ms.mean; });
  CHECK(std::fabs(e.mean - a.mean_latency_ms) <= student_t_975(e.n - 1) * e.se * 1.5);
}

TEST_CASE("analyze: cache misses set the visit ratio of the database behind it") {
  auto spec = open_scenario(1000, 60 * kSecond, 10 * kSecond,
                            {ec2("web", "m5.large", 2, exp_ms(2), 16, 1000), cache("cache", 0.8, exp_ms(0.2)),
                             rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 100)},
                            {hop("web"), hop("cache"), hop("db", "read")});
  const AnalyticReport a = analyze(spec);
  REQUIRE(a.stations.size() == 3);
  CHECK(a.stations[0].visits == doctest::Approx(1.0));
  CHECK(a.stations[1].visits == doctest::Approx(1.0));
  CHECK(a.stations[2].visits == doctest::Approx(0.2));
  CHECK(a.stations[2].arrival_rps == doctest::Approx(200));
}

TEST_CASE("analyze: Multi-AZ RDS is more available than Single-AZ") {
  auto spec = open_scenario(100, 60 * kSecond, 10 * kSecond,
                            {ec2("web", "m5.large", 1, exp_ms(2), 16, 1000),
                             rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 100)},
                            {hop("web"), hop("db", "read")});
  const double single = analyze(spec).availability.back().availability;
  std::get<RdsSpec>(spec.components[1].kind).multi_az = true;
  std::get<RdsSpec>(spec.components[1].kind).azs = {"a", "b"};
  const double multi = analyze(spec).availability.back().availability;
  CHECK(multi > single);
  CHECK(single < 1);
}

TEST_CASE("check: passes on an unchanged tree, fails on a regressed scenario, and --update rewrites its figures in place") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "headroom_check_test";
  fs::create_directories(dir);
  fs::copy_file(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/single-server.yaml", dir / "s.yaml", fs::copy_options::overwrite_existing);
  const std::string baselines = (dir / "b.yaml").string();
  std::ofstream(baselines) << "baselines:\n  - scenario: s.yaml\n    seed: 1\n    expect:\n"
                              "      latency_ms.mean: {value: 5, tolerance: 10%}\n"
                              "      capacity.users: {min: 700}\n";
  const CliResult ok = run_cli("check " + baselines + " --junit " + (dir / "j.xml").string() + " --markdown " +
                               (dir / "pr.md").string());
  CHECK(ok.status == 0);
  CHECK(read_file((dir / "j.xml").string()).find("<testsuites name=\"headroom\" tests=\"2\" failures=\"0\"") !=
        std::string::npos);
  CHECK(read_file((dir / "pr.md").string()).find("all 2 passed") != std::string::npos);

  std::string text = read_file((dir / "s.yaml").string());
  text.replace(text.find("cpu: 1ms"), 8, "cpu: 1.1ms");
  std::ofstream(dir / "s.yaml") << text;
  const CliResult bad = run_cli("check " + baselines + " --junit " + (dir / "j.xml").string());
  CHECK(bad.status == 1);
  CHECK(bad.out.find("FAIL") != std::string::npos);
  CHECK(read_file((dir / "j.xml").string()).find("<failure message=\"latency_ms.mean") != std::string::npos);

  const CliResult up = run_cli("check " + baselines + " --update");
  CHECK(up.status == 0);
  const std::string updated = read_file(baselines);
  CHECK(updated.find("tolerance: 10%") != std::string::npos);
  CHECK(updated.find("capacity.users: {min: ") != std::string::npos);
  for (const auto& e : fs::directory_iterator(dir)) CHECK(e.path().string().find(".tmp.") == std::string::npos);
  CHECK(run_cli("check " + baselines).status == 0);
  fs::remove_all(dir);
}

TEST_CASE("check: a misspelt report key is bad input with a suggestion") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "headroom_check_key_test";
  fs::create_directories(dir);
  fs::copy_file(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/examples/single-server.yaml", dir / "s.yaml", fs::copy_options::overwrite_existing);
  std::ofstream(dir / "b.yaml") << "baselines:\n  - scenario: s.yaml\n    expect:\n"
                                   "      latency_ms.p98: {max: 10}\n";
  const CliResult r = run_cli("check " + (dir / "b.yaml").string());
  CHECK(r.status == 2);
  CHECK(r.err.find("b.yaml:4:23: error: latency_ms.p98: no such report key, did you mean 'latency_ms.p9") !=
        std::string::npos);
  fs::remove_all(dir);
}
