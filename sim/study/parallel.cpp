// Independent simulations on several cores: a pool of its own for one batch.
#include <algorithm>

#include "headroom/study/capacity.hpp"
#include "headroom/study/simulation_pool.hpp"

namespace headroom {

std::vector<Report> simulate_all(const std::vector<ScenarioSpec>& specs, int threads, const RunOptions& options) {
  SimulationPool pool(static_cast<int>(std::min<std::size_t>(specs.size(), static_cast<std::size_t>(std::max(1, threads)))));
  return pool.run(specs, options);
}

}  // namespace headroom
