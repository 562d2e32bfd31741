// Independent simulations on several cores. simulate() shares no mutable state between runs
// (the catalog is parsed once behind a function-local static), so runs need no locking.
#include <atomic>
#include <exception>
#include <thread>

#include "headroom/study/capacity.hpp"

namespace headroom {

std::vector<Report> simulate_all(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& options) {
  std::vector<Report> out(specs.size());
  std::vector<std::exception_ptr> errors(specs.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < specs.size(); i = next++) {
      try {
        out[i] = simulate(specs[i], options);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  const std::size_t n = std::min<std::size_t>(specs.size(), static_cast<std::size_t>(std::max(1, threads)));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < n; ++t) pool.emplace_back(work);
  work();
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  return out;
}

}  // namespace headroom
