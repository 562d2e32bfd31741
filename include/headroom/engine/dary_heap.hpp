#pragma once
/// Implicit d-ary min-heaps of events, ordered by (time, seq): the event list for small pending
/// sets. The engine uses a 4-ary one of bounded size (see event_queue.hpp); bench_event_lists
/// compares other arities.
#include <array>
#include <cstddef>
#include <span>
#include <vector>

#include "headroom/engine/event.hpp"

namespace headroom {

/// The heap algorithms on a plain array, shared by the growable and the bounded heap.
template <std::size_t Arity>
struct DaryHeapOps {
  /// Adds `e` to the heap a[0, n); a[n] must be writable. O(log n); O(1) when `e` runs after its
  /// parent, e.g. for events pushed in (time, seq) order.
  static void push(Event* a, std::size_t n, const Event& e) {
    std::size_t i = n;
    while (i > 0) {
      const std::size_t parent = (i - 1) / Arity;
      if (!runs_before(e, a[parent])) break;
      a[i] = a[parent];
      i = parent;
    }
    a[i] = e;
  }

  /// Removes the earliest event from the heap a[0, n), leaving a[0, n - 1). Precondition: n > 0.
  static Event pop(Event* a, std::size_t n) {
    const Event out = a[0];
    const Event last = a[--n];
    if (n == 0) return out;
    std::size_t i = 0;
    for (;;) {
      const std::size_t first = i * Arity + 1;
      if (first >= n) break;
      std::size_t best = first;
      const std::size_t end = first + Arity < n ? first + Arity : n;
      for (std::size_t c = first + 1; c < end; ++c)
        if (runs_before(a[c], a[best])) best = c;
      if (!runs_before(a[best], last)) break;
      a[i] = a[best];
      i = best;
    }
    a[i] = last;
    return out;
  }
};

/// Implicit `Arity`-ary min-heap of any size.
template <std::size_t Arity>
class DaryHeap {
 public:
  bool empty() const { return heap_.empty(); }
  std::size_t size() const { return heap_.size(); }
  /// The earliest event. Precondition: !empty().
  const Event& top() const { return heap_.front(); }
  void reserve(std::size_t n) { heap_.reserve(n); }
  void clear() { heap_.clear(); }
  /// The events, in heap order.
  std::span<const Event> items() const { return {heap_.data(), heap_.size()}; }

  void push(const Event& e) {
    heap_.push_back(e);
    DaryHeapOps<Arity>::push(heap_.data(), heap_.size() - 1, e);
  }
  /// Removes and returns the earliest event. Precondition: !empty().
  Event pop() {
    const Event out = DaryHeapOps<Arity>::pop(heap_.data(), heap_.size());
    heap_.pop_back();
    return out;
  }

 private:
  std::vector<Event> heap_;
};

/// Implicit `Arity`-ary min-heap of at most `Capacity` events, stored inline: no allocation and
/// no capacity check, so its push and pop are the smallest code to inline.
template <std::size_t Arity, std::size_t Capacity>
class BoundedDaryHeap {
 public:
  static constexpr std::size_t kCapacity = Capacity;

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  /// The earliest event. Precondition: !empty().
  const Event& top() const { return heap_[0]; }
  /// Every event, in heap (not time) order.
  std::span<const Event> items() const { return {heap_.data(), size_}; }
  void clear() { size_ = 0; }

  /// Precondition: size() < Capacity.
  void push(const Event& e) { DaryHeapOps<Arity>::push(heap_.data(), size_++, e); }
  /// Removes and returns the earliest event. Precondition: !empty().
  Event pop() { return DaryHeapOps<Arity>::pop(heap_.data(), size_--); }

 private:
  std::array<Event, Capacity> heap_;
  std::size_t size_ = 0;
};

}  // namespace headroom
