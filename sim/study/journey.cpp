// The journey's stages, computed side by side. Each stage is a study on a thread of its own (its
// capacity search and its fault runs are two more), and every simulation goes to one shared pool
// of workers: while a stage judges its last round of probes, the workers run another stage's
// probes, and no core waits for the slowest stage's sequence of rounds.
#include <algorithm>
#include <chrono>
#include <mutex>

#include "headroom/study/journey.hpp"

namespace headroom {

JourneyStage journey_stage(const ScenarioSpec& spec, SimulationPool& pool, const RunOptions& run) {
  const auto t0 = std::chrono::steady_clock::now();
  JourneyStage row{spec.file, spec.name, spec.stage, {}, {}, 0, {}};
  CapacityOptions co;
  co.pool = &pool;
  co.run = run;
  pool.for_each_study(2, [&](std::size_t part) {
    if (part == 1) {
      row.faults = fault_survival(spec, pool, run);
      return;
    }
    if (spec.slo.empty() && spec.slo_classes.empty()) row.capacity.bottleneck.reason = "no SLO";
    else row.capacity = find_capacity(spec, co);
    if (row.capacity.users > 0) row.month = month_of_curve(spec, row.capacity.users, pool, run);
  });
  const auto& month = row.month.report;
  row.interrupted = row.capacity.interrupted || (month.partial && month.stop_reason == "interrupted") ||
                    std::any_of(row.faults.begin(), row.faults.end(), [](const FaultVerdict& f) { return f.interrupted; });
  row.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return row;
}

std::vector<JourneyStage> run_journey(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& run,
                                      const std::function<void(const JourneyStage&)>& done) {
  SimulationPool pool(threads);
  std::vector<JourneyStage> rows(specs.size());
  std::mutex done_mutex;
  pool.for_each_study(specs.size(), [&](std::size_t i) {
    rows[i] = journey_stage(specs[i], pool, run);
    if (!done) return;
    const std::lock_guard<std::mutex> lock(done_mutex);
    done(rows[i]);
  });
  return rows;
}

}  // namespace headroom
