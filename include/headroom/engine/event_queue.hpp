#pragma once
/// The pending-event set: a 4-ary heap while small, a calendar queue while large.
/// Chosen by measurement (bench/bench_event_lists): see docs/design.md for the figures.
#include <cstddef>
#include <cstdint>

#include "headroom/engine/calendar_queue.hpp"
#include "headroom/engine/dary_heap.hpp"
#include "headroom/engine/event.hpp"

namespace headroom {

/// Min-queue of events ordered by (time, seq). It holds its events in a 4-ary heap until more
/// than kToCalendar are pending, then moves them into a calendar queue, and back into the heap
/// once a pop would leave fewer than kToHeap. Both structures pop in exact (time, seq) order, so
/// a move changes nothing but speed.
///
/// A calendar queue is fast only while its day width suits the times pending; some
/// distributions defeat every width it can fit (calendar_queue.hpp). When it reports so
/// (degraded()), the events move into an unbounded 4-ary heap, O(log n) whatever the times, and
/// try the calendar again after 16 times as many operations as there are events, then twice as
/// many each time it fails again: the moves cost O(n log n), so spread over that many operations
/// they add O(log n) at most, and the time per event stays bounded on any input.
///
/// Only the heap path is inline: a fixed-capacity heap (no allocation; the move threshold is its
/// capacity check) and one flag test, since it is all that a small model runs and must cost no
/// more than a plain heap. The calendar paths are out-of-line calls taking the event as scalars:
/// a reference would make every inlined push keep its event in memory, and reloading it stalls
/// on store forwarding.
///
/// The thresholds are parameters only so that bench_event_lists can time each structure as the
/// engine runs it; the engine uses EventQueue.
template <std::size_t ToCalendar, std::size_t ToHeap>
class BasicEventQueue {
  static_assert(ToHeap <= ToCalendar, "the heap must have room for the events moved back");

 public:
  static constexpr std::size_t kToCalendar = ToCalendar;
  static constexpr std::size_t kToHeap = ToHeap;

  /// Only one of the structures holds events.
  bool empty() const { return heap_.empty() && calendar_.empty() && spill_.empty(); }
  std::size_t size() const { return heap_.size() + calendar_.size() + spill_.size(); }
  /// The earliest event, in O(1). Precondition: !empty().
  const Event& top() const {
    if (!large_) return heap_.top();
    return spilled_ ? spill_.top() : calendar_.top();
  }
  /// True while the events are in the calendar queue (for tests and diagnostics).
  bool on_calendar() const { return large_ && !spilled_; }
  /// True while a degraded calendar's events are in the large heap (for tests).
  bool spilled() const { return large_ && spilled_; }
  /// The calendar queue's work so far (calendar_queue.hpp), for tests.
  std::uint64_t calendar_work() const { return calendar_.work(); }

  void reserve(std::size_t n) {
    if (n > kToCalendar) calendar_.reserve(n);
  }
  void clear() {
    heap_.clear();
    calendar_.clear();
    spill_.clear();
    large_ = spilled_ = false;
    retry_after_ = 0;
  }

  void push(const Event& e) {
    if (large_ || heap_.size() == kToCalendar) [[unlikely]]
      return push_large(e.time, e.seq, e.kind, e.target, e.arg);
    heap_.push(e);
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  Event pop() {
    if (large_) [[unlikely]]
      return pop_large();
    return heap_.pop();
  }

 private:
  /// A push into the calendar, or the one that takes the heap past kToCalendar events.
  [[gnu::noinline]] void push_large(SimTime time, std::uint64_t seq, std::uint32_t kind,
                                    std::uint32_t target, std::uint64_t arg) {
    if (!large_) {
      calendar_.assign(heap_.items());
      heap_.clear();
      large_ = true;
    }
    const Event e{time, seq, kind, target, arg};
    if (spilled_) {
      spill_.push(e);
      return count_spilled();
    }
    calendar_.push(e);
    if (calendar_.degraded()) [[unlikely]]
      spill();
  }

  /// Drains the calendar back into the heap before the pop that would leave fewer than kToHeap
  /// events, so the calendar never halves its days just before emptying. In (time, seq) order
  /// each heap push is O(1) and the result is a valid heap.
  [[gnu::noinline]] Event pop_large() {
    if (spilled_) {
      if (spill_.size() > kToHeap) {
        const Event e = spill_.pop();
        count_spilled();
        return e;
      }
      while (!spill_.empty()) heap_.push(spill_.pop());
      large_ = spilled_ = false;
      return heap_.pop();
    }
    if (calendar_.size() > kToHeap) {
      const Event e = calendar_.pop();
      if (calendar_.degraded()) [[unlikely]]
        spill();
      return e;
    }
    calendar_.drain([this](const Event& e) { heap_.push(e); });
    large_ = false;
    return heap_.pop();
  }

  /// Moves a degraded calendar's events into the large heap for a while.
  [[gnu::cold, gnu::noinline]] void spill() {
    calendar_.drain([this](const Event& e) { spill_.push(e); });
    spilled_ = true;
    retry_after_ = retry_after_ == 0 ? 16 * spill_.size() : 2 * retry_after_;
    spilled_ops_ = 0;
  }

  /// Counts an operation on the large heap; after retry_after_ of them, tries the calendar again.
  void count_spilled() {
    if (++spilled_ops_ < retry_after_) return;
    calendar_.assign(spill_.items());
    spill_.clear();
    spilled_ = false;
  }

  BoundedDaryHeap<4, kToCalendar> heap_;
  bool large_ = false;    ///< the events are in the calendar or the large heap
  bool spilled_ = false;  ///< ... in the large heap
  CalendarQueue calendar_;
  DaryHeap<4> spill_;
  std::size_t retry_after_ = 0, spilled_ops_ = 0;
};

/// The engine's event list. Thresholds from the crossover table of bench_event_lists (figures in
/// docs/design.md, "Event list"): the engine's calendar path overtakes its heap path at about 45
/// pending events for exponential delays and for mass ties, and at 90-250 (it varies between
/// runs) for a mix with 10% long timers. Of the pairs evaluated on that table, moving up past 96
/// and back below 32 keeps every steady size within 1.35x of the faster path on all three
/// (64/32: 1.30x but a narrower band; 128/32: 1.8x, mass ties at 128). 97 events start the
/// calendar with 64 days, which it keeps down to 32 events, so it neither grows nor shrinks
/// within the band; and a move up and the move back are at least 65 operations apart, so a size
/// that oscillates around the band pays for few O(n log n) moves.
using EventQueue = BasicEventQueue<96, 32>;

}  // namespace headroom
