// Instances' NICs during a run (topology/nic.hpp, docs/sources.md §1c): an EC2 pool's answer
// waits for its instance's wire, FCFS, after its CPU work and whatever it called below; the
// worker is held meanwhile (the application writes its response to the socket). A NIC with
// surplus in its bucket sends at its burst bandwidth, else at its baseline.
#include "runtime/runner.hpp"

namespace headroom {

void Runner::start_nic(std::uint32_t id, std::uint32_t n) {
  Nic& nic = model_.nics[n];
  if (nic.busy) {
    nic.wait.push(id);
    return;
  }
  nic.busy = true;
  Request& r = requests_[id];
  r.nic_epoch = nic.epoch;
  const Hop& h = r.hops[r.hop];
  const double bits = h.response_bytes * 8;
  const SimTime now = engine_.now();
  const Duration d = nic.spend(now, bits) ? h.nic_burst_ns : h.nic_ns;
  if (in_window(now)) {
    model_.states[h.component].tally.nic_bits += bits;
    model_.states[h.component].tally.nic_s += to_seconds(h.nic_ns);
  }
  engine_.schedule_in(d, kNicDone, 0, id);
}

void Runner::nic_done(std::uint32_t id) {
  Request& r = requests_[id];
  const int hop = r.hop;
  const std::uint32_t n = model_.instances[r.inst[hop]].nic;
  Nic& nic = model_.nics[n];
  if (r.nic_epoch == nic.epoch) {  // else its instance died and the NIC started afresh
    nic.busy = false;
    if (const std::uint32_t next = next_live_waiter(nic.wait); next != kNoWaiter) start_nic(next, n);
  }
  respond(id, hop);  // the answer is on its way (or, its instance dead, fails there)
}

void Runner::flush_nic(std::uint32_t inst) {
  const std::uint32_t n = model_.instances[inst].nic;
  if (n == kNoNic) return;
  Nic& nic = model_.nics[n];
  ++nic.epoch;
  nic.busy = false;
  fail_waiting(nic.wait);
}

}  // namespace headroom
