#pragma once
/// Independent work on several cores: the one thread pool of simulate_all and of sweeps' jobs.
#include <cstddef>
#include <functional>

namespace headroom {

/// Calls body(i) for every i < n, `threads` at a time (the calling thread is one of them), each
/// i exactly once; when bodies throw, rethrows the exception of the lowest i once all are done.
void parallel_for(std::size_t n, int threads, const std::function<void(std::size_t)>& body);

}  // namespace headroom
