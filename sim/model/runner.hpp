#pragma once
// The request-level simulation: the handlers that move requests through the compiled paths.
// Calls are synchronous and nested: going down, a request takes a worker and then a core at each
// hop; coming back up, each hop answers and frees its worker. A request's "stack" is the prefix
// of its path, so the request record keeps only the instance chosen at each hop.
#include <cstdint>
#include <string>
#include <vector>

#include "headroom/engine/engine.hpp"
#include "headroom/engine/simulation.hpp"
#include "headroom/load/arrivals.hpp"
#include "model/model.hpp"
#include "report/recorder.hpp"

namespace headroom {

struct Request {
  const Hop* hops = nullptr;        // the compiled path of its class
  SimTime sent = 0;
  SimTime entered[kMaxDepth] = {};  // arrival time at each hop, for per-component latency
  std::uint32_t inst[kMaxDepth] = {};
  std::uint16_t cls = 0;
  std::uint8_t hop = 0;
  ErrorKind error = ErrorKind::None;
  bool measured = false;
  std::uint32_t next_free = 0;
};

class Runner {
 public:
  Runner(Model model, ArrivalProcess arrivals, Rng class_rng, SimTime warmup, SimTime end,
         const RunOptions& options);
  /// Runs to the end (or to a limit); returns "" or why the run stopped early.
  std::string run();

  const Model& model() const { return model_; }
  const Recorder& recorder() const { return recorder_; }
  std::uint64_t events() const { return engine_.events_run(); }
  std::uint64_t peak_in_flight() const { return peak_in_flight_; }
  SimTime stopped_at() const { return engine_.now(); }

 private:
  enum Kind : std::uint32_t { kArrival, kDeliver, kCpuDone, kReturn, kClientDone, kCommitDone };

  void on_arrival();
  void route(std::uint32_t id, int hop);
  void send_down(std::uint32_t id, int hop, Duration delay);
  void deliver(std::uint32_t id);
  void start_cpu(std::uint32_t id, std::uint32_t inst);
  void cpu_done(std::uint32_t id);
  void after_service(std::uint32_t id);
  void respond(std::uint32_t id, int hop);
  void fail(std::uint32_t id, int hop, ErrorKind error);
  void go_up(std::uint32_t id, int hop);
  void client_done(std::uint32_t id);
  void take_worker(std::uint32_t id, std::uint32_t inst);

  std::uint32_t alloc();
  void release(std::uint32_t id);

  Model model_;
  ArrivalProcess arrivals_;
  Rng class_rng_;
  Recorder recorder_;
  Engine engine_;
  RunOptions options_;
  std::vector<Request> requests_;
  std::uint32_t free_head_ = UINT32_MAX;
  std::int64_t in_flight_ = 0;
  std::uint64_t peak_in_flight_ = 0;
};

}  // namespace headroom
