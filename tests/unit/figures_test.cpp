#include <doctest/doctest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "headroom/measure/figures.hpp"
#include "headroom/report/writers.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/yaml/load_scenario.hpp"
#include "headroom/scenario/slo_metrics.hpp"
#include "headroom/study/baselines.hpp"

using namespace headroom;

namespace {

Report run(const std::string& scenario, std::vector<Override> overrides) {
  LoadOptions options;
  options.overrides = std::move(overrides);
  return simulate(load_scenario(std::string(HEADROOM_SOURCE_DIR) + "/scenarios/" + scenario, options));
}

// A day of Auto Scaling and a Spot reclaim, cut to ten minutes: scaling activities and a fault.
const Report& scaling_report() {
  static const Report r = run("journey/06-auto-scaling-spot.yaml",
                              {{"load.users", "{curve: constant, value: 60000}"},
                               {"components.web.scaling.desired", "6"},
                               {"duration", "10m"},
                               {"warmup", "1m"},
                               {"faults", "[{at: 4m, spot_reclaim: web, share: 50%}]"}});
  return r;
}

// Every serverless kind: per-kind figures, per-minute series, freshness.
const Report& serverless_report() {
  static const Report r = run("journey/07-serverless.yaml", {{"load.users", "{curve: constant, value: 200000}"},
                                                             {"duration", "4m"}, {"warmup", "1m"}, {"faults", "[]"}});
  return r;
}

void json_numbers(const nlohmann::ordered_json& j, const std::string& key,
                  std::vector<std::pair<std::string, double>>& out) {
  const std::string prefix = key.empty() ? "" : key + ".";
  if (j.is_object())
    for (auto it = j.begin(); it != j.end(); ++it) json_numbers(it.value(), prefix + it.key(), out);
  else if (j.is_array())
    for (std::size_t i = 0; i < j.size(); ++i) json_numbers(j[i], prefix + std::to_string(i), out);
  else if (j.is_number())
    out.emplace_back(key, j.get<double>());
}

void check_figures_match_json(const Report& r) {
  std::vector<std::pair<std::string, double>> printed, enumerated;
  json_numbers(nlohmann::ordered_json::parse(to_json(r)), "", printed);
  for_each_figure(r, [&](const Figure& f) { enumerated.emplace_back(f.path, f.value); });
  REQUIRE(enumerated.size() == printed.size());
  for (std::size_t i = 0; i < printed.size(); ++i) {
    INFO(printed[i].first);
    CHECK(enumerated[i].first == printed[i].first);
    CHECK(enumerated[i].second == printed[i].second);
  }
}

bool has_key(const Report& r, const std::string& key) { return report_figures(r).count(key) == 1; }

std::string missing_key_message(const Report& r, const std::string& key) {
  Expectation e;
  e.key = key;
  Diagnostics problems;
  const auto figures = report_figures(r);
  CHECK(expected_figure(figures, e, problems) == nullptr);
  REQUIRE(problems.items().size() == 1);
  return problems.items().front().message;
}

}  // namespace

TEST_CASE("figures: every figure of a report with scaling and a fault is the number JSON prints at its key, in order") {
  const Report& r = scaling_report();
  REQUIRE_FALSE(r.scaling.empty());
  REQUIRE_FALSE(r.faults.empty());
  check_figures_match_json(r);
  CHECK(has_key(r, "scaling.0.from"));
  CHECK(has_key(r, "faults.0.at_s"));
  CHECK(has_key(r, "cost.by_service.ec2"));
}

TEST_CASE("figures: every figure of a serverless report is the number JSON prints at its key, in order") {
  const Report& r = serverless_report();
  check_figures_match_json(r);
  CHECK(has_key(r, "components.ingest.cold_start_share"));
  CHECK(has_key(r, "components.ingest.concurrency_per_minute.0"));
  CHECK(has_key(r, "components.events.iterator_age_max_ms"));
  std::string fresh;
  for (const auto& [name, c] : r.components)
    if (c.has_freshness && fresh.empty()) fresh = name;
  REQUIRE_FALSE(fresh.empty());
  CHECK(has_key(r, "components." + fresh + ".freshness_ms.p99"));
}

TEST_CASE("figures: each figure carries its unit and which way is better") {
  std::map<std::string, FigureTraits> traits;
  for_each_figure(serverless_report(), [&](const Figure& f) { traits[f.path] = f.traits; });
  CHECK(traits.at("latency_ms.p99").unit == FigureUnit::Milliseconds);
  CHECK(traits.at("latency_ms.p99").better == Better::Lower);
  CHECK(traits.at("availability").unit == FigureUnit::Fraction);
  CHECK(traits.at("availability").better == Better::Higher);
  CHECK(traits.at("cost.monthly_usd").unit == FigureUnit::Usd);
  CHECK(traits.at("scenario.seed").unit == FigureUnit::Seed);
  CHECK(traits.at("components.ingest.cold_start_share").unit == FigureUnit::Fraction);
  CHECK(traits.at("components.events.iterator_age_max_ms").unit == FigureUnit::Milliseconds);
  CHECK(unit_name(FigureUnit::Milliseconds) == "ms");
}

TEST_CASE("figures: a component's typed figures print under their own names") {
  const Report& r = serverless_report();
  for (const auto& [component, c] : r.components)
    for (const auto& [s, value] : c.stats) {
      const std::string& name = component;  // named: clang 14 cannot capture a structured binding in INFO
      const auto stat = s;
      const auto v = value;
      INFO(name, ".", stat_info(stat).name);
      CHECK(report_figures(r).at("components." + name + "." + std::string(stat_info(stat).name)) == v);
      CHECK(c.stat(stat) == v);
    }
  CHECK(stat_info(ComponentStat::ColdStarts).name == "cold_starts");
  CHECK(series_info(ComponentSeries::IteratorAgeMsPerMinute).name == "iterator_age_ms_per_minute");
}

TEST_CASE("check: a baseline key that names a figure reads it") {
  const Report& r = scaling_report();
  Expectation e;
  e.key = "latency_ms.p99";
  Diagnostics problems;
  const auto figures = report_figures(r);
  const double* v = expected_figure(figures, e, problems);
  REQUIRE(v != nullptr);
  CHECK(*v == r.latency_ms.p99);
  CHECK(problems.empty());
}

TEST_CASE("check: a baseline key that names no figure is an error naming the close matches") {
  const Report& r = scaling_report();
  CHECK(missing_key_message(r, "latency_ms.p98").find("did you mean 'latency_ms.p9") != std::string::npos);
  CHECK(missing_key_message(r, "components.web.utilisation").find("did you mean 'components.web.utilization'") !=
        std::string::npos);
  const std::string far = missing_key_message(r, "components.web.x");
  CHECK(far.find("no such report key; components.web holds") != std::string::npos);
  CHECK(far.find("errors, instances.…, latency_ms.…, network_utilization, throughput_rps, utilization") != std::string::npos);
  CHECK(missing_key_message(r, "slo.met").find("no such report key") != std::string::npos);
}

TEST_CASE("slo: the metric table has every metric docs/scenarios.md lists under slo, and no other") {
  std::ifstream in(std::string(HEADROOM_SOURCE_DIR) + "/docs/scenarios.md");
  std::string line;
  bool in_slo = false;
  std::set<std::string> documented;
  while (std::getline(in, line)) {
    if (line.rfind("## ", 0) == 0) in_slo = line == "## `slo`";
    else if (in_slo && line.rfind("| `", 0) == 0) documented.insert(line.substr(3, line.find('`', 3) - 3));
  }
  std::set<std::string> tabled;
  for (const SloMetric& m : slo_metrics()) tabled.emplace(m.name);
  CHECK(documented.erase("classes") == 1);
  CHECK(documented.size() == 9);
  CHECK(tabled == documented);
  CHECK(slo_metric_names() == "mean, p50, p90, p95, p99, p999, max, error_rate, availability");
}

TEST_CASE("slo: each metric reads the figure the report prints for it, and only availability is a floor") {
  const Report& r = serverless_report();
  const auto figures = report_figures(r);
  for (const SloMetric& m : slo_metrics()) {
    INFO(m.name);
    const std::string key = m.latency ? "latency_ms." + std::string(m.name)
                            : m.name == "error_rate" ? "requests.error_rate"
                                                     : std::string(m.name);
    CHECK(slo_figure(r, m) == figures.at(key));
    CHECK(m.floor == (m.name == "availability"));
    CHECK(m.met(1, 2) != m.floor);
  }
  CHECK(find_slo_metric("p999") != nullptr);
  CHECK(find_slo_metric("p98") == nullptr);
}
