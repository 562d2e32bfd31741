#include "support/specs.hpp"

#include <doctest/doctest.h>

#include <cmath>

namespace headroom::testing {

DistSpec dist_ms(DistSpec::Kind kind, double mean_ms, double cv) {
  DistSpec d;
  d.kind = kind;
  d.mean = from_seconds(mean_ms / 1000);
  d.cv = cv;
  return d;
}

DistSpec exp_ms(double mean_ms) { return dist_ms(DistSpec::Kind::Exponential, mean_ms, 1); }

HopSpec hop(const std::string& component, const std::string& op) { return HopSpec{component, op, {}}; }

ComponentSpec ec2(const std::string& name, const std::string& instance, int count, DistSpec cpu, int workers,
                  long long queue) {
  Ec2Spec e;
  e.instance = instance;
  e.count = count;
  e.cpu = cpu;
  e.workers = workers;
  e.queue = queue;
  return ComponentSpec{name, "ec2", e, {}};
}

ComponentSpec rds(const std::string& name, const std::string& instance, DistSpec read, DistSpec write,
                  int max_connections) {
  RdsSpec r;
  r.instance = instance;
  r.query_read = read;
  r.query_write = write;
  r.max_connections = max_connections;
  return ComponentSpec{name, "rds", r, {}};
}

ComponentSpec cache(const std::string& name, double hit_ratio, DistSpec op, int nodes) {
  CacheSpec c;
  c.hit_ratio = hit_ratio;
  c.op = op;
  c.nodes = nodes;
  return ComponentSpec{name, "elasticache", c, {}};
}

ComponentSpec elb(const std::string& name, const std::string& targets, const std::string& algorithm) {
  ElbSpec e;
  e.targets = targets;
  e.algorithm = algorithm;
  return ComponentSpec{name, "elb", e, {}};
}

ScenarioSpec open_scenario(double rate, Duration duration, Duration warmup, std::vector<ComponentSpec> components,
                           std::vector<HopSpec> path) {
  ScenarioSpec s;
  s.name = "test";
  s.duration = duration;
  s.warmup = warmup;
  s.network.same_az = 0;
  s.network.cross_az = 0;
  s.load.by_rate = true;
  s.load.curve.kind = CurveSpec::Kind::Constant;
  s.load.curve.value = rate;
  s.components = std::move(components);
  s.traffic.push_back(ClassSpec{"all", 1.0, std::move(path), 0, 1000, {}});
  return s;
}

double validation_scale() {
  const char* env = std::getenv("HEADROOM_VALIDATION_SCALE");
  if (!env) return 1.0;
  const double v = std::atof(env);
  return v > 0 ? v : 1.0;
}

Report run_at(const ScenarioSpec& s, Fidelity fidelity, Duration series) {
  RunOptions o;
  o.fidelity = fidelity;
  o.series_interval = series;
  return simulate(s, o);
}

CurveSpec step_curve(std::vector<std::pair<Duration, double>> points) {
  CurveSpec c;
  c.kind = CurveSpec::Kind::Step;
  c.points = std::move(points);
  return c;
}

const ComponentReport& component_report(const Report& r, const std::string& name) {
  for (const auto& [n, c] : r.components)
    if (n == name) return c;
  FAIL("no component " << name);
  return r.components.at(0).second;
}

Estimate replicate(const ScenarioSpec& spec, int n, const std::function<double(const Report&)>& stat) {
  std::vector<double> xs;
  ScenarioSpec s = spec;
  for (int i = 1; i <= n; ++i) {
    s.seed = static_cast<std::uint64_t>(i);
    xs.push_back(stat(simulate(s)));
  }
  Estimate e;
  e.n = n;
  for (double x : xs) e.mean += x;
  e.mean /= n;
  double ss = 0;
  for (double x : xs) ss += (x - e.mean) * (x - e.mean);
  e.se = std::sqrt(ss / (n - 1) / n);
  return e;
}

}  // namespace headroom::testing
