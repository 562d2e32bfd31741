#pragma once
// The request-level simulation: the handlers that move requests through the compiled paths
// (runner.cpp), the clients' side — arrivals, deadlines, retries (client.cpp) — and the control
// plane: faults, failover and repair (faults.cpp), health checks (health.cpp) and the instance-time
// integrals the bill reads (billing.cpp).
// Calls are synchronous and nested: going down, a request takes a worker and then a core at each
// hop; coming back up, each hop answers and frees its worker. A request's "stack" is the prefix
// of its path, so the request record keeps only the instance (and its incarnation) chosen at
// each hop.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "headroom/engine/engine.hpp"
#include "headroom/runtime/run_options.hpp"
#include "headroom/workload/arrivals.hpp"
#include "runtime/hybrid.hpp"
#include "topology/model.hpp"
#include "measure/series_sampler.hpp"
#include "measure/recorder.hpp"

namespace headroom {

struct HybridState;

inline constexpr std::uint8_t kNoConnection = 0xFF;

struct Request {
  const Hop* hops = nullptr;        // the compiled path of its class
  SimTime first_sent = 0;           // the logical request's first attempt
  SimTime sent = 0;                 // this attempt
  SimTime entered[kMaxDepth] = {};  // arrival time at each hop, for per-component latency
  std::uint32_t inst[kMaxDepth] = {};
  std::uint32_t epoch[kMaxDepth] = {};  // the instance's incarnation when the request reached it
  std::uint32_t cpu_epoch = 0;      // the Cpu's incarnation when its current service started
  std::uint32_t nic_epoch = 0;      // the NIC's incarnation when its answer's transmission started
  std::uint32_t io_epoch = 0;       // the volume's incarnation when its I/Os' service started
  std::uint32_t ios = 0;            // the I/Os its current database query costs (storage.cpp)
  SimTime io_since = 0;             // when that query reached its volume
  std::uint32_t gen = 0;            // bumped per attempt: stale deadline events are ignored
  std::uint32_t next_free = 0;
  std::int32_t blame = kNoFault;    // the fault that made it fail, if one did
  std::uint16_t cls = 0;
  std::uint8_t hop = 0;
  std::uint8_t attempt = 0;
  std::uint8_t bypassed = 0;        // bit per hop: a cache node that was down, skipped (a miss)
  std::uint8_t transmitted = 0;     // bit per hop: its answer went through the instance's NIC
  // A pooled connection (Hop::pool_from): the database hop it was lent for (kNoConnection:
  // none), whether the request waits for one, and since when it waited or held it.
  std::uint8_t pool_hop = kNoConnection;
  bool pool_waiting = false;
  SimTime pool_since = 0;
  ErrorKind error = ErrorKind::None;
  bool measured = false;
  bool orphan = false;              // abandoned by its client; the servers finish it anyway
  /// Not a client's request but the system's own work through the same queues: a balancer's
  /// health check of a target, or a read replica's replay of a write. `of` is the balancer or
  /// the database (component id), `index` the target (in the pool) or the replica (from 0).
  enum class Control : std::uint8_t { None, HealthCheck, Apply };
  Control control = Control::None;
  std::uint16_t of = 0;
  std::uint32_t index = 0;
};

/// An ElastiCache replica promoted to primary of its shard after the primary's loss.
struct CachePromotion {
  std::uint16_t component = 0;
  std::uint32_t shard = 0;
  std::uint16_t az = 0;  // where the promoted replica is
  SimTime at = 0;
};

/// A fault's timeline as it unfolds (one per fault occurrence).
struct FaultRecord {
  std::string kind, target;
  SimTime at = 0;
  SimTime detected = -1, recovered = -1, restored = -1;  // -1: not (yet)
  int undetected = 0, unrecovered = 0, unrestored = 0;
  bool noticed = false;  // some part is noticed at once (a database, a cache node, a replica)
  std::uint64_t failed_requests = 0;
  std::vector<CachePromotion> promotions;  // cache shards it failed over, in order
  // Every measured failure before it struck (Runner::failed_total_), blamed or not: the rate the
  // attribution estimate (FaultReport::excess_failed) subtracts.
  double failed_total_at = 0;
  // The measured failures counted to this fault alone: those blamed on it, and those blamed on
  // no fault while it was the earliest fault whose window was open. Each failure counts to one
  // fault at most, so overlapping faults' rows never count a failure twice.
  double attributed = 0;
  /// Its window is over: what it took down is back and requests stopped failing because of it.
  bool closed() const { return unrecovered == 0 && unrestored == 0 && (recovered >= 0 || restored >= 0); }
};

/// A change of an Auto Scaling group's desired capacity.
struct ScalingEvent {
  std::uint16_t component = 0;
  SimTime at = 0;
  int from = 0, to = 0;
  std::string reason;  // "target tracking", "scheduled", "replace unhealthy"
};

/// A burstable pool's CPU credits at a moment: the mean balance of its instances alive and the
/// surplus credits they owe (unlimited mode), in credits.
struct CreditSample {
  double balance = 0, surplus = 0;
};

class Runner {
 public:
  Runner(Model model, std::vector<FaultSpec> faults, ArrivalProcess arrivals, Rng class_rng,
         std::uint64_t seed, SimTime warmup, SimTime end, const RunOptions& options);
  ~Runner();
  /// Runs to the end (or to a limit); returns "" or why the run stopped early.
  std::string run();

  const Model& model() const { return model_; }
  const Recorder& recorder() const { return recorder_; }
  const std::vector<FaultRecord>& faults() const { return records_; }
  /// Measured requests that finally failed, whatever the cause (a fault row's baseline).
  double failed_total() const { return failed_total_; }
  const std::vector<ScalingEvent>& scaling_events() const { return scaling_events_; }
  std::uint64_t events() const { return engine_.events_run(); }
  std::uint64_t peak_in_flight() const { return peak_in_flight_; }
  SimTime stopped_at() const { return engine_.now(); }
  /// The zoom windows a hybrid run entered, [from, to), in time order (RunOptions::zoom).
  const std::vector<std::pair<SimTime, SimTime>>& zoomed() const { return zoomed_; }
  /// Closes the instance-count integrals at `t` (the end of the measured window).
  void close_books(SimTime t);
  /// Samples a time series every `interval` of the run, pricing the pools in `prices`
  /// (timeseries.cpp). Call before run().
  void enable_series(Duration interval, std::vector<PoolPrice> prices);
  /// The series sampled, if enable_series was called.
  const TimeSeries& series() { return series_.series(); }

 private:
  enum Kind : std::uint32_t {
    kArrival, kDeliver, kCpuDone, kReturn, kClientDone, kCommitDone, kDelayDone,
    kTimeout, kRetry, kFault, kRepair, kHealthTick, kHealthResult, kRecovered, kAzRestore,
    kRandomFailure, kMetricTick, kScheduledAction, kBooted, kDrainCheck, kReplace,
    kSpotNotice, kSpotTerminate, kPoll, kBatchDone, kFlush, kSample, kStep, kProbeTimeout, kMetricEval,
    kCachePromote, kCacheReplica, kNicDone, kIoServed, kIoDone,
    kPoolTimeout, kPoolGrant,
  };

  // runner.cpp: the data plane
  void route(std::uint32_t id, int hop);
  void send_down(std::uint32_t id, int hop);
  /// Goes to `hop` (its network delay, then deliver), the request holding what it needs.
  void descend(std::uint32_t id, int hop);
  void deliver(std::uint32_t id);
  void start_cpu(std::uint32_t id, std::uint32_t inst);
  void cpu_done(std::uint32_t id);
  void after_service(std::uint32_t id);
  void respond(std::uint32_t id, int hop);
  void fail(std::uint32_t id, int hop, ErrorKind error, std::int32_t blame);
  void go_up(std::uint32_t id, int hop);
  bool stale(const Request& r, int hop) const {
    const Instance& in = model_.instances[r.inst[hop]];
    return !in.alive || in.epoch != r.epoch[hop];
  }
  Duration hop_delay(const Request& r, int hop) const {
    const Duration fixed = r.hops[hop].in_delay;
    if (fixed >= 0) return fixed;
    // A regional service mid-path (a DynamoDB call) was a call made by the hop before it:
    // the next hop is reached from there.
    int from = hop - 1;
    while (from > 0 && model_.instances[r.inst[from]].az == kNoAz) --from;
    return model_.net(r.inst[from], r.inst[hop]);
  }
  std::uint32_t pick_lb_target(std::uint16_t lb, const Component& pool);

  // pool.cpp: the application's connection pools to its database (Hop::pool_from)
  /// Lends request `id` a connection of its caller's pool for database hop `hop`; false when it
  /// must wait for one (it goes on when one is returned, or fails at the pool timeout).
  bool borrow_connection(std::uint32_t id, int hop);
  /// The database call is over: the connection passes to the next waiter or back to the pool.
  void return_connection(std::uint32_t id);
  void pool_timeout(std::uint32_t id, std::uint32_t gen);
  /// The requests waiting for a connection of an instance that died fail.
  void flush_pool(std::uint32_t inst);

  // client.cpp: arrivals, attempts, deadlines, retries, the final outcome
  void on_arrival();
  void start_attempt(std::uint32_t id);
  void on_timeout(std::uint32_t id, std::uint32_t gen);
  void schedule_retry(std::uint32_t id);
  void client_done(std::uint32_t id);
  std::uint32_t alloc();
  void release(std::uint32_t id);
  /// Resets what each attempt starts afresh (its hop, outcome, blame) and voids its old deadline.
  void new_attempt(Request& r);
  /// A request of the system's own (`kind`) on the one-hop path `hop`, to instance `inst`.
  std::uint32_t control_request(Request::Control kind, const Hop& hop, std::uint16_t of, std::uint32_t index,
                                std::uint32_t inst);

  // faults.cpp, health.cpp, billing.cpp: faults, failover and repair; health checks; instance-time integrals
  void schedule_faults();
  void strike(std::uint32_t fault);
  void kill_instance(std::uint32_t inst, std::int32_t record);
  void power_off(std::uint32_t inst, std::int32_t cause);
  void revive_instance(std::uint32_t inst);
  void kill_db_primary(std::uint16_t db, std::int32_t record, bool in_az_outage);
  void kill_count(std::uint32_t first, std::uint32_t count, int how_many,
                  std::int32_t record, Duration repair);
  void finish_strike(std::int32_t record);
  void on_recovered(std::uint32_t inst, std::int32_t record, bool failover);
  void on_repair(std::uint32_t inst, std::int32_t record);
  void on_az_restore(std::int32_t record);
  void on_random_failure(std::uint32_t inst, std::uint32_t fault);

  // cache_failover.cpp: ElastiCache replicas, promoted on a primary's loss (Multi-AZ)
  /// A cache shard's primary `inst` died: with Multi-AZ and a replica in an AZ that is up, that
  /// replica is promoted after the failover time.
  void cache_primary_lost(std::uint32_t inst);
  /// An AZ outage takes the cache replicas in `az` with it; each is replaced once the AZ is back.
  void cache_replicas_lost(std::uint16_t az);
  /// `kill: cache.replica`: `count` replicas die, one shard after another; no key is lost (the
  /// primaries serve on) but a shard left without one has nothing to promote. ElastiCache
  /// replaces each after `repair`, else its replacement_time.
  void kill_cache_replicas(std::uint16_t ci, int count, Duration repair);
  void on_cache_promote(std::uint32_t inst, std::uint16_t az, std::int32_t record);
  void on_cache_replica(std::uint32_t inst, std::uint16_t az);
  /// A cache shard with a replica being promoted: its primary waits for that, not a repair.
  bool cache_promoting(std::uint32_t inst) const;
  /// A shard with a live replica: a node coming back syncs from it (warm).
  bool cache_has_replica(std::uint32_t inst) const;
  void health_tick(std::uint16_t lb);
  void health_result(std::uint16_t lb, std::uint32_t target);
  void health_pass(std::uint16_t lb, std::uint32_t target);
  void send_probe(std::uint16_t lb, std::uint32_t target);
  void probe_done(std::uint32_t id);
  void probe_timeout(std::uint32_t id, std::uint32_t gen);
  /// The targets a balancer routes to: those it believes healthy, or — when it believes none
  /// is — every registered (in-service) target, as an ALB fails open; empty when none is
  /// registered.
  const std::vector<std::uint32_t>& routable(std::uint16_t lb);
  /// The part of [from, to] inside the measured window.
  Duration open_in_window(SimTime from, SimTime to) const {  // inline: start_cpu books busy time with it
    return std::max<Duration>(0, std::min(to, recorder_.end()) - std::max(from, recorder_.warmup()));
  }
  void mark_unhealthy(std::uint16_t lb, std::uint32_t target);
  void mark_healthy(std::uint16_t lb, std::uint32_t target);
  bool fronted(std::uint32_t inst) const;
  void set_alive(std::uint16_t comp, int delta);
  /// `n` measured requests finally failed, blamed on fault record `blame` (or kNoFault): the
  /// totals and the one fault they count to (FaultRecord::attributed).
  void count_failure(std::int32_t blame, double n);
  std::int32_t new_record(const std::string& kind, const std::string& target);
  void part_recovered(std::int32_t record);
  void part_restored(std::int32_t record);
  void part_detected(std::int32_t record);
  void flush_instance(std::uint32_t inst);
  /// Fails every request waiting in `q` (a dead instance's workers, cores or NIC), emptying it.
  void fail_waiting(RingQueue& q);
  /// Pops `q` up to its first request whose instance is alive (kNoWaiter: none), failing the
  /// others: how a core or a NIC passes to its next waiter.
  std::uint32_t next_live_waiter(RingQueue& q);
  static constexpr std::uint32_t kNoWaiter = 0xFFFFFFFF;
  void set_billed(std::uint16_t comp, int delta, bool spot);
  void stop_billing(std::uint32_t inst);

  // replication.cpp: read replicas replaying the primary's writes, their lag and stale reads
  void replicate(std::uint16_t db);
  void start_apply(std::uint16_t db, std::uint32_t replica);
  void apply_done(std::uint32_t id);
  void read_from_replica(std::uint16_t db, std::uint32_t replica, bool measured);
  /// How far replica `replica` of `db` is behind its primary now: the age of its oldest write
  /// not yet applied (MySQL's Seconds_Behind_Source), 0 when it has applied every write.
  Duration replica_lag(std::uint16_t db, std::uint32_t replica) const;
  void note_lag(std::uint16_t db, Duration lag);
  void hybrid_replication(Duration dt, bool measured);

  // scaling.cpp: EC2 Auto Scaling
  void schedule_scaling();
  void metric_tick(std::uint16_t comp);
  void metric_eval(std::uint16_t comp);
  void scheduled_action(std::uint16_t comp, std::uint32_t index);
  void set_desired(std::uint16_t comp, int desired, const char* reason);
  void reconcile(std::uint16_t comp);
  void booted(std::uint32_t inst);
  void drain_check(std::uint32_t inst, SimTime deadline);
  void terminate(std::uint32_t inst);
  void replace(std::uint32_t inst);
  void deregister(std::uint32_t inst);

  // runner_serverless.cpp: gateways, functions, streams, tables, firehoses (topology/serverless.hpp)
  /// The serverless hops' arrival: the delay before its service ends, or -1 when the request
  /// failed there (throttled).
  Duration deliver_serverless(std::uint32_t id, const Component& c, ComponentState& st, Instance& in);
  /// After the serverless hops' delay: false when the request answered (or failed) there.
  bool after_serverless(std::uint32_t id, const Component& c);
  void release_function(std::uint32_t id, const Component& c);
  void function_busy_changed(Function& f, int before);
  void enqueue(std::int32_t stream, std::uint32_t shard, const StreamRecord& rec);
  void schedule_poll(std::int32_t stream, std::uint32_t shard, SimTime at);
  void poll(std::int32_t stream, std::uint32_t shard);
  void batch_done(std::int32_t stream, std::uint32_t shard);
  void firehose_put(std::int32_t firehose, SimTime t0, double bytes);
  void firehose_flush(std::int32_t firehose);
  void fresh(std::uint16_t component, SimTime t0);
  bool in_window(SimTime t) const { return t >= recorder_.warmup() && t <= recorder_.end(); }
  // timeseries.cpp: the periodic sample of the time series
  void sample_series();
  void finish_series();

  // hybrid.cpp: the data plane as rates in steps (RunOptions::fidelity == Hybrid)
  void hybrid_start();
  void hybrid_step();
  Duration hybrid_step_length(SimTime t) const;
  void hybrid_targets();
  void hybrid_flows(double dt_s);
  void hybrid_stations(SimTime t, Duration dt, bool measured);
  void hybrid_serverless(SimTime t, Duration dt, bool measured);
  void hybrid_nics(SimTime t, Duration dt);
  // hybrid_storage.cpp: databases' volumes at the rate level
  void hybrid_storage_offer(const Component& c, const Instance& in, bool read, double rate);
  void hybrid_storage(Duration dt);
  /// At most what instance `i`'s volume serves this step, and its I/O figures booked when `measured`.
  double hybrid_storage_serve(const Instance& in, double served, bool measured);
  /// A sampled query's time on its volume: its wait, transfer and the device's latency.
  Duration hybrid_storage_sample(const Component& c, const Instance& in, bool read, bool backlogged, Rng& rng);
  /// hybrid_pool.cpp: each connection pool as an M/M/c station per instance at this step's flow.
  void hybrid_pools(Duration dt, bool measured);
  /// hybrid_callers.cpp: each station's callers, the calls they can keep at it this step, and
  /// the calls it could not hold back to their backlogs.
  void hybrid_callers_start();
  void hybrid_bounds();
  double hybrid_room(std::uint16_t callee) const;
  void defer_to_callers(std::uint16_t callee, double calls);
  /// A sampled database call's wait for a connection of pool component `pool` (at most its
  /// timeout); `lost` when it timed out.
  Duration hybrid_pool_wait(std::uint16_t pool, bool& lost);
  void hybrid_functions(SimTime t, Duration dt, bool measured);
  void hybrid_sample(std::uint16_t cls, std::uint64_t n, SimTime t, bool measured);
  void hybrid_pipeline(SimTime t, Duration dt);
  void hybrid_deliver(const RecordChunk& chunk, std::uint16_t consumer, SimTime landed, double batches);
  void hybrid_zoom(SimTime t);
  void zoom_in(SimTime t, SimTime to);
  void zoom_out(SimTime t);

  // credits.cpp: burstable instances' CPU credits
  /// Spends `work` of a service starting now on instance `inst`'s Cpu; returns how long it takes.
  Duration spend_credits(std::uint32_t inst, Duration work);
  /// Earns every burstable instance of `comp` its credits up to now.
  void settle_credits(std::uint16_t comp);
  CreditSample credit_sample(std::uint16_t comp);
  bool burstable(std::uint16_t comp) const {
    const Component& c = model_.components[comp];
    return c.count > 0 && model_.cpus[model_.instances[c.first].cpu].credits.on() && !model_.instances[c.first].guest;
  }

  // nic.cpp: instances' NICs, the answers' transmissions
  /// Sends request `id`'s answer at its hop through NIC `n`, or queues it there.
  void start_nic(std::uint32_t id, std::uint32_t n);
  void nic_done(std::uint32_t id);
  /// Instance `inst` died: the transmission in progress is void and its waiters fail.
  void flush_nic(std::uint32_t inst);

  // storage.cpp: databases' volumes, their queries' I/O
  /// Sends query `id`'s I/Os to its instance's volume (true), or false when it does none.
  bool start_storage(std::uint32_t id);
  void serve_storage(std::uint32_t id, std::uint32_t v);
  void io_served(std::uint32_t id);
  void io_done(std::uint32_t id);
  /// Instance `inst` died: the I/O in progress is void and its waiters fail.
  void flush_storage(std::uint32_t inst);
  /// A database query done with its CPU (and its I/O): replication, the standby's commit, answer.
  void db_answer(std::uint32_t id);

  // spot.cpp: Spot interruptions
  void schedule_spot_interruption(std::uint32_t inst);
  void spot_notice(std::uint32_t inst, std::uint64_t arg);
  void spot_terminate(std::uint32_t inst, std::int32_t record);
  void spot_reclaim(const FaultSpec& f);
  bool launch_as_spot(const Component& c) const;

  Model model_;
  std::vector<FaultSpec> fault_specs_;
  std::vector<FaultRecord> records_;
  double failed_total_ = 0;  // measured requests that finally failed so far, whatever the cause
  std::size_t first_open_ = 0;  // records_ below it have closed windows (faults.cpp, count_failure)
  std::vector<ScalingEvent> scaling_events_;
  ArrivalProcess arrivals_;
  Rng class_rng_, retry_rng_, fault_rng_;
  Recorder recorder_;
  SeriesSampler series_;
  Engine engine_;
  RunOptions options_;
  std::vector<Request> requests_;
  std::uint32_t free_head_ = UINT32_MAX;
  std::int64_t in_flight_ = 0;
  std::int64_t pipeline_records_ = 0;  // records on streams and in Firehose buffers
  std::uint64_t peak_in_flight_ = 0;
  std::unique_ptr<HybridState> hybrid_;  // set when the run is hybrid
  std::vector<std::pair<SimTime, SimTime>> zoomed_;
  std::vector<Hop> probe_hops_;          // per component: a balancer's health check, one hop
  std::vector<Hop> apply_hops_;          // per component: a replica's replay of a write, one hop
  Distribution probe_demand_;            // a health check's CPU demand: negligible (0)
  std::vector<std::uint32_t> fail_open_;  // scratch: the registered targets of a balancer
};

}  // namespace headroom
