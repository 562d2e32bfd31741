// Databases' volumes during a run (topology/volume.hpp, docs/storage.md): a query done with its
// CPU sends its I/Os to its instance's volume, FCFS, served at the provisioned rate, then waits
// the device's latency, holding its connection throughout; then it replicates, commits to the
// standby and answers (db_answer). A replica's apply costs a write's I/Os on the replica's volume.
#include "runtime/runner.hpp"

namespace headroom {

bool Runner::start_storage(std::uint32_t id) {
  Request& r = requests_[id];
  const Hop& h = r.hops[r.hop];
  const std::uint32_t v = model_.instances[r.inst[r.hop]].volume;
  if (v == kNoVolume) return false;
  const StorageIo& io = model_.components[h.component].io;
  r.ios = io.sample(h.op == DbOp::Read, model_.states[h.component].io_rng);  // the component's own stream
  if (r.ios == 0) return false;
  r.io_since = engine_.now();
  Volume& vol = model_.volumes[v];
  if (vol.busy) {
    vol.wait.push(id);
    return true;
  }
  serve_storage(id, v);
  return true;
}

void Runner::serve_storage(std::uint32_t id, std::uint32_t v) {
  Volume& vol = model_.volumes[v];
  vol.busy = true;
  Request& r = requests_[id];
  r.io_epoch = vol.epoch;
  const StorageIo& io = model_.components[vol.component].io;
  const Duration d = std::max<Duration>(1, std::llround(r.ios * io.ns_per_io));
  const SimTime now = engine_.now();
  ComponentTally& t = model_.states[vol.component].tally;
  t.storage_busy_ns += static_cast<double>(open_in_window(now, now + d));
  if (in_window(now)) t.storage_ios += r.ios;
  engine_.schedule_in(d, kIoServed, 0, id);
}

void Runner::io_served(std::uint32_t id) {
  Request& r = requests_[id];
  const std::uint32_t v = model_.instances[r.inst[r.hop]].volume;
  Volume& vol = model_.volumes[v];
  if (r.io_epoch == vol.epoch) {  // else its instance died and the volume started afresh
    vol.busy = false;
    if (const std::uint32_t next = next_live_waiter(vol.wait); next != kNoWaiter) serve_storage(next, v);
  }
  const Duration latency = model_.components[vol.component].io.latency;
  if (latency > 0) engine_.schedule_in(latency, kIoDone, 0, id);
  else io_done(id);
}

void Runner::io_done(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const std::uint32_t inst = r.inst[hop];
  if (stale(r, hop)) {
    fail(id, hop, ErrorKind::Failed, model_.instances[inst].killed_by);
    return;
  }
  const SimTime now = engine_.now();
  if (in_window(now) && (r.measured || r.control == Request::Control::Apply)) {
    ComponentTally& t = model_.states[r.hops[hop].component].tally;
    ++t.storage_queries;
    t.storage_wait_ns += static_cast<double>(now - r.io_since);
  }
  db_answer(id);
}

void Runner::db_answer(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const Hop& h = r.hops[hop];
  const Component& c = model_.components[h.component];
  if (h.op == DbOp::Write && !model_.states[h.component].replicas.empty()) replicate(h.component);
  if (h.op == DbOp::Write && c.commit_delay > 0) {
    engine_.schedule_in(c.commit_delay, kCommitDone, 0, id);
    return;
  }
  respond(id, hop);
}

void Runner::flush_storage(std::uint32_t inst) {
  const std::uint32_t v = model_.instances[inst].volume;
  if (v == kNoVolume) return;
  Volume& vol = model_.volumes[v];
  ++vol.epoch;
  vol.busy = false;
  fail_waiting(vol.wait);
}

}  // namespace headroom
