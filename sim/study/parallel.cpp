// Independent simulations on several cores. simulate() shares no mutable state between runs
// (the catalog is parsed once behind a function-local static), so runs need no locking.
#include "headroom/study/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#include "headroom/study/capacity.hpp"
#include "headroom/study/simulation_pool.hpp"

namespace headroom {

void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& body) {
  std::vector<std::exception_ptr> errors(n);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < n; i = next++) {
      try {
        body(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t count = std::min<std::size_t>(n, static_cast<std::size_t>(std::max(1, threads)));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < count; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

// A pool of its own for one batch (studies that share workers use SimulationPool directly).
std::vector<Report> simulate_all(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& options) {
  SimulationPool pool(static_cast<int>(std::min<std::size_t>(specs.size(), static_cast<std::size_t>(std::max(1, threads)))));
  return pool.run(specs, options);
}

}  // namespace headroom
