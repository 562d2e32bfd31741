#pragma once
/// A calendar queue (R. Brown, CACM 31(10), 1988) of events: the event list for large pending
/// sets (see event_queue.hpp).
///
/// Buckets are "days" of a power-of-two width (so a bucket index is a shift and a mask, not a
/// division); each day is a singly linked list kept sorted by (time, seq), so pops are exact even
/// for simultaneous events. A day also keeps its tail: new events usually run after everything
/// already in their day (seq only grows), so a push is O(1) even when thousands of events share
/// one time, where a walk from the head would be O(n). Nodes live in a pool addressed by 32-bit
/// index: no allocation per push once warm, and a resize relinks nodes without copying them.
///
/// The current day always holds the earliest event at its head: a pop scans ahead to the next
/// due day right away instead of at the next pop, so top() is O(1) and a top() + pop() pair scans
/// once. A push before the current day moves it back. The rare work (resizes, the search of a
/// whole year) is out of line, which keeps push and pop small enough to inline.
///
/// Resizing follows Brown: double the days when size > 2 * days, halve them when size < days / 2,
/// and fit the width to the mean separation of the earliest events. Brown's queue never resizes
/// while its size is steady, so a shift in the time distribution (a burst of short events
/// draining into a queue of 30 s timers, say) would leave it scanning empty days forever; as in
/// the dynamic calendar queue (Oh & Ahn 1999) we also refit the width when the mean work per
/// operation over a window of operations gets too high.
///
/// That refit alone is not enough (issue 16): Brown's width comes from the separations of the 25
/// earliest events, and when events come in tight clusters far apart (12,000 users at a 20 ns
/// think time behind a 40 ms round trip) those 25 are one cluster, so the width is 1 ns, a year
/// is a few microseconds, and every pop scans a whole year of empty days and then every day: 100k
/// events took 24 s. So a refit forced by cost widens the sample to a quarter of the pending
/// events and takes their plain mean separation (no outlier filter: the gaps between clusters are
/// the point), or halves the width when walks along a day, not empty days, were the cost. The
/// window is cut short as soon as its work passes its budget, so no window does much more than
/// its budget of work; and when a refit does not help either (two costly windows in a row) the
/// queue says so (degraded()), and its owner moves the events to a heap (event_queue.hpp).
#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "headroom/engine/event.hpp"

namespace headroom {

/// Calendar min-queue ordered by (time, seq). Times must stay well below INT64_MAX.
class CalendarQueue {
 public:
  CalendarQueue() : days_(kMinDays) { set_thresholds(); }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  /// The earliest event, in O(1). Precondition: !empty().
  const Event& top() const { return pool_[days_[cur_].head].event; }
  /// True once a refit forced by cost was followed by another costly window: this distribution
  /// of times defeats the calendar. Cleared by clear() and assign().
  bool degraded() const { return degraded_; }
  /// Work done since construction: days scanned, nodes walked past and nodes relinked. A
  /// deterministic measure of the queue's cost, for tests and benchmarks.
  std::uint64_t work() const { return work_ + cost_ + walked_; }
  void reserve(std::size_t n) { pool_.reserve(n); }

  /// Removes every event; keeps the memory and the day width.
  void clear() {
    pool_.clear();
    days_.assign(kMinDays, Day{});
    mask_ = kMinDays - 1;
    free_ = kNil;
    size_ = 0;
    cur_ = 0;
    degraded_ = false;
    costly_windows_ = 0;
    set_thresholds();
  }

  /// Replaces the contents with `events` (any order) in one O(n log n) build, with the days and
  /// width a queue of that size would have.
  void assign(std::span<const Event> events) {
    clear();
    std::vector<std::uint32_t> live(events.size());
    for (std::size_t j = 0; j < events.size(); ++j) {
      live[j] = static_cast<std::uint32_t>(j);
      pool_.push_back(Node{events[j], kNil});
    }
    size_ = events.size();
    rebuild(live, std::max(kMinDays, std::bit_floor(size_)));
  }

  /// Calls `sink(event)` for every event in (time, seq) order, then clears the queue.
  template <class Sink>
  void drain(Sink&& sink) {
    std::vector<std::uint32_t> live = live_nodes();
    sort_nodes(live);
    for (std::uint32_t n : live) sink(pool_[n].event);
    clear();
  }

  void push(const Event& e) {
    std::uint32_t n = free_;
    if (n != kNil) {
      free_ = pool_[n].next;
      pool_[n].event = e;
    } else {
      n = static_cast<std::uint32_t>(pool_.size());
      pool_.push_back(Node{e, kNil});
    }
    walked_ += link(n);
    // An event before the current day is the new earliest one (every pending event is in or
    // after the current day); so is the first event of an empty queue.
    if (size_ == 0 || e.time < day_end_ - width()) seek(e.time);
    ++size_;
    if (size_ > grow_at_)
      resize(days_.size() * 2);
    else
      count_op();
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  Event pop() {
    const std::uint32_t n = days_[cur_].head;
    const Event out = pool_[n].event;
    days_[cur_].head = pool_[n].next;  // a stale tail is harmless: link() checks head first
    pool_[n].next = free_;
    free_ = n;
    --size_;
    if (size_ < shrink_at_) {
      resize(days_.size() / 2);
    } else {
      if (size_ != 0) advance();
      count_op();
    }
    return out;
  }

 private:
  static constexpr std::uint32_t kNil = UINT32_MAX;
  static constexpr std::size_t kMinDays = 2;
  static constexpr std::size_t kSample = 25;         ///< Brown's sample of earliest events
  static constexpr std::uint64_t kMaxCostPerOp = 8;  ///< refit the width above this

  struct Node {
    Event event;
    std::uint32_t next;  ///< next in its day, or next free node
  };
  struct Day {
    std::uint32_t head = kNil;
    std::uint32_t tail = kNil;  ///< valid only while head != kNil
  };

  SimTime width() const { return SimTime{1} << shift_; }
  std::size_t day_of(SimTime t) const { return static_cast<std::size_t>(t >> shift_) & mask_; }

  /// Makes the day holding `t` the current one.
  void seek(SimTime t) {
    cur_ = day_of(t);
    day_end_ = ((t >> shift_) + 1) << shift_;
  }

  /// Moves the current day forward to the one holding the earliest event. Precondition: !empty().
  void advance() {
    std::size_t i = cur_;
    SimTime end = day_end_;
    std::uint64_t steps = 0;
    // Walk the days of the year from the current one; a day's head is due if it falls before
    // the end of that day (later heads belong to a later year).
    while (days_[i].head == kNil || pool_[days_[i].head].event.time >= end) {
      if (++steps == days_.size()) {
        // A whole year without a due event: jump straight to the minimum. The year is too short
        // for the time spread, so charge enough that frequent jumps trigger a new width.
        cost_ += steps + days_.size() + 2 * kMaxCostPerOp;
        seek(earliest());
        return;
      }
      i = (i + 1) & mask_;
      end += width();
    }
    cost_ += steps;
    cur_ = i;
    day_end_ = end;
  }

  /// Inserts node `n` into its day in (time, seq) order; returns the nodes walked past.
  std::uint64_t link(std::uint32_t n) {
    Day& d = days_[day_of(pool_[n].event.time)];
    pool_[n].next = kNil;
    if (d.head == kNil) {
      d.head = d.tail = n;
      return 0;
    }
    if (!runs_before(pool_[n].event, pool_[d.tail].event)) {
      pool_[d.tail].next = n;
      d.tail = n;
      return 0;
    }
    // Goes before the tail, so the walk stops before the end and the tail stays.
    std::uint32_t* p = &d.head;
    std::uint64_t steps = 0;
    while (runs_before(pool_[*p].event, pool_[n].event)) {
      p = &pool_[*p].next;
      ++steps;
    }
    pool_[n].next = *p;
    *p = n;
    return steps;
  }

  /// Time of the earliest pending event, by a direct search of every day's head.
  [[gnu::cold, gnu::noinline]] SimTime earliest() const {
    const Event* best = nullptr;
    for (const Day& d : days_)
      if (d.head != kNil && (best == nullptr || runs_before(pool_[d.head].event, *best)))
        best = &pool_[d.head].event;
    return best->time;
  }

  /// The pending nodes, in no particular order.
  std::vector<std::uint32_t> live_nodes() const {
    std::vector<std::uint32_t> live;
    live.reserve(size_);
    for (const Day& d : days_)
      for (std::uint32_t n = d.head; n != kNil; n = pool_[n].next) live.push_back(n);
    return live;
  }

  void sort_nodes(std::vector<std::uint32_t>& nodes) const {
    std::sort(nodes.begin(), nodes.end(), [this](std::uint32_t a, std::uint32_t b) {
      return runs_before(pool_[a].event, pool_[b].event);
    });
  }

  /// Counts one operation; once per window, or as soon as the window's work passes its budget,
  /// refits the width if operations cost too much.
  void count_op() {
    if (++ops_ < check_every_ && cost_ + walked_ <= budget_) return;
    if (cost_ + walked_ > kMaxCostPerOp * ops_) {
      degraded_ = ++costly_windows_ >= 2;
      refit_for_cost();
    } else {
      costly_windows_ = 0;
      work_ += cost_ + walked_;
      ops_ = cost_ = walked_ = 0;
    }
  }

  /// A refit forced by cost: a wider sample when empty days were the cost, a narrower day when
  /// walks along days were.
  [[gnu::cold, gnu::noinline]] void refit_for_cost() {
    std::vector<std::uint32_t> live = live_nodes();
    const bool walks = walked_ > cost_;
    sort_nodes(live);
    const int shift = walks ? std::max(0, shift_ - 1) : std::max(shift_, spread_shift(live));
    relink(live, days_.size(), shift);
  }

  /// Rebuilds the calendar with `days` days and a width fitted to the earliest events.
  [[gnu::cold, gnu::noinline]] void resize(std::size_t days) {
    std::vector<std::uint32_t> live = live_nodes();
    rebuild(live, days);
  }

  /// Links the nodes `live` (and only those) into `days` days of a freshly fitted width.
  void rebuild(std::vector<std::uint32_t>& live, std::size_t days) {
    sort_nodes(live);
    relink(live, days, fit_shift(live));
  }

  /// Links the sorted nodes `live` into `days` days of width 2^shift.
  void relink(const std::vector<std::uint32_t>& live, std::size_t days, int shift) {
    // Relinking in order makes every link an O(1) append, whatever the new width.
    work_ += cost_ + walked_ + live.size() + days;
    shift_ = shift;
    days_.assign(days, Day{});
    mask_ = days - 1;
    set_thresholds();
    for (std::uint32_t n : live) link(n);
    if (!live.empty()) seek(pool_[live.front()].event.time);
  }

  /// Brown's width: three times the mean separation of the earliest events, ignoring
  /// separations above twice the first mean; rounded down to a power of two. `sorted` holds the
  /// pending nodes in (time, seq) order.
  int fit_shift(const std::vector<std::uint32_t>& sorted) const {
    const std::size_t k = std::min(sorted.size(), kSample);
    if (k < 2) return shift_;
    const auto t = [&](std::size_t j) { return pool_[sorted[j]].event.time; };
    const double mean = static_cast<double>(t(k - 1) - t(0)) / static_cast<double>(k - 1);
    double sum = 0;
    std::size_t count = 0;
    for (std::size_t j = 1; j < k; ++j) {
      const auto sep = static_cast<double>(t(j) - t(j - 1));
      if (sep <= 2 * mean) {
        sum += sep;
        ++count;
      }
    }
    const auto w = static_cast<std::uint64_t>(3 * sum / static_cast<double>(count));
    return w < 2 ? 0 : std::bit_width(w) - 1;
  }

  /// Three times the plain mean separation of the earliest quarter of the pending events (at
  /// least Brown's 25), rounded down to a power of two. `sorted` as for fit_shift.
  int spread_shift(const std::vector<std::uint32_t>& sorted) const {
    const std::size_t k = std::min(sorted.size(), std::max(kSample, sorted.size() / 4));
    if (k < 2) return shift_;
    const SimTime span = pool_[sorted[k - 1]].event.time - pool_[sorted[0]].event.time;
    const auto w = static_cast<std::uint64_t>(3 * span) / (k - 1);
    return w < 2 ? 0 : std::bit_width(w) - 1;
  }

  void set_thresholds() {
    const std::size_t d = days_.size();
    grow_at_ = 2 * d;
    shrink_at_ = d > kMinDays ? d / 2 : 0;
    // A resize costs O(size log size + days); checking no more often than every ~size
    // operations keeps its amortized cost per operation small.
    check_every_ = std::max<std::size_t>(2 * d, 256);
    budget_ = kMaxCostPerOp * check_every_;
    ops_ = cost_ = walked_ = 0;
  }

  std::vector<Node> pool_;
  std::vector<Day> days_;
  std::uint32_t free_ = kNil;
  std::size_t size_ = 0;
  std::size_t mask_ = kMinDays - 1;
  int shift_ = 0;        ///< log2 of the day width in ns
  std::size_t cur_ = 0;  ///< current day: the one whose head is the earliest event
  SimTime day_end_ = 1;  ///< exclusive end of the current day
  std::size_t grow_at_ = 0, shrink_at_ = 0, check_every_ = 0;
  std::uint64_t budget_ = 0;  ///< work after which a window ends early
  std::uint64_t ops_ = 0, cost_ = 0, walked_ = 0;  ///< this window: operations, days scanned, nodes walked
  std::uint64_t work_ = 0;      ///< work of the windows before this one
  int costly_windows_ = 0;      ///< costly windows in a row
  bool degraded_ = false;
};

}  // namespace headroom
