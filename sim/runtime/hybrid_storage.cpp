// Databases' volumes at the rate level (hybrid fidelity; topology/volume.hpp, docs/storage.md):
// each step a volume is an M/G/1 station fed by the queries its instance admits — its service a
// query's I/Os × the time of one — and serves at most what its provisioned rate carries in the
// step; its queries beyond that stay in the instance's backlog, holding their connections, as
// per request they wait in the volume's queue. A sampled query waits the Pollaczek–Khinchine
// wait (with probability ρ, exponential with the mean that gives P-K's), then its transfer and
// the device's latency, as the request-level runtime (storage.cpp) serves it.
#include <algorithm>
#include <cmath>

#include "runtime/runner.hpp"

namespace headroom {

void Runner::hybrid_storage_offer(const Component& c, const Instance& in, bool read, double rate) {
  HybridState& hy = *hybrid_;
  StorageLoad& l = hy.vol_load[in.volume];
  l.s = c.io.ns_per_io * 1e-9;
  l.latency = c.io.latency;
  l.add(rate, c.io.per(read));
  hy.vol_ops[in.volume] += rate;
}

void Runner::hybrid_storage(Duration dt) {
  HybridState& hy = *hybrid_;
  const double dts = to_seconds(dt);
  for (std::size_t v = 0; v < model_.volumes.size(); ++v) {
    hy.vol_cap[v] = std::numeric_limits<double>::infinity();
    hy.vol_wait_p[v] = hy.vol_wait_mean[v] = 0;
    const StorageLoad& l = hy.vol_load[v];
    if (l.ios <= 0 || hy.vol_ops[v] <= 0) continue;
    // Queries per step at the provisioned rate, at this step's mix of reads and writes.
    hy.vol_cap[v] = dts / (l.ios / hy.vol_ops[v] * l.s);
    const double rho = std::min(kMaxRho, l.rho());
    hy.vol_wait_p[v] = rho;
    StorageLoad capped = l;  // P-K's mean wait at most at kMaxRho, as the Cpus'
    if (l.rho() > kMaxRho) capped.s = kMaxRho / l.ios;
    if (rho > 0) hy.vol_wait_mean[v] = capped.wait_s() / rho * 1e9;
  }
}

double Runner::hybrid_storage_serve(const Instance& in, double served, bool measured) {
  HybridState& hy = *hybrid_;
  const std::uint32_t v = in.volume;
  served = std::min(served, hy.vol_cap[v]);
  const StorageLoad& l = hy.vol_load[v];
  if (!measured || served <= 0 || hy.vol_ops[v] <= 0) return served;
  ComponentTally& t = model_.states[in.component].tally;
  const double per_op = served / hy.vol_ops[v];  // this step's served share of each op's rate
  t.storage_ios += per_op * l.ios;
  t.storage_busy_ns += per_op * l.ios * l.s * 1e9;
  const double queries = per_op * l.queries;
  t.storage_queries += queries;
  // Their time: the transfer of their I/Os, the wait of those that wait, the device's latency.
  t.storage_wait_ns += (per_op * l.ios * l.s + queries * to_seconds(l.latency)) * 1e9 +
                       queries * hy.vol_wait_p[v] * hy.vol_wait_mean[v];
  return served;
}

Duration Runner::hybrid_storage_sample(const Component& c, const Instance& in, bool read, bool backlogged, Rng& rng) {
  const HybridState& hy = *hybrid_;
  const std::uint32_t n = c.io.sample(read, rng);
  if (n == 0) return 0;
  Duration d = std::llround(n * c.io.ns_per_io) + c.io.latency;
  // Behind a fluid backlog the instance's wait already holds the queue (hybrid.cpp).
  const std::uint32_t v = in.volume;
  if (!backlogged && hy.vol_wait_p[v] > 0 && rng.uniform01() < hy.vol_wait_p[v])
    d += static_cast<Duration>(rng.exp1() * hy.vol_wait_mean[v]);
  return d;
}

}  // namespace headroom
