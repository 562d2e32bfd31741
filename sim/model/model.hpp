#pragma once
// The built model: components, their instances and the compiled traffic classes, as flat arrays
// indexed by small integers. Built once from a ScenarioSpec (builder.cpp), then read by the
// runner's handlers; nothing here knows about YAML.
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "headroom/core/distribution.hpp"
#include "headroom/core/random.hpp"
#include "headroom/scenario/spec.hpp"
#include "model/ring_queue.hpp"

namespace headroom {

/// What a hop does with a request. One per component type that serves requests in paths.
enum class HopKind : std::uint8_t { Lb, Pool, Db, Cache };
enum class DbOp : std::uint8_t { None, Read, Write };
enum class ReadsFrom : std::uint8_t { Primary, Replicas, All };

inline constexpr int kMaxDepth = 8;  // hops per path: the request keeps one slot per hop
inline constexpr std::int32_t kUnlimited = std::numeric_limits<std::int32_t>::max();

/// One server: an EC2 instance, a database instance, a cache node or a load-balancer node.
/// Requests first take a worker (thread or connection), waiting FIFO in a bounded backlog, then
/// run their demand on a c-server FCFS CPU.
struct Instance {
  std::uint16_t component = 0;
  std::uint16_t az = 0;
  std::int32_t cores = 0, cores_busy = 0;
  std::int32_t workers = kUnlimited, workers_busy = 0;
  std::int64_t queue_limit = std::numeric_limits<std::int64_t>::max();
  std::uint32_t outstanding = 0;  // routed here and not yet answered (least_outstanding)
  RingQueue worker_wait;          // requests waiting for a worker
  RingQueue cpu_wait;             // requests holding a worker, waiting for a core
};

/// One hop of a compiled path.
struct Hop {
  std::uint16_t component = 0;
  HopKind kind = HopKind::Pool;
  DbOp op = DbOp::None;
  const Distribution* demand = nullptr;  // CPU demand, query or cache op time
  bool last = false;                     // the path's final hop: it answers without calling on
};

struct TrafficClass {
  std::string name;
  double share = 0;
  double cumulative = 0;  // upper edge of this class's share in [0, 1]
  std::vector<Hop> hops;
  double bytes = 0;
};

/// A component at run time: its instances, parameters and random streams.
struct Component {
  std::string name, type;
  HopKind kind = HopKind::Pool;
  std::uint32_t first = 0, count = 0;  // its instances: [first, first + count)
  Distribution cpu, read, write, op;
  std::vector<Distribution> by_class;  // per class index; empty -> cpu
  Rng service_rng, route_rng, hit_rng;
  // elb
  std::uint16_t lb_target = 0;
  bool least_outstanding = false;
  std::uint32_t rr_next = 0;
  // rds
  ReadsFrom reads_from = ReadsFrom::Primary;
  Duration commit_delay = 0;  // Multi-AZ: the synchronous standby commit added to each write
  // elasticache
  double hit_ratio = 0;
  // measurement (after warmup)
  std::uint64_t completed = 0, errors = 0;
  std::int64_t busy_ns = 0;  // core-nanoseconds busy inside the measured window
  std::int32_t total_cores = 0;
};

struct Model {
  std::vector<Component> components;
  std::vector<Instance> instances;
  std::vector<TrafficClass> classes;
  std::vector<std::string> azs;
  Duration same_az = 0, cross_az = 0;
  Duration rtt_down = 0, rtt_up = 0;  // client -> first hop, last hop -> client
  Duration timeout = 0;
  Duration net(std::uint32_t a, std::uint32_t b) const {
    return instances[a].az == instances[b].az ? same_az : cross_az;
  }
};

/// Builds the model of a validated scenario; `seed` selects every component's streams.
Model build_model(const ScenarioSpec& spec, std::uint64_t seed);

}  // namespace headroom
