#pragma once
// The hybrid engine's state (hybrid.cpp, docs/design.md "The hybrid engine"): the data plane as
// rates advanced in steps, beside the exact, event-driven control plane of the same Runner.
// Everything here is per component, instance, class or step: its size is independent of the
// run's duration and of its users.
#include <cstdint>
#include <deque>
#include <utility>
#include <vector>

#include "headroom/core/random.hpp"
#include "headroom/core/time.hpp"
#include "topology/model.hpp"  // NicOffer

namespace headroom {

/// The stationary formulas (Erlang C, Allen–Cunneen, Pollaczek–Khinchine) are kept off ρ = 1,
/// where a step is far shorter than the queue's relaxation time and the fluid backlog is the
/// better description: every station of the hybrid engine caps its ρ here.
inline constexpr double kMaxRho = 0.98;

/// Records of an asynchronous pipeline that entered a stream or a buffer together (about one
/// step's worth): how old their data was when they entered, when they entered, how many.
struct RecordChunk {
  Duration age = 0;  // since the data entered the pipeline (t0) when it entered here
  SimTime in = 0;
  double count = 0;
  double bytes = 0;  // per record
  bool measured = false;  // its data entered inside the measured window
};

/// A station's caller on the compiled paths: the ec2 tier whose worker (or, pooled, whose pool's
/// connection) a call to it holds (hybrid_callers.cpp).
struct CallEdge {
  std::uint16_t caller = 0, callee = 0;
  bool pooled = false;
};

struct HybridState {
  Rng rng;
  SimTime next = 0;  // start of the next step
  int samples = 64;  // synthetic requests per class per step (at most)
  bool pooled = false;  // some ec2 tier calls its database through a connection pool
  std::vector<double> carry;  // per class: the fraction of a request carried to the next step
  // per class: the client's retried attempts this step, and per request of the last step (the
  // retries' extra load on the stations, sent in the next step's flows)
  std::vector<double> retried, retry_ratio;
  // per instance: fluid backlog (requests), this step's arrivals (req/s) and work (core-s/s),
  // and its outcome: share rejected, mean fluid wait (ns), served / admitted (sent on)
  std::vector<double> backlog, arrivals, work, reject, fluid_wait, pass;
  // per cpu: arrivals × their SCV of inter-arrival times (a balancer's round robin over n targets
  // sends each every n-th request: Erlang-n gaps, SCV 1/n; random routing keeps Poisson's 1)
  std::vector<double> cpu_ca2;
  // per cpu: probability of waiting and mean wait when waiting (ns), Allen–Cunneen G/G/c
  std::vector<double> wait_p, wait_mean, cpu_work, cpu_arrivals;
  // per cpu: the share of its cores' full speed it runs at this step (a burstable instance in
  // standard mode short of CPU credits runs slower, down to its baseline), and the work it served
  std::vector<double> cpu_speed, cpu_served;
  // per NIC (Model::nics): this step's answers offered to it (per second); the answers it can
  // send this step, whether it sends at the burst rate (1) or the sustained one (0), and the
  // M/G/1 wait's probability and mean when waiting (ns)
  std::vector<NicOffer> nic_offer;
  std::vector<double> nic_cap, nic_fast, nic_wait_p, nic_wait_mean;
  // per instance: the answers it offers its NIC (per second, admitted), and its arrivals that
  // send one (a cache's hits, a database's reads: per second, all offered)
  std::vector<double> nic_answers, nic_visits;
  // per volume (Model::volumes, hybrid_storage.cpp): this step's queries offered to it (per
  // second, as an M/G/1 load) and all its queries, I/O or none; the queries it can serve this
  // step, the P-K wait's probability and mean when waiting (ns)
  std::vector<StorageLoad> vol_load;
  std::vector<double> vol_ops, vol_cap, vol_wait_p, vol_wait_mean;
  // per component: mean time a request holds it (its sojourn, ns), measured from the samples
  std::vector<double> hold_sum, hold_n, hold_mean;
  // per component (serverless): this step's flow (req/s), capacity units, bytes per record;
  // the share throttled, and a function's share of cold starts
  std::vector<double> flow, units_read, units_write, flow_bytes, throttle, cold;
  // per component (rds): the writes its primary commits this step (req/s), replayed on replicas
  std::vector<double> db_writes;
  // per component (ec2 with a connection pool, hybrid_pool.cpp): this step's database calls
  // offered (req/s, all instances), the connection's holding time (ns; sums measured by the
  // samples), the calls waiting as a fluid backlog and their wait (ns), M/M/c's P(wait) and mean
  // wait when waiting (ns) without one, the share of calls timed out, and served / offered (the
  // share sent on to the database in the next step's flows)
  std::vector<double> pool_flow, pool_hold_sum, pool_hold_n, pool_hold, pool_backlog, pool_fluid_wait,
      pool_wait_p, pool_wait_mean, pool_lost, pool_pass;
  // The callers' bound on what waits below them (hybrid_callers.cpp). Per component: whether some
  // path reaches it from a caller that bounds nothing (the clients, a balancer, a function, a
  // tier without a worker limit); whether it is the unpooled caller of a station it bounds (its
  // workers waiting there are counted there, not in its own queue's limit); and the calls its
  // callers can keep there at once this step — their workers or their pools' connections alive
  // (hybrid_room takes off the workers at work on their own cores), infinite when open.
  std::vector<char> open, bounds_below;
  std::vector<double> in_flight;
  // Each distinct caller → station pair on the paths (a pooled one through the caller's pool),
  // per class and hop the pair it is (-1: none), and this step's calls along each (per second).
  std::vector<CallEdge> edges;
  std::vector<std::vector<int>> edge_of;
  std::vector<double> edge_flow;
  // per instance: the calls a station below could not hold, back in this caller's backlog at the
  // end of the step (so that no instance's step sees them twice)
  std::vector<double> returned;
  bool any_returned = false;  // this step
  // per function: environments not idle, and the idle ones as stacks (went idle at, how many)
  std::vector<double> envs;
  std::vector<std::deque<std::pair<SimTime, double>>> idle;
  // per stream and firehose: records waiting, and this step's puts not yet chunked
  std::vector<std::deque<RecordChunk>> stream_chunks, firehose_chunks;
  std::vector<RecordChunk> stream_pending, firehose_pending;
  // per class, per hop: the instances it reaches this step (uniformly)
  std::vector<std::vector<std::vector<std::uint32_t>>> targets;
  // per instance: the mean service (core-s) of its last step with arrivals, so that a backlog
  // left without arrivals (inside a zoom window) drains at the pace it was served
  std::vector<double> service;
  // the zoom windows, sorted and disjoint; the next one (or the one inside); inside one?
  std::vector<std::pair<SimTime, SimTime>> zoom;
  std::size_t zoom_next = 0;
  bool zoomed = false;
  std::uint64_t steps = 0;
};

}  // namespace headroom
