#include <doctest/doctest.h>

#include <cmath>

#include "headroom/yaml/load_scenario.hpp"
#include "support/specs.hpp"

using namespace headroom;
using namespace headroom::testing;

namespace {

Report run_as(const ScenarioSpec& spec, Fidelity fidelity) {
  RunOptions o;
  o.fidelity = fidelity;
  return simulate(spec, o);
}

double relative(double hybrid, double exact) { return std::fabs(hybrid - exact) / exact; }

CurveSpec ramp(double from, double to) {
  CurveSpec c;
  c.kind = CurveSpec::Kind::Ramp;
  c.from = from;
  c.to = to;
  return c;
}

ScenarioSpec mmc(double rate, Duration duration) {
  return open_scenario(rate, duration, 2 * kMinute, {ec2("web", "m5.xlarge", 1, exp_ms(10), 10000, 1'000'000)},
                       {hop("web")});
}

ScenarioSpec scaled_day(Duration duration) {
  auto web = ec2("web", "m5.large", 1, exp_ms(10), 32, 1000);
  auto& e = std::get<Ec2Spec>(web.kind);
  e.azs = {"a", "b"};
  ScalingSpec sc;
  sc.min = 2;
  sc.max = 30;
  sc.desired = 2;
  sc.target_cpu = 0.5;
  e.scaling = sc;
  auto s = open_scenario(0, duration, 10 * kMinute, {elb("lb", "web", "round_robin"), web}, {hop("lb"), hop("web")});
  s.load.curve.kind = CurveSpec::Kind::Diurnal;
  s.load.curve.base = 150;
  s.load.curve.peak = 1500;
  s.load.curve.peak_at = duration / 2;
  s.load.curve.period = duration;
  s.network = NetworkSpec{};
  return s;
}

}  // namespace

TEST_CASE("hybrid: auto fidelity runs per request within the event budget and hybrid beyond it") {
  const ScenarioSpec s = mmc(100, 3 * kMinute);
  const Report small = simulate(s);
  CHECK(small.sim.fidelity == "request");
  CHECK(small.sim.fidelity_reason.find("within") != std::string::npos);
  RunOptions tight;
  tight.event_budget = 1000;
  const Report big = simulate(s, tight);
  CHECK(big.sim.fidelity == "hybrid");
  CHECK(big.sim.fidelity_reason.find("beyond") != std::string::npos);
  CHECK(run_as(s, Fidelity::Request).sim.fidelity_reason == "asked for (--fidelity)");
}

TEST_CASE("hybrid: an M/M/4 queue at 70% load has the per-request mean within 2% and p99 within 10%") {
  const ScenarioSpec s = mmc(280, 30 * kMinute);
  const Report exact = run_as(s, Fidelity::Request), hybrid = run_as(s, Fidelity::Hybrid);
  INFO("mean ", exact.latency_ms.mean, " / ", hybrid.latency_ms.mean, ", p99 ", exact.latency_ms.p99, " / ",
       hybrid.latency_ms.p99);
  CHECK(hybrid.sim.fidelity == "hybrid");
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.02);
  CHECK(relative(hybrid.latency_ms.p99, exact.latency_ms.p99) < 0.10);
  CHECK(relative(static_cast<double>(hybrid.completed), static_cast<double>(exact.completed)) < 0.01);
  CHECK(relative(hybrid.components[0].second.utilization, exact.components[0].second.utilization) < 0.01);
  CHECK(hybrid.sim.events < exact.sim.events / 100);
}

TEST_CASE("hybrid: an M/M/4 queue under a ramp to 85% load follows the per-request latency") {
  ScenarioSpec s = mmc(0, 40 * kMinute);
  s.load.curve = ramp(100, 340);
  const Report exact = run_as(s, Fidelity::Request), hybrid = run_as(s, Fidelity::Hybrid);
  INFO("mean ", exact.latency_ms.mean, " / ", hybrid.latency_ms.mean, ", p99 ", exact.latency_ms.p99, " / ",
       hybrid.latency_ms.p99);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.03);
  CHECK(relative(hybrid.latency_ms.p99, exact.latency_ms.p99) < 0.10);
}

TEST_CASE("hybrid: a tandem of web, cache and database matches per request in latency, hits and load") {
  ScenarioSpec s = open_scenario(300, 20 * kMinute, 2 * kMinute,
                                 {ec2("web", "m5.xlarge", 2, exp_ms(8), 64, 1000), cache("cache", 0.8, exp_ms(0.2)),
                                  rds("db", "db.m5.xlarge", exp_ms(5), exp_ms(5), 1000)},
                                 {hop("web"), hop("cache"), hop("db", "read")});
  const Report exact = run_as(s, Fidelity::Request), hybrid = run_as(s, Fidelity::Hybrid);
  INFO("mean ", exact.latency_ms.mean, " / ", hybrid.latency_ms.mean, ", p99 ", exact.latency_ms.p99, " / ",
       hybrid.latency_ms.p99);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.02);
  CHECK(relative(hybrid.latency_ms.p99, exact.latency_ms.p99) < 0.10);
  const auto& db_exact = exact.components[2].second;
  const auto& db_hybrid = hybrid.components[2].second;
  CHECK(relative(db_hybrid.throughput_rps, db_exact.throughput_rps) < 0.02);
  CHECK(relative(db_hybrid.utilization, db_exact.utilization) < 0.03);
  CHECK(relative(hybrid.cost.monthly_usd, exact.cost.monthly_usd) < 0.01);
}

TEST_CASE("hybrid: a tier saturated behind a worker-bound tier holds its callers' workers, their queues refuse the rest") {
  // web: 128 workers, a queue of 400, 1 ms of CPU; api: 2 cores, 5 ms (400/s), a queue it never
  // fills per request, since no more than the web's workers can wait there. At 500/s the web's
  // queue refuses 100/s. Without the bound (hybrid_callers.cpp) the api's fluid backlog grew past
  // the workers, the web's measured hold cut what it sent and the api idled between surges: 71%
  // busy, 285/s. Six measured minutes of a saturated station: its count is exact to ~0.5%.
  ScenarioSpec s = open_scenario(500, 8 * kMinute, 2 * kMinute,
                                 {ec2("web", "m5.xlarge", 1, exp_ms(1), 128, 400),
                                  ec2("api", "c5.large", 1, exp_ms(5), 400, 1000)},
                                 {hop("web"), hop("api")});
  const Report exact = run_as(s, Fidelity::Request), hybrid = run_as(s, Fidelity::Hybrid);
  const auto& api_exact = exact.components[1].second;
  const auto& api_hybrid = hybrid.components[1].second;
  INFO("api ", api_exact.throughput_rps, " / ", api_hybrid.throughput_rps, "/s, busy ", api_exact.utilization, " / ",
       api_hybrid.utilization, ", rejected ", exact.errors.rejected, " / ", hybrid.errors.rejected, ", mean ",
       exact.latency_ms.mean, " / ", hybrid.latency_ms.mean);
  CHECK(api_exact.utilization > 0.98);
  CHECK(relative(api_hybrid.throughput_rps, api_exact.throughput_rps) < 0.02);
  CHECK(relative(api_hybrid.utilization, api_exact.utilization) < 0.02);
  // The refusals are the web's (its queue), not the api's, in both.
  CHECK(api_exact.errors == 0);
  CHECK(api_hybrid.errors == 0);
  const double refused_exact = static_cast<double>(exact.errors.rejected);
  CHECK(relative(static_cast<double>(hybrid.errors.rejected), refused_exact) < 0.05);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.05);
}

TEST_CASE("hybrid: a flash crowd into a fixed fleet builds a backlog, rejects its excess and drains") {
  ScenarioSpec s = open_scenario(0, 20 * kMinute, 2 * kMinute, {ec2("web", "m5.xlarge", 1, exp_ms(10), 50, 200)},
                                 {hop("web")});
  s.load.curve = step_curve({{0, 250}, {6 * kMinute, 600}, {9 * kMinute, 250}});
  s.client.timeout = 10 * kSecond;
  const Report exact = run_as(s, Fidelity::Request), hybrid = run_as(s, Fidelity::Hybrid);
  const double err_exact = static_cast<double>(exact.errors.total());
  const double err_hybrid = static_cast<double>(hybrid.errors.total());
  INFO("errors ", err_exact, " / ", err_hybrid, ", rejected ", exact.errors.rejected, " / ", hybrid.errors.rejected,
       ", mean ", exact.latency_ms.mean, " / ", hybrid.latency_ms.mean);
  CHECK(err_exact > 0.1 * static_cast<double>(exact.offered) / 20);
  CHECK(relative(err_hybrid, err_exact) < 0.10);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.05);
  CHECK(relative(static_cast<double>(hybrid.ok), static_cast<double>(exact.ok)) < 0.01);
}

// Its figures are the hybrid engine's accuracy, which the Release run checks; under ASan (58 s
// there, the longest case) the hybrid and scaling paths run in the shorter cases around it.
TEST_CASE("hybrid: an Auto Scaling day follows the per-request fleet within an instance and its cost within 1%" * doctest::skip(sanitized())) {
  const ScenarioSpec s = scaled_day(6 * kHour);
  const Report exact = run_as(s, Fidelity::Request), hybrid = run_as(s, Fidelity::Hybrid);
  const auto& we = exact.components[1].second;
  const auto& wh = hybrid.components[1].second;
  INFO("instances ", we.instances_min, "-", we.instances_max, " mean ", we.instances_mean, " / ", wh.instances_min, "-",
       wh.instances_max, " mean ", wh.instances_mean, "; mean ", exact.latency_ms.mean, " / ", hybrid.latency_ms.mean, ", p99 ", exact.latency_ms.p99, " / ",
       hybrid.latency_ms.p99, "; cost ", exact.cost.period_usd, " / ", hybrid.cost.period_usd);
  CHECK(std::abs(static_cast<int>(wh.instances_max) - static_cast<int>(we.instances_max)) <= 1);
  CHECK(std::abs(static_cast<int>(wh.instances_min) - static_cast<int>(we.instances_min)) <= 1);
  CHECK(std::fabs(wh.instances_mean - we.instances_mean) < 1);
  CHECK(relative(wh.billed_instance_hours, we.billed_instance_hours) < 0.02);
  CHECK(relative(hybrid.cost.period_usd, exact.cost.period_usd) < 0.01);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.02);
  CHECK(relative(hybrid.latency_ms.p99, exact.latency_ms.p99) < 0.10);
  CHECK(std::fabs(static_cast<double>(hybrid.scaling.size()) - static_cast<double>(exact.scaling.size())) <=
        0.2 * static_cast<double>(exact.scaling.size()) + 2);
}

TEST_CASE("hybrid: a simulated day takes a bounded number of events and keeps the offered load exact") {
  ScenarioSpec s = mmc(300, kDay);
  RunOptions o;
  o.fidelity = Fidelity::Hybrid;
  const Report r = simulate(s, o);
  CHECK(r.sim.events < 200'000);
  CHECK(r.offered == doctest::Approx(300.0 * to_seconds(kDay - 2 * kMinute)).epsilon(0.001));
  CHECK(r.components[0].second.utilization == doctest::Approx(0.75).epsilon(0.01));
}

TEST_CASE("hybrid: a long run reports its progress often enough for a terminal's bar") {
  // Per request the bar is fed every 65,536 events; a hybrid day is only tens of thousands of
  // events (steps), so it is fed every 256.
  RunOptions o;
  o.fidelity = Fidelity::Hybrid;
  int calls = 0;
  SimTime last = 0;
  bool forward = true;
  o.progress = [&](SimTime now, SimTime end, std::uint64_t) {
    ++calls;
    forward = forward && now >= last && now <= end;
    last = now;
  };
  simulate(mmc(300, kDay), o);
  CHECK(calls > 100);
  CHECK(forward);
  CHECK(last > kDay / 2);
}

TEST_CASE("hybrid: API Gateway's throttle refuses the same share of a load beyond its rate as per request") {
  const ScenarioSpec s = load_scenario_text(
      "duration: 6m\nwarmup: 1m\nload: {rate: 1500/s}\n"
      "traffic: [{name: api, share: 100%, path: [api, fn, table.read]}]\n"
      "components:\n"
      "  api: {type: apigateway, throttle: {rate: 1000/s, burst: 500}}\n"
      "  fn: {type: lambda, duration: 20ms, concurrency: 1000}\n"
      "  table: {type: dynamodb}\n",
      "throttle.yaml", {});
  const Report exact = run_as(s, Fidelity::Request);
  const Report hybrid = run_as(s, Fidelity::Hybrid);
  INFO("throttled ", exact.errors.throttled, " / ", hybrid.errors.throttled, ", mean ", exact.latency_ms.mean, " / ",
       hybrid.latency_ms.mean, ", p99 ", exact.latency_ms.p99, " / ", hybrid.latency_ms.p99);
  REQUIRE(exact.errors.throttled > 0);
  CHECK(exact.error_rate == doctest::Approx(1.0 / 3).epsilon(0.05));
  CHECK(relative(static_cast<double>(hybrid.errors.throttled), static_cast<double>(exact.errors.throttled)) < 0.05);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.05);
}

TEST_CASE("hybrid: a hot key's partition throttles the same share of a table's writes as per request") {
  // 3,000 writes/s, half on one key: its partition takes 1,000 WCU a second (sources.md §6),
  // so about 500 of the 1,500 hot writes a second are throttled, a sixth of all writes.
  const ScenarioSpec s = load_scenario_text(
      "duration: 6m\nwarmup: 1m\nload: {rate: 3000/s}\n"
      "traffic: [{name: put, share: 100%, path: [api, fn, table.write]}]\n"
      "components:\n"
      "  api: {type: apigateway, throttle: {rate: 10000/s, burst: 5000}}\n"
      "  fn: {type: lambda, duration: 10ms, concurrency: 1000}\n"
      "  table: {type: dynamodb, hot_key: 50%, warm: {write: 10000}}\n",
      "hot.yaml", {});
  const Report exact = run_as(s, Fidelity::Request);
  const Report hybrid = run_as(s, Fidelity::Hybrid);
  INFO("throttled ", exact.errors.throttled, " / ", hybrid.errors.throttled, ", mean ", exact.latency_ms.mean, " / ",
       hybrid.latency_ms.mean);
  CHECK(exact.error_rate == doctest::Approx(1.0 / 6).epsilon(0.05));
  CHECK(relative(static_cast<double>(hybrid.errors.throttled), static_cast<double>(exact.errors.throttled)) < 0.05);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.02);
}

TEST_CASE("hybrid: the client's retries add their load and their backoff as per request") {
  // 1,500/s into API Gateway's 1,000/s: each throttled request is sent again up to twice after
  // 0-100 ms and 0-200 ms, so the gateway sees more than 1,500 attempts a second and fewer
  // requests fail for good than the third that would without retries.
  const ScenarioSpec s = load_scenario_text(
      "duration: 6m\nwarmup: 1m\nload: {rate: 1500/s}\nclient: {retries: 2, backoff: 100ms}\n"
      "traffic: [{name: api, share: 100%, path: [api, fn, table.read]}]\n"
      "components:\n"
      "  api: {type: apigateway, throttle: {rate: 1000/s, burst: 500}}\n"
      "  fn: {type: lambda, duration: 20ms, concurrency: 1000}\n"
      "  table: {type: dynamodb}\n",
      "retries.yaml", {});
  const Report exact = run_as(s, Fidelity::Request);
  const Report hybrid = run_as(s, Fidelity::Hybrid);
  INFO("attempts ", exact.attempts, " / ", hybrid.attempts, ", throttled ", exact.errors.throttled, " / ",
       hybrid.errors.throttled, ", mean ", exact.latency_ms.mean, " / ", hybrid.latency_ms.mean, ", p99 ",
       exact.latency_ms.p99, " / ", hybrid.latency_ms.p99);
  REQUIRE(exact.attempts > exact.offered * 5 / 4);
  CHECK(relative(static_cast<double>(hybrid.attempts), static_cast<double>(exact.attempts)) < 0.02);
  CHECK(relative(static_cast<double>(hybrid.errors.throttled), static_cast<double>(exact.errors.throttled)) < 0.10);
  CHECK(relative(hybrid.latency_ms.mean, exact.latency_ms.mean) < 0.05);
  CHECK(relative(hybrid.latency_ms.p99, exact.latency_ms.p99) < 0.10);
}
