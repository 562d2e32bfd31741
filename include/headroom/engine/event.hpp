#pragma once
/// An event: what happens, when, and to what. 32 bytes, trivially copyable.
#include <cstdint>

#include "headroom/core/time.hpp"

namespace headroom {

/// A scheduled event. Simultaneous events run in the order they were scheduled (`seq`), which
/// makes every run deterministic without depending on the event list's internals.
struct Event {
  SimTime time = 0;
  std::uint64_t seq = 0;     ///< tie-breaker: schedule order
  std::uint32_t kind = 0;    ///< which handler runs it
  std::uint32_t target = 0;  ///< component, instance or other id, by kind
  std::uint64_t arg = 0;     ///< request id or other payload, by kind
};

/// Strict (time, seq) order: true when `a` runs before `b`.
inline bool runs_before(const Event& a, const Event& b) {
  return a.time < b.time || (a.time == b.time && a.seq < b.seq);
}

}  // namespace headroom
