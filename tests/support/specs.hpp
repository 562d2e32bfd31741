#pragma once
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "headroom/run/simulate.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom::testing {

DistSpec exp_ms(double mean_ms);
DistSpec dist_ms(DistSpec::Kind kind, double mean_ms, double cv);
HopSpec hop(const std::string& component, const std::string& op = "");
ComponentSpec ec2(const std::string& name, const std::string& instance, int count, DistSpec cpu,
                  int workers, long long queue);
ComponentSpec rds(const std::string& name, const std::string& instance, DistSpec read, DistSpec write,
                  int max_connections);
ComponentSpec cache(const std::string& name, double hit_ratio, DistSpec op, int nodes = 1);
ComponentSpec elb(const std::string& name, const std::string& targets, const std::string& algorithm);

/// A scenario with a constant Poisson load of `rate` requests/s, one class taking `path`.
ScenarioSpec open_scenario(double rate, Duration duration, Duration warmup,
                           std::vector<ComponentSpec> components, std::vector<HopSpec> path);

/// Scale for validation run lengths: HEADROOM_VALIDATION_SCALE (default 1), lowered under sanitizers.
double validation_scale();
/// Whether this is the sanitized build (make asan), whose runs are shortened by validation_scale().
/// A test that only re-checks, under ASan, figures the Release run already checks for the same
/// code paths may skip itself there (CI's time limit).
inline bool sanitized() { return validation_scale() < 1; }
/// A theory test's run of `seconds`, times validation_scale().
inline Duration run_length(double seconds) { return from_seconds(seconds * validation_scale()); }

/// Mean and standard error of a statistic over independent replications (seeds 1..n).
struct Estimate {
  double mean = 0, se = 0;
  int n = 0;
};
Estimate replicate(const ScenarioSpec& spec, int n, const std::function<double(const Report&)>& stat);

/// A step curve through `points` (time, value).
CurveSpec step_curve(std::vector<std::pair<Duration, double>> points);

/// One run at `fidelity`, sampling the time series every `series` (0: none).
Report run_at(const ScenarioSpec& s, Fidelity fidelity = Fidelity::Request, Duration series = 0);

/// The report of the component called `name` (a test failure if there is none).
const ComponentReport& component_report(const Report& r, const std::string& name);

}  // namespace headroom::testing
