#pragma once
/// Benchmark-only: a pairing heap (Fredman et al. 1986) of events with two-pass pops. Nodes come
/// from a pool addressed by 32-bit index, so a push allocates nothing once the pool is warm and a
/// node is 40 bytes instead of 32 + two pointers.
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "headroom/engine/event.hpp"

namespace headroom::bench {

/// Pairing min-heap ordered by (time, seq).
class PairingHeap {
 public:
  bool empty() const { return root_ == kNil; }
  std::size_t size() const { return size_; }
  void reserve(std::size_t n) { pool_.reserve(n); }

  void push(const Event& e) {
    std::uint32_t n = free_;
    if (n != kNil) {
      free_ = pool_[n].sibling;
      pool_[n] = Node{e, kNil, kNil};
    } else {
      n = static_cast<std::uint32_t>(pool_.size());
      pool_.push_back(Node{e, kNil, kNil});
    }
    root_ = root_ == kNil ? n : meld(root_, n);
    ++size_;
  }

  /// Removes and returns the earliest event. Precondition: !empty().
  Event pop() {
    const std::uint32_t old = root_;
    const Event out = pool_[old].event;
    root_ = merge_pairs(pool_[old].child);
    pool_[old].sibling = free_;
    free_ = old;
    --size_;
    return out;
  }

 private:
  static constexpr std::uint32_t kNil = UINT32_MAX;
  struct Node {
    Event event;
    std::uint32_t child;    ///< first child, or kNil
    std::uint32_t sibling;  ///< next sibling; next free node while on the free list
  };

  /// Links two roots; the later becomes the first child of the earlier. Ignores their siblings.
  std::uint32_t meld(std::uint32_t a, std::uint32_t b) {
    if (runs_before(pool_[b].event, pool_[a].event)) std::swap(a, b);
    pool_[b].sibling = pool_[a].child;
    pool_[a].child = b;
    return a;
  }

  /// Standard two-pass merge of a sibling list: meld pairs left to right, then fold the results
  /// right to left. The first pass threads its results through `sibling` in reverse, so no
  /// scratch stack is needed.
  std::uint32_t merge_pairs(std::uint32_t first) {
    if (first == kNil) return kNil;
    std::uint32_t acc = kNil;
    while (first != kNil) {
      const std::uint32_t a = first;
      const std::uint32_t b = pool_[a].sibling;
      if (b == kNil) {
        pool_[a].sibling = acc;
        acc = a;
        break;
      }
      first = pool_[b].sibling;
      const std::uint32_t m = meld(a, b);
      pool_[m].sibling = acc;
      acc = m;
    }
    std::uint32_t root = acc;
    acc = pool_[acc].sibling;
    while (acc != kNil) {
      const std::uint32_t next = pool_[acc].sibling;
      root = meld(root, acc);
      acc = next;
    }
    pool_[root].sibling = kNil;
    return root;
  }

  std::vector<Node> pool_;
  std::uint32_t root_ = kNil;
  std::uint32_t free_ = kNil;
  std::size_t size_ = 0;
};

}  // namespace headroom::bench
