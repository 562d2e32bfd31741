#include <doctest/doctest.h>

#include "headroom/core/random.hpp"
#include "headroom/engine/engine.hpp"

using namespace headroom;

TEST_CASE("event queue: events pop in time order and simultaneous events in scheduling order") {
  Engine engine;
  engine.schedule_at(30, 1, 0, 0);
  engine.schedule_at(10, 2, 0, 0);
  engine.schedule_at(10, 3, 0, 0);
  engine.schedule_at(20, 4, 0, 0);
  engine.schedule_at(10, 5, 0, 0);
  std::vector<std::uint32_t> order;
  Event e;
  while (engine.next(kNever, e)) order.push_back(e.kind);
  CHECK(order == std::vector<std::uint32_t>{2, 3, 5, 4, 1});
  CHECK(engine.now() == 30);
}

TEST_CASE("event queue: a random mix of pushes and pops always yields the (time, seq) minimum") {
  EventQueue q;
  Rng rng(1);
  std::uint64_t seq = 0;
  Event last{};
  bool have_last = false;
  SimTime now = 0;
  for (int i = 0; i < 200'000; ++i) {
    if (q.empty() || rng.below(3) != 0) {
      q.push(Event{now + static_cast<SimTime>(rng.below(1000)), seq++, 0, 0, 0});
    } else {
      const Event e = q.pop();
      if (have_last) REQUIRE_FALSE(runs_before(e, last));
      last = e;
      have_last = true;
      now = e.time;
    }
  }
}

TEST_CASE("engine: next() stops at the horizon and leaves later events pending") {
  Engine engine;
  engine.schedule_at(5, 1, 0, 0);
  engine.schedule_at(15, 2, 0, 0);
  Event e;
  CHECK(engine.next(10, e));
  CHECK_FALSE(engine.next(10, e));
  CHECK(engine.pending() == 1);
}
