/// bench_event_lists: picks the engine's event list by measurement.
///
/// Times the classic "hold" model (pop the earliest event, push one at now + increment) on the
/// engine's EventQueue (a 4-ary heap that moves to a calendar queue when large), on a 4-ary heap
/// and a calendar queue alone, and on benchmark-only alternatives: binary and 8-ary heaps,
/// std::priority_queue and a pooled pairing heap. Every structure is first checked against
/// std::priority_queue on 1M random mixed operations, and every timed run must pop the same
/// events (same checksum), so the figures compare correct structures only. A second table sweeps
/// the size across the crossover of the heap and the calendar queue, timing each both alone and
/// as EventQueue runs it; that crossover sets EventQueue's thresholds.
///
/// Usage: bench_event_lists [scale [holds|crossover]]
///   scale multiplies the hold counts (default 1); by default both tables are printed.
#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <queue>
#include <string>
#include <utility>
#include <vector>

#include "event_lists/pairing_heap.hpp"
#include "headroom/engine/calendar_queue.hpp"
#include "headroom/engine/dary_heap.hpp"
#include "headroom/engine/event_queue.hpp"

namespace {

using headroom::CalendarQueue;
using headroom::DaryHeap;
using headroom::Duration;
using headroom::Event;
using headroom::EventQueue;
using headroom::SimTime;

/// splitmix64 (Steele et al. 2014): tiny, fast and the same on every platform, unlike the
/// std:: distributions.
class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Exponential with the given mean, in whole ns.
  Duration exponential(Duration mean) {
    return static_cast<Duration>(-static_cast<double>(mean) * std::log1p(-uniform()));
  }

 private:
  std::uint64_t state_;
};

/// std::priority_queue baseline (a binary heap behind the standard interface).
class StdPriorityQueue {
 public:
  bool empty() const { return q_.empty(); }
  std::size_t size() const { return q_.size(); }
  void reserve(std::size_t n) {
    std::vector<Event> v;
    v.reserve(n);
    q_ = Queue(Later{}, std::move(v));
  }
  void push(const Event& e) { q_.push(e); }
  Event pop() {
    const Event e = q_.top();
    q_.pop();
    return e;
  }

 private:
  struct Later {
    bool operator()(const Event& a, const Event& b) const { return headroom::runs_before(b, a); }
  };
  using Queue = std::priority_queue<Event, std::vector<Event>, Later>;
  Queue q_;
};

[[noreturn]] void fail(const std::string& msg) {
  fmt::print(stderr, "bench_event_lists: {}\n", msg);
  std::abort();
}

bool same(const Event& a, const Event& b) {
  return a.time == b.time && a.seq == b.seq && a.kind == b.kind && a.target == b.target &&
         a.arg == b.arg;
}

/// Replays 1M random pushes and pops on `Q` and on std::priority_queue and aborts unless
/// every pop and size agree. Phases of mostly-push and mostly-pop drive the size from empty to
/// ~100k and back (exercising resizes); times include many exact ties, spans from 1 ns to hours,
/// and pushes earlier than the last pop, which the engine never does but a list must survive.
template <class Q>
void verify(const char* name) {
  SplitMix64 rng(42);
  StdPriorityQueue ref;
  Q q;
  SimTime now = 0;
  std::uint64_t seq = 0;
  double push_p = 0.5;
  constexpr std::array kPushP = {0.2, 0.5, 0.51, 0.8, 0.95};
  for (int op = 0; op < 1'000'000; ++op) {
    if (op % 50'000 == 0) push_p = kPushP[rng.next() % kPushP.size()];
    if (ref.empty() || rng.uniform() < push_p) {
      const std::uint64_t r = rng.next();
      const std::uint64_t mode = r % 8;
      SimTime t = now;
      if (mode < 3)  // ties
        t += static_cast<SimTime>(r >> 62);
      else if (mode == 3)  // the past
        t -= static_cast<SimTime>((r >> 8) % 1'000'000);
      else if (mode == 4)  // timers
        t += 30 * headroom::kSecond + static_cast<SimTime>(r >> 34);
      else  // any scale from 1 ns to ~20 min
        t += static_cast<SimTime>((r >> 24) >> (r >> 3) % 40);
      const Event e{t, seq++, static_cast<std::uint32_t>(r), static_cast<std::uint32_t>(r >> 32),
                    r};
      ref.push(e);
      q.push(e);
    } else {
      const Event want = ref.pop();
      const Event got = q.pop();
      if (!same(want, got))
        fail(fmt::format("{}: op {}: popped (t={}, seq={}), want (t={}, seq={})", name, op,
                         got.time, got.seq, want.time, want.seq));
      now = want.time;
    }
    if (q.size() != ref.size() || q.empty() != ref.empty())
      fail(fmt::format("{}: op {}: size {}, want {}", name, op, q.size(), ref.size()));
  }
  while (!ref.empty())
    if (!same(ref.pop(), q.pop())) fail(fmt::format("{}: mismatch while draining", name));
  if (!q.empty()) fail(fmt::format("{}: not empty after draining", name));
}

/// One hold-model workload: `size` pending events and the increment distribution. With a `peak`,
/// the size instead sweeps from `size` up to `peak` and back, over and over: each hold then
/// also pushes one more event (going up) or pops one more (going down).
struct Workload {
  std::string name;
  std::size_t size;
  std::size_t holds;
  enum Mix {
    kExponential,  ///< exp(1 ms)
    kBimodal,      ///< 90% exp(1 ms), 10% timers of 30 s +- 1 s uniform
    kConstant,     ///< exactly 1 ms: periodic sources, thousands of events share each time
  } mix;
  std::size_t peak = 0;
};

/// Increments are drawn up front, so the log() and RNG stay out of the timed loop; the ring is
/// read sequentially, which the prefetcher hides, and is long enough not to matter as a period.
constexpr std::size_t kRing = std::size_t{1} << 20;

std::vector<Duration> make_increments(Workload::Mix mix) {
  SplitMix64 rng(7);
  std::vector<Duration> inc(kRing);
  for (Duration& d : inc) {
    if (mix == Workload::kConstant)
      d = headroom::kMillisecond;
    else if (mix == Workload::kBimodal && rng.next() % 10 == 0)
      d = 29 * headroom::kSecond + static_cast<Duration>(rng.next() % (2 * headroom::kSecond));
    else
      d = rng.exponential(headroom::kMillisecond);
  }
  return inc;
}

/// CPU time of this thread: steadier than wall time when other work shares the machine.
double cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

struct Timing {
  double ns_per_hold;
  std::uint64_t checksum;
};

/// Fills a fresh `Q` to the workload's size, warms it up (untimed) so that the times reach their
/// steady-state spread, then times the holds.
template <class Q>
Timing run_hold(const Workload& w, const std::vector<Duration>& inc) {
  Q q;
  q.reserve(std::max(w.size, w.peak) + 1);
  std::uint64_t seq = 0;
  std::size_t k = 0;
  for (std::size_t i = 0; i < w.size; ++i)
    q.push(Event{inc[k++ & (kRing - 1)], seq, 0, static_cast<std::uint32_t>(i), seq++});
  bool up = true;
  auto hold = [&](std::size_t n) {
    std::uint64_t sum = 0;
    for (std::size_t i = 0; i < n; ++i) {
      Event e = q.pop();
      sum = sum * 31 + static_cast<std::uint64_t>(e.time) + e.seq;
      if (w.peak != 0) {
        if (q.size() + 1 >= w.peak) up = false;
        if (q.size() + 1 <= w.size) up = true;
        if (up) {
          q.push(Event{e.time + inc[k++ & (kRing - 1)], seq, 0, 0, seq++});
        } else {
          const Event f = q.pop();
          sum = sum * 31 + static_cast<std::uint64_t>(f.time) + f.seq;
        }
      }
      e.time += inc[k++ & (kRing - 1)];
      e.seq = seq++;
      q.push(e);
    }
    return sum;
  };
  hold(std::max<std::size_t>(2 * std::max(w.size, w.peak), 1'000'000));
  const double start = cpu_ns();
  const std::uint64_t sum = hold(w.holds);
  return {(cpu_ns() - start) / static_cast<double>(w.holds), sum};
}

/// A structure under test: its name and its hold runner.
struct Contender {
  const char* name;
  void (*verify)(const char*);
  Timing (*run)(const Workload&, const std::vector<Duration>&);
};

template <class Q>
constexpr Contender contender(const char* name) {
  return {name, &verify<Q>, &run_hold<Q>};
}

constexpr int kRepetitions = 3;

/// ns/hold of every contender on every workload, best of kRepetitions; aborts unless all
/// contenders pop the same events. The repetitions take turns, so that a burst of other load on
/// the machine hits every contender alike.
template <std::size_t N>
std::vector<std::array<double, N>> measure(const std::array<Contender, N>& contenders,
                                           const std::vector<Workload>& workloads) {
  std::vector<std::array<double, N>> best(workloads.size());
  for (std::size_t w = 0; w < workloads.size(); ++w) {
    const std::vector<Duration> inc = make_increments(workloads[w].mix);
    std::uint64_t want = 0;
    best[w].fill(INFINITY);
    for (int r = 0; r < kRepetitions; ++r) {
      for (std::size_t c = 0; c < N; ++c) {
        const Timing t = contenders[c].run(workloads[w], inc);
        if (c == 0 && r == 0) want = t.checksum;
        if (t.checksum != want)
          fail(fmt::format("{}: wrong pop order on {}", contenders[c].name, workloads[w].name));
        best[w][c] = std::min(best[w][c], t.ns_per_hold);
      }
    }
  }
  return best;
}

/// Prints one row per workload; '*' marks the fastest.
template <std::size_t N>
void print_table(const char* title, const std::array<Contender, N>& contenders,
                 const std::vector<Workload>& workloads,
                 const std::vector<std::array<double, N>>& best,
                 const std::function<double(double)>& value) {
  fmt::print("{}\n{:<30} {:>9} {:>6}", title, "workload", "size", "holds");
  for (const Contender& c : contenders) fmt::print(" {:>15}", c.name);
  fmt::print("\n");
  for (std::size_t w = 0; w < workloads.size(); ++w) {
    const Workload& wl = workloads[w];
    const std::string size =
        wl.peak == 0 ? fmt::format("{}", wl.size) : fmt::format("{}-{}", wl.size, wl.peak);
    fmt::print("{:<30} {:>9} {:>5.0f}M", wl.name, size, static_cast<double>(wl.holds) / 1e6);
    const auto fastest = std::min_element(best[w].begin(), best[w].end()) - best[w].begin();
    for (std::size_t c = 0; c < N; ++c)
      fmt::print(" {:>14.2f}{}", value(best[w][c]),
                 static_cast<std::ptrdiff_t>(c) == fastest ? '*' : ' ');
    fmt::print("\n");
  }
  fmt::print("\n");
}

}  // namespace

int main(int argc, char** argv) {
  const double scale = argc > 1 ? std::atof(argv[1]) : 1.0;
  if (!(scale > 0)) fail("scale must be a positive number");
  const std::string only = argc > 2 ? argv[2] : "";
  if (!only.empty() && only != "holds" && only != "crossover")
    fail("the table must be 'holds' or 'crossover'");
  const std::array contenders = {
      contender<EventQueue>("hybrid (engine)"),
      contender<DaryHeap<4>>("4-ary"),
      contender<CalendarQueue>("calendar"),
      contender<DaryHeap<2>>("binary"),
      contender<DaryHeap<8>>("8-ary"),
      contender<StdPriorityQueue>("std::pq"),
      contender<headroom::bench::PairingHeap>("pairing"),
  };
  const auto holds = [scale](double n) { return static_cast<std::size_t>(n * scale); };
  // Just outside both of EventQueue's thresholds: a move to the calendar and back every ~200
  // holds, its worst case.
  const std::size_t lo = EventQueue::kToHeap - 2, hi = EventQueue::kToCalendar + 2;
  const std::vector<Workload> workloads = {
      {"M/M/1-like, exp 1 ms", 3, holds(20e6), Workload::kExponential},
      {"exp 1 ms", 100, holds(20e6), Workload::kExponential},
      {"exp 1 ms", 10'000, holds(20e6), Workload::kExponential},
      {"90% exp 1 ms + 10% 30 s", 10'000, holds(20e6), Workload::kBimodal},
      {"exp 1 ms", 1'000'000, holds(5e6), Workload::kExponential},
      {"constant 1 ms (mass ties)", 10'000, holds(20e6), Workload::kConstant},
      {"exp 1 ms, sawtooth", 8, holds(20e6), Workload::kExponential, 1024},
      {"exp 1 ms, sawtooth", lo, holds(20e6), Workload::kExponential, hi},
  };

  for (const Contender& c : contenders) c.verify(c.name);
  verify<headroom::BasicEventQueue<2048, 0>>("engine heap");
  verify<headroom::BasicEventQueue<0, 0>>("engine calendar");
  fmt::print("verified {} event lists against std::priority_queue on 1M random operations\n\n",
             contenders.size() + 2);

  if (only != "crossover") {
    const auto best = measure(contenders, workloads);
    print_table("ns per hold (best of 3; * = fastest; sawtooth: a hold plus one push or pop)",
                contenders, workloads, best, [](double ns) { return ns; });
    print_table("M holds per second", contenders, workloads, best,
                [](double ns) { return 1e3 / ns; });
  }
  if (only == "holds") return 0;

  // The crossover of the heap and the calendar queue, which sets EventQueue's thresholds: each
  // timed as EventQueue runs it (its heap path inline, its calendar path a call), and alone.
  // Filled from empty, EventQueue is a heap up to kToCalendar events and a calendar queue above.
  const std::array parts = {
      contenders[0],
      contender<headroom::BasicEventQueue<2048, 0>>("engine heap"),
      contender<headroom::BasicEventQueue<0, 0>>("engine calendar"),
      contenders[1],
      contenders[2],
  };
  std::vector<Workload> sweep;
  for (const Workload::Mix mix : {Workload::kExponential, Workload::kBimodal, Workload::kConstant})
    for (const std::size_t size : {8, 16, 24, 32, 48, 64, 96, 128, 192, 256, 512, 1024})
      sweep.push_back({mix == Workload::kExponential ? "exp 1 ms"
                       : mix == Workload::kBimodal   ? "90% exp 1 ms + 10% 30 s"
                                                     : "constant 1 ms (mass ties)",
                       size, holds(5e6), mix});
  print_table("crossover: ns per hold (best of 3; * = fastest)", parts, sweep,
              measure(parts, sweep), [](double ns) { return ns; });
  return 0;
}
