// Independent simulations on several cores. simulate() shares no mutable state between runs
// (the catalog is parsed once behind a function-local static), so runs need no locking.
#include "headroom/study/parallel.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <thread>
#include <vector>

#include "headroom/study/capacity.hpp"

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

std::vector<Report> simulate_all(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& options) {
  std::vector<Report> out(specs.size());
  parallel_for(specs.size(), threads, [&](std::size_t i) { out[i] = simulate(specs[i], options); });
  return out;
}

}  // namespace headroom
