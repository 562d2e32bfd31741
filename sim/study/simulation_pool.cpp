// The simulation pool: one queue of simulations, `threads` workers. simulate() shares no mutable
// state between runs (the catalog is parsed once behind a function-local static), so runs need
// no locking; only the queue and each batch's count of simulations still running do.
#include "headroom/study/simulation_pool.hpp"

#include <algorithm>

#include "headroom/run/simulate.hpp"

namespace headroom {

SimulationPool::SimulationPool(int threads) {
  for (int t = 0; t < std::max(1, threads); ++t) workers_.emplace_back([this] { work(); });
}

SimulationPool::~SimulationPool() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  ready_.notify_all();
  for (auto& w : workers_) w.join();
}

void SimulationPool::work() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      ready_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    task();
  }
}

std::vector<Report> SimulationPool::run(const std::vector<ScenarioSpec>& specs, const RunOptions& options) {
  std::vector<Report> out(specs.size());
  std::vector<std::exception_ptr> errors(specs.size());
  std::mutex done_mutex;
  std::condition_variable done;
  std::size_t remaining = specs.size();
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < specs.size(); ++i)
      queue_.emplace_back([&, i] {
        try {
          out[i] = simulate(specs[i], options);
        } catch (...) {
          errors[i] = std::current_exception();
        }
        // Notified under the lock: the caller may return, destroying `done`, as soon as it sees 0.
        const std::lock_guard<std::mutex> l(done_mutex);
        if (--remaining == 0) done.notify_one();
      });
  }
  ready_.notify_all();
  std::unique_lock<std::mutex> lock(done_mutex);
  done.wait(lock, [&] { return remaining == 0; });
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
  return out;
}

void SimulationPool::for_each_study(std::size_t n, const std::function<void(std::size_t)>& fn) {
  std::vector<std::exception_ptr> errors(n);
  std::vector<std::thread> studies;
  for (std::size_t i = 0; i < n; ++i)
    studies.emplace_back([&, i] {
      try {
        fn(i);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    });
  for (auto& s : studies) s.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace headroom
