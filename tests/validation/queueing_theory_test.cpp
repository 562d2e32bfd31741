#include <doctest/doctest.h>

#include <cmath>

#include "support/specs.hpp"
#include "support/theory.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

constexpr int kReps = 10;
constexpr double kHistogramBias = 0.008;


void check_against(const Estimate& e, double theory, double extra_relative = 0) {
  const double tolerance = theory::t999(e.n) * e.se + extra_relative * std::fabs(theory);
  INFO("simulated ", e.mean, " ± ", e.se, " (SE over ", e.n, " replications), theory ", theory,
       ", tolerance ", tolerance);
  CHECK(std::fabs(e.mean - theory) <= tolerance);
  CHECK(e.se <= 0.02 * std::fabs(theory) / std::sqrt(validation_scale()));
}

double mean_s(const Report& r) { return r.latency_ms.mean / 1000; }

}  // namespace

TEST_CASE("validation: M/M/1 mean, median and p99 sojourn match 1/(mu - lambda) and its exponential law") {
  const double lambda = 800, mu = 1000;
  auto spec = open_scenario(lambda, run_length(1000) + 50 * kSecond, 50 * kSecond,
                            {ec2("web", "c7g.medium", 1, exp_ms(1), 1, 1'000'000'000)}, {hop("web")});
  std::vector<Report> reports;
  check_against(replicate(spec, kReps, mean_s), 1 / (mu - lambda));
  check_against(replicate(spec, kReps, [](const Report& r) { return r.latency_ms.p50 / 1000; }),
                theory::mm1_sojourn_quantile(0.5, lambda, mu), kHistogramBias);
  check_against(replicate(spec, kReps, [](const Report& r) { return r.latency_ms.p99 / 1000; }),
                theory::mm1_sojourn_quantile(0.99, lambda, mu), kHistogramBias);
}

TEST_CASE("validation: M/M/4 mean sojourn matches Erlang C") {
  const double lambda = 3000, mu = 1000;
  auto spec = open_scenario(lambda, run_length(300) + 20 * kSecond, 20 * kSecond,
                            {ec2("web", "m5.xlarge", 1, exp_ms(1), 4, 1'000'000'000)}, {hop("web")});
  check_against(replicate(spec, kReps, mean_s), theory::mmc_mean_sojourn(4, lambda, mu));
}

TEST_CASE("validation: M/M/2 with more workers than vCPUs still queues on the two vCPUs as Erlang C") {
  const double lambda = 1600, mu = 1000;
  auto spec = open_scenario(lambda, run_length(400) + 20 * kSecond, 20 * kSecond,
                            {ec2("web", "m5.large", 1, exp_ms(1), 500, 1'000'000'000)}, {hop("web")});
  check_against(replicate(spec, kReps, mean_s), theory::mmc_mean_sojourn(2, lambda, mu));
}

TEST_CASE("validation: M/D/1 mean sojourn matches Pollaczek-Khinchine") {
  const double lambda = 800, mu = 1000;
  auto spec = open_scenario(lambda, run_length(500) + 20 * kSecond, 20 * kSecond,
                            {ec2("web", "c7g.medium", 1, dist_ms(DistSpec::Kind::Deterministic, 1, 0), 1, 1'000'000'000)},
                            {hop("web")});
  check_against(replicate(spec, kReps, mean_s), theory::md1_mean_sojourn(lambda, mu));
}

TEST_CASE("validation: M/G/c/c blocking matches Erlang B for exponential and lognormal service alike") {
  const double lambda = 4000;  // offered load a = 4 erlangs on 5 workers
  const double expected = theory::erlang_b(5, 4.0);
  auto blocking = [](const Report& r) { return static_cast<double>(r.errors.rejected) / static_cast<double>(r.offered); };
  for (auto dist : {exp_ms(1), dist_ms(DistSpec::Kind::Lognormal, 1, 2.0), dist_ms(DistSpec::Kind::Gamma, 1, 0.5)}) {
    auto spec = open_scenario(lambda, run_length(100) + 5 * kSecond, 5 * kSecond,
                              {ec2("web", "m5.2xlarge", 1, dist, 5, 0)}, {hop("web")});
    check_against(replicate(spec, kReps, blocking), expected);
  }
}

TEST_CASE("validation: a tandem of two M/M/2 stations through nested calls is a Jackson network") {
  const double lambda = 1500;
  auto spec = open_scenario(lambda, run_length(400) + 20 * kSecond, 20 * kSecond,
                            {ec2("web", "m5.large", 1, exp_ms(1), 100'000, 1'000'000'000),
                             ec2("app", "m5.large", 1, exp_ms(0.8), 100'000, 1'000'000'000)},
                            {hop("web"), hop("app")});
  const double expected = theory::mmc_mean_sojourn(2, lambda, 1000) + theory::mmc_mean_sojourn(2, lambda, 1250);
  check_against(replicate(spec, kReps, mean_s), expected);
  check_against(replicate(spec, kReps, [](const Report& r) { return r.components[1].second.latency_ms.mean / 1000; }),
                theory::mmc_mean_sojourn(2, lambda, 1250));
}

TEST_CASE("validation: a cache with hit ratio h sends (1 - h) of its traffic to the database") {
  const double lambda = 2000, hit = 0.85;
  auto spec = open_scenario(lambda, run_length(200) + 10 * kSecond, 10 * kSecond,
                            {cache("cache", hit, exp_ms(0.2), 2), rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 1000)},
                            {hop("cache"), hop("db", "read")});
  check_against(replicate(spec, kReps, [](const Report& r) { return r.components[1].second.throughput_rps; }),
                lambda * (1 - hit));
  check_against(replicate(spec, kReps, [](const Report& r) { return r.components[0].second.throughput_rps; }),
                lambda);
}

TEST_CASE("validation: Little's law holds on every validation topology") {
  std::vector<ScenarioSpec> specs = {
      open_scenario(800, run_length(300) + 10 * kSecond, 10 * kSecond,
                    {ec2("web", "c7g.medium", 1, exp_ms(1), 1, 1'000'000'000)}, {hop("web")}),
      open_scenario(1500, run_length(300) + 10 * kSecond, 10 * kSecond,
                    {ec2("web", "m5.large", 2, exp_ms(1), 3, 1'000'000'000), rds("db", "db.m5.large", exp_ms(1), exp_ms(4), 50)},
                    {hop("web"), hop("db", "read")}),
  };
  specs[1].components.insert(specs[1].components.begin(), elb("lb", "web", "least_outstanding"));
  specs[1].traffic[0].path.insert(specs[1].traffic[0].path.begin(), hop("lb"));
  specs[1].client.rtt = 40 * kMillisecond;
  specs[1].network = NetworkSpec{};
  for (const auto& s : specs) {
    const Report r = simulate(s);
    INFO("L = ", r.little.in_flight_mean, ", lambda W = ", r.little.arrival_rate * r.little.time_in_system_s);
    CHECK(r.little.relative_error < 0.01);
    CHECK(r.little.in_flight_mean > 0.5);
  }
}
