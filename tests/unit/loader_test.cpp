#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "headroom/yaml/load_scenario.hpp"
#include "support/loader.hpp"
#include "headroom/scenario/registry.hpp"

using namespace headroom;
using namespace headroom::testing;
namespace fs = std::filesystem;

namespace {
const char* const kLoaderScenario = R"(name: "1,000 users: ELB, two AZs, RDS Multi-AZ"
stage: 4
description: the journey's fourth stage
seed: 7
duration: 2h
warmup: 5m
region: us-east-1
client: {rtt: 40ms, timeout: 10s, retries: 0}
network: {same_az: 300us, cross_az: 1.2ms}
load:
  users: {curve: diurnal, base: 200, peak: 1k, peak_at: 14h}
  think_time: 20s
traffic:
  - {name: browse, share: 60%, path: [lb, web, cache, db.read], bytes: 200KB}
  - {name: write, share: 0.4, path: [lb, web, db.write]}
components:
  lb:
    type: elb
    targets: web
    algorithm: least_outstanding
    health_check: {interval: 10s, healthy: 3}
  web:
    type: ec2
    instance: c5.xlarge
    count: 4
    azs: [a, b]
    cpu: {mean: 20ms, dist: gamma, cv: 1.5}
    workers: 8
    queue: 0
    service_by_class: {write: 30ms}
  cache: {type: elasticache, engine: memcached, nodes: 2, hit_ratio: 90%}
  db:
    type: rds
    engine: postgres
    multi_az: true
    read_replicas: 2
    reads_from: all
    query: {read: {mean: 2ms, dist: deterministic}}
    failover_time: {dist: uniform, min: 60s, max: 120s}
slo: {p99: 300ms, error_rate: 0.1%, availability: 99.9%}
)";




std::string with_load(const std::string& load) {
  return "load:\n" + load + "\ntraffic: [{name: all, share: 100%, path: [web]}]\n" +
         "components:\n  web: {type: ec2, cpu: 10ms}\n";
}


struct TempDir {
  fs::path path;
  explicit TempDir(const std::string& name) : path(fs::temp_directory_path() / name) {
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};
/// Every diagnostic of loading `file`, joined; "" when it loads cleanly.
std::string errors_of(const std::string& file) {
  try {
    (void)load_scenario(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("loader: a full scenario reads into the spec with every unit resolved") {
  const ScenarioSpec s = load(kLoaderScenario);
  CHECK(s.file == "scenario.yaml");
  CHECK(s.name == "1,000 users: ELB, two AZs, RDS Multi-AZ");
  CHECK(s.stage == 4);
  CHECK(s.description == "the journey's fourth stage");
  CHECK(s.seed == 7);
  CHECK(s.duration == 2 * kHour);
  CHECK(s.warmup == 5 * kMinute);
  CHECK(s.region == "us-east-1");
  CHECK(s.client.rtt == 40 * kMillisecond);
  CHECK(s.client.timeout == 10 * kSecond);
  CHECK(s.network.same_az == 300 * kMicrosecond);
  CHECK(s.network.cross_az == 1'200'000);
  CHECK(s.slo.size() == 3);
  CHECK(s.slo[0].metric == "p99");
  CHECK(s.slo[0].limit == doctest::Approx(300));
  CHECK(s.slo[1].metric == "error_rate");
  CHECK(s.slo[1].limit == doctest::Approx(0.001));
  CHECK(s.slo[2].limit == doctest::Approx(0.999));
}

TEST_CASE("loader: load, traffic and paths read into curves, shares and hops") {
  const ScenarioSpec s = load(kLoaderScenario);
  CHECK_FALSE(s.load.by_rate);
  CHECK(s.load.think_time == 20 * kSecond);
  CHECK(s.load.curve.kind == CurveSpec::Kind::Diurnal);
  CHECK(s.load.curve.base == 200);
  CHECK(s.load.curve.peak == 1000);
  CHECK(s.load.curve.peak_at == 14 * kHour);
  CHECK(s.load.curve.period == kDay);
  CHECK(s.load.curve.loc.line == 11);
  REQUIRE(s.traffic.size() == 2);
  CHECK(s.traffic[0].name == "browse");
  CHECK(s.traffic[0].share == doctest::Approx(0.6));
  CHECK(s.traffic[0].bytes == 200e3);
  REQUIRE(s.traffic[0].path.size() == 4);
  CHECK(s.traffic[0].path[0].component == "lb");
  CHECK(s.traffic[0].path[0].op == "");
  CHECK(s.traffic[0].path[3].component == "db");
  CHECK(s.traffic[0].path[3].op == "read");
  CHECK(s.traffic[0].path[3].loc.line == 14);
  CHECK(s.traffic[1].share == doctest::Approx(0.4));
  CHECK(s.traffic[1].path[2].op == "write");
}

TEST_CASE("loader: components read into their typed specs, with defaults where unset") {
  const ScenarioSpec s = load(kLoaderScenario);
  REQUIRE(s.components.size() == 4);
  CHECK(s.components[0].name == "lb");
  CHECK(s.components[3].type == "rds");
  const auto& lb = kind_of<ElbSpec>(s, "lb");
  CHECK(lb.targets == "web");
  CHECK(lb.algorithm == "least_outstanding");
  CHECK(lb.health_check.interval == 10 * kSecond);
  CHECK(lb.health_check.timeout == 5 * kSecond);
  CHECK(lb.health_check.healthy == 3);
  CHECK(lb.health_check.unhealthy == 2);
  CHECK(lb.idle_timeout == 60 * kSecond);
  const auto& web = kind_of<Ec2Spec>(s, "web");
  CHECK(web.instance == "c5.xlarge");
  CHECK(web.count == 4);
  CHECK(web.azs == std::vector<std::string>{"a", "b"});
  CHECK(web.cpu.kind == DistSpec::Kind::Gamma);
  CHECK(web.cpu.mean == 20 * kMillisecond);
  CHECK(web.cpu.cv == 1.5);
  CHECK(web.workers == 8);
  CHECK(web.queue == 0);
  CHECK(web.service_by_class.at("write").mean == 30 * kMillisecond);
  CHECK(web.service_by_class.at("write").kind == DistSpec::Kind::Exponential);
  const auto& cache = kind_of<CacheSpec>(s, "cache");
  CHECK(cache.engine == "memcached");
  CHECK(cache.node == "cache.m5.large");
  CHECK(cache.nodes == 2);
  CHECK(cache.hit_ratio == doctest::Approx(0.9));
  CHECK(cache.op.mean == 13 * kMicrosecond);
  const auto& db = kind_of<RdsSpec>(s, "db");
  CHECK(db.engine == "postgres");
  CHECK(db.multi_az);
  CHECK(db.read_replicas == 2);
  CHECK(db.reads_from == "all");
  CHECK(db.query_read.kind == DistSpec::Kind::Deterministic);
  CHECK(db.query_read.mean == 2 * kMillisecond);
  CHECK(db.query_read.cv == 0);
  CHECK(db.query_write.mean == 4 * kMillisecond);
  REQUIRE(db.failover_time.has_value());
  CHECK(db.failover_time->kind == DistSpec::Kind::Uniform);
  CHECK(db.failover_time->mean == 90 * kSecond);
  CHECK(db.failover_time->cv == doctest::Approx(60 / (std::sqrt(12.0) * 90)));
  CHECK(s.find("web")->loc_of("cpu").line == 27);
  CHECK(s.find("nothing") == nullptr);
}

TEST_CASE("loader: every kind of curve reads, for users and for rates") {
  CHECK(load(with_load("  users: 10k\n  think_time: 1s")).load.curve.value == 10000);
  const ScenarioSpec rate = load(with_load("  rate: 30000/m"));
  CHECK(rate.load.by_rate);
  CHECK(rate.load.curve.kind == CurveSpec::Kind::Constant);
  CHECK(rate.load.curve.value == 500);
  const auto ramp = load(with_load("  rate: {curve: ramp, from: 10/s, to: 1k/s}")).load.curve;
  CHECK(ramp.kind == CurveSpec::Kind::Ramp);
  CHECK(ramp.from == 10);
  CHECK(ramp.to == 1000);
  const auto step =
      load(with_load("  users: {curve: step, steps: [[0, 10], [10m, 20]]}\n  think_time: 1s"))
          .load.curve;
  CHECK(step.kind == CurveSpec::Kind::Step);
  REQUIRE(step.points.size() == 2);
  CHECK(step.points[1] == std::pair<Duration, double>(10 * kMinute, 20));
  const auto spike = load(with_load("  users: {curve: spike, base: 100, peak: 2k, at: 10m, "
                                    "rise: 30s, hold: 5m, decay: 2m}\n  think_time: 1s"))
                         .load.curve;
  CHECK(spike.kind == CurveSpec::Kind::Spike);
  CHECK(spike.peak == 2000);
  CHECK(spike.at == 10 * kMinute);
  CHECK(spike.rise == 30 * kSecond);
  CHECK(spike.hold == 5 * kMinute);
  CHECK(spike.decay == 2 * kMinute);
  const auto sum = load(with_load("  users: {sum: [100, {curve: constant, value: 50}]}\n"
                                  "  think_time: 1s"))
                       .load.curve;
  CHECK(sum.kind == CurveSpec::Kind::Sum);
  REQUIRE(sum.terms.size() == 2);
  CHECK(sum.terms[0].value == 100);
  CHECK(sum.terms[1].value == 50);
  const auto long_sum =
      load(with_load("  users: {curve: sum, terms: [1, 2, 3]}\n  think_time: 1s")).load.curve;
  CHECK(long_sum.terms.size() == 3);
  const auto diurnal = load(with_load("  users: {curve: diurnal, base: 1, peak: 2, peak_at: 2h, "
                                      "period: 12h}\n  think_time: 1s"))
                           .load.curve;
  CHECK(diurnal.period == 12 * kHour);
}

TEST_CASE("loader: load takes users with think_time, or rate, never both or neither") {
  CHECK(errors(with_load("  rate: 10/s\n  think_time: 1s")) ==
        "scenario.yaml:3:15: error: load.think_time: think_time goes with users; rate gives the "
        "requests per second directly");
  CHECK(errors(with_load("  users: 10")) ==
        "scenario.yaml:2:3: error: load: missing required key 'think_time' (users need the mean "
        "time between one user's requests)");
  CHECK(errors(with_load("  users: 10/s\n  think_time: 1s")) ==
        "scenario.yaml:2:10: error: load.users: unknown suffix '/s' in '10/s' (counts take k, M, "
        "G)");
}

TEST_CASE("loader: a trace curve reads its CSV, relative to the scenario, header optional") {
  const TempDir dir("headroom_loader_trace");
  dir.write("rate.csv", "time,value\n0,100\n# a comment\n\n1m,200/s\r\n90,150\n");
  const std::string scenario =
      dir.write("s.yaml", with_load("  rate: {curve: trace, file: rate.csv}"));
  const ScenarioSpec s = load_scenario(scenario);
  CHECK(s.load.curve.kind == CurveSpec::Kind::Trace);
  CHECK(s.load.curve.file == (dir.path / "rate.csv").lexically_normal().generic_string());
  REQUIRE(s.load.curve.points.size() == 3);
  CHECK(s.load.curve.points[0] == std::pair<Duration, double>(0, 100));
  CHECK(s.load.curve.points[1] == std::pair<Duration, double>(kMinute, 200));
  CHECK(s.load.curve.points[2] == std::pair<Duration, double>(90 * kSecond, 150));
  dir.write("bad.csv", "0,1\n2m,1\n1m,1\n");
  const std::string bad = dir.write("b.yaml", with_load("  users: {curve: trace, file: bad.csv}\n"
                                                        "  think_time: 1s"));
  try {
    (void)load_scenario(bad);
    FAIL("no error");
  } catch (const InputError& e) {
    REQUIRE(e.items().size() == 1);
    CHECK(e.items()[0].loc.line == 3);
    CHECK(e.items()[0].loc.file == (dir.path / "bad.csv").lexically_normal().generic_string());
    CHECK(e.items()[0].message == "times must not go backwards: 1m comes after 2m");
  }
}

TEST_CASE("loader: distributions take a bare mean or a shape, and reject impossible ones") {
  const auto cpu = [](const std::string& dist) {
    return kind_of<Ec2Spec>(load("load: {rate: 1/s}\ntraffic: [{name: a, share: 1, path: [w]}]\n"
                                 "components:\n  w: {type: ec2, cpu: " +
                                 dist + "}\n"),
                            "w")
        .cpu;
  };
  CHECK(cpu("250us").kind == DistSpec::Kind::Exponential);
  CHECK(cpu("250us").cv == 1);
  CHECK(cpu("{mean: 5ms, dist: deterministic}").cv == 0);
  CHECK(cpu("{mean: 5ms, dist: lognormal}").cv == 1);
  CHECK(cpu("{mean: 5ms, dist: uniform}").cv == doctest::Approx(1 / std::sqrt(3.0)));
  CHECK(cpu("{mean: 5ms, dist: exponential, cv: 1}").cv == 1);
  CHECK(cpu("{dist: uniform, min: 0, max: 10ms}").mean == 5 * kMillisecond);
  CHECK(errors("load: {rate: 1/s}\ntraffic: [{name: a, share: 1, path: [w]}]\n"
               "components:\n  w: {type: ec2, cpu: 0s}\n") ==
        "scenario.yaml:4:23: error: components.w.cpu: must be longer than 0, found '0s'");
}

TEST_CASE("loader: a fault timing given as a bare duration is exact, a demand's is exponential") {
  // An architect writing recovery_time: 1m means one minute; read as an exponential draw it was
  // anywhere from seconds to several minutes (a test saw 80.8 s).
  const std::string text = "load: {rate: 1/s}\ntraffic: [{name: a, share: 1, path: [w, db.read]}]\ncomponents:\n"
                           "  w: {type: ec2, cpu: 1ms}\n  db: {type: rds, failover_time: 90s, recovery_time: 1m}\n"
                           "  c: {type: elasticache, hit_ratio: 0.5, failover_time: 30s, replacement_time: 4m, op: 20us}\n";
  const ScenarioSpec s = load(text);
  const RdsSpec& db = kind_of<RdsSpec>(s, "db");
  REQUIRE(db.failover_time.has_value());
  REQUIRE(db.recovery_time.has_value());
  CHECK(db.failover_time->kind == DistSpec::Kind::Deterministic);
  CHECK(db.failover_time->mean == 90 * kSecond);
  CHECK(db.recovery_time->kind == DistSpec::Kind::Deterministic);
  CHECK(db.recovery_time->cv == 0);
  const CacheSpec& c = kind_of<CacheSpec>(s, "c");
  REQUIRE(c.failover_time.has_value());
  REQUIRE(c.replacement_time.has_value());
  CHECK(c.failover_time->kind == DistSpec::Kind::Deterministic);
  CHECK(c.replacement_time->kind == DistSpec::Kind::Deterministic);
  CHECK(c.replacement_time->mean == 4 * kMinute);
  CHECK(c.op.kind == DistSpec::Kind::Exponential);  // a demand: the queueing default
}

TEST_CASE("loader: a missing file and a YAML syntax error are single located diagnostics") {
  try {
    (void)load_scenario("no/such/scenario.yaml");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) == "no/such/scenario.yaml: error: cannot open file (no such file)");
  }
  CHECK(errors("load: {users: [1, 2}\n") ==
        "scenario.yaml:1:20: error: invalid YAML: illegal flow end");
}

TEST_CASE("loader: --set overrides keys, list entries and absent maps before reading") {
  LoadOptions o;
  o.overrides = {{"components.web.count", "6"},
                 {"traffic.1.share", "30%"},
                 {"traffic[0].share", "70%"},
                 {"client.rtt", "5ms"},
                 {"components.extra", "{type: ec2, cpu: 1ms}"},
                 {"components.web.azs", "[a, b, c]"}};
  const ScenarioSpec s = load(kLoaderScenario, o);
  CHECK(kind_of<Ec2Spec>(s, "web").count == 6);
  CHECK(kind_of<Ec2Spec>(s, "web").azs.size() == 3);
  CHECK(s.traffic[0].share == doctest::Approx(0.7));
  CHECK(s.traffic[1].share == doctest::Approx(0.3));
  CHECK(s.client.rtt == 5 * kMillisecond);
  CHECK(s.find("extra") != nullptr);
  CHECK(s.find("web")->loc_of("count").file == "--set");
}

TEST_CASE("loader: --set through a YAML alias changes that path only, not the anchored original") {
  // web2 is an alias of web: yaml-cpp hands both keys the same node, so an edit in place would
  // change web too (issue 16).
  std::string text = kLoaderScenario;
  text.replace(text.find("  web:\n    type: ec2"), 6, "  web: &server");
  text.replace(text.find("  cache: {"), 0, "  web2: *server\n");
  LoadOptions o;
  o.overrides = {{"components.web2.count", "7"}, {"components.web2.cpu.cv", "0.5"}};
  const ScenarioSpec s = load(text, o);
  CHECK(kind_of<Ec2Spec>(s, "web").count == 4);
  CHECK(kind_of<Ec2Spec>(s, "web2").count == 7);
  CHECK(kind_of<Ec2Spec>(s, "web").cpu.cv == doctest::Approx(1.5));
  CHECK(kind_of<Ec2Spec>(s, "web2").cpu.cv == doctest::Approx(0.5));
  CHECK(kind_of<Ec2Spec>(s, "web2").azs.size() == 2);
  CHECK(s.find("web2")->loc_of("count").file == "--set");
  // The copied maps keep their places in the file, and the components their order.
  CHECK(s.find("web")->loc_of("count").line == 25);
  CHECK(s.components[2].name == "web2");
}

TEST_CASE("loader: a bad --set names --set and its path, and every problem is reported") {
  LoadOptions o;
  o.overrides = {{"components.web.count", "0"}, {"compnents.web.count", "1"},
                 {"components.wbe.count", "2"}, {"duration.unit", "s"},
                 {"traffic.7.share", "1"},      {"components.web.cpu", "20 ms"},
                 {"slo", "{p98: 1s}"},          {"components..count", "1"}};
  CHECK(errors(kLoaderScenario, o) ==
        "--set: error: compnents.web.count: unknown top-level key 'compnents', did you mean "
        "'components'?\n"
        "--set: error: components.wbe.count: no component 'wbe', did you mean 'web'?\n"
        "--set: error: duration.unit: cannot set 'unit' inside duration, which is the value '2h', "
        "not a map\n"
        "--set: error: traffic.7.share: '7' is not an index of traffic, which has 2 entries (0 to "
        "1)\n"
        "--set: error: components..count: not a key path such as components.web.count or "
        "traffic[1].share\n"
        "--set: error: components.web.count: must be at least 1, found 0\n"
        "--set: error: components.web.cpu: unexpected space in '20 ms'; did you mean '20ms'?\n"
        "--set: error: slo: unknown SLO metric 'p98', did you mean 'p90'?");
}

TEST_CASE("loader: a topology file gives the base components and the scenario overrides per key") {
  const TempDir dir("headroom_loader_topology");
  fs::create_directories(dir.path / "topologies");
  dir.write("topologies/three-tier.yaml", R"(name: three tier
components:
  lb: {type: elb, targets: web, health_check: {interval: 10s, healthy: 3}}
  web: {type: ec2, count: 2, cpu: 20ms, workers: 4}
  db: {type: rds, multi_az: true}
)");
  const std::string scenario = dir.write("s.yaml", R"(topology: topologies/three-tier.yaml
load: {users: 100, think_time: 10s}
traffic: [{name: all, share: 100%, path: [lb, web, db.read]}]
components:
  lb: {health_check: {unhealthy: 3}}
  web: {count: 5}
  batch: {type: ec2, cpu: 1s}
)");
  const ScenarioSpec s = load_scenario(scenario);
  REQUIRE(s.components.size() == 4);
  CHECK(s.components[0].name == "lb");
  CHECK(s.components[3].name == "batch");
  CHECK(kind_of<Ec2Spec>(s, "web").count == 5);
  CHECK(kind_of<Ec2Spec>(s, "web").workers == 4);
  CHECK(kind_of<ElbSpec>(s, "lb").health_check.unhealthy == 3);
  CHECK(kind_of<ElbSpec>(s, "lb").health_check.healthy == 5);
  CHECK(kind_of<RdsSpec>(s, "db").multi_az);
  const std::string topo = (dir.path / "topologies/three-tier.yaml").generic_string();
  CHECK(s.find("db")->loc.file == topo);
  CHECK(s.find("web")->loc_of("workers").file == topo);
  CHECK(s.find("web")->loc_of("count").file == scenario);

  LoadOptions o;
  o.overrides = {{"components.db.multi_az", "false"}, {"components.web.workers", "none"}};
  try {
    (void)load_scenario(scenario, o);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK(std::string(e.what()) ==
          "--set: error: components.web.workers: expected a whole number, found 'none'");
  }
  o.overrides = {{"topology", "topologies/other.yaml"}};
  CHECK_THROWS_WITH_AS(load_scenario(scenario, o),
                       ("--set: error: topology: cannot open topology file '" +
                        (dir.path / "topologies/other.yaml").generic_string() + "' (no such file)")
                           .c_str(),
                       InputError);
}

TEST_CASE("loader: include gives a base of scenario keys; the scenario's keys win, classes merge by name") {
  const TempDir dir("headroom_loader_include");
  fs::create_directories(dir.path / "shared");
  const std::string client = dir.write("shared/client.yaml", R"(client: {rtt: 40ms, timeout: 10s}
load: {think_time: 20s}
traffic:
  - {name: static, share: 70%, bytes: 200KB}
  - {name: browse, share: 30%, bytes: 20KB}
slo: {error_rate: 0.1%, classes: {browse: {p99: 300ms}}}
)");
  const std::string scenario = dir.write("s.yaml", R"(include: shared/client.yaml
client: {timeout: 5s}
load: {users: 100}
traffic:
  - {name: browse, path: [web], bytes: 10KB}
  - {name: static, path: [web]}
components:
  web: {type: ec2, cpu: 10ms}
)");
  const ScenarioSpec s = load_scenario(scenario);
  CHECK(s.include == client);
  CHECK(s.load.think_time == 20 * kSecond);
  CHECK(s.client.rtt == 40 * kMillisecond);
  CHECK(s.client.timeout == 5 * kSecond);  // the scenario's key wins, its sibling comes from the base
  REQUIRE(s.traffic.size() == 2);
  CHECK(s.traffic[0].name == "browse");  // the scenario's order
  CHECK(s.traffic[0].share == doctest::Approx(0.3));
  CHECK(s.traffic[0].bytes == 10e3);
  CHECK(s.traffic[1].bytes == 200e3);
  CHECK(s.traffic[1].loc.file == scenario);
  REQUIRE(s.slo_classes.size() == 1);
  CHECK(s.slo_classes[0].loc.file == client);

  // An error in an included key is reported at the included file's line and column; --set
  // applies to the merged result.
  dir.write("shared/client.yaml", "load: {think_time: 20s}\ntraffic:\n  - {name: static, share: 70%, bytes: 200KB}\n"
                                  "  - {name: browse, share: 30%, bytez: 20KB}\n");
  CHECK_THROWS_WITH_AS(load_scenario(scenario),
                       (client + ":4:32: error: traffic[0]: unknown key 'bytez', did you mean 'bytes'?").c_str(),
                       InputError);
  dir.write("shared/client.yaml", "load: {think_time: 20s}\ntraffic:\n  - {name: static, share: 70%}\n"
                                  "  - {name: browse, share: 30%}\n");
  LoadOptions o;
  o.overrides = {{"traffic[0].share", "40%"}};
  CHECK_THROWS_WITH_AS(load_scenario(scenario, o), (scenario + ":5:3: error: traffic: the shares sum to 110%, not 100%").c_str(),
                       InputError);
  o.overrides = {{"load.think_time", "10s"}};
  CHECK(load_scenario(scenario, o).load.think_time == 10 * kSecond);

  // A class only the include has still needs its path: reported in the include.
  dir.write("shared/client.yaml", "load: {think_time: 20s}\ntraffic:\n  - {name: static, share: 70%}\n"
                                  "  - {name: browse, share: 20%}\n  - {name: write, share: 10%}\n");
  const std::string err = errors_of(scenario);
  CHECK_MESSAGE(err.find(client + ":5:5: error: traffic[2]: missing required key 'path'") != std::string::npos, err);
}

TEST_CASE("loader: a missing included file, a cycle of includes and an include that is no map are errors") {
  const TempDir dir("headroom_loader_include_errors");
  const std::string a = dir.write("a.yaml", "include: b.yaml\nload: {users: 1, think_time: 1s}\n");
  const std::string b = dir.write("b.yaml", "include: a.yaml\n");
  CHECK_THROWS_WITH_AS(load_scenario(a),
                       (b + ":1:10: error: include: include cycle: " + a + " -> " + b + " -> " + a +
                        " (a file cannot include itself, directly or not)")
                           .c_str(),
                       InputError);
  const std::string c = dir.write("c.yaml", "include: nowhere.yaml\n");
  CHECK_THROWS_WITH_AS(load_scenario(c),
                       (c + ":1:10: error: include: cannot open included file '" + (dir.path / "nowhere.yaml").generic_string() +
                        "' (no such file)")
                           .c_str(),
                       InputError);
  dir.write("list.yaml", "- a\n- b\n");
  const std::string d = dir.write("d.yaml", "include: list.yaml\n");
  CHECK_THROWS_WITH_AS(load_scenario(d),
                       ((dir.path / "list.yaml").generic_string() +
                        ":1:1: error: an included file holds scenario keys (a map such as {load: ..., traffic: ...}), found a list")
                           .c_str(),
                       InputError);
}

TEST_CASE("loader: validation runs on a spec changed after loading") {
  ScenarioSpec s = load(kMinimal);
  Diagnostics d;
  validate_scenario(s, d);
  CHECK(d.empty());
  s.traffic[0].share = 0.5;
  validate_scenario(s, d);
  CHECK(d.str() == "scenario.yaml:2:10: error: traffic: the shares sum to 50%, not 100%");
}

TEST_CASE("registry: the reader's sections describe every key, type and default") {
  const ParamRegistry& r = scenario_registry();
  CHECK(r.component_types() ==
        std::vector<std::string>{"ec2", "elb", "rds", "elasticache", "cloudfront", "s3", "dynamodb",
                                 "route53", "lambda", "apigateway", "kinesis", "firehose", "ebs", "nat_gateway"});
  CHECK(r.component("ec2")->supported());
  CHECK(r.component("route53")->supported());
  CHECK(r.component("lambda")->supported());
  CHECK(r.component("lambda")->find("duration")->required);
  CHECK(r.fault_kinds() == std::vector<std::string>{"kill", "az_outage", "spot_reclaim", "random"});
  CHECK(r.fault("kill")->find("at")->required);
  CHECK(r.fault("random")->find("at") == nullptr);
  CHECK(r.fault("spot_reclaim")->supported());
  CHECK(r.at("client").find("backoff_max")->default_text == "20s");
  CHECK(r.component("elasticache")->find("zipf")->default_text == "0.99");
  CHECK(r.component("ec2")->find("cpu")->required);
  CHECK(r.component("ec2")->find("cpu")->kind == ValueKind::Distribution);
  CHECK(r.component("ec2")->find("scaling")->supported());
  CHECK(r.at("scaling").find("steps")->supported());
  CHECK(r.at("network").find("same_az")->default_text == "250us");
  CHECK(r.at("component.elb").find("algorithm")->choices ==
        std::vector<std::string>{"round_robin", "least_outstanding"});
  CHECK(std::string(value_kind_name(ValueKind::Fraction)) == "fraction");
  CHECK(r.find("nothing") == nullptr);
}

TEST_CASE("loader: 20k components load and validate with every name indexed, not scanned") {
  // Issue 16: validate was quadratic (a linear find per reference, a linear duplicate check per
  // name): 100k components took 26 s. Each of these 5k groups references its neighbours by
  // name (an elb's targets, a volume's attach, a path hop), so every reference must be looked
  // up through the index the loader builds.
  constexpr int kGroups = 5000;
  std::string text = "duration: 1m\nload: {rate: 10/s}\ntraffic:\n  - {name: all, share: 100%, path: [lb0, web0]}\n"
                     "components:\n";
  for (int i = 0; i < kGroups; ++i) {
    const std::string n = std::to_string(i);
    text += "  lb" + n + ": {type: elb, targets: web" + n + "}\n";
    text += "  web" + n + ": {type: ec2, instance: t3.micro, count: 1, cpu: 1ms, azs: [a, b]}\n";
    text += "  vol" + n + ": {type: ebs, attach: web" + n + "}\n";
    text += "  db" + n + ": {type: rds, engine: mysql, instance: db.m5.large, multi_az: true, azs: [a, b]}\n";
  }
  const ScenarioSpec s = load(text);
  REQUIRE(s.components.size() == 4 * kGroups);
  REQUIRE(s.component_index.size() == s.components.size());
  CHECK(std::is_sorted(s.component_index.begin(), s.component_index.end()));
  for (const auto& [name, i] : s.component_index) REQUIRE(s.components[i].name == name);
  CHECK(s.find("vol4999") == &s.components[4 * kGroups - 2]);
  CHECK(s.find("no-such") == nullptr);
}
