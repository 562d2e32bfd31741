// The fuzz target's body, shared by libFuzzer (fuzz/) and the corpus test, so that both exercise
// exactly the same path.
#include "support/fuzz_one.hpp"

#include <algorithm>
#include <variant>

#include "headroom/core/diagnostics.hpp"
#include "headroom/run/simulate.hpp"
#include "headroom/yaml/load_scenario.hpp"

namespace headroom::testing {
namespace {

/// Instances the run would build: each costs memory up front, before the event budget can stop
/// anything. Inputs beyond a few thousand are the work estimate's to refuse (issue 16 item 2),
/// not a crash; the fuzzer still loads and validates them.
double instances(const ScenarioSpec& spec) {
  double n = 0;
  for (const auto& c : spec.components) {
    const auto* ec2 = std::get_if<Ec2Spec>(&c.kind);
    n += !ec2 ? 1.0 : ec2->scaling ? std::max(ec2->scaling->max, ec2->scaling->desired) : ec2->count;
  }
  return n;
}

}  // namespace

FuzzOutcome fuzz_one(const std::uint8_t* data, std::size_t size, const std::string& label) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  ScenarioSpec spec;
  try {
    spec = load_scenario_text(text, label);
  } catch (const InputError&) {
    return FuzzOutcome::Refused;
  }
  if (instances(spec) > 2000) return FuzzOutcome::Loaded;
  // A short run: ten simulated minutes at most, per request (so that the event cap bounds it),
  // with few requests in flight.
  spec.duration = std::min<Duration>(spec.duration, 10 * kMinute);
  spec.warmup = std::min<Duration>(spec.warmup, spec.duration / 2);
  RunOptions ro;
  ro.max_events = kFuzzMaxEvents;
  ro.max_in_flight = 10'000;
  ro.fidelity = Fidelity::Request;
  try {
    (void)simulate(spec, ro);
  } catch (const InputError&) {
    // Refused by the run rather than the loader (a size check made when the model is built): a
    // message and exit 2 for the user, not a crash.
    return FuzzOutcome::Loaded;
  }
  return FuzzOutcome::Ran;
}

}  // namespace headroom::testing
