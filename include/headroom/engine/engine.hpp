#pragma once
/// The discrete-event engine: a clock and the pending-event set. Deliberately tiny — the model
/// owns its handlers and dispatches on Event::kind, so no per-event virtual call or allocation.
#include <cstdint>

#include "headroom/engine/event_queue.hpp"

namespace headroom {

class Engine {
 public:
  SimTime now() const { return now_; }
  std::uint64_t events_run() const { return events_; }
  std::size_t pending() const { return queue_.size(); }

  /// Schedules `kind` at absolute time `at` (>= now). Ties run in scheduling order.
  void schedule_at(SimTime at, std::uint32_t kind, std::uint32_t target, std::uint64_t arg) {
    queue_.push(Event{at, seq_++, kind, target, arg});
  }
  void schedule_in(Duration delay, std::uint32_t kind, std::uint32_t target, std::uint64_t arg) {
    schedule_at(now_ + delay, kind, target, arg);
  }
  /// Takes the next event not later than `until`, advancing the clock; false when none is left.
  bool next(SimTime until, Event& out) {
    if (queue_.empty() || queue_.top().time > until) return false;
    out = queue_.pop();
    now_ = out.time;
    ++events_;
    return true;
  }
  void advance_to(SimTime t) {
    if (t > now_) now_ = t;
  }

 private:
  EventQueue queue_;
  SimTime now_ = 0;
  std::uint64_t seq_ = 0;
  std::uint64_t events_ = 0;
};

}  // namespace headroom
