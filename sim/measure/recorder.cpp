#include "measure/recorder.hpp"

namespace headroom {

LatencySummary summarize(const Histogram& h) {
  LatencySummary s;
  if (h.count() == 0) return s;
  constexpr double kMs = 1e-6;
  s.mean = h.mean() * kMs;
  s.p50 = h.quantile(0.50) * kMs;
  s.p90 = h.quantile(0.90) * kMs;
  s.p95 = h.quantile(0.95) * kMs;
  s.p99 = h.quantile(0.99) * kMs;
  s.p999 = h.quantile(0.999) * kMs;
  s.max = static_cast<double>(h.max()) * kMs;
  return s;
}

}  // namespace headroom
