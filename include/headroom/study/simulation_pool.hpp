#pragma once
/// A fixed number of worker threads that run simulations for any number of callers at once: the
/// journey's stages, each searching its capacity on its own thread, share two cores without
/// oversubscribing them (docs/design.md, "Parallel studies"). A simulation is a pure function of
/// its scenario (its seed included) and its options, so which worker runs it, and when, changes
/// no figure: the pool decides only how long the wait is.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "headroom/measure/report.hpp"
#include "headroom/runtime/run_options.hpp"
#include "headroom/scenario/spec.hpp"

namespace headroom {

class SimulationPool {
 public:
  /// Starts `threads` (at least 1) workers.
  explicit SimulationPool(int threads);
  /// Waits for the simulations already queued, then stops the workers.
  ~SimulationPool();
  SimulationPool(const SimulationPool&) = delete;
  SimulationPool& operator=(const SimulationPool&) = delete;

  /// The number of workers: simulations that run at once.
  int threads() const { return static_cast<int>(workers_.size()); }

  /// Runs every spec (validated) under `options` and returns the reports in the order of
  /// `specs`. Blocks the caller, which does not simulate itself, until all are done; the first
  /// simulation (in the order of `specs`) that threw is rethrown. Safe to call from many threads
  /// at once: batches queue first come, first served.
  std::vector<Report> run(const std::vector<ScenarioSpec>& specs, const RunOptions& options);

  /// Runs `n` independent studies, fn(0) … fn(n−1), each on a thread of its own that submits its
  /// simulations to this pool, and waits for all of them; the first (by index) that threw is
  /// rethrown. The studies' own work between simulations (analysis, judging a probe) is small.
  void for_each_study(std::size_t n, const std::function<void(std::size_t)>& fn);

 private:
  void work();

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace headroom
